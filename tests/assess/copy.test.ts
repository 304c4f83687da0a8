// The person's copy of their trusted assessment (issue 12, item 6): printed by the assessor in the
// person's language (Easy Read too), and read by the person online with a code and their date of
// birth: the code's strength and storage, one answer for every refusal, the attempt limits, when the
// code stops, the access log, and nothing of the code in the logs even when the database fails.
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { KeyRing } from '../../worker/http/keys';
import { addPerson, complete, fillRequired, saveSection } from '../helpers/assess';
import { createStaff, csrfOf, signIn } from '../helpers/staff';
import { Visitor } from '../helpers/visitor';

const OWN = 'st-mungos';
const SHARED = 'connection-support';
const RISK_WORDS = 'An ex-partner has been waiting outside the hostel.';
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

let asV: Visitor;

beforeAll(async () => {
  asV = await signIn(await createStaff('assessor', OWN));
});

let ip = 0;
/** Someone on the public site, from an address of their own (the per-address limit counts by address). */
function person(): Visitor {
  ip += 1;
  return new Visitor({ 'cf-connecting-ip': `10.77.${Math.floor(ip / 250)}.${ip % 250}` });
}

/** A completed assessment for someone whose copy is in `language`, with a risk and safety answer. */
async function completed(name: string, birthDate: string, language: string): Promise<string> {
  const id = await addPerson(asV, name, birthDate, { language });
  expect((await saveSection(asV, id, 'risk', { 'risk-from-others': RISK_WORDS })).status).toBe(303);
  await fillRequired(asV, id, [SHARED]);
  await complete(asV, id);
  return id;
}

async function accessLog(id: string) {
  return (await env.DB.prepare('SELECT actor, action, detail FROM assessment_access_log WHERE assessment_id = ? ORDER BY id').bind(id).all<{ actor: string; action: string; detail: string | null }>()).results;
}

/** Issues a code as the assessor and reads it off the page it is shown on. */
async function issueCode(id: string): Promise<{ code: string; res: Response; page: string }> {
  const res = await asV.post(`/assess/${id}/copy-code`, { csrf: await csrfOf(asV) });
  const page = await res.text();
  const code = /id="copy-code-value">([^<]+)</.exec(page)?.[1] ?? '';
  return { code, res, page };
}

function birthFields(iso: string) {
  const [y, m, d] = iso.split('-');
  return { 'birth-day': String(Number(d)), 'birth-month': String(Number(m)), 'birth-year': y! };
}

function openCopy(v: Visitor, code: string, birthDate: string, extra: Record<string, string> = {}, lang = 'en') {
  return v.post(`/my-assessment?lang=${lang}`, { code, ...birthFields(birthDate), ...extra });
}

const WRONG = 'The code or the date of birth is not right.';

