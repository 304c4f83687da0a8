// The theme codebook as a moderator keeps it: the hierarchy with tag counts, adding, renaming,
// merging without losing tags, and the CSV round trip, over HTTP against the real Worker and D1.
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStaff, csrfOf, signIn } from '../helpers/staff';
import { ORIGIN, Visitor } from '../helpers/visitor';
import { expectRollupMatchesRaw } from '../helpers/rollup';

let m: Visitor;
let moderatorId: string;

beforeAll(async () => {
  const alex = await createStaff('moderator');
  moderatorId = alex.id;
  m = await signIn(alex);
});

let made = 0;
/** A response with one excerpt per theme given (or several on one excerpt), tagged as a moderator would. */
async function tagged(themeIds: string[][]): Promise<string> {
  const id = crypto.randomUUID();
  const version = await env.DB.prepare("SELECT current_version_id AS v FROM forms WHERE id = 'festival-of-feedback'").first<{ v: string }>();
  await env.DB.batch([
    env.DB.prepare("INSERT INTO responses (id, form_version_id, channel, locale, submitted_at) VALUES (?, ?, 'online', 'en', ?)").bind(id, version!.v, Date.UTC(2025, 0, 1) + ++made * 3_600_000),
    env.DB.prepare("INSERT INTO moderation (response_id, status, submitted_at) VALUES (?, 'done', ?)").bind(id, Date.UTC(2025, 0, 1)),
  ]);
  for (const [i, themes] of themeIds.entries()) {
    const excerpt = await env.DB.prepare("INSERT INTO excerpts (response_id, question_id, start, \"end\", text, created_by, created_at) VALUES (?, 'change', ?, ?, 'some words', ?, 0) RETURNING id")
      .bind(id, i * 10, i * 10 + 5, moderatorId)
      .first<{ id: number }>();
    for (const theme of themes) {
      await env.DB.prepare('INSERT INTO tags (excerpt_id, response_id, theme_id, created_by, created_at) VALUES (?, ?, ?, ?, 0)').bind(excerpt!.id, id, theme, moderatorId).run();
    }
  }
  return id;
}

