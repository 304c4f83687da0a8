// The themed report against hand-counted fixtures: aggregation, quarters, suppression on the page
// and in both CSVs, filters and their differencing, quotes, snapshots, printing and bad input.
import { env } from 'cloudflare:workers';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStaff, csrfOf, signIn } from '../helpers/staff';
import type { Visitor } from '../helpers/visitor';
import { Visitor as V } from '../helpers/visitor';
import { addMany, addResponse, addSession, FW } from './fixtures';

const MAY_2025 = Date.UTC(2025, 4, 10, 10); // 2025/26 Q1
const AUG_2025 = Date.UTC(2025, 7, 10, 10); // Q2
const FEB_2026 = Date.UTC(2026, 1, 10, 10); // Q4 (January to March 2026 belongs to 2025/26)
const YEAR = 'from=2025-04-01&to=2026-03-31';
const Q1 = 'from=2025-04-01&to=2025-06-30';
const SECRET_WORDS = 'unapproved words that must never reach a report';

let commissioner: Visitor;
let moderator: Visitor;

/** The text of a table row (its header cell and cells), whitespace squeezed. */
function rowText(html: string, startsWith: string): string | undefined {
  for (const row of html.match(/<tr class="govuk-table__row">[\s\S]*?<\/tr>/g) ?? []) {
    const text = row
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim();
    if (text.startsWith(startsWith)) return text;
  }
  return undefined;
}

function section(html: string, heading: string): string {
  const at = html.indexOf(heading);
  expect(at, heading).toBeGreaterThan(-1);
  const next = html.indexOf('<h2', at + heading.length);
  return html.slice(at, next < 0 ? undefined : next);
}

async function page(v: Visitor, path: string, status = 200): Promise<string> {
  const res = await v.get(path);
  expect(res.status, path).toBe(status);
  return res.text();
}

/** Reads a download as Excel would: the bytes must start with UTF-8's byte order mark. */
async function csvOf(res: Response) {
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)], 'byte order mark').toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
}

function parseCsv(text: string) {
  expect(text.charCodeAt(0), 'byte order mark').toBe(0xfeff);
  expect(text).toContain('\r\n');
  const parsed = Papa.parse(text.slice(1), { header: false, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [header = [], ...rows] = parsed.data;
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ''])));
}

beforeAll(async () => {
  await addSession('session-fest', 'Festival of Feedback 2025', 'leaf');
  // 5.5 (voices of lived experience): Q1 7 (5 online, 2 kiosk), Q2 3, Q4 6 → the year "at least 14".
  await addMany(5, { at: MAY_2025, channel: 'online', organisation: 'st-mungos', excerpts: [{ objectives: ['5.5'], themes: ['being-listened-to'] }] });
  await addMany(2, { at: MAY_2025, channel: 'kiosk', session: 'session-fest', organisation: 'leaf', excerpts: [{ objectives: ['5.5'] }] });
  await addMany(3, { at: AUG_2025, excerpts: [{ objectives: ['5.5'] }] });
  await addMany(6, { at: FEB_2026, excerpts: [{ objectives: ['5.5'], themes: ['being-listened-to'] }] });
  // 2.2 (client choice): 12 in Q1; 4 of them with a second excerpt → 16 excerpts. Ratings of "how-was-it":
  // 6 × "5", 3 × "4", 1 × "2", 2 without a rating.
  const ratings = ['5', '5', '5', '5', '5', '5', '4', '4', '4', '2', '', ''];
  for (const [i, rating] of ratings.entries()) {
    await addResponse({
      at: MAY_2025,
      ratings: rating ? { 'how-was-it': rating } : {},
      excerpts: i < 4 ? [{ objectives: ['2.2'], approved: i === 0, text: i === 0 ? 'They let me choose which room I had, which nobody had done before.' : undefined }, { objectives: ['2.2'] }] : [{ objectives: ['2.2'], themes: ['waiting-for-housing'] }],
    });
  }
  // 4.3 (move on): 2 in Q1 → "fewer than 5", and its approved quote must not be shown.
  await addMany(2, { at: MAY_2025, excerpts: [{ objectives: ['4.3'], approved: true, text: 'Small objective quote that must stay hidden.' }] });
  // Never counted: an excluded response, a rejected tag, a blind second-coding tag, and an unapproved excerpt's words.
  await addResponse({ at: MAY_2025, status: 'excluded', excerpts: [{ objectives: ['5.5'] }] });
  await addResponse({ at: MAY_2025, excerpts: [{ objectives: ['5.5'], state: 'rejected' }] });
  await addResponse({ at: MAY_2025, excerpts: [{ objectives: ['5.5'], round: 'second' }] });
  await addResponse({ at: MAY_2025, consent: false, excerpts: [{ objectives: ['2.2'], approved: true, text: 'No consent quote that must stay hidden.' }] });
  await addResponse({ at: MAY_2025, excerpts: [{ objectives: ['2.2'], text: SECRET_WORDS }] });
  // Quarter edges: 23:00 UTC on 31 March 2026 is midnight in the UK on 1 April: the next financial year.
  await addResponse({ at: Date.UTC(2026, 2, 31, 22), excerpts: [{ objectives: ['1.1'] }] });
  await addResponse({ at: Date.UTC(2026, 2, 31, 23), excerpts: [{ objectives: ['1.1'] }] });

  commissioner = await signIn(await createStaff('commissioner', 'oxfordshire-county-council'));
  moderator = await signIn(await createStaff('moderator', 'leaf'));
});

