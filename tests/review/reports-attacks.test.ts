// An outside review of the themed reports (issue 9): each test is an attack on the reports, their
// downloads, snapshots, actions or public pages, named for what it tries. A test that fails shows a
// bug that worked when the review was made; the rest pin down what was checked and held.
// Every test works in its own quarters and objectives, so the hand counts stay independent.
import { env } from 'cloudflare:workers';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { quarterOf } from '../../worker/reports/period';
import { addMany, addResponse, addSession, FW, obj } from '../reports/fixtures';
import { createStaff, csrfOf, signIn } from '../helpers/staff';
import { Visitor } from '../helpers/visitor';

let commissioner: Visitor;
let moderator: Visitor;

beforeAll(async () => {
  commissioner = await signIn(await createStaff('commissioner', 'oxfordshire-county-council'));
  moderator = await signIn(await createStaff('moderator', 'leaf'));
});

const strip = (s: string) =>
  s
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

/** The cells (not the header) of the first table row whose header starts with `start`. */
function cellsOf(html: string, start: string): string[] | undefined {
  for (const row of html.match(/<tr class="govuk-table__row">[\s\S]*?<\/tr>/g) ?? []) {
    const th = /<th[^>]*>([\s\S]*?)<\/th>/.exec(row);
    if (!th || !strip(th[1]!).startsWith(start)) continue;
    return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => strip(m[1]!));
  }
  return undefined;
}

/** A figure's exact value, or undefined when it is "fewer than 5", "at least N" or "not shown". */
const exact = (s: string | undefined) => (s !== undefined && /^\d[\d,]*$/.test(s) ? Number(s.replace(/,/g, '')) : undefined);

async function page(v: Visitor, path: string, status = 200): Promise<string> {
  const res = await v.get(path);
  expect(res.status, path).toBe(status);
  return res.text();
}

/** An objective's "Responses" on the overview for a query. */
async function overviewResponses(query: string, code: string): Promise<number | undefined> {
  const html = await page(commissioner, `/reports?framework=${FW}&${query}`);
  const cells = cellsOf(html, `${code} `);
  expect(cells, `row ${code} in ${query}`).toBeDefined();
  return exact(cells![0]);
}

async function csvRows(v: Visitor, path: string) {
  const res = await v.get(path);
  expect(res.status, path).toBe(200);
  const text = await res.text();
  const parsed = Papa.parse(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: true });
  const [header = [], ...rows] = parsed.data as string[][];
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ''])));
}

const post = async (v: Visitor, path: string, fields: Record<string, string | string[]>) => v.post(path, { csrf: await csrfOf(v), ...fields });

const isSmall = (n: number | undefined) => n !== undefined && n >= 1 && n <= 4;