describe('the printed copy', () => {
  it('is in the person’s language (Polish), lists who can see it, what they can do and the review date, and is logged', async () => {
    const id = await completed('Kasia Nowak', '1984-04-12', 'pl');
    const res = await asV.get(`/assess/${id}/copy`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toMatch(/<article class="heard-copy" lang="pl" dir="ltr"/);
    expect(page).toContain('Twoja wspólna ocena potrzeb');
    expect(page).toContain('Kasia Nowak');
    // Each section under its Polish title, each answer under the question's Polish wording.
    expect(page).toContain('Zgoda i udostępnianie');
    expect(page).toContain('Co Ci dobrze wychodzi i co daje Ci poczucie dumy?');
    expect(page).toContain('A flat of my own near my sister in Banbury.');
    // Who can see it, by name: the assessing organisation and the current shares.
    expect(page).toContain('Kto może zobaczyć Twoją ocenę');
    expect(page).toMatch(/St Mungo.*, czyli organizacja, która przygotowała z Tobą ocenę/);
    expect(page).toContain('<li>Connection Support</li>');
    // What they can do, and how to withdraw consent.
    expect(page).toContain('W każdej chwili poprosić o kopię.');
    expect(page).toContain('To się nazywa wycofanie zgody.');
    expect(page).toContain('powiedz swojemu opiekunowi albo zadzwoń do organizacji');
    expect(page).toContain('Wrócimy do tego razem z Tobą 1 czerwca 2027.');
    // The risk and safety section is the person's own: in the copy, with a note to keep it private.
    expect(page).toContain(RISK_WORDS);
    expect(page).toContain('Ta część dotyczy Twojego bezpieczeństwa.');
    // The staff controls never print; nothing about a code until one is issued.
    expect(page).toContain('class="heard-no-print"');
    expect(page).not.toContain('copy-code-value');
    expect((await accessLog(id)).filter((l) => l.action === 'copy-printed')).toEqual([{ actor: expect.any(String), action: 'copy-printed', detail: 'version 1, pl' }]);
  });

  it('can leave the risk and safety section out, saying so in the person’s words', async () => {
    const id = await completed('Ola Lis', '1990-02-02', 'pl');
    const page = await (await asV.get(`/assess/${id}/copy?risk=leave-out`)).text();
    expect(page).not.toContain(RISK_WORDS);
    expect(page).toContain('części o zagrożeniach i bezpieczeństwie nie ma w tej wydrukowanej kopii');
    expect((await accessLog(id)).at(-1)).toMatchObject({ action: 'copy-printed', detail: 'version 1, pl, left out: risk' });
  });

  it('runs right to left in Arabic, and uses the Easy Read wording when asked', async () => {
    const id = await completed('Amal Haddad', '1979-09-30', 'ar');
    const standard = await (await asV.get(`/assess/${id}/copy`)).text();
    expect(standard).toMatch(/<article class="heard-copy" lang="ar" dir="rtl"/);
    expect(standard).toContain('تقييمك المشترك الموثوق');
    expect(standard).toContain('ما الذي تجيده، وما الذي تفخر به؟');
    const easy = await (await asV.get(`/assess/${id}/copy?read=easy`)).text();
    expect(easy).toMatch(/<article class="heard-copy heard-copy--easy" lang="ar" dir="rtl"/);
    expect(easy).toContain('ما الذي تجيده؟');
    expect(easy).not.toContain('ما الذي تجيده، وما الذي تفخر به؟');
    expect(easy).toContain('هل يؤذيك أحد أو يجعلك تشعر بعدم الأمان؟');
    // The assessor may print it in another language too.
    const english = await (await asV.get(`/assess/${id}/copy?lang=en&read=easy`)).text();
    expect(english).toMatch(/lang="en" dir="ltr"/);
    expect(english).toContain('What are you good at?');
    expect((await accessLog(id)).filter((l) => l.action === 'copy-printed').map((l) => l.detail)).toEqual(['version 1, ar', 'version 1, ar, easy read', 'version 1, en, easy read']);
  });

  it('carries its own stylesheet, which the respondent’s stylesheet does not', async () => {
    const id = await completed('Ash Style', '1981-05-20', 'en');
    const page = await (await asV.get(`/assess/${id}/copy`)).text();
    const sheets = [...page.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
    const copyCss = sheets.find((h) => /\/copy-[^/]+\.css$/.test(h));
    expect(copyCss, 'the copy links its stylesheet').toBeDefined();
    const form = await (await new Visitor().get('/f/service-feedback')).text();
    expect(form).not.toContain(copyCss!);
  });

  it('is for the assessing organisation’s assessors only, and is linked from the assessment for them', async () => {
    const id = await completed('Lee Brook', '1970-01-20', 'en');
    expect(await (await asV.get(`/assess/${id}`)).text()).toContain(`href="/assess/${id}/copy"`);
    const sharedAssessor = await signIn(await createStaff('assessor', SHARED));
    expect((await sharedAssessor.get(`/assess/${id}/copy`)).status).toBe(403);
    expect(await (await sharedAssessor.get(`/assess/${id}`)).text()).not.toContain(`/assess/${id}/copy`);
    expect((await sharedAssessor.post(`/assess/${id}/copy-code`, { csrf: await csrfOf(sharedAssessor) })).status).toBe(403);
    const outside = await signIn(await createStaff('assessor', 'a2dominion'));
    expect((await outside.get(`/assess/${id}/copy`)).status).toBe(404);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM assessment_copy_codes WHERE assessment_id = ?').bind(id).first('n')).toBe(0);
  });

  it('has nothing to print or to give a code for before the assessment is completed', async () => {
    const id = await addPerson(asV, 'Not Yet Done', '1988-08-08');
    const res = await asV.get(`/assess/${id}/copy`);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Complete the assessment first');
    expect((await asV.post(`/assess/${id}/copy-code`, { csrf: await csrfOf(asV) })).status).toBe(409);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM assessment_copy_codes WHERE assessment_id = ?').bind(id).first('n')).toBe(0);
  });
});

describe('the code to read the copy online', () => {
  it('is shown once, in a page nobody stores, has at least 50 bits, and only its keyed hash is kept', async () => {
    const id = await completed('Robin Code', '1981-06-15', 'en');
    const { code, res, page } = await issueCode(id);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('location')).toBeNull();
    // 12 characters from 31 that cannot be misread: 12 × log2(31) ≈ 59 bits.
    expect(code).toMatch(new RegExp(`^[${ALPHABET}]{4}-[${ALPHABET}]{4}-[${ALPHABET}]{4}$`));
    expect(12 * Math.log2(ALPHABET.length)).toBeGreaterThanOrEqual(50);
    expect(page).toContain('heard.example.org/my-assessment');
    expect(page).toContain('The code is shown only this once');

    const rows = (await env.DB.prepare('SELECT * FROM assessment_copy_codes WHERE assessment_id = ?').bind(id).all<Record<string, unknown>>()).results;
    expect(rows).toHaveLength(1);
    const keys = KeyRing.parse(env.HEARD_KEYS);
    expect(rows[0]!.code_hash).toBe(await keys.hash('copy-code', code.replace(/-/g, '')));
    expect(JSON.stringify(rows)).not.toContain(code.replace(/-/g, '').slice(0, 6));

    // Never shown again: the print page without it, and the access log says it was issued, never what it is.
    expect(await (await asV.get(`/assess/${id}/copy`)).text()).not.toContain(code);
    const log = await accessLog(id);
    expect(log.map((l) => l.action)).toEqual(expect.arrayContaining(['copy-code-issued', 'copy-printed']));
    expect(JSON.stringify(log)).not.toContain(code.slice(0, 4));

    // A new code replaces the old one: the old row is gone and the old code refused.
    const second = await issueCode(id);
    expect(second.code).not.toBe(code);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM assessment_copy_codes WHERE assessment_id = ?').bind(id).first('n')).toBe(1);
    expect((await openCopy(person(), code, '1981-06-15')).status).toBe(422);
    expect((await openCopy(person(), second.code, '1981-06-15')).status).toBe(200);
  });

  it('draws codes that differ every time', async () => {
    const id = await completed('Sam Many', '1975-03-03', 'en');
    const codes = new Set<string>();
    for (let i = 0; i < 5; i += 1) codes.add((await issueCode(id)).code);
    expect(codes.size).toBe(5);
  });
});

describe('the person reading their copy', () => {
  it('asks for the code and date of birth in the person’s language, with a GOV.UK date input', async () => {
    const page = await (await person().get('/my-assessment?lang=pl')).text();
    expect(page).toContain('<html lang="pl" dir="ltr"');
    expect(page).toContain('Przeczytaj swoją ocenę');
    expect(page).toContain('govuk-date-input');
    expect(page).toMatch(/for="birth-day">Dzień</);
    const ar = await (await person().get('/my-assessment', { 'accept-language': 'ar' })).text();
    expect(ar).toContain('<html lang="ar" dir="rtl"');
    expect(ar).toContain('اقرأ تقييمك');
  });

  it('opens the copy with the code and date of birth, in the person’s language, with no cookie and nothing stored, and logs each view', async () => {
    const id = await completed('Maria Popescu', '1992-12-01', 'ro');
    const { code } = await issueCode(id);
    const v = person();
    // Typed forgivingly: lower case, spaces instead of dashes.
    const res = await openCopy(v, ` ${code.toLowerCase().replace(/-/g, ' ')} `, '1992-12-01');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.getSetCookie()).toEqual([]);
    const page = await res.text();
    expect(page).toContain('<html lang="ro" dir="ltr"');
    expect(page).toContain('Evaluarea dumneavoastră comună a nevoilor');
    expect(page).toContain('Maria Popescu');
    expect(page).toContain(RISK_WORDS);
    expect(page).toContain('Connection Support');

    // Easy Read and another language: posted again, checked again, logged again.
    const easy = await (await openCopy(v, code, '1992-12-01', { read: 'easy' })).text();
    expect(easy).toContain('heard-copy--easy');
    expect(easy).toContain('Ce vă iese bine?');
    const polish = await (await openCopy(v, code, '1992-12-01', { 'copy-lang': 'pl' })).text();
    expect(polish).toContain('<html lang="pl" dir="ltr"');
    expect(polish).toContain('Twoja wspólna ocena potrzeb');
    const views = (await accessLog(id)).filter((l) => l.action === 'copy-viewed-by-person');
    expect(views).toEqual([
      { actor: 'person', action: 'copy-viewed-by-person', detail: 'version 1, ro' },
      { actor: 'person', action: 'copy-viewed-by-person', detail: 'version 1, ro, easy read' },
      { actor: 'person', action: 'copy-viewed-by-person', detail: 'version 1, pl' },
    ]);
  });

  it('refuses a wrong date of birth and a wrong code with the same words, keeping what was typed', async () => {
    const id = await completed('Dee Wrong', '1986-07-21', 'en');
    const { code } = await issueCode(id);
    const wrongBirth = await openCopy(person(), code, '1986-07-22');
    expect(wrongBirth.status).toBe(422);
    const a = await wrongBirth.text();
    expect(a).toContain(WRONG);
    expect(a).toContain(`value="${code}"`);
    expect(a).toContain('value="22"');
    const wrongCode = await openCopy(person(), 'ABCD-EFGH-JKMN', '1986-07-21');
    expect(wrongCode.status).toBe(422);
    const b = await wrongCode.text();
    const summary = (html: string) => /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0];
    expect(summary(a)).toBeDefined();
    expect(summary(a)).toBe(summary(b));
    expect(a).not.toMatch(/date of birth is wrong|code is wrong|not found/i);
    expect((await accessLog(id)).filter((l) => l.action === 'copy-viewed-by-person')).toEqual([]);
  });

  it('says plainly what is missing or mistyped, in the person’s language', async () => {
    const empty = await person().post('/my-assessment?lang=pl', { code: '', 'birth-day': '', 'birth-month': '', 'birth-year': '' });
    expect(empty.status).toBe(422);
    const text = await empty.text();
    expect(text).toContain('Wpisz swój kod');
    expect(text).toContain('Wpisz swoją datę urodzenia');
    const bad = await person().post('/my-assessment', { code: 'ABC-0O1', 'birth-day': '31', 'birth-month': '2', 'birth-year': '1990' });
    expect(bad.status).toBe(422);
    const badText = await bad.text();
    expect(badText).toContain('Enter the code as it is written');
    expect(badText).toContain('Date must be a real date');
    expect(badText).toContain('value="ABC-0O1"');
  });

  it('stops a code after 5 wrong dates of birth, so a found code cannot be tried against every birthday', async () => {
    const id = await completed('Pat Found', '1977-05-05', 'en');
    const { code } = await issueCode(id);
    // A wrong date then the right one: the count starts again after a good view.
    expect((await openCopy(person(), code, '1977-05-06')).status).toBe(422);
    expect((await openCopy(person(), code, '1977-05-05')).status).toBe(200);
    for (let i = 1; i <= 5; i += 1) expect((await openCopy(person(), code, `1977-05-${String(10 + i)}`)).status).toBe(422);
    const after = await openCopy(person(), code, '1977-05-05');
    expect(after.status).toBe(422);
    expect(await after.text()).toContain(WRONG);
    expect((await accessLog(id)).filter((l) => l.action === 'copy-code-stopped')).toEqual([{ actor: 'person', action: 'copy-code-stopped', detail: '5 wrong dates of birth' }]);
  });

  it('stops working when the assessor records "Withdraw all consent", but not when one organisation is withdrawn', async () => {
    const id = await addPerson(asV, 'Jo Consent', '1983-10-10');
    await fillRequired(asV, id, [SHARED, 'a2dominion']);
    await complete(asV, id);
    const { code } = await issueCode(id);
    expect((await asV.post(`/assess/${id}/withdraw`, { csrf: await csrfOf(asV), organisation: 'a2dominion' })).status).toBe(303);
    const still = await openCopy(person(), code, '1983-10-10');
    expect(still.status).toBe(200);
    // Who can see it now: A2Dominion no longer (the consent answer itself still says what was chosen then).
    const who = /aria-labelledby="copy-who">[\s\S]*?<\/section>/.exec(await still.text())?.[0];
    expect(who).toContain('Connection Support');
    expect(who).not.toContain('A2Dominion');
    expect((await asV.post(`/assess/${id}/withdraw`, { csrf: await csrfOf(asV), organisation: 'all' })).status).toBe(303);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM assessment_copy_codes WHERE assessment_id = ?').bind(id).first('n')).toBe(0);
    const stopped = await openCopy(person(), code, '1983-10-10');
    expect(stopped.status).toBe(422);
    expect(await stopped.text()).toContain(WRONG);
  });

  it('stops working when the assessment is deleted', async () => {
    const id = await completed('Gone Soon', '1969-11-11', 'en');
    const { code } = await issueCode(id);
    expect((await openCopy(person(), code, '1969-11-11')).status).toBe(200);
    await env.DB.prepare("UPDATE assessments SET status = 'deleted', deleted_at = ?, deleted_reason = 'erasure' WHERE id = ?").bind(Date.now(), id).run();
    const res = await openCopy(person(), code, '1969-11-11');
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(WRONG);
  });
});