describe('the overview', () => {
  it('counts distinct responses and excerpts per objective over whole quarters, ranked by volume', async () => {
    const html = await page(commissioner, `/reports?framework=${FW}&${YEAR}`);
    // 2.2 has 12 + 2 more (no-consent and unapproved, both counted: they are tagged) = 14 responses, 16 + 2 = 18 excerpts.
    // Its latest quarter (Q4) and the one before are both exactly 0: "no change".
    expect(rowText(html, '2.2')).toMatch(/ 14 18 0 no change$/);
    // 5.5: 7 + 3 + 6 = 16, but Q2's 3 is small, so the year says "at least 14" (7 + 6 + 1). Latest quarter (Q4) is 6.
    // Q4 is 6 and Q3 was 0: up 6.
    expect(rowText(html, '5.5')).toMatch(/ at least 14 at least 14 6 up 6$/);
    expect(rowText(html, '4.3')).toMatch(/ fewer than 5 fewer than 5 0 no change$/);
    const order = ['2.2', '5.5', '4.3'].map((code) => html.indexOf(`>${code} `));
    expect(order[0]).toBeLessThan(order[1]!);
    expect(order[1]).toBeLessThan(order[2]!);
    expect(html).not.toContain(SECRET_WORDS);
  });

  it('shows the change since the quarter before only when both quarters are exact', async () => {
    // Q4 alone: 5.5 was 6, Q3 was 0 → up 6.
    const html = await page(commissioner, `/reports?framework=${FW}&from=2026-01-01&to=2026-03-31`);
    expect(rowText(html, '5.5')).toMatch(/ 6 6 6 up 6$/);
    // Q2 alone: 3 is small, so no change is shown.
    const q2 = await page(commissioner, `/reports?framework=${FW}&from=2025-07-01&to=2025-09-30`);
    expect(rowText(q2, '5.5')).toMatch(/fewer than 5 fewer than 5 fewer than 5 not shown$/);
  });

  it('puts a response in the financial year of its UK day, across the year boundary', async () => {
    const q4 = await page(commissioner, `/reports?framework=${FW}&from=2026-01-01&to=2026-03-31`);
    const next = await page(commissioner, `/reports?framework=${FW}&from=2026-04-01&to=2026-06-30`);
    expect(rowText(q4, '1.1')).toMatch(/ fewer than 5 fewer than 5 fewer than 5 /);
    expect(rowText(next, '1.1')).toMatch(/ fewer than 5 fewer than 5 fewer than 5 /);
    const rows = (await csvOf(await commissioner.get(`/reports/objectives.csv?framework=${FW}&from=2026-01-01&to=2026-06-30`))).filter((r) => r['objective code'] === '1.1');
    expect(rows.map((r) => [r.quarter, r.responses])).toEqual([
      ['2025/26 Q4', 'fewer than 5'],
      ['2026/27 Q1', 'fewer than 5'],
    ]);
  });

  it('widens dates to whole quarters and says so', async () => {
    const html = await page(commissioner, `/reports?framework=${FW}&from=2025-05-01&to=2025-05-31`);
    expect(html).toContain('widened to whole quarters');
    expect(rowText(html, '2.2')).toMatch(/ 14 18 /);
  });

  it('describes the method: responses, how many were moderated, how many were tagged', async () => {
    await addResponse({ at: MAY_2025, status: 'new', excerpts: [] });
    const html = await page(commissioner, `/reports?framework=${FW}&${Q1}`);
    // In Q1: 5 + 2 + 12 + 2 + (rejected, second, no-consent, unapproved) 4 + this new one = 26 not excluded; 25 done; tagged (counted tags) 7 + 12 + 2 + 2 = 23.
    expect(html).toMatch(/Responses in this view<\/dt>\s*<dd[^>]*>26</);
    // 25 of 26 are done: showing 25 beside 26 would say exactly 1 is not, so it is not shown.
    expect(html).toMatch(/Moderated \(read, redacted and done\)<\/dt>\s*<dd[^>]*><span class="heard-suppressed">not shown</);
    // 23 tagged beside 26 would say 3 were not: not shown either.
    expect(html).toMatch(/Tagged against this framework<\/dt>\s*<dd[^>]*><span class="heard-suppressed">not shown</);
    // A quarter where every response is done and tagged shows both exactly: Q4 has 6 + 1 (1.1 at 22:00 on 31 March).
    const q4 = await page(commissioner, `/reports?framework=${FW}&from=2026-01-01&to=2026-03-31`);
    expect(q4).toMatch(/Responses in this view<\/dt>\s*<dd[^>]*>7</);
    expect(q4).toMatch(/Moderated \(read, redacted and done\)<\/dt>\s*<dd[^>]*>7</);
    expect(q4).toMatch(/Tagged against this framework<\/dt>\s*<dd[^>]*>7</);
  });
});

