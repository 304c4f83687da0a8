// The person's rights over their trusted assessment (issue 12, items 3 and 7), over HTTP against the
// real Worker and D1: the access log and its CSV, the subject access export, erasure down to the raw
// rows, retention in bounded batches and from the scheduled handler, and a failed erasure that logs
// nothing of the person and leaves the assessment whole.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index';
import { database } from '../../worker/db/client';
import { sealContext } from '../../worker/db/sealed';
import { KeyRing } from '../../worker/http/keys';
import { purgeExpiredAssessments, retentionCutoff } from '../../worker/assess/retention';
import { addPerson, completedAssessment, saveSection } from '../helpers/assess';
import { createStaff, csrfOf, signIn, type TestStaff } from '../helpers/staff';
import { Visitor } from '../helpers/visitor';

const OWN = 'st-mungos';
const SHARED = 'connection-support';
const OUTSIDE = 'a2dominion';
const MONTH = 31 * 86_400_000;

let assessor: TestStaff;
let asV: Visitor;
const others: Record<'own support worker' | 'shared assessor' | 'outside assessor', Visitor> = {} as never;

beforeAll(async () => {
  assessor = await createStaff('assessor', OWN);
  asV = await signIn(assessor);
  others['own support worker'] = await signIn(await createStaff('support-worker', OWN));
  others['shared assessor'] = await signIn(await createStaff('assessor', SHARED));
  others['outside assessor'] = await signIn(await createStaff('assessor', OUTSIDE));
});

async function accessLog(id: string) {
  return (await env.DB.prepare('SELECT actor, actor_organisation_id AS org, action, detail FROM assessment_access_log WHERE assessment_id = ? ORDER BY id').bind(id).all<{ actor: string; org: string | null; action: string; detail: string | null }>()).results;
}

async function referenceOf(id: string): Promise<string> {
  const row = await env.DB.prepare('SELECT p.reference AS r FROM people p JOIN assessments a ON a.person_id = p.id WHERE a.id = ?').bind(id).first<{ r: string }>();
  return row!.r;
}

async function statusOf(id: string) {
  return env.DB.prepare('SELECT status, deleted_reason AS reason, last_activity_at AS activity FROM assessments WHERE id = ?').bind(id).first<{ status: string; reason: string | null; activity: number }>();
}