describe('nothing of the code in the logs', () => {
  let logged: string[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    await env.DB.prepare('ALTER TABLE heard_test_moved RENAME TO assessment_copy_codes')
      .run()
      .catch(() => undefined);
  });

  function spyOnConsole() {
    logged = [];
    for (const method of ['error', 'log', 'warn', 'info', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      });
    }
  }

  it('logs nothing when codes are issued and copies read', async () => {
    const id = await completed('Quiet Person', '1980-08-18', 'en');
    spyOnConsole();
    const { code } = await issueCode(id);
    expect((await openCopy(person(), code, '1980-08-18')).status).toBe(200);
    expect((await openCopy(person(), code, '1980-08-19')).status).toBe(422);
    expect(logged).toEqual([]);
  });

  it('when the database fails, gives a 500 page whose one log line holds nothing of the code', async () => {
    const id = await completed('Broken Day', '1982-02-28', 'en');
    const { code } = await issueCode(id);
    // The table the code is looked up in is gone, as a bad migration would leave it.
    await env.DB.prepare('ALTER TABLE assessment_copy_codes RENAME TO heard_test_moved').run();
    spyOnConsole();
    const res = await openCopy(person(), code, '1982-02-28');
    expect(res.status).toBe(500);
    const page = await res.text();
    expect(page).toContain('Sorry, something went wrong');
    expect(page).not.toContain(code);
    expect(logged).toHaveLength(1);
    const keys = KeyRing.parse(env.HEARD_KEYS);
    const plain = code.replace(/-/g, '');
    const hashes = await keys.hashes('copy-code', plain);
    const all = logged.join('\n');
    for (const secret of [code, plain, code.toLowerCase(), ...hashes, ...hashes.map((h) => h.split('.')[1]!), '1982-02-28']) expect(all).not.toContain(secret);
    const line = JSON.parse(logged[0]!) as Record<string, unknown>;
    expect(Object.keys(line).sort()).toEqual(['event', 'kind', 'method', 'requestId', 'route']);
    expect(line).toMatchObject({ event: 'unhandled_error', route: '/my-assessment', method: 'POST' });
  });
});