describe('an objective page', () => {
  it('shows the trend, channels, ratings with secondary suppression, themes, and approved quotes only', async () => {
    const html = await page(commissioner, `/reports/objective/${FW}/2.2?${Q1}`);
    expect(html).toContain('2.2 Enhance client choice');
    // Ratings among its 14 tagged responses: "5" 6, "4" 3, "2" 1, none 4 (2 + the two extra responses).
    // Hidden: 3, 1 and 4 → the reader knows they add to 8; each could still be anything from 1 to 4 as far as the total goes?
    // 3 + 1 + 4 = 8 with three cells in 1..4: each is at least 8 - 8 = 0 → 1, at most 8 - 2 = 6 → 4: safe, so "5" stays 6.
    const ratings = section(html, 'Ratings given');
    expect(rowText(ratings, 'Very good')).toBe('Very good 6');
    expect(rowText(ratings, 'Good')).toBe('Good fewer than 5');
    expect(rowText(ratings, 'Poor')).toBe('Poor fewer than 5');
    expect(rowText(ratings, 'No rating')).toBe('No rating (not asked or skipped) fewer than 5');
    expect(html).toContain('They let me choose which room I had');
    expect(html).not.toContain('No consent quote');
    expect(html).not.toContain(SECRET_WORDS);
    expect(section(html, 'Themes raised')).toContain('Waiting for');
  });

  it('withholds a channel breakdown that cannot be made safe', async () => {
    // 5.5 in Q1: 7 = 5 online + 2 kiosk. Hiding the 5 still leaves kiosk at most 7 - 5 = 2: withheld.
    const html = await page(commissioner, `/reports/objective/${FW}/5.5?${Q1}`);
    expect(section(html, 'How people gave')).toContain('Not shown: the numbers are too small to show safely.');
    // Over the year it stays withheld: the year minus the other quarters would give Q1's back.
    const year = await page(commissioner, `/reports/objective/${FW}/5.5?${YEAR}`);
    expect(section(year, 'How people gave')).toContain('Not shown: the numbers are too small to show safely.');
    // Q4 alone (6, all online) has nothing to hide.
    const q4 = await page(commissioner, `/reports/objective/${FW}/5.5?from=2026-01-01&to=2026-03-31`);
    expect(rowText(section(q4, 'How people gave'), 'Online')).toBe('Online, on their own device 6');
    expect(rowText(section(q4, 'How people gave'), 'On a tablet')).toBe('On a tablet at a venue 0');
    expect(rowText(section(year, 'Quarter by quarter'), '2025/26 Q2')).toBe('2025/26 Q2 fewer than 5');
  });

  it('hides quotes when few people raised the objective', async () => {
    const html = await page(commissioner, `/reports/objective/${FW}/4.3?${Q1}`);
    expect(html).toContain('Quotes are not shown when fewer than 5 responses raised an objective');
    expect(html).not.toContain('Small objective quote');
  });

  it('answers 404 for an objective the framework does not have', async () => {
    await page(commissioner, `/reports/objective/${FW}/9.9?${Q1}`, 404);
  });
});