// ---------------------------------------------------------------------------------------------
describe('privacy: differencing between views', () => {
  it('channel siblings: the unfiltered figure minus the other channels’ filtered figures gives the hidden paper count', async () => {
    // 2019/20 Q1, objective 5.6: 10 online, 10 on a kiosk, 2 on paper.
    const at = Date.UTC(2019, 4, 10, 10);
    await addMany(10, { at, channel: 'online', excerpts: [{ objectives: ['5.6'] }] });
    await addMany(10, { at, channel: 'kiosk', excerpts: [{ objectives: ['5.6'] }] });
    await addMany(2, { at, channel: 'paper', excerpts: [{ objectives: ['5.6'] }] });
    const q = 'from=2019-04-01&to=2019-06-30';
    // The objective page itself knows the channel line is unsafe and hides it...
    const objective = await page(commissioner, `/reports/objective/${FW}/5.6?${q}`);
    expect(strip(objective)).not.toMatch(/Paper form 2\b/);
    // ...but each channel's own view shows its count exactly, because rule 3 only compares it with the unfiltered view.
    const all = await overviewResponses(q, '5.6');
    const others = await Promise.all(['online', 'kiosk', 'assisted', 'group'].map((c) => overviewResponses(`${q}&channel=${c}`, '5.6')));
    if (all !== undefined && others.every((n) => n !== undefined)) {
      const paper = all - others.reduce((a, b) => a! + b!, 0)!;
      expect(isSmall(paper), `unfiltered ${all} minus ${others.join(' + ')} = ${paper} paper responses`).toBe(false);
    }
  });

  it('session inside its organisation: the organisation’s view minus the session’s view singles out the rest of that organisation', async () => {
    // 2019/20 Q2, objective 5.4: 10 at a LEAF session, 2 more LEAF responses outside it, 20 from St Mungo’s.
    await addSession('review-sess-leaf', 'Review LEAF drop-in', 'leaf');
    const at = Date.UTC(2019, 7, 10, 10);
    await addMany(10, { at, session: 'review-sess-leaf', organisation: 'leaf', channel: 'assisted', excerpts: [{ objectives: ['5.4'] }] });
    await addMany(2, { at, organisation: 'leaf', excerpts: [{ objectives: ['5.4'] }] });
    await addMany(20, { at, organisation: 'st-mungos', excerpts: [{ objectives: ['5.4'] }] });
    const q = 'from=2019-07-01&to=2019-09-30';
    const org = await overviewResponses(`${q}&organisation=leaf`, '5.4');
    const session = await overviewResponses(`${q}&session=review-sess-leaf`, '5.4');
    if (org !== undefined && session !== undefined) {
      expect(isSmall(org - session), `organisation ${org} minus session ${session}`).toBe(false);
    }
  });

  it('two filters together: inclusion–exclusion over form and channel gives an exact small cell no single view shows', async () => {
    // 2019/20 Q3, objective 5.3: service×online 10, service×kiosk 10, festival×online 10, festival×kiosk 2.
    const at = Date.UTC(2019, 10, 10, 10);
    await addMany(10, { at, form: 'service-feedback', channel: 'online', excerpts: [{ objectives: ['5.3'] }] });
    await addMany(10, { at, form: 'service-feedback', channel: 'kiosk', excerpts: [{ objectives: ['5.3'] }] });
    await addMany(10, { at, form: 'festival-of-feedback', channel: 'online', excerpts: [{ objectives: ['5.3'] }] });
    await addMany(2, { at, form: 'festival-of-feedback', channel: 'kiosk', excerpts: [{ objectives: ['5.3'] }] });
    const q = 'from=2019-10-01&to=2019-12-31';
    const none = await overviewResponses(q, '5.3');
    const form = await overviewResponses(`${q}&form=service-feedback`, '5.3');
    const channel = await overviewResponses(`${q}&channel=online`, '5.3');
    // Views combine one filter at a time: the view with both is refused.
    const refused = await commissioner.get(`/reports?framework=${FW}&${q}&form=service-feedback&channel=online`);
    expect(refused.status).toBe(400);
    const both = refused.status === 200 ? await overviewResponses(`${q}&form=service-feedback&channel=online`, '5.3') : undefined;
    if ([none, form, channel, both].every((n) => n !== undefined)) {
      const rest = none! - form! - channel! + both!;
      expect(isSmall(rest), `${none} - ${form} - ${channel} + ${both} = ${rest} (festival on a kiosk)`).toBe(false);
    }
  });

  it('a theme beside its objective: the objective’s count minus the theme’s gives the few who raised it without that theme', async () => {
    // 2019/20 Q4, objective 5.2: 12 responses, 10 of them also tagged "Being listened to".
    const at = Date.UTC(2020, 1, 10, 10);
    await addMany(10, { at, excerpts: [{ objectives: ['5.2'], themes: ['being-listened-to'] }] });
    await addMany(2, { at, excerpts: [{ objectives: ['5.2'] }] });
    const html = await page(commissioner, `/reports/objective/${FW}/5.2?from=2020-01-01&to=2020-03-31`);
    const total = exact(/Responses that raised it<\/dt>\s*<dd[^>]*>([\s\S]*?)<\/dd>/.exec(html)?.[1]);
    const theme = exact(cellsOf(html, 'Being listened to')?.[0]);
    if (total !== undefined && theme !== undefined) expect(isSmall(total - theme), `${total} raised 5.2, ${theme} with the theme`).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
describe('privacy: quotes beside small figures', () => {
  it('excerpts.csv names the session and channel of a quote from a session where fewer than 5 raised the objective', async () => {
    // 2020/21 Q1, objective 5.1: 10 online responses, and 1 paper response at a tiny session with an approved quote.
    await addSession('review-sess-tiny', 'Tiny hostel drop-in', 'homeless-oxfordshire');
    const at = Date.UTC(2020, 4, 10, 10);
    await addMany(10, { at, channel: 'online', excerpts: [{ objectives: ['5.1'] }] });
    await addResponse({ at, channel: 'paper', session: 'review-sess-tiny', excerpts: [{ objectives: ['5.1'], approved: true, text: 'QUOTE FROM THE ONLY PERSON AT THE TINY SESSION' }] });
    const q = 'from=2020-04-01&to=2020-06-30';
    // The session's own view says "fewer than 5" and hides the quote...
    const filtered = await page(commissioner, `/reports/objective/${FW}/5.1?${q}&session=review-sess-tiny`);
    expect(filtered).not.toContain('QUOTE FROM THE ONLY PERSON');
    // ...the download of the whole view attributes it to that session (and to paper, of which there is one).
    const rows = (await csvRows(commissioner, `/reports/excerpts.csv?framework=${FW}&${q}`)).filter((r) => r['redacted text']!.startsWith('QUOTE FROM THE ONLY PERSON'));
    for (const r of rows) expect({ session: r.session, channel: r.channel }, 'a quote tied to a group of 1 to 4').toEqual({ session: '', channel: expect.not.stringMatching(/Paper/) });
  });

  it('an objective page shows a quote labelled with a quarter in which fewer than 5 raised the objective', async () => {
    // 2020/21 Q2: 1 response with an approved quote; Q3: 10 more. The two quarters together say "at least 11".
    await addResponse({ at: Date.UTC(2020, 7, 10, 10), excerpts: [{ objectives: ['4.7'], approved: true, text: 'QUOTE FROM A QUARTER OF ONE' }] });
    await addMany(10, { at: Date.UTC(2020, 10, 10, 10), excerpts: [{ objectives: ['4.7'] }] });
    const single = await page(commissioner, `/reports/objective/${FW}/4.7?from=2020-07-01&to=2020-09-30`);
    expect(single).not.toContain('QUOTE FROM A QUARTER OF ONE');
    const html = await page(commissioner, `/reports/objective/${FW}/4.7?from=2020-07-01&to=2020-12-31`);
    expect(cellsOf(html, '2020/21 Q2')?.[0]).toBe('fewer than 5');
    expect(html, 'the quote of the one person in 2020/21 Q2, dated to that quarter').not.toContain('QUOTE FROM A QUARTER OF ONE');
  });

  it('a commissioner reads the approved quote of an objective fewer than 5 raised through the action form’s evidence list', async () => {
    // 2020/21 Q4, objective 4.6: 2 responses; the report hides their quote.
    await addMany(2, { at: Date.UTC(2021, 1, 10, 10), excerpts: [{ objectives: ['4.6'], approved: true, text: 'QUOTE OF A SMALL OBJECTIVE' }] });
    const report = await page(commissioner, `/reports/objective/${FW}/4.6?from=2021-01-01&to=2021-03-31`);
    expect(report).not.toContain('QUOTE OF A SMALL OBJECTIVE');
    const res = await post(commissioner, '/reports/actions', { intent: 'refresh', objective: obj('4.6'), theme: '' });
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain('QUOTE OF A SMALL OBJECTIVE');
  });

  it('a withdrawn response (its row deleted) leaves neither its quote nor its count', async () => {
    // 2021/22 Q2, objective 3.3: 10 responses and one more with a quote, which is then withdrawn.
    const at = Date.UTC(2021, 7, 10, 10);
    await addMany(10, { at, excerpts: [{ objectives: ['3.3'] }] });
    const id = await addResponse({ at, excerpts: [{ objectives: ['3.3'], approved: true, text: 'QUOTE THAT WAS WITHDRAWN' }] });
    const q = `framework=${FW}&from=2021-07-01&to=2021-09-30`;
    expect((await csvRows(commissioner, `/reports/excerpts.csv?${q}`)).some((r) => r['redacted text'] === 'QUOTE THAT WAS WITHDRAWN')).toBe(true);
    await env.DB.prepare('DELETE FROM responses WHERE id = ?').bind(id).run();
    expect((await csvRows(commissioner, `/reports/excerpts.csv?${q}`)).some((r) => r['redacted text'] === 'QUOTE THAT WAS WITHDRAWN')).toBe(false);
    expect(await overviewResponses('from=2021-07-01&to=2021-09-30', '3.3')).toBe(10);
    expect(await page(commissioner, `/reports/print?${q}`)).not.toContain('QUOTE THAT WAS WITHDRAWN');
  });
});

// ---------------------------------------------------------------------------------------------
describe('snapshots', () => {
  it('compare spells out a difference of 1 to 4 as a number ("1 more")', async () => {
    // 2021/22 Q1, objective 3.4: 10 responses, frozen; then one more is tagged.
    const at = Date.UTC(2021, 4, 10, 10);
    await addMany(10, { at, excerpts: [{ objectives: ['3.4'] }] });
    const frozen = await post(commissioner, '/reports/snapshots', { framework: FW, quarter: '2021-Q1' });
    expect(frozen.status).toBe(303);
    const id = /\/reports\/snapshots\/([^?]+)/.exec(Visitor.location(frozen))![1]!;
    const stored = await env.DB.prepare('SELECT figures FROM report_snapshots WHERE id = ?').bind(id).first<{ figures: string }>();
    expect(stored!.figures, 'figures and ids only').not.toMatch(/words \d|QUOTE/);
    await addResponse({ at, excerpts: [{ objectives: ['3.4'] }] });
    const compare = await page(commissioner, `/reports/snapshots/${id}/compare`);
    const row = cellsOf(compare, '3.4 ');
    expect(row?.[2], `frozen ${row?.[0]}, now ${row?.[1]}`).not.toMatch(/^[1-4] (more|fewer)$/);
  });

  it('freezing the current, unfinished quarter is refused (it could never be frozen again with its full figures)', async () => {
    const current = quarterOf(Date.now());
    const res = await post(commissioner, '/reports/snapshots', { framework: 'city-of-london-2023-27', quarter: current.key });
    expect(res.status, `freezing ${current.key} while it is still under way`).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('snapshot ids are not guessable and a made-up one is a 404', async () => {
    const rows = (await env.DB.prepare('SELECT id FROM report_snapshots').all<{ id: string }>()).results;
    for (const r of rows) expect(r.id.length).toBeGreaterThanOrEqual(12);
    expect((await commissioner.get('/reports/snapshots/AAAAAAAAAAAA')).status).toBe(404);
    expect((await commissioner.get('/reports/snapshots/..%2F..%2Fadmin/compare')).status).toBeGreaterThanOrEqual(400);
  });
});

// ---------------------------------------------------------------------------------------------
describe('actions: evidence', () => {
  const fields = (extra: Record<string, string | string[]>) => ({
    objective: obj('2.5'),
    theme: '',
    'you-said-en': 'Review: you said the rooms were cold.',
    'you-said-ar': '',
    'we-did-en': 'Review: we fixed the heating.',
    'we-did-ar': '',
    organisation: 'oxfordshire-county-council',
    status: 'green',
    'acted-day': '3',
    'acted-month': '2',
    'acted-year': '2022',
    'evidence-quarter': '',
    published: '',
    ...extra,
  });

  it('an unapproved excerpt cannot be posted as evidence', async () => {
    const id = await addResponse({ at: Date.UTC(2022, 1, 10, 10), excerpts: [{ objectives: ['2.5'], text: 'REVIEW UNAPPROVED EVIDENCE' }] });
    const excerpt = (await env.DB.prepare('SELECT id FROM excerpts WHERE response_id = ?').bind(id).first<{ id: number }>())!.id;
    const res = await post(moderator, '/reports/actions', fields({ evidence: String(excerpt) }));
    expect(res.status).toBe(422);
  });

  it('an action moved to another framework’s objective keeps evidence tagged only with the first objective', async () => {
    // Enough others raised 2.5 that quarter for its quote to be offered at all.
    await addMany(5, { at: Date.UTC(2022, 1, 11, 10), excerpts: [{ objectives: ['2.5'] }] });
    const id = await addResponse({ at: Date.UTC(2022, 1, 10, 10), excerpts: [{ objectives: ['2.5'], approved: true, text: 'REVIEW EVIDENCE FOR 2.5 ONLY' }] });
    const excerpt = (await env.DB.prepare('SELECT id FROM excerpts WHERE response_id = ?').bind(id).first<{ id: number }>())!.id;
    expect((await post(moderator, '/reports/actions', fields({ evidence: String(excerpt) }))).status).toBe(303);
    const action = (await env.DB.prepare("SELECT id FROM actions WHERE we_did LIKE '%Review: we fixed the heating.%'").first<{ id: string }>())!.id;
    const res = await post(moderator, `/reports/actions/${action}`, fields({ objective: 'city-of-london-2023-27:1.6', evidence: String(excerpt) }));
    expect(res.status, 'saved with evidence of an objective of another framework').toBe(422);
  });
});

// ---------------------------------------------------------------------------------------------
describe('access', () => {
  it('every report route sends a visitor with no account to sign in, and the public pages show nothing else', async () => {
    const anon = new Visitor();
    for (const path of ['/reports', `/reports/objective/${FW}/1.1`, '/reports/print', '/reports/objectives.csv', '/reports/excerpts.csv', '/reports/snapshots', '/reports/actions', '/reports/actions/new']) {
      const res = await anon.get(path);
      expect(res.status, path).toBe(303);
      expect(Visitor.location(res), path).toMatch(/^\/login\?next=/);
    }
    const pub = await page(anon, `/strategy/${FW}`);
    expect(pub).not.toMatch(/QUOTE|words \d/);
    expect((await anon.post('/reports/snapshots', { framework: FW, quarter: '2019-Q1' })).status).toBe(403);
  });

  it('roles: an assessor reads no report, a facilitator writes no action, a moderator freezes nothing', async () => {
    const assessor = await signIn(await createStaff('assessor', 'homeless-oxfordshire'));
    expect((await assessor.get('/reports')).status).toBe(403);
    expect((await assessor.get(`/reports/excerpts.csv?framework=${FW}`)).status).toBe(403);
    const facilitator = await signIn(await createStaff('facilitator', 'leaf', { totp: false }));
    expect((await facilitator.get('/reports/actions')).status).toBe(403);
    expect((await post(facilitator, '/reports/actions', { intent: 'refresh', objective: obj('4.6') })).status).toBe(403);
    expect((await post(moderator, '/reports/snapshots', { framework: FW, quarter: '2019-Q1' })).status).toBe(403);
  });

  it('CSRF: a freeze or an action without the session’s token, or from another site, is refused', async () => {
    expect((await commissioner.post('/reports/snapshots', { csrf: 'nope', framework: FW, quarter: '2019-Q1' })).status).toBe(403);
    expect((await commissioner.post('/reports/snapshots', { framework: FW, quarter: '2019-Q1' })).status).toBe(403);
    const cross = await commissioner.post('/reports/actions', { csrf: await csrfOf(commissioner), intent: 'refresh' }, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(cross.status).toBe(403);
    expect((await moderator.post('/reports/actions', { intent: 'refresh' })).status).toBe(403);
  });
});

// ---------------------------------------------------------------------------------------------
describe('bad input', () => {
  const long = (n: number) => 'x'.repeat(n);

  it('a start date longer than 20 characters gets a 4xx page with the form, not a 500', async () => {
    const res = await commissioner.get(`/reports?framework=${FW}&from=${long(21)}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('The start date must be a real date');
  });

  it('a framework id longer than 100 characters gets a 4xx, not a 500 (page and CSV)', async () => {
    expect((await commissioner.get(`/reports?framework=${long(101)}`)).status).toBe(400);
    expect((await commissioner.get(`/reports/objectives.csv?framework=${long(101)}`)).status).toBe(400);
  });

  it('a channel longer than 20 characters on the excerpts CSV gets a 4xx, not a 500', async () => {
    expect((await commissioner.get(`/reports/excerpts.csv?framework=${FW}&channel=${long(500)}`)).status).toBe(400);
  });

  it('unicode, arrays, broken percent-encoding, reversed and overlong periods give 400 with the form and what was typed', async () => {
    const cases: [string, string][] = [
      ['from=2025-04-01&from=2025-07-01&to=%D9%A2%D9%A0%D9%A2%D9%A5-06-30', 'The end date must be a real date'],
      ['from=2026-04-01&to=2025-03-31', 'on or after the start date'],
      ['from=2000-04-01&to=2025-03-31', 'within ten years'],
      ['from=%E0%A4%A&to=2025-03-31', 'The start date must be a real date'],
      ['channel=carrier-pigeon', 'Choose how the feedback was given from the list'],
      ['session=%F0%9F%92%A9', 'Choose a session from the list'],
    ];
    for (const [q, words] of cases) {
      const res = await commissioner.get(`/reports?framework=${FW}&${q}`);
      expect(res.status, q).toBe(400);
      const html = await res.text();
      expect(html, q).toContain(words);
      expect(html, q).toContain('<form method="get" action="/reports"');
    }
  });

  it('a period wholly in the future is refused in plain words rather than reported as all zeros and offered for freezing', async () => {
    const res = await commissioner.get(`/reports?framework=${FW}&from=2090-04-01&to=2090-06-30`);
    expect(res.status).toBe(400);
  });

  it('objective and snapshot routes answer hostile ids with 4xx', async () => {
    expect((await commissioner.get(`/reports/objective/${FW}/${long(21)}`)).status).toBe(400);
    expect((await commissioner.get(`/reports/objective/${FW}/%ZZ`)).status).toBeLessThan(500);
    expect((await commissioner.get(`/reports/objective/${FW}/1.1?from=2026-04-01&to=2025-01-01`)).status).toBe(400);
    expect((await commissioner.get(`/reports/snapshots/${long(41)}`)).status).toBe(400);
    const bad = await post(commissioner, '/reports/snapshots', { framework: FW, quarter: '2019-Q5' });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    const arr = await post(commissioner, '/reports/snapshots', { framework: [FW, FW], quarter: '2019-Q1' });
    expect(arr.status).toBeLessThan(500);
  });

  it('an action’s "we did" of 21,000 characters gives the form back (422) with the words kept, not a bare 400', async () => {
    const words = 'We did a lot. '.repeat(1500);
    const res = await post(moderator, '/reports/actions', {
      objective: obj('2.5'),
      theme: '',
      'you-said-en': 'Long one',
      'we-did-en': words,
      organisation: 'oxfordshire-county-council',
      status: 'green',
      'acted-day': '3',
      'acted-month': '2',
      'acted-year': '2022',
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('We did a lot.');
  });

  it('the public pages answer odd queries with a page, not a 500', async () => {
    const anon = new Visitor();
    expect((await anon.get('/you-said-we-did?page=abc')).status).toBeLessThan(500);
    expect((await anon.get(`/you-said-we-did?objective=${long(300)}`)).status).toBeLessThan(500);
    expect((await anon.get('/strategy/%ZZ')).status).toBeLessThan(500);
    // ?lang=fr is a 400 here as on every respondent page (the app's own choice), not a 500.
    expect((await anon.get('/you-said-we-did?lang=fr')).status).toBe(400);
  });
});

// ---------------------------------------------------------------------------------------------
describe('correctness a commissioner would notice', () => {
  it('a quote tagged with a theme and with a theme merged into it lists the theme once', async () => {
    // 2021/22 Q3, objective 3.1: 10 responses, one quote tagged "Wifi" and "Phones and data"; Wifi is then merged into Phones and data.
    const at = Date.UTC(2021, 10, 10, 10);
    await addMany(10, { at, excerpts: [{ objectives: ['3.1'] }] });
    await addResponse({ at, excerpts: [{ objectives: ['3.1'], themes: ['wifi', 'phones-and-data'], approved: true, text: 'QUOTE WITH TWO THEMES MERGED' }] });
    await env.DB.prepare("UPDATE themes SET merged_into = 'phones-and-data' WHERE id = 'wifi'").run();
    const rows = (await csvRows(commissioner, `/reports/excerpts.csv?framework=${FW}&from=2021-10-01&to=2021-12-31`)).filter((r) => r['redacted text'] === 'QUOTE WITH TWO THEMES MERGED');
    expect(rows.map((r) => r.themes)).toEqual(['Phones and data']);
    const html = await page(commissioner, `/reports/objective/${FW}/3.1?from=2021-10-01&to=2021-12-31`);
    expect(strip(html)).not.toContain('Themes: Phones and data, Phones and data');
  });

  it('quarter edges in British Summer Time: 00:30 on 1 July UK time is in Q2, 23:30 on 30 June is in Q1', async () => {
    // 2018/19: Q1 ends at 23:00 UTC on 30 June 2018.
    await addMany(5, { at: Date.UTC(2018, 5, 30, 22), excerpts: [{ objectives: ['1.3'] }] });
    await addMany(6, { at: Date.UTC(2018, 5, 30, 23), excerpts: [{ objectives: ['1.3'] }] });
    expect(await overviewResponses('from=2018-04-01&to=2018-06-30', '1.3')).toBe(5);
    expect(await overviewResponses('from=2018-07-01&to=2018-09-30', '1.3')).toBe(6);
    const csv = (await csvRows(commissioner, `/reports/objectives.csv?framework=${FW}&from=2018-04-01&to=2018-09-30`)).filter((r) => r['objective code'] === '1.3');
    expect(csv.map((r) => [r.quarter, r.responses])).toEqual([
      ['2018/19 Q1', '5'],
      ['2018/19 Q2', '6'],
    ]);
  });

  it('rejected, second-round and excluded tags are not counted in themes or quotes', async () => {
    const at = Date.UTC(2018, 10, 10, 10); // 2018/19 Q3, objective 1.2
    await addMany(10, { at, excerpts: [{ objectives: ['1.2'], themes: ['debt'] }] });
    await addMany(3, { at, excerpts: [{ objectives: ['1.2'], themes: ['debt'], state: 'rejected', approved: true, text: 'QUOTE OF A REJECTED TAG' }] });
    await addMany(3, { at, excerpts: [{ objectives: ['1.2'], round: 'second', approved: true, text: 'QUOTE OF A SECOND ROUND TAG' }] });
    await addMany(3, { at, status: 'excluded', excerpts: [{ objectives: ['1.2'], approved: true, text: 'QUOTE OF AN EXCLUDED RESPONSE' }] });
    const html = await page(commissioner, `/reports/objective/${FW}/1.2?from=2018-10-01&to=2018-12-31`);
    expect(/Responses that raised it<\/dt>\s*<dd[^>]*>10</.test(html)).toBe(true);
    expect(cellsOf(html, 'Debt')?.[0]).toBe('10');
    expect(html).not.toMatch(/QUOTE OF/);
    const csv = await csvRows(commissioner, `/reports/excerpts.csv?framework=${FW}&from=2018-10-01&to=2018-12-31`);
    expect(csv.filter((r) => r['redacted text']!.startsWith('QUOTE OF'))).toEqual([]);
  });
});