describe('limits on trying codes', () => {
  it('limits tries from one address, the right code too, with a plain 429 page', async () => {
    const id = await completed('Al Limit', '1991-01-01', 'en');
    const { code } = await issueCode(id);
    const v = person();
    // HEARD_SUBMIT_RATE_LIMIT is 5 a minute in tests (vitest.config.ts): every try counts, a good one too.
    for (let i = 0; i < 5; i += 1) expect((await openCopy(v, code, '1991-01-01')).status).toBe(200);
    const over = await openCopy(v, code, '1991-01-01', {}, 'pl');
    expect(over.status).toBe(429);
    const text = await over.text();
    expect(text).toContain('Za dużo prób');
    expect(text).not.toContain('Al Limit');
    // Another address is not held back.
    expect((await openCopy(person(), code, '1991-01-01')).status).toBe(200);
  });

  it('limits failed tries from all addresses together', async () => {
    // HEARD_WITHDRAW_OVERALL_LIMIT is 20 a minute in tests. Failures earlier in this file count too
    // (fewer than 20 of them), so this runs last and looks for where the refusals start.
    const statuses: number[] = [];
    for (let i = 0; i < 22; i += 1) statuses.push((await openCopy(person(), 'ZZZZ-ZZZZ-ZZZZ', '1960-01-01')).status);
    const first = statuses.indexOf(429);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(statuses.slice(0, first).every((s) => s === 422)).toBe(true);
    expect(statuses.slice(first).every((s) => s === 429)).toBe(true);
    const page = await (await openCopy(person(), 'ZZZZ-ZZZZ-ZZZZ', '1960-01-01')).text();
    expect(page).toContain('Too many tries');
    expect(page).toContain('Wait 1 minute, then try again.');
  });
});