describe('actions beside the figures', () => {
  it("lists an objective's actions with their status; the printed report only the published ones", async () => {
    const add = (id: string, weDid: string, published: boolean) =>
      env.DB.prepare(
        "INSERT INTO actions (id, objective_id, you_said, we_did, organisation_id, status, acted_on, published, created_by, created_at, updated_by, updated_at) VALUES (?, ?, ?, ?, 'oxford-city-council', 'amber', ?, ?, 't', 0, 't', 0)",
      )
        .bind(id, `${FW}:2.2`, JSON.stringify({ en: 'You could not choose your room.' }), JSON.stringify({ en: weDid }), Date.UTC(2025, 5, 1), published ? 1 : 0)
        .run();
    await add('action-published', 'We now offer a choice of two rooms.', true);
    await add('action-draft', 'We are writing to every provider.', false);
    const html = await page(commissioner, `/reports/objective/${FW}/2.2?${Q1}`);
    const done = section(html, 'What was done');
    expect(done).toContain('We now offer a choice of two rooms.');
    expect(done).toMatch(/Amber<span class="govuk-visually-hidden">: Under way, with problems<\/span>/);
    expect(done).toContain('We are writing to every provider.');
    expect(done).toContain('(draft, not published)');
    const print = await page(commissioner, `/reports/print?framework=${FW}&${Q1}`);
    expect(print).toContain('We now offer a choice of two rooms.');
    expect(print).not.toContain('We are writing to every provider.');
  });
});