const tagCount = async (theme: string) => (await env.DB.prepare('SELECT count(*) AS n FROM tags WHERE theme_id = ?').bind(theme).first<{ n: number }>())!.n;
const themeRow = (id: string) => env.DB.prepare('SELECT id, parent_id, name, definition, example, merged_into FROM themes WHERE id = ?').bind(id).first<Record<string, string | null>>();
const auditCount = async (action: string, target: string) => (await env.DB.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ? AND target_id = ?').bind(action, target).first<{ n: number }>())!.n;
const liveRows = async () => (await env.DB.prepare('SELECT id, parent_id, name, definition, example FROM themes WHERE merged_into IS NULL ORDER BY id').all()).results;

async function post(path: string, fields: Record<string, string>) {
  return m.post(path, { csrf: await csrfOf(m), ...fields });
}

async function importCsv(csv: string) {
  return post('/moderate/codebook/import', { csv });
}

async function exportCsv() {
  const res = await m.get('/moderate/codebook.csv');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
  return res.text();
}

describe('the codebook page', () => {
  it('shows parents and children with their definitions, examples and how many tags use each', async () => {
    await tagged([['waiting-for-housing'], ['waiting-for-housing', 'not-hearing-back']]);
    const res = await m.get('/moderate/codebook');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Theme codebook');
    expect(page).toContain('Waiting and delays');
    expect(page).toContain('How long people wait for housing');
    expect(page).toMatch(/data-theme="waiting-for-housing"[\s\S]*?data-tags="2"/);
    expect(page).toMatch(/data-theme="not-hearing-back"[\s\S]*?data-tags="1"/);
    // Children come after their parent, named with it for screen readers.
    expect(page.indexOf('data-theme="waiting-and-delays"')).toBeLessThan(page.indexOf('data-theme="waiting-for-housing"'));
    expect(page).toContain('Waiting and delays › </span>');
  });

  it('is refused to roles that do not moderate', async () => {
    const c = await signIn(await createStaff('commissioner'));
    expect((await c.get('/moderate/codebook')).status).toBe(403);
    expect((await c.get('/moderate/codebook.csv')).status).toBe(403);
  });

  it('adds a theme under a parent, and records it', async () => {
    const res = await post('/moderate/codebook/themes', { 'add-name': 'Pets in accommodation', 'add-parent': 'safety-in-accommodation', 'add-definition': 'Being allowed to keep a dog or cat in a hostel or flat.', 'add-example': 'They said the dog could not come, so I slept out.' });
    expect(res.status).toBe(303);
    expect(Visitor.location(res)).toBe('/moderate/codebook?done=added');
    expect(await themeRow('pets-in-accommodation')).toMatchObject({ parent_id: 'safety-in-accommodation', name: 'Pets in accommodation' });
    expect(await auditCount('theme.added', 'pets-in-accommodation')).toBe(1);
    expect(await (await m.get('/moderate/codebook?done=added')).text()).toContain('Theme added.');
  });

  it('refuses an empty name or a child as parent in plain words, keeping what was typed', async () => {
    const empty = await post('/moderate/codebook/themes', { 'add-name': ' ', 'add-parent': '', 'add-definition': 'Typed words stay', 'add-example': '' });
    expect(empty.status).toBe(422);
    const page = await empty.text();
    expect(page).toContain('govuk-error-summary');
    expect(page).toContain('Enter a name');
    expect(page).toContain('Enter an example');
    expect(page).toContain('Typed words stay');

    const nested = await post('/moderate/codebook/themes', { 'add-name': 'Too deep', 'add-parent': 'waiting-for-housing', 'add-definition': 'x', 'add-example': 'y' });
    expect(nested.status).toBe(422);
    expect(await nested.text()).toContain('is itself a child theme: choose a top-level theme as the parent');
  });

  it('renames a theme without touching its id or its tags', async () => {
    const before = await tagCount('referral-delays');
    await tagged([['referral-delays']]);
    const form = await m.get('/moderate/codebook?edit=referral-delays');
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('Edit “Referral and assessment delays”');
    const res = await post('/moderate/codebook/themes/referral-delays', { 'edit-name': 'Waiting to be assessed', 'edit-parent': 'waiting-and-delays', 'edit-definition': 'Waits to be assessed or referred.', 'edit-example': 'The referral got lost.' });
    expect(res.status).toBe(303);
    expect(await themeRow('referral-delays')).toMatchObject({ name: 'Waiting to be assessed', definition: 'Waits to be assessed or referred.' });
    expect(await tagCount('referral-delays')).toBe(before + 1);
    expect(await auditCount('theme.edited', 'referral-delays')).toBe(1);
    expect((await m.get('/moderate/codebook?edit=no-such-theme')).status).toBe(404);
    expect((await post('/moderate/codebook/themes/no-such-theme', { 'edit-name': 'x' })).status).toBe(404);
  });
});

describe('merging themes', () => {
  it('moves every tag to the target, drops duplicates on one excerpt, and loses no tagged excerpt', async () => {
    // Three excerpts: one on each theme, and one on both (the duplicate the merge must not double).
    await tagged([['staff-attitude'], ['respect-and-dignity'], ['staff-attitude', 'respect-and-dignity']]);
    const a = await themeRow('staff-attitude');
    const b = await themeRow('respect-and-dignity');
    expect(a && b, 'seeded themes').toBeTruthy();
    const excerptsBefore = (await env.DB.prepare("SELECT count(DISTINCT excerpt_id) AS n FROM tags WHERE theme_id IN ('staff-attitude', 'respect-and-dignity')").first<{ n: number }>())!.n;
    const fromBefore = await tagCount('respect-and-dignity');
    const intoBefore = await tagCount('staff-attitude');

    const res = await post('/moderate/codebook/merge', { from: 'respect-and-dignity', into: 'staff-attitude' });
    expect(res.status).toBe(303);
    expect(Visitor.location(res)).toBe('/moderate/codebook?done=merged');

    expect(await tagCount('respect-and-dignity')).toBe(0);
    expect(await tagCount('staff-attitude')).toBe(intoBefore + fromBefore - 1);
    const excerptsAfter = (await env.DB.prepare("SELECT count(DISTINCT excerpt_id) AS n FROM tags WHERE theme_id = 'staff-attitude'").first<{ n: number }>())!.n;
    expect(excerptsAfter).toBe(excerptsBefore);
    const doubled = await env.DB.prepare('SELECT excerpt_id FROM tags WHERE theme_id IS NOT NULL GROUP BY excerpt_id, theme_id, round, state HAVING count(*) > 1').all();
    expect(doubled.results).toEqual([]);
    expect((await themeRow('respect-and-dignity'))!.merged_into).toBe('staff-attitude');
    expect(await auditCount('theme.merged', 'respect-and-dignity')).toBe(1);

    // Gone from the list and the pickers; shown under "Merged".
    const page = await (await m.get('/moderate/codebook')).text();
    expect(page).not.toContain('<tr class="govuk-table__row" data-theme="respect-and-dignity"');
    expect(page).toMatch(/data-merged[\s\S]*respect-and-dignity\) merged into/);
    expect(page).not.toMatch(/<option value="respect-and-dignity"/);
    const queue = await (await m.get('/moderate')).text();
    expect(queue).not.toContain('value="respect-and-dignity"');
  });

  it('takes a parent’s children along when merged into another top-level theme', async () => {
    const children = (await env.DB.prepare("SELECT id FROM themes WHERE parent_id = 'digital-access' AND merged_into IS NULL").all<{ id: string }>()).results.map((r) => r.id);
    expect(children.length).toBeGreaterThan(0);
    const intoChild = await post('/moderate/codebook/merge', { from: 'digital-access', into: 'waiting-for-housing' });
    expect(intoChild.status).toBe(422);
    expect(await intoChild.text()).toContain('has child themes: merge it into a top-level theme');
    expect((await post('/moderate/codebook/merge', { from: 'digital-access', into: 'trust-in-services' })).status).toBe(303);
    for (const id of children) expect((await themeRow(id))!.parent_id).toBe('trust-in-services');
  });

  it('refuses merging a theme into itself or into a merged one, in plain words', async () => {
    const self = await post('/moderate/codebook/merge', { from: 'money-and-benefits', into: 'money-and-benefits' });
    expect(self.status).toBe(422);
    expect(await self.text()).toContain('Choose a different theme to merge it into');
    const none = await post('/moderate/codebook/merge', { from: '', into: 'respect-and-dignity' });
    expect(none.status).toBe(422);
    const page = await none.text();
    expect(page).toContain('Choose the theme to merge');
    expect(page).toContain('Choose the theme to merge it into');
  });
});

