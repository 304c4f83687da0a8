// Blind second coding (issue 10, point 5): kappa against hand-worked examples, the random sample, the
// blind page, agreement, settling (which changes what reports count), and bad input, over HTTP.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { agreementOn, overallAgreement, type Coded } from '../../worker/moderate/second-coding/kappa';
import { createStaff, csrfOf, signIn, type TestStaff } from '../helpers/staff';
import { Visitor } from '../helpers/visitor';
import { expectRollupMatchesRaw } from '../helpers/rollup';

const FW = 'oxfordshire-countywide';
const obj = (code: string) => `${FW}:${code}`;
const item = (first: string[], second: string[]): Coded => ({ first: new Set(first), second: new Set(second) });
const times = (n: number, c: Coded) => Array.from({ length: n }, () => c);

describe("Cohen's kappa, worked by hand", () => {
  it('is 1 for perfect agreement', () => {
    const a = agreementOn([item(['A'], ['A']), item(['A'], ['A']), item([], []), item([], [])], 'A');
    expect(a).toMatchObject({ n: 4, both: 2, neither: 2, percent: 1, kappa: 1 });
  });

  it('is 0 when agreement is what chance gives', () => {
    // Each coder says yes to half; they agree on half: pₒ = 0.5, pₑ = 0.5·0.5 + 0.5·0.5 = 0.5, κ = 0.
    const a = agreementOn([item(['A'], ['A']), item(['A'], []), item([], ['A']), item([], [])], 'A');
    expect(a.percent).toBe(0.5);
    expect(a.kappa).toBe(0);
  });

  it('is 0.4 for the textbook table of 50 (20 both, 5 first only, 10 second only, 15 neither)', () => {
    // pₒ = 35/50 = 0.7; p₁ = 25/50, p₂ = 30/50; pₑ = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2 / 0.5 = 0.4.
    const items = [...times(20, item(['A'], ['A'])), ...times(5, item(['A'], [])), ...times(10, item([], ['A'])), ...times(15, item([], []))];
    const a = agreementOn(items, 'A');
    expect(a.percent).toBeCloseTo(0.7, 10);
    expect(a.kappa).toBeCloseTo(0.4, 10);
  });

  it('is below 0 when the coders disagree more than chance would', () => {
    expect(agreementOn([item(['A'], []), item([], ['A'])], 'A').kappa).toBe(-1);
  });

  it('is not defined for an objective nobody used, nor one both used every time, while agreement is 100%', () => {
    const items = [item(['A'], ['A']), item([], [])];
    expect(agreementOn(items, 'B')).toMatchObject({ n: 2, neither: 2, percent: 1, kappa: null });
    expect(agreementOn([item(['A'], ['A']), item(['A'], ['A'])], 'A')).toMatchObject({ percent: 1, kappa: null });
    expect(agreementOn([], 'A')).toMatchObject({ n: 0, percent: null, kappa: null });
  });

  it('pools the codes either coder used, leaving out the ones nobody used', () => {
    // A: both, both; B: first only, neither → decisions: 4; agree 3; yes rates p₁ = 3/4, p₂ = 2/4.
    // pₑ = 0.75·0.5 + 0.25·0.5 = 0.5; pₒ = 0.75; κ = 0.25 / 0.5 = 0.5. C (nobody) is left out.
    const o = overallAgreement([item(['A', 'B'], ['A']), item(['A'], ['A'])], ['A', 'B', 'C']);
    expect(o).toMatchObject({ codes: 2, n: 4, responses: 2, percent: 0.75 });
    expect(o.kappa).toBeCloseTo(0.5, 10);
  });
});

