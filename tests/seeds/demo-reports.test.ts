// The demo a newcomer sees after `npm start`: sessions (one open now, FEST26), responses counted for
// the organisations they are about, a themed report with something in every quarter, and "you said,
// we did" with its evidence. Checked on the data as generated and as loaded into D1.
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { answersInPlay, firstUnansweredPage } from '../../worker/forms/branching';
import { organisationNamed, type FormDefinition } from '../../worker/forms/definition';
import { sha256 } from '../../worker/http/tokens';
import { previousQuarter, quarterOf, quartersFrom } from '../../worker/reports/period';
import { actionSpecs } from '../../seeds/demo/actions';
import { demoData, demoStatements } from '../../seeds/demo/load';
import { recentPool } from '../../seeds/demo/pool-recent';
import { demoResponses } from '../../seeds/demo/responses';
import { FESTIVAL_JOIN_CODE } from '../../seeds/demo/sessions';
import { themeSlugs } from '../../seeds/demo/themes';
import { seedData, seededVersions } from '../../seeds/index';
import { expectRollupMatchesRaw } from '../helpers/rollup';
import { agreementReport, listCodings } from '../../worker/moderate/second-coding/queries';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const DAY = 86_400_000;
const demo = demoData(NOW);
const forms = new Map<string, FormDefinition>(seedData.forms.map((f) => [f.slug, f.definition]));
const countywide = new Set(seedData.frameworks.find((f) => f.id === 'oxfordshire-countywide')!.objectives.map((o) => o.code));
const organisations = new Set(seedData.organisations.map((o) => o.id));
const ARABIC = /[\u0600-\u06ff]/;

/** The last four whole quarters before NOW, oldest first (reports/period.ts), and the latest of them. */
const latest = previousQuarter(quarterOf(NOW));
const lastFour = quartersFrom(previousQuarter(previousQuarter(previousQuarter(latest))), latest);

const all = <T,>(sql: string, ...binds: unknown[]) =>
  env.DB.prepare(sql)
    .bind(...binds)
    .all<T>()
    .then((r) => r.results);
const one = async (sql: string, ...binds: unknown[]) => (await env.DB.prepare(sql).bind(...binds).first<{ n: number }>())!.n;

async function load(statements: string[]) {
  for (let i = 0; i < statements.length; i += 500) await env.DB.batch(statements.slice(i, i + 500).map((s) => env.DB.prepare(s)));
}

beforeAll(async () => {
  await load(demoStatements(await seededVersions(), NOW));
});