describe('the access log', () => {
  let id: string;

  beforeAll(async () => {
    id = await completedAssessment(asV, 'Ada Logline', '1980-05-05', [SHARED]);
    expect((await others['shared assessor'].get(`/assess/${id}`)).status).toBe(200);
  });

  it('shows every line in plain words: when, who and where from, what, and section titles rather than ids', async () => {
    const res = await asV.get(`/assess/${id}/access-log`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Added the person and started the assessment');
    expect(page).toContain('Saved a section');
    expect(page).toContain('Strengths, goals and what matters to me');
    expect(page).toContain('Completed the assessment');
    expect(page).toContain('Given: Connection Support. Ended: none.');
    // The receiving organisation's read, with who and through which organisation.
    expect(page).toContain('Opened the assessment');
    expect(page).toContain('Connection Support');
    expect(page).toContain(`Test assessor`);
    expect(page).not.toMatch(/>strengths</);
    // Never what the person said.
    expect(page).not.toContain('Ada Logline');
    expect(page).not.toContain('kept a job at the market');
    expect(page).toContain(`/assess/${id}/access-log.csv`);
    expect((await accessLog(id)).at(-1)).toMatchObject({ actor: assessor.id, org: OWN, action: 'access-log-viewed' });
  });

  it('downloads as CSV with formulas made harmless, and the download is logged', async () => {
    // A staff name is the one thing in the log someone typed: make it look like a formula.
    const sneaky = await createStaff('support-worker', OWN);
    await env.DB.prepare('UPDATE users SET name = ? WHERE id = ?').bind('=HYPERLINK("http://evil.example","Click")', sneaky.id).run();
    expect((await (await signIn(sneaky)).get(`/assess/${id}`)).status).toBe(200);

    const res = await asV.get(`/assess/${id}/access-log.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="access-log-${await referenceOf(id)}.csv"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A byte order mark, so Excel reads it as UTF-8 (TextDecoder drops it when decoding).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('when (UK time),who,organisation,what,detail\r\n')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")",St Mungo's,Opened the assessment,Version 1`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(text).toMatch(/\r\n\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,Test assessor \d+,St Mungo's,Added the person and started the assessment,\r\n/);
    expect(text).toContain('Downloaded this access log,As a spreadsheet (CSV)');
    expect((await accessLog(id)).at(-1)).toMatchObject({ actor: assessor.id, org: OWN, action: 'access-log-exported', detail: 'csv' });
  });

  it('is for the assessing organisation’s assessors: 403 for other readers, 404 for everyone else', async () => {
    const before = (await accessLog(id)).length;
    for (const path of [`/assess/${id}/access-log`, `/assess/${id}/access-log.csv`]) {
      const shared = await others['shared assessor'].get(path);
      expect(shared.status, path).toBe(403);
      expect(await shared.text()).toContain('You do not have access to this page');
      expect((await others['own support worker'].get(path)).status, path).toBe(403);
      expect((await others['outside assessor'].get(path)).status, path).toBe(404);
    }
    expect((await accessLog(id)).length).toBe(before);
  });

  it('links from the assessment page for its assessors only', async () => {
    const own = await (await asV.get(`/assess/${id}`)).text();
    for (const link of ['access-log', 'export', 'erase']) expect(own).toContain(`href="/assess/${id}/${link}"`);
    const shared = await (await others['shared assessor'].get(`/assess/${id}`)).text();
    expect(shared).not.toContain(`/assess/${id}/access-log`);
    expect(shared).not.toContain(`/assess/${id}/erase`);
  });
});

describe('the subject access export', () => {
  let id: string;

  beforeAll(async () => {
    id = await completedAssessment(asV, 'Bea Export', '1977-07-17', [SHARED]);
    expect((await asV.post(`/assess/${id}/withdraw`, { csrf: await csrfOf(asV), organisation: SHARED })).status).toBe(303);
  });

  it('gives everything as JSON, with each question beside its answer and the consent history, and logs it', async () => {
    const res = await asV.get(`/assess/${id}/export.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="subject-access-${await referenceOf(id)}.json"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const data = (await res.json()) as {
      person: { name: string; dateOfBirth: string; reference: string };
      versions: { number: number; sections: { id: string; answers: { questionId: string; question: string; answer: unknown; inWords: string[] }[] }[] }[];
      consent: { organisations: { organisation: string; withdrawnAt: string | null; current: boolean }[]; history: { action: string; detail: string }[] };
      accessLog: { action: string; who: string }[];
    };
    expect(data.person).toMatchObject({ name: 'Bea Export', dateOfBirth: '1977-07-17', reference: await referenceOf(id) });
    const strengths = data.versions[0]!.sections.find((s) => s.id === 'strengths')!;
    expect(strengths.answers).toContainEqual({
      questionId: 'strengths',
      question: 'What are you good at, and what are you proud of?',
      answer: 'Good with people; kept a job at the market for two years.',
      inWords: ['Good with people; kept a job at the market for two years.'],
    });
    const consent = data.versions[0]!.sections.find((s) => s.id === 'consent')!;
    expect(consent.answers.find((a) => a.questionId === 'share-with')).toMatchObject({ answer: [SHARED], inWords: ['Connection Support'] });
    expect(data.consent.organisations).toEqual([expect.objectContaining({ organisation: 'Connection Support', current: false, withdrawnAt: expect.any(String) })]);
    expect(data.consent.history.map((h) => h.action)).toEqual(['consent-recorded', 'consent-withdrawn']);
    expect(data.consent.history[1]!.detail).toBe('For Connection Support');
    expect(data.accessLog.map((l) => l.action)).toContain('person-added');
    expect((await accessLog(id)).at(-1)).toMatchObject({ actor: assessor.id, org: OWN, action: 'exported', detail: 'json' });
  });

  it('gives the same as a printable page, and logs it', async () => {
    const res = await asV.get(`/assess/${id}/export`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Everything we hold about Bea Export');
    expect(page).toContain('17 July 1977');
    expect(page).toContain('What are you good at, and what are you proud of?');
    expect(page).toContain('kept a job at the market');
    expect(page).toContain('Who you agreed to share with');
    expect(page).toMatch(/Withdrawn \d+ \w+ \d{4}/);
    expect(page).toContain('Who read or changed it');
    expect((await accessLog(id)).at(-1)).toMatchObject({ action: 'exported', detail: 'html' });
  });

  it('is for the assessing organisation’s assessors only', async () => {
    const readable = await completedAssessment(asV, 'Cal Shared', '1979-09-19', [SHARED]);
    for (const path of [`/assess/${readable}/export`, `/assess/${readable}/export.json`]) {
      const shared = await others['shared assessor'].get(path);
      expect(shared.status, path).toBe(403);
      expect(await shared.text()).not.toContain('Cal Shared');
      expect((await others['own support worker'].get(path)).status, path).toBe(403);
      const outside = await others['outside assessor'].get(path);
      expect(outside.status, path).toBe(404);
      expect(await outside.text()).not.toContain('Cal Shared');
    }
    expect((await accessLog(readable)).filter((l) => l.action === 'exported')).toEqual([]);
  });
});

describe('erasure', () => {
  let id: string;
  let reference: string;
  const ring = KeyRing.parse(env.HEARD_KEYS);

  beforeAll(async () => {
    id = await completedAssessment(asV, 'Dee Erasable', '1966-06-16', [SHARED]);
    reference = await referenceOf(id);
    // A flag from the receiving organisation, resolved, and the person's copy code: both must go too.
    const disputeId = crypto.randomUUID();
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO assessment_disputes (id, assessment_id, version_number, organisation_id, raised_by, raised_at, reason_sealed, status, resolution_sealed, resolved_by, resolved_at, key_id) VALUES (?, ?, 1, ?, 'someone', 1, ?, 'resolved', ?, 'someone', 2, 'k2')",
      ).bind(disputeId, id, SHARED, await ring.seal('Dispute-words-about-Dee', sealContext.disputeReason(disputeId)), await ring.seal('Resolution-words', sealContext.disputeResolution(disputeId))),
      env.DB.prepare("INSERT INTO assessment_copy_codes (code_hash, assessment_id, created_by, created_at) VALUES ('k2.copycodehash', ?, 'someone', 1)").bind(id),
    ]);
  });

  it('explains what goes and what stays, and asks for the reference and a reason', async () => {
    const res = await asV.get(`/assess/${id}/erase`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('govuk-warning-text');
    expect(page).toContain('What is deleted');
    expect(page).toContain('the access log');
    expect(page).toContain(`type the reference ${reference}`);
    expect(page).toContain('The person asked (right to erasure)');
    expect(page).toContain('name="csrf"');

    const wrong = await asV.post(`/assess/${id}/erase`, { csrf: await csrfOf(asV), reference: 'TA-XXXX-XXXX', reason: 'person-asked' });
    expect(wrong.status).toBe(422);
    const again = await wrong.text();
    expect(again).toContain('The reference you typed is not');
    expect(again).toContain('value="TA-XXXX-XXXX"');
    expect(again).toMatch(/value="person-asked" checked/);
    const noReason = await asV.post(`/assess/${id}/erase`, { csrf: await csrfOf(asV), reference, reason: 'because' });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('Choose why the assessment is being deleted');
    expect((await statusOf(id))!.status).toBe('complete');
    // Only its assessors may delete it.
    expect((await others['shared assessor'].post(`/assess/${id}/erase`, { csrf: await csrfOf(others['shared assessor']), reference, reason: 'person-asked' })).status).toBe(403);
    expect((await others['outside assessor'].post(`/assess/${id}/erase`, { csrf: await csrfOf(others['outside assessor']), reference, reason: 'person-asked' })).status).toBe(404);
  });

  it('deletes every sealed value and index in one go, keeping the tombstone and the access log', async () => {
    const person = await env.DB.prepare('SELECT p.* FROM people p JOIN assessments a ON a.person_id = p.id WHERE a.id = ?').bind(id).first<Record<string, string>>();
    const sections = (await env.DB.prepare('SELECT answers_sealed AS s FROM assessment_sections WHERE assessment_id = ?').bind(id).all<{ s: string }>()).results;
    expect(sections.length).toBeGreaterThan(3);
    const held = [person!.name_sealed!, person!.birth_date_sealed!, person!.find_index!, person!.birth_index!, ...sections.map((r) => r.s)];
    const dispute = await env.DB.prepare('SELECT reason_sealed AS r, resolution_sealed AS s FROM assessment_disputes WHERE assessment_id = ?').bind(id).first<{ r: string; s: string }>();
    held.push(dispute!.r, dispute!.s);
    const logBefore = (await accessLog(id)).length;

    const res = await asV.post(`/assess/${id}/erase`, { csrf: await csrfOf(asV), reference: ` ${reference.toLowerCase()} `, reason: 'person-asked' });
    expect(res.status).toBe(303);
    expect(Visitor.location(res)).toBe(`/assess/${id}?done=erased`);

    // Nothing sealed or indexed is left anywhere in the database.
    for (const table of ['people', 'assessments', 'assessment_versions', 'assessment_sections', 'assessment_shares', 'assessment_access_log', 'assessment_copy_codes', 'assessment_disputes']) {
      const raw = JSON.stringify((await env.DB.prepare(`SELECT * FROM ${table}`).all()).results);
      for (const value of held) expect(raw.includes(value), `a sealed value or index in ${table}`).toBe(false);
    }
    expect((await env.DB.prepare('SELECT count(*) AS n FROM assessment_sections WHERE assessment_id = ?').bind(id).first<{ n: number }>())!.n).toBe(0);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM assessment_copy_codes WHERE assessment_id = ?').bind(id).first<{ n: number }>())!.n).toBe(0);
    const after = await env.DB.prepare('SELECT * FROM people WHERE id = ?').bind(person!.id).first<Record<string, unknown>>();
    expect(after).toMatchObject({ reference, name_sealed: 'deleted', birth_date_sealed: 'deleted', find_index: 'deleted', birth_index: 'deleted', deleted_at: expect.any(Number) });
    expect(await env.DB.prepare('SELECT reason_sealed AS r, resolution_sealed AS s FROM assessment_disputes WHERE assessment_id = ?').bind(id).first()).toEqual({ r: 'deleted', s: 'deleted' });
    expect((await env.DB.prepare('SELECT count(*) AS n FROM assessment_shares WHERE assessment_id = ? AND withdrawn_at IS NULL').bind(id).first<{ n: number }>())!.n).toBe(0);
    expect(await statusOf(id)).toMatchObject({ status: 'deleted', reason: 'erasure' });
    // The tombstone: the assessment and its versions' dates stay, and the log keeps every line, the erasure last.
    expect((await env.DB.prepare('SELECT count(*) AS n FROM assessment_versions WHERE assessment_id = ?').bind(id).first<{ n: number }>())!.n).toBe(1);
    const log = await accessLog(id);
    expect(log.length).toBe(logBefore + 1);
    expect(log.at(-1)).toEqual({ actor: assessor.id, org: OWN, action: 'erased', detail: 'person-asked' });
  });

  it('shows its assessors the tombstone and the access log, and everyone else nothing', async () => {
    const res = await asV.get(`/assess/${id}?done=erased`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('This assessment was deleted');
    expect(page).toContain('because: the person asked (right to erasure)');
    expect(page).toContain(reference);
    expect(page).toContain(`href="/assess/${id}/access-log"`);
    expect(page).not.toContain('Dee Erasable');
    expect(page).not.toContain('kept a job at the market');

    const log = await asV.get(`/assess/${id}/access-log`);
    expect(log.status).toBe(200);
    expect(await log.text()).toContain('The person asked (right to erasure)');
    const csv = await asV.get(`/assess/${id}/access-log.csv`);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('Deleted the assessment,The person asked (right to erasure)');

    // Assessors elsewhere, even the one it was shared with, find nothing; the support worker who read it
    // finds nothing either (and is refused the assessor-only pages for any assessment, before any lookup).
    for (const who of [others['shared assessor'], others['outside assessor']]) {
      for (const path of [`/assess/${id}`, `/assess/${id}/access-log`, `/assess/${id}/access-log.csv`, `/assess/${id}/export.json`, `/assess/${id}/erase`]) {
        const r = await who.get(path);
        expect(r.status, path).toBe(404);
        expect(await r.text()).not.toContain(reference);
      }
    }
    expect((await others['own support worker'].get(`/assess/${id}`)).status).toBe(404);
    // Its content is gone, so there is nothing to export; sending the erasure again shows what is left.
    expect((await asV.get(`/assess/${id}/export.json`)).status).toBe(404);
    const twice = await asV.post(`/assess/${id}/erase`, { csrf: await csrfOf(asV), reference, reason: 'person-asked' });
    expect(twice.status).toBe(303);
    expect(Visitor.location(twice)).toBe(`/assess/${id}`);
    expect((await accessLog(id)).filter((l) => l.action === 'erased')).toHaveLength(1);
    // Nor can anyone find the person again.
    const find = await (await asV.get('/assess/find?name=Dee+Erasable&birth-day=16&birth-month=6&birth-year=1966')).text();
    expect(find).not.toContain(reference);
    expect(await (await asV.get('/assess')).text()).not.toContain(reference);
  });
});

describe('retention', () => {
  const now = Date.now();
  const cutoff = retentionCutoff(24, now);

  async function lastActive(id: string, at: number) {
    await env.DB.prepare('UPDATE assessments SET last_activity_at = ? WHERE id = ?').bind(at, id).run();
  }

  it('counts the person’s contact as activity, not staff reading it', async () => {
    const id = await addPerson(asV, 'Eve Reading', '1990-10-10');
    await lastActive(id, now - 5 * MONTH);
    expect((await asV.get(`/assess/${id}`)).status).toBe(200);
    expect((await asV.get(`/assess/${id}/sections/about-me`)).status).toBe(200);
    expect((await statusOf(id))!.activity).toBe(now - 5 * MONTH);
    expect((await saveSection(asV, id, 'about-me', { 'preferred-name': 'Eve' })).status).toBe(303);
    expect((await statusOf(id))!.activity).toBeGreaterThanOrEqual(now);
  });

  it('deletes only assessments past the period, oldest first, in bounded batches', async () => {
    const old = [await addPerson(asV, 'Old One', '1950-01-01'), await addPerson(asV, 'Old Two', '1950-01-02'), await addPerson(asV, 'Old Three', '1950-01-03')];
    const recent = await addPerson(asV, 'Not Yet', '1950-01-04');
    await lastActive(old[0]!, now - 40 * MONTH);
    await lastActive(old[1]!, now - 30 * MONTH);
    await lastActive(old[2]!, cutoff - 1);
    await lastActive(recent, cutoff + 60_000);
    const db = database(env.DB);

    expect(await purgeExpiredAssessments(db, 24, now, 2)).toBe(2);
    expect((await statusOf(old[0]!))!.status).toBe('deleted');
    expect((await statusOf(old[1]!))!.status).toBe('deleted');
    expect((await statusOf(old[2]!))!.status).toBe('in-progress');
    expect(await purgeExpiredAssessments(db, 24, now, 2)).toBe(1);
    expect(await purgeExpiredAssessments(db, 24, now, 2)).toBe(0);

    expect(await statusOf(old[2]!)).toMatchObject({ status: 'deleted', reason: 'retention' });
    expect((await statusOf(recent))!.status).toBe('in-progress');
    for (const id of old) {
      expect((await accessLog(id)).at(-1)).toEqual({ actor: 'system', org: null, action: 'deleted-by-retention', detail: '24 months' });
      expect((await env.DB.prepare('SELECT count(*) AS n FROM assessment_sections WHERE assessment_id = ?').bind(id).first<{ n: number }>())!.n).toBe(0);
      expect(await env.DB.prepare('SELECT p.name_sealed AS n FROM people p JOIN assessments a ON a.person_id = p.id WHERE a.id = ?').bind(id).first()).toEqual({ n: 'deleted' });
    }
    const tomb = await (await asV.get(`/assess/${old[0]}`)).text();
    expect(tomb).toContain('because: no activity for 24 months');
    const log = await (await asV.get(`/assess/${old[0]}/access-log`)).text();
    expect(log).toContain('Heard, by the retention schedule');
    expect(log).toContain('Deleted the assessment at the end of the retention period');
  });

  it('runs from the scheduled handler with the configured period', async () => {
    const due = await addPerson(asV, 'Scheduled Sal', '1951-02-02');
    const kept = await addPerson(asV, 'Kept Kim', '1951-02-03');
    await lastActive(due, now - 25 * MONTH);
    await lastActive(kept, now - 23 * MONTH);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await statusOf(due)).toMatchObject({ status: 'deleted', reason: 'retention' });
    expect((await statusOf(kept))!.status).toBe('in-progress');
  });
});

describe('a failed erasure', () => {
  let logged: string[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    await env.DB.prepare('DROP TRIGGER IF EXISTS heard_test_failure').run();
  });

  it('logs one line with nothing of the person, and leaves the assessment whole', async () => {
    const id = await completedAssessment(asV, 'Fay Failure', '1972-12-21', [SHARED]);
    const reference = await referenceOf(id);
    const sealed = await env.DB.prepare('SELECT p.name_sealed AS n, p.find_index AS f FROM people p JOIN assessments a ON a.person_id = p.id WHERE a.id = ?').bind(id).first<{ n: string; f: string }>();
    // The last statement of the batch fails inside SQLite: everything before it must roll back.
    await env.DB.prepare("CREATE TRIGGER heard_test_failure BEFORE UPDATE ON assessments BEGIN SELECT RAISE(ABORT, 'forced failure for a test'); END").run();
    logged = [];
    for (const method of ['error', 'log', 'warn', 'info', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      });
    }
    const res = await asV.post(`/assess/${id}/erase`, { csrf: await csrfOf(asV), reference, reason: 'added-by-mistake' });
    expect(res.status).toBe(500);
    const page = await res.text();
    expect(page).not.toContain('Fay Failure');
    expect(page).not.toMatch(/Failed query|params:|forced failure/);
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({ event: 'unhandled_error', route: '/assess/:id/erase', method: 'POST' });
    for (const secret of ['Fay Failure', '1972-12-21', reference, sealed!.n, sealed!.f, 'v1.k2.', 'deleted']) expect(logged[0]).not.toContain(secret);

    await env.DB.prepare('DROP TRIGGER heard_test_failure').run();
    expect((await statusOf(id))!.status).toBe('complete');
    expect((await env.DB.prepare('SELECT count(*) AS n FROM assessment_sections WHERE assessment_id = ?').bind(id).first<{ n: number }>())!.n).toBeGreaterThan(3);
    expect(await env.DB.prepare('SELECT name_sealed AS n FROM people WHERE find_index = ?').bind(sealed!.f).first()).toEqual({ n: sealed!.n });
    expect((await accessLog(id)).filter((l) => l.action === 'erased')).toEqual([]);
    expect(await (await asV.get(`/assess/${id}`)).text()).toContain('Fay Failure');
  });
});