describe('filters', () => {
  it('hides a filtered figure that differs from the unfiltered one by 1 to 4', async () => {
    // Q1, online only: 5.5 is 5 of 7; the 2 left out would show by subtraction → not shown.
    const html = await page(commissioner, `/reports?framework=${FW}&${Q1}&channel=online`);
    expect(rowText(html, '5.5')).toMatch(/ not shown /);
    // 2.2 is all online: nothing is left out, so it shows.
    expect(rowText(html, '2.2')).toMatch(/ 14 18 /);
  });

  it('filters by session (with its organisation) and by organisation', async () => {
    // The session's 2 are LEAF's only responses on 5.5: small, and a sibling of LEAF's 0 outside sessions.
    const session = await page(commissioner, `/reports?framework=${FW}&${Q1}&session=session-fest`);
    expect(rowText(session, '5.5')).toMatch(/ not shown /);
    const org = await page(commissioner, `/reports?framework=${FW}&${Q1}&organisation=st-mungos`);
    // 5 of 7: the 2 left out are small → not shown.
    expect(rowText(org, '5.5')).toMatch(/ not shown /);
  });

  it('allows one filter at a time', async () => {
    const res = await commissioner.get(`/reports?framework=${FW}&${Q1}&form=service-feedback&channel=online`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Choose one filter at a time');
  });

  it('refuses a bad filter with plain words, keeping what was asked', async () => {
    const res = await commissioner.get(`/reports?framework=${FW}&from=2025-13-01&to=2026-03-31&channel=carrier-pigeon`);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('There is a problem');
    expect(html).toContain('The start date must be a real date');
    expect(html).toContain('Choose how the feedback was given from the list');
    expect(html).toMatch(/<option value="2026-03-31" selected/);
    const reversed = await commissioner.get(`/reports?framework=${FW}&from=2026-03-31&to=2025-04-01`);
    expect(reversed.status).toBe(400);
    expect(await reversed.text()).toContain('The end date must be on or after the start date');
    const unknown = await commissioner.get('/reports?framework=no-such-framework');
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Choose a framework from the list');
    expect((await commissioner.get(`/reports/objectives.csv?framework=${FW}&from=yesterday`)).status).toBe(400);
  });
});

describe('CSV downloads', () => {
  it('objectives.csv: one row per objective per quarter, suppressed counts in words, ratings protected', async () => {
    const res = await commissioner.get(`/reports/objectives.csv?framework=${FW}&${YEAR}`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const rows = await csvOf(res);
    const objectives = (await env.DB.prepare('SELECT COUNT(*) AS n FROM objectives WHERE framework_id = ?').bind(FW).first<{ n: number }>())!.n;
    expect(rows.length).toBe(objectives * 4);
    const row = (code: string, quarter: string) => rows.find((r) => r['objective code'] === code && r.quarter === quarter)!;
    const name = (await env.DB.prepare('SELECT name FROM frameworks WHERE id = ?').bind(FW).first<{ name: string }>())!.name;
    expect(row('5.5', '2025/26 Q1')).toMatchObject({ framework: name, objective: expect.stringMatching(/^Amplify the voices/), responses: '7', excerpts: '7' });
    expect(row('5.5', '2025/26 Q2').responses).toBe('fewer than 5');
    expect(row('5.5', '2025/26 Q3').responses).toBe('0');
    expect(row('2.2', '2025/26 Q1')).toMatchObject({ responses: '14', excerpts: '18' });
    // The service form's rating ("How was it?"): 6 × Very good, the rest small and protected as on the page.
    const columns = Object.keys(row('2.2', '2025/26 Q1'));
    const rating = columns.filter((k) => k.startsWith('How was'));
    expect(rating.length).toBe(6);
    expect(rating.map((k) => row('2.2', '2025/26 Q1')[k])).toEqual(['0', 'fewer than 5', '0', 'fewer than 5', '6', 'fewer than 5']);
    for (const r of rows) for (const [k, v] of Object.entries(r)) if (!['framework', 'objective code', 'objective', 'quarter'].includes(k)) expect(v, `${k}`).toMatch(/^(\d+|fewer than 5|not shown|at least \d+)$/);
    // No count from 1 to 4 anywhere.
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[1-4]$/);
  });

  it('excerpts.csv: approved quotes of consenting responses, for objectives that may be shown', async () => {
    const rows = await csvOf(await commissioner.get(`/reports/excerpts.csv?framework=${FW}&${YEAR}`));
    expect(rows).toEqual([
      {
        'objective code': '2.2',
        themes: '',
        'redacted text': 'They let me choose which room I had, which nobody had done before.',
        form: 'Tell us about a service',
        session: '',
        channel: 'Online, on their own device',
        quarter: '2025/26 Q1',
      },
    ]);
  });

  it('keeps a formula out of a spreadsheet', async () => {
    await addResponse({ at: MAY_2025, excerpts: [{ objectives: ['2.2'], approved: true, text: '=HYPERLINK("http://evil.example","click")' }] });
    const text = await (await commissioner.get(`/reports/excerpts.csv?framework=${FW}&${YEAR}`)).text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  });
});

describe('quarterly snapshots', () => {
  it('freezes a quarter so its figures stay put, lists it, and compares it with the live figures', async () => {
    const before = await commissioner.post('/reports/snapshots', { csrf: await csrfOf(commissioner), framework: FW, quarter: '2025-Q2' });
    expect(before.status).toBe(303);
    const location = V.location(before)!;
    expect(location).toMatch(/^\/reports\/snapshots\/[A-Za-z0-9_-]+\?frozen=new$/);
    const frozen = await page(commissioner, location);
    expect(rowText(frozen, '5.5')).toMatch(/^5\.5 .* fewer than 5 fewer than 5/);
    // Later tagging: 5.5 in Q2 grows from 3 to 9.
    await addMany(6, { at: AUG_2025, excerpts: [{ objectives: ['5.5'] }] });
    const again = await page(commissioner, location.split('?')[0]!);
    expect(rowText(again, '5.5')).toMatch(/fewer than 5 fewer than 5/);
    const compare = await page(commissioner, `${location.split('?')[0]}/compare`);
    expect(rowText(compare, '5.5')).toMatch(/ fewer than 5 9 not shown$/);
    expect(await page(commissioner, '/reports/snapshots')).toContain('2025/26 Q2');
    // Freezing the same quarter again keeps the first.
    const twice = await commissioner.post('/reports/snapshots', { csrf: await csrfOf(commissioner), framework: FW, quarter: '2025-Q2' });
    expect(V.location(twice)).toBe(`${location.split('?')[0]}?frozen=before`);
    const audits = await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'report.frozen'").first<{ n: number }>();
    expect(audits!.n).toBe(1);
    // The snapshot holds figures only: no text of any answer or excerpt.
    const stored = await env.DB.prepare('SELECT figures FROM report_snapshots').first<{ figures: string }>();
    expect(stored!.figures).not.toMatch(/choose which room|words \d/);
  });

  it('lets only commissioners freeze, and refuses a quarter that has not begun', async () => {
    const res = await moderator.post('/reports/snapshots', { csrf: await csrfOf(moderator), framework: FW, quarter: '2025-Q3' });
    expect(res.status).toBe(403);
    const future = await commissioner.post('/reports/snapshots', { csrf: await csrfOf(commissioner), framework: FW, quarter: '2099-Q1' });
    expect(future.status).toBe(400);
    expect((await commissioner.get('/reports/snapshots/no-such-snapshot')).status).toBe(404);
  });
});

describe('the printable report', () => {
  it('has a cover with the method and suppression rules, then the objectives', async () => {
    const html = await page(commissioner, `/reports/print?framework=${FW}&${YEAR}`);
    expect(html).toContain('How this report was made');
    expect(html).toContain('any count from 1 to 4 shows as “fewer than 5”');
    expect(html).toMatch(/Moderated \(read, redacted and done\)/);
    expect(html).toContain('class="heard-report-objective"');
    expect(html).toContain('Objectives no feedback raised in this period');
    expect(html).not.toContain(SECRET_WORDS);
  });
});