describe('the demo as generated', () => {
  it('leaves the 300-response corpus as it was, apart from the new provider answers', async () => {
    // The triage and redaction tests and the moderation figures are measured on this corpus: its
    // answers, times, statuses, tags and quotes must not move. New material goes in its own set.
    const withoutProvider = demoResponses(2026, NOW).map((r) => {
      const { provider: _, ...answers } = r.answers;
      return { ...r, answers };
    });
    expect(await sha256(JSON.stringify(withoutProvider))).toBe('a12bf5aa89a5beccf7c5487684d8106a6d74a20c1a4ab29bf9c32cfe36a6fd1c');
    expect(demo.corpus).toEqual(demoResponses(2026, NOW));
  });

  it('answers the provider question on most service responses, with a mix of providers, "not sure" and skips', () => {
    const service = demo.responses.filter((r) => r.formSlug === 'service-feedback');
    const answered = service.filter((r) => r.answers.provider !== undefined);
    expect(answered.length).toBeGreaterThan(service.length * 0.7);
    expect(answered.length).toBeLessThan(service.length);
    const named = new Set(answered.map((r) => organisationNamed(forms.get('service-feedback')!, r.answers)).filter(Boolean));
    expect(named).toEqual(new Set(['a2dominion', 'aspire-oxfordshire', 'connection-support', 'elmore-community-services', 'homeless-oxfordshire', 'st-mungos']));
    expect(answered.filter((r) => r.answers.provider === 'not-sure').length).toBeGreaterThan(5);
    expect(answered.filter((r) => r.answers.provider === 'council').length).toBeGreaterThan(5);
    // Nobody says the council runs their hostel, or that St Mungo's gave them housing advice.
    for (const r of answered) {
      if (r.answers.service === 'supported-housing') expect(r.answers.provider, r.id).not.toBe('council');
      if (r.answers.service === 'outreach') expect(['st-mungos', 'connection-support', 'not-sure'], r.id).toContain(r.answers.provider);
    }
  });

  it('adds the latest quarter\'s responses as valid answers to the forms, with their own ids and texts', () => {
    const ids = new Set(demo.responses.map((r) => r.id));
    expect(ids.size).toBe(demo.responses.length);
    expect(demo.recent.length).toBeGreaterThanOrEqual(40);
    const corpusTexts = new Set(demo.corpus.flatMap((r) => Object.values(r.answers).filter((v): v is string => typeof v === 'string')));
    for (const r of demo.recent) {
      const form = forms.get(r.formSlug)!;
      expect(answersInPlay(form, r.answers), r.id).toEqual(r.answers);
      expect(firstUnansweredPage(form, r.answers), r.id).toBeUndefined();
      expect(r.submittedAt, r.id).toBeLessThan(NOW);
      expect(r.submittedAt % 3_600_000).toBe(0);
      const q = quarterOf(r.submittedAt).key;
      expect([latest.key, quarterOf(NOW).key], r.id).toContain(q);
      for (const [qid, v] of Object.entries(r.answers)) {
        const question = form.pages.flatMap((p) => p.questions).find((x) => x.id === qid)!;
        if (question.type !== 'long_text' && question.type !== 'short_text') continue;
        expect(ARABIC.test(v as string), `${r.id} ${qid}`).toBe(r.locale === 'ar');
        // Written for this set, or one of the common short answers anyone might give.
        const own = recentPool.some((e) => e.text === v);
        if (!own) expect(corpusTexts.has(v as string), `${r.id} ${qid}: "${v}"`).toBe(true);
      }
      for (const t of r.moderation.tags) {
        for (const o of t.objectives) expect(countywide.has(o), o).toBe(true);
        for (const s of t.themes) expect(themeSlugs.has(s), s).toBe(true);
      }
      for (const q of r.moderation.approvedQuotes) {
        expect(r.consentToQuote, r.id).toBe(true);
        expect(r.moderation.status, r.id).toBe('done');
        expect(r.expect.safeguarding, r.id).toEqual([]);
      }
    }
    expect(new Set(recentPool.map((e) => e.text)).size).toBe(recentPool.length);
  });

  it('writes about a dozen actions in English and Arabic, across statuses, organisations and the last year', () => {
    expect(demo.actions.length).toBeGreaterThanOrEqual(10);
    expect(demo.actions.length).toBeLessThanOrEqual(15);
    expect(new Set(demo.actions.map((a) => a.id)).size).toBe(demo.actions.length);
    expect(new Set(demo.actions.map((a) => a.status))).toEqual(new Set(['red', 'amber', 'green', 'complete']));
    const drafts = demo.actions.filter((a) => !a.published);
    expect(drafts.length).toBeGreaterThanOrEqual(1);
    expect(drafts.length).toBeLessThanOrEqual(2);
    expect(new Set(demo.actions.map((a) => a.organisationId)).size).toBeGreaterThanOrEqual(6);
    for (const a of demo.actions) {
      expect(organisations.has(a.organisationId), a.organisationId).toBe(true);
      expect(a.objectiveId ?? a.themeId, a.id).toBeTruthy();
      if (a.objectiveId) expect(countywide.has(a.objectiveId.replace('oxfordshire-countywide:', '')), a.id).toBe(true);
      if (a.themeId) expect(themeSlugs.has(a.themeId), a.id).toBe(true);
      expect(a.actedOn, a.id).toBeLessThan(NOW);
      expect(a.actedOn, a.id).toBeGreaterThan(NOW - 366 * DAY);
      expect(a.actedOn % DAY).toBe(0);
      // The quarter that prompted it is one of the report's, and it was done after that quarter began.
      expect(lastFour.map((q) => q.key), a.id).toContain(a.evidenceQuarter);
      expect(a.actedOn, a.id).toBeGreaterThan(lastFour.find((q) => q.key === a.evidenceQuarter)!.start);
      for (const text of [a.youSaid, a.weDid]) {
        expect(text.en, a.id).toMatch(/\w{3,}.*[.!]$/);
        expect(ARABIC.test(text.en), a.id).toBe(false);
        expect(ARABIC.test(text.ar), a.id).toBe(true);
        expect(text.ar.length, a.id).toBeGreaterThan(text.en.length * 0.5);
      }
    }
    // Some actions answer an objective and a theme, some only one of them.
    expect(demo.actions.some((a) => a.objectiveId && a.themeId)).toBe(true);
    expect(demo.actions.some((a) => a.objectiveId && !a.themeId)).toBe(true);
    expect(demo.actions.some((a) => !a.objectiveId && a.themeId)).toBe(true);
    expect(actionSpecs.length).toBe(demo.actions.length);
  });
});