describe('the codebook as CSV', () => {
  it('exports, imports unchanged, and gives back identical rows', async () => {
    const rowsBefore = await liveRows();
    const csv = await exportCsv();
    expect(csv.split('\r\n')[0]).toBe('id,parent_id,name,definition,example');
    // Led by a byte order mark, so Excel reads it as UTF-8 (text() drops the mark, as a decoder should).
    const bytes = new Uint8Array(await (await m.get('/moderate/codebook.csv')).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const res = await importCsv(csv);
    expect(res.status).toBe(303);
    expect(Visitor.location(res)).toBe('/moderate/codebook?done=imported');
    expect(await liveRows()).toEqual(rowsBefore);
    expect(await exportCsv()).toBe(csv);
  });

  it('keeps commas, quotes and new lines inside quoted values, both ways', async () => {
    const example = 'She said "wait", so I waited,\nand waited.\r\nThen: nothing.';
    const definition = '=Not a formula, but "quoted", with commas';
    const csv = `id,parent_id,name,definition,example\r\nhard-to-quote,,"Commas, quotes ""and"" more","${definition.replace(/"/g, '""')}","${example.replace(/"/g, '""')}"\r\n`;
    expect((await importCsv(csv)).status).toBe(303);
    const row = await themeRow('hard-to-quote');
    expect(row).toMatchObject({ name: 'Commas, quotes "and" more', definition, example: example.trim() });

    const exported = await exportCsv();
    // A value a spreadsheet would run as a formula goes out behind a quote mark.
    expect(exported).toContain(`"'=Not a formula`);
    const parsed = Papa.parse(exported, { header: false });
    const line = parsed.data.find((r) => r[0] === 'hard-to-quote')!;
    expect(line.slice(2)).toEqual(['Commas, quotes "and" more', `'${definition}`, example.trim()]);
    // And it comes back in as it was.
    const before = await liveRows();
    expect((await importCsv(exported)).status).toBe(303);
    expect(await liveRows()).toEqual(before);
  });

  it('gives back any words it was given, whatever quotes, commas, line breaks or formula marks they hold', async () => {
    const piece = fc.constantFrom('a', 'Z', ' ', ',', '"', "'", '\n', '\r\n', '\r', '=', '+', '-', '@', '\t', ';', 'é', 'ب', '😀', '""');
    const words = (max: number) =>
      fc
        .array(piece, { minLength: 1, maxLength: 12 })
        .map((a) => a.join('').trim().slice(0, max))
        .filter((w) => w.length > 0);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(words(80), words(500), words(300), async (name, definition, example) => {
        const id = `prop-${++n}`;
        await env.DB.prepare('INSERT INTO themes (id, name, definition, example) VALUES (?, ?, ?, ?)').bind(id, name, definition, example).run();
        const before = await liveRows();
        const csv = await exportCsv();
        const res = await importCsv(csv);
        expect(res.status, await res.text()).toBe(303);
        expect(await liveRows()).toEqual(before);
        expect(await exportCsv()).toBe(csv);
      }),
      { numRuns: 25 },
    );
  });

  it('adds rows with new or no ids and changes rows whose id it has, as an uploaded file', async () => {
    const csv = 'id,parent_id,name,definition,example\nmoney-and-benefits,,Money and benefits,Changed by import.,"£0 until the claim went through."\n,money-and-benefits,Sanctions,Benefits stopped as a penalty.,They sanctioned me for missing one call.\n';
    const body = new FormData();
    body.set('csrf', await csrfOf(m));
    body.set('file', new File([csv], 'codebook.csv', { type: 'text/csv' }));
    const res = await m.request('/moderate/codebook/import', { method: 'POST', body, headers: { origin: ORIGIN } });
    expect(res.status).toBe(303);
    expect(await themeRow('money-and-benefits')).toMatchObject({ definition: 'Changed by import.' });
    expect(await themeRow('sanctions')).toMatchObject({ parent_id: 'money-and-benefits', name: 'Sanctions' });
    expect(await auditCount('theme.added', 'sanctions')).toBe(1);
    expect(await auditCount('theme.edited', 'money-and-benefits')).toBe(1);
  });

  it('refuses bad rows with their row numbers in plain words, keeps the paste, and imports nothing', async () => {
    const before = await liveRows();
    const csv = 'id,parent_id,name,definition,example\nfine-row,,Fine,A good row.,An example.\nBad Id,,Name,Def.,Ex.\nno-name,,,Def.,Ex.\norphan,no-such-parent,Orphan,Def.,Ex.\n';
    const res = await importCsv(csv);
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('govuk-error-summary');
    expect(page).toContain('Row 3, id: An id is 2 to 63 lower-case letters');
    expect(page).toContain('Row 4, name: Enter a name');
    expect(page).toContain('Row 5: There is no theme with id “no-such-parent” to be its parent');
    expect(page).toContain('orphan,no-such-parent,Orphan');
    expect(await liveRows()).toEqual(before);
    expect(await themeRow('fine-row')).toBeNull();
  });

  it('answers broken CSV with a 422 and never a 500', async () => {
    const cases: [string, RegExp][] = [
      ['', /The CSV is empty/],
      ['name,definition\nA,B\n', /Row 1 must name the columns id, parent_id, name, definition, example; it lacks id, parent_id, example/],
      ['id,parent_id,name,definition,example\nx-y,,"Unclosed,Def,Ex\n', /double quotes is not closed/],
      ['id,parent_id,name,definition,example\nx-y,,A, with comma,Def,Ex\n', /Row 2 has 6 values but row 1 names 5 columns/],
      ['id,parent_id,name,definition,example\ndup,,A,Def.,Ex.\ndup,,B,Def.,Ex.\n', /Row 3: the id “dup” is also on row 2/],
      ['\u0000\u0001,"""\n\n\n', /Row 1/],
    ];
    for (const [csv, message] of cases) {
      const res = await importCsv(csv);
      expect(res.status, JSON.stringify(csv)).toBe(422);
      expect(await res.text(), JSON.stringify(csv)).toMatch(message);
    }
    // Whatever is pasted, the answer is an import or a list of problems, never an error page.
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (junk) => {
        const res = await importCsv(`id,parent_id,name,definition,example\n${junk}`);
        expect([303, 422]).toContain(res.status);
        await res.arrayBuffer();
      }),
      { numRuns: 20 },
    );
    // Neither a file nor a paste.
    expect((await post('/moderate/codebook/import', {})).status).toBe(422);
  });
});

// Last in the file: everything above went through the app's own routes.
describe("the report's roll-up, after everything above", () => {
  it('holds exactly what the raw rows give', async () => {
    await expectRollupMatchesRaw();
  });
});