describe('a blind second coding, over HTTP', () => {
  let admin: Visitor;
  let first: TestStaff;
  let firstV: Visitor;
  let second: Visitor;
  const ids: string[] = [];

  /** A done festival response with one answer, tagged first round by `by` with the given objectives. */
  async function tagged(k: number, codes: string[], by: string, status = 'done') {
    const id = `second-${k}-${crypto.randomUUID()}`;
    const version = (await env.DB.prepare("SELECT current_version_id AS v FROM forms WHERE id = 'festival-of-feedback'").first<{ v: string }>())!.v;
    const text = `Answer number ${k} about the hostel and the council`;
    await env.DB.batch([
      env.DB.prepare("INSERT INTO responses (id, form_version_id, channel, locale, submitted_at) VALUES (?, ?, 'online', 'en', ?)").bind(id, version, Date.UTC(2026, 4, 1 + k)),
      env.DB.prepare("INSERT INTO answers (response_id, question_id, value) VALUES (?, 'change', ?)").bind(id, JSON.stringify(text)),
      env.DB.prepare('INSERT INTO moderation (response_id, status, submitted_at) VALUES (?, ?, ?)').bind(id, status, Date.UTC(2026, 4, 1 + k)),
      env.DB.prepare("INSERT INTO answer_texts (response_id, question_id, redacted) VALUES (?, 'change', ?)").bind(id, text),
      env.DB.prepare("INSERT INTO excerpts (response_id, question_id, start, \"end\", text, created_by, created_at) VALUES (?, 'change', 0, ?, ?, ?, 0)").bind(id, text.length, text, by),
    ]);
    for (const c of codes) {
      await env.DB.prepare("INSERT INTO tags (excerpt_id, response_id, objective_id, created_by, created_at) SELECT id, response_id, ?, ?, 0 FROM excerpts WHERE response_id = ?").bind(obj(c), by, id).run();
    }
    return id;
  }

  const post = async (v: Visitor, path: string, fields: Record<string, string | string[]>) => v.post(path, { csrf: await csrfOf(v), ...fields } as Record<string, string>);

  beforeAll(async () => {
    admin = await signIn(await createStaff('deployment-admin'));
    first = await createStaff('moderator');
    firstV = await signIn(first);
    second = await signIn(await createStaff('moderator'));
    for (let k = 0; k < 10; k++) ids.push(await tagged(k, k % 2 ? ['4.1'] : ['4.1', '5.5'], first.id));
    await tagged(20, ['4.1'], first.id, 'in-review'); // not done: never sampled
  });

  it('refuses a sample it cannot read in plain words, keeping what was typed', async () => {
    const res = await post(admin, '/moderate/second-coding', { framework: FW, size: 'lots', from: '2026-13-01' });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('Enter how many responses, as a number such as 40 or a percentage such as 10%');
    expect(page).toContain('The start date must be a real date');
    expect(page).toContain('value="lots"');
    expect((await post(admin, '/moderate/second-coding', { framework: 'nope', size: '5' })).status).toBe(422);
    expect((await post(second, '/moderate/second-coding', { framework: FW, size: '5' })).status).toBe(403);
  });

  let coding: string;
  let sample: string[];

  it('draws a random sample of done, tagged responses, by percentage, and never the same response twice', async () => {
    const res = await post(admin, '/moderate/second-coding', { framework: FW, size: '50%', from: '2026-05-01', to: '2026-05-31' });
    expect(res.status).toBe(303);
    coding = Visitor.location(res)!.split('/')[3]!.split('?')[0]!;
    sample = (await env.DB.prepare('SELECT response_id AS id FROM second_coding_items WHERE coding_id = ?').bind(coding).all<{ id: string }>()).results.map((r) => r.id);
    expect(sample).toHaveLength(5);
    for (const id of sample) expect(ids).toContain(id);
    const again = await post(admin, '/moderate/second-coding', { framework: FW, size: '100%', from: '2026-05-01', to: '2026-05-31' });
    const other = Visitor.location(again)!.split('/')[3]!.split('?')[0]!;
    const rest = (await env.DB.prepare('SELECT response_id AS id FROM second_coding_items WHERE coding_id = ?').bind(other).all<{ id: string }>()).results.map((r) => r.id);
    expect(rest).toHaveLength(5);
    expect(rest.filter((id) => sample.includes(id))).toEqual([]);
    const none = await post(admin, '/moderate/second-coding', { framework: FW, size: '3', from: '2026-05-01', to: '2026-05-31' });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('No responses match');
    const list = await (await admin.get('/moderate/second-coding')).text();
    expect(list).toContain('5 of 10 responses');
  });

  it('shows the second moderator the answers and none of the first tags, and refuses the first moderator', async () => {
    const id = sample[0]!;
    const page = await (await second.get(`/moderate/second-coding/${coding}/responses/${id}`)).text();
    expect(page).toContain('Answer number');
    expect(page).toContain('name="objective"');
    expect(page).not.toMatch(/checked[^>]*value="oxfordshire-countywide:4\.1"|value="oxfordshire-countywide:4\.1"[^>]*checked/);
    expect(page).not.toContain('govuk-tag');
    const mine = await (await firstV.get(`/moderate/second-coding/${coding}/responses/${id}`)).text();
    expect(mine).toContain('You made this response’s first tags');
    expect((await post(firstV, `/moderate/second-coding/${coding}/responses/${id}`, { objective: obj('4.1') })).status).toBe(422);
    expect((await post(second, `/moderate/second-coding/${coding}/responses/${id}`, {})).status).toBe(422);
    expect((await post(second, `/moderate/second-coding/${coding}/responses/${id}`, { objective: 'no:such' })).status).toBe(422);
    expect((await second.get(`/moderate/second-coding/${coding}/responses/not-in-the-sample`)).status).toBe(404);
  });

  it('codes the sample, shows agreement per objective with kappa, lists disagreements, and settles them into what reports count', async () => {
    const firstCodes = new Map<string, string[]>();
    for (const id of sample) firstCodes.set(id, (await env.DB.prepare("SELECT objective_id AS o FROM tags WHERE response_id = ? AND round = 'first'").bind(id).all<{ o: string }>()).results.map((r) => r.o));
    // The second moderator always ticks 4.1, and 3.2 on the first response only: 5.5 is the first's alone.
    for (const [k, id] of sample.entries()) {
      const res = await post(second, `/moderate/second-coding/${coding}/responses/${id}`, { objective: k === 0 ? [obj('4.1'), obj('3.2')] : [obj('4.1')] } as never);
      expect(res.status).toBe(303);
    }
    const page = await (await second.get(`/moderate/second-coding/${coding}/agreement`)).text();
    const fives = [...firstCodes.values()].filter((c) => c.includes(obj('5.5'))).length;
    // 4.1: both on all five → 100%, kappa not defined (everybody used it).
    expect(page).toMatch(/4\.1 – [^<]*<\/th>\s*<td[^>]*>5<\/td>\s*<td[^>]*>5<\/td>\s*<td[^>]*>0<\/td>\s*<td[^>]*>0<\/td>\s*<td[^>]*>100%<\/td>\s*<td[^>]*>not defined<\/td>/);
    // 5.5: the first coder alone, on `fives` of five: agreement (5 − fives)/5, kappa 0 (the second never used it).
    expect(page).toMatch(new RegExp(`5\\.5 – [^<]*</th>\\s*<td[^>]*>5</td>\\s*<td[^>]*>0</td>\\s*<td[^>]*>${fives}</td>\\s*<td[^>]*>0</td>\\s*<td[^>]*>${Math.round(((5 - fives) / 5) * 100)}%</td>\\s*<td[^>]*>${fives > 0 && fives < 5 ? '0.00' : 'not defined'}</td>`));
    expect(page).toContain('Disagreement 1');
    // Settling the first response with the second coding: its 5.5 (if any) stops counting, 3.2 starts.
    const id = sample[0]!;
    expect((await post(second, `/moderate/second-coding/${coding}/responses/${id}/settle`, { with: 'second' })).status).toBe(303);
    const counted = async () => (await env.DB.prepare("SELECT subject FROM report_facts WHERE response_id = ? AND kind = 'objective' ORDER BY subject").bind(id).all<{ subject: string }>()).results.map((r) => r.subject);
    expect(await counted()).toEqual([obj('3.2'), obj('4.1')]);
    // Settled again, with both: everything either coding had counts.
    expect((await post(second, `/moderate/second-coding/${coding}/responses/${id}/settle`, { with: 'both' })).status).toBe(303);
    expect(await counted()).toEqual([...new Set([obj('3.2'), obj('4.1'), ...firstCodes.get(id)!])].sort());
    // And with the first: back to what the first moderator tagged.
    expect((await post(second, `/moderate/second-coding/${coding}/responses/${id}/settle`, { with: 'first' })).status).toBe(303);
    expect(await counted()).toEqual([...firstCodes.get(id)!].sort());
    const audit = (await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'second-coding.settled' AND target_id = ?").bind(id).first<{ n: number }>())!.n;
    expect(audit).toBe(3);
    await expectRollupMatchesRaw();
  });

  it('gives the agreement of the period in the printed report’s method', async () => {
    const commissioner = await signIn(await createStaff('commissioner'));
    const page = await (await commissioner.get(`/reports/print?framework=${FW}&from=2026-04-01&to=2026-06-30`)).text();
    expect(page.match(/<p class="govuk-body" id="second-coding">[^<]*/)?.[0]).toMatch(/a random sample of 5 responses from this period was tagged again by a second moderator/);
    expect(page).toMatch(/Cohen(&#x27;|')s kappa/);
    const earlier = await (await commissioner.get(`/reports/print?framework=${FW}&from=2025-04-01&to=2025-06-30`)).text();
    expect(earlier).toContain('No responses from this period were tagged a second time');
  });
});