describe('the demo, loaded', () => {
  it('has the Festival of Feedback open now with join code FEST26, and earlier sessions closed', async () => {
    const open = await all<{ id: string; form_id: string; organisation_id: string; held_on: number; kiosk: number; languages: string; name: string; place: string }>(
      "SELECT id, form_id, organisation_id, held_on, kiosk, languages, name, place FROM feedback_sessions WHERE status = 'open'",
    );
    expect(open).toHaveLength(1);
    const festival = open[0]!;
    expect(await one('SELECT count(*) AS n FROM feedback_sessions WHERE join_code = ?', FESTIVAL_JOIN_CODE)).toBe(1);
    expect((await env.DB.prepare('SELECT join_code FROM feedback_sessions WHERE id = ?').bind(festival.id).first<{ join_code: string }>())!.join_code).toBe('FEST26');
    expect(festival.form_id).toBe('festival-of-feedback');
    expect(festival.organisation_id).toBe('leaf');
    expect(festival.kiosk).toBe(1);
    expect(JSON.parse(festival.languages)).toEqual(['en', 'ar', 'pl', 'ro']);
    expect(quarterOf(festival.held_on).key).toBe(quarterOf(NOW).key);
    expect(festival.held_on).toBeLessThanOrEqual(NOW);
    expect(festival.place).toMatch(/Oxford/);
    // And it works: /j/FEST26 is the Festival of Feedback's start page, in the session.
    const page = await exports.default.fetch(new Request(`http://heard.test/j/${FESTIVAL_JOIN_CODE}`));
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain(`action="/j/${FESTIVAL_JOIN_CODE}/start"`);
    expect(text).toContain(festival.name);

    const closed = await all<{ id: string; organisation_id: string; held_on: number; name: string; place: string; n: number }>(
      "SELECT s.id, s.organisation_id, s.held_on, s.name, s.place, (SELECT count(*) FROM responses r WHERE r.session_id = s.id) AS n FROM feedback_sessions s WHERE s.status = 'closed' ORDER BY s.held_on",
    );
    expect(closed.length).toBeGreaterThanOrEqual(2);
    expect(closed.length).toBeLessThanOrEqual(3);
    expect(new Set(closed.map((s) => s.organisation_id))).toEqual(new Set(['homeless-oxfordshire', 'st-mungos', 'leaf']));
    for (const s of closed) {
      expect(s.n, s.id).toBeGreaterThanOrEqual(3);
      expect(s.held_on, s.id).toBeLessThan(latest.end);
      expect([1, 2, 3, 4, 5], s.id).toContain(new Date(s.held_on).getUTCDay());
      expect(s.name.length + s.place.length).toBeGreaterThan(20);
    }
  });

  it('gives a session\'s responses its organisation, on its day, through a facilitated channel', async () => {
    const rows = await all<{ id: string; channel: string; submitted_at: number; organisation_id: string | null; session_org: string; held_on: number; form_id: string; version_form: string }>(
      `SELECT r.id, r.channel, r.submitted_at, r.organisation_id, s.organisation_id AS session_org, s.held_on, s.form_id, v.form_id AS version_form
       FROM responses r JOIN feedback_sessions s ON s.id = r.session_id JOIN form_versions v ON v.id = r.form_version_id`,
    );
    expect(rows.length).toBeGreaterThan(30);
    for (const r of rows) {
      expect(r.organisation_id, r.id).toBe(r.session_org);
      expect(r.channel, r.id).not.toBe('online');
      expect(r.version_form, r.id).toBe(r.form_id);
      expect(r.submitted_at - r.held_on, r.id).toBeGreaterThanOrEqual(0);
      expect(r.submitted_at - r.held_on, r.id).toBeLessThan(DAY);
    }
    // A share of the facilitated responses, not all of them.
    const facilitated = await one("SELECT count(*) AS n FROM responses WHERE channel != 'online'");
    expect(rows.length).toBeLessThan(facilitated * 0.6);
    // People are taking part in the open festival today.
    expect(await one("SELECT count(*) AS n FROM responses r JOIN feedback_sessions s ON s.id = r.session_id WHERE s.status = 'open'")).toBeGreaterThan(0);
  });

  it('takes a response\'s organisation from its provider answer, as submit does', async () => {
    const rows = await all<{ id: string; organisation_id: string | null; session_id: string | null; provider: string | null }>(
      `SELECT r.id, r.organisation_id, r.session_id, (SELECT json_extract(a.value, '$') FROM answers a WHERE a.response_id = r.id AND a.question_id = 'provider') AS provider
       FROM responses r JOIN form_versions v ON v.id = r.form_version_id WHERE v.form_id = 'service-feedback'`,
    );
    const service = forms.get('service-feedback')!;
    let named = 0;
    for (const r of rows) {
      if (r.session_id) continue;
      const expected = organisationNamed(service, r.provider === null ? {} : { provider: r.provider }) ?? null;
      expect(r.organisation_id, `${r.id} ${r.provider}`).toBe(expected);
      if (expected) named++;
    }
    expect(named).toBeGreaterThan(rows.length * 0.4);
    // Online festival responses name no organisation.
    expect(await one("SELECT count(*) AS n FROM responses r JOIN form_versions v ON v.id = r.form_version_id WHERE v.form_id = 'festival-of-feedback' AND r.session_id IS NULL AND r.organisation_id IS NOT NULL")).toBe(0);
  });

  it('links every action only to approved quotes of consenting responses, and every published one to at least one', async () => {
    const evidence = await all<{ action_id: string; approved: number | null; consent: number; status: string; concerns: number; text: string; redacted: string; start: number; end: number }>(
      `SELECT ae.action_id, e.quote_approved_at AS approved, m.quote_consent AS consent, m.status, e.text, t.redacted, e.start, e.end,
         (SELECT count(*) FROM safeguarding_flags f WHERE f.response_id = e.response_id AND f.outcome != 'no-action') AS concerns
       FROM action_evidence ae JOIN excerpts e ON e.id = ae.excerpt_id JOIN moderation m ON m.response_id = e.response_id
       JOIN answer_texts t ON t.response_id = e.response_id AND t.question_id = e.question_id`,
    );
    expect(evidence.length).toBeGreaterThanOrEqual(12);
    for (const e of evidence) {
      expect(e.approved, e.action_id).not.toBeNull();
      expect(e.consent, e.action_id).toBe(1);
      expect(e.status, e.action_id).toBe('done');
      // Never from a response that raised a real concern (a false alarm, read and closed, is no bar).
      expect(e.concerns, e.action_id).toBe(0);
      expect(e.redacted.slice(e.start, e.end), e.action_id).toBe(e.text);
    }
    const actions = await all<{ id: string; published: number; you_said: string; we_did: string; n: number }>(
      'SELECT a.id, a.published, a.you_said, a.we_did, (SELECT count(*) FROM action_evidence ae WHERE ae.action_id = a.id) AS n FROM actions a',
    );
    expect(actions).toHaveLength(demo.actions.length);
    for (const a of actions) {
      expect(a.n, a.id).toBeLessThanOrEqual(3);
      if (!a.published) continue;
      expect(a.n, a.id).toBeGreaterThanOrEqual(1);
      for (const text of [JSON.parse(a.you_said), JSON.parse(a.we_did)]) {
        expect(text.en, a.id).toMatch(/\w/);
        expect(text.ar, a.id).toMatch(ARABIC);
      }
    }
  });

  it('has a report to show in each of the last four quarters: popular objectives well tagged, a few small ones, quotes and themes alongside', async () => {
    const tagged = await all<{ code: string; response_id: string; submitted_at: number }>(
      `SELECT DISTINCT substr(t.objective_id, length('oxfordshire-countywide:') + 1) AS code, t.response_id, r.submitted_at
       FROM tags t JOIN responses r ON r.id = t.response_id WHERE t.objective_id LIKE 'oxfordshire-countywide:%' AND t.state = 'confirmed' AND t.round = 'first'`,
    );
    const quoted = await all<{ code: string; submitted_at: number }>(
      `SELECT DISTINCT substr(t.objective_id, length('oxfordshire-countywide:') + 1) AS code, e.id, r.submitted_at
       FROM tags t JOIN excerpts e ON e.id = t.excerpt_id JOIN responses r ON r.id = t.response_id WHERE t.objective_id LIKE 'oxfordshire-countywide:%' AND e.quote_approved_at IS NOT NULL`,
    );
    const perQuarter = (q: { start: number; end: number }) => {
      const counts = new Map<string, number>();
      for (const t of tagged) if (t.submitted_at >= q.start && t.submitted_at < q.end) counts.set(t.code, (counts.get(t.code) ?? 0) + 1);
      return counts;
    };
    const TOP = ['3.2', '4.1', '4.5', '5.1', '5.6'];
    for (const q of lastFour) {
      const counts = perQuarter(q);
      // The objectives most people talk about have plenty in every quarter.
      for (const code of TOP) expect(counts.get(code) ?? 0, `${q.key} ${code}`).toBeGreaterThanOrEqual(10);
      expect([...counts.values()].filter((n) => n >= 5).length, q.key).toBeGreaterThanOrEqual(6);
      // And several show as "fewer than 5".
      expect([...counts.values()].filter((n) => n >= 1 && n <= 4).length, q.key).toBeGreaterThanOrEqual(3);
      // Approved quotes on most of the popular objectives.
      const withQuotes = TOP.filter((code) => quoted.some((x) => x.code === code && x.submitted_at >= q.start && x.submitted_at < q.end));
      expect(withQuotes.length, `${q.key}: ${withQuotes}`).toBeGreaterThanOrEqual(4);
    }
    // The latest whole quarter, the one a commissioner opens first.
    const counts = perQuarter(latest);
    expect([...counts.values()].filter((n) => n >= 5).length).toBeGreaterThanOrEqual(7);
    expect([...counts.values()].filter((n) => n >= 1 && n <= 4).length).toBeGreaterThanOrEqual(3);
    expect(quoted.filter((x) => x.submitted_at >= latest.start && x.submitted_at < latest.end).length).toBeGreaterThanOrEqual(20);
    // Themes are tagged alongside: most tagged responses of the quarter carry a theme too, and many themes are in use.
    const themes = await all<{ theme_id: string; response_id: string }>(
      'SELECT DISTINCT t.theme_id, t.response_id FROM tags t JOIN responses r ON r.id = t.response_id WHERE t.theme_id IS NOT NULL AND r.submitted_at >= ? AND r.submitted_at < ?',
      latest.start,
      latest.end,
    );
    expect(new Set(themes.map((t) => t.theme_id)).size).toBeGreaterThanOrEqual(30);
    const withObjective = new Set(tagged.filter((t) => t.submitted_at >= latest.start && t.submitted_at < latest.end).map((t) => t.response_id));
    const withTheme = new Set(themes.map((t) => t.response_id));
    expect([...withObjective].filter((id) => withTheme.has(id)).length).toBeGreaterThan(withObjective.size * 0.9);
  });

  it('has a blind second coding of the latest quarter: coded by the second moderator, mostly agreeing, a few disagreements, one settled', async () => {
    const [coding] = await listCodings(env.DB);
    expect(coding).toBeDefined();
    expect(coding!.items).toBeGreaterThanOrEqual(10);
    expect(coding!.coded).toBe(coding!.items);
    expect(coding!.settled).toBe(1);
    const report = await agreementReport(env.DB, coding!);
    expect(report.overall.kappa).toBeGreaterThan(0.5);
    expect(report.overall.kappa).toBeLessThan(1);
    expect(report.disagreements.length).toBeGreaterThanOrEqual(2);
  });

  it('counts it in the report\'s roll-up exactly as the raw rows give', async () => {
    await expectRollupMatchesRaw();
  });

  it('loads twice without a second copy of anything', async () => {
    const tables = ['feedback_sessions', 'responses', 'answers', 'excerpts', 'tags', 'actions', 'action_evidence', 'safeguarding_flags', 'redactions'];
    const before = await Promise.all(tables.map((t) => one(`SELECT count(*) AS n FROM ${t}`)));
    await load(demoStatements(await seededVersions(), NOW));
    const after = await Promise.all(tables.map((t) => one(`SELECT count(*) AS n FROM ${t}`)));
    expect(after).toEqual(before);
    expect(before[1]).toBe(demo.responses.length);
  });
});
