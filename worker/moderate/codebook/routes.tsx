// The theme codebook: moderators and deployment admins keep it (issue 8, point 4).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { allow } from '../../auth/policy';
import { staffSummary } from '../../auth/staff-summary';
import { database } from '../../db/client';
import type { AppEnv } from '../../env';
import { Problem } from '../../http/problems';
import { validate } from '../../http/validate';
import { html } from '../../views/render';
import { codebookCsv, readCodebookCsv } from './csv';
import { addTheme, editTheme, importThemes, mergeProblems, mergeTheme, placeProblems, readCodebook, themeFields, type Codebook } from './queries';
import { CodebookPage, type CodebookPageProps, type Done, type FormError } from './views';

const keepers = allow('moderator', 'deployment-admin');

const text = (max: number) => z.string().max(max).optional().default('');
const csrf = z.string().max(100);
// Every field optional here: an empty one is a 422 with the form kept, not a bare 400.
const themeBody = (prefix: string) => z.object({ csrf, [`${prefix}-name`]: text(200), [`${prefix}-parent`]: text(100), [`${prefix}-definition`]: text(2000), [`${prefix}-example`]: text(1000) });
const mergeBody = z.object({ csrf, from: text(100), into: text(100) });
const themeParam = z.object({ theme: z.string().max(100) });
const pageQuery = z.object({ edit: z.string().max(100).optional(), done: z.enum(['added', 'edited', 'merged', 'imported']).optional() });
// Under the app's 64 KB body limit, with room for the form's other fields.
const MAX_CSV_BYTES = 60 * 1024;

function page(c: Context<AppEnv>, book: Codebook, props: Partial<CodebookPageProps> = {}, status: 200 | 422 = 200) {
  return c.html(html(<CodebookPage me={staffSummary(c.get('staff'))} book={book} {...props} />), status);
}

/** The form's fields checked by the theme schema; errors name the form's own field ids. */
function checkTheme(prefix: string, body: Record<string, string>, book: Codebook, id?: string) {
  const parsed = themeFields.safeParse({ name: body[`${prefix}-name`], parentId: body[`${prefix}-parent`], definition: body[`${prefix}-definition`], example: body[`${prefix}-example`] });
  const field: Record<string, string> = { name: 'name', parentId: 'parent', definition: 'definition', example: 'example' };
  if (!parsed.success) return { errors: parsed.error.issues.map((i) => ({ fieldId: `${prefix}-${field[String(i.path[0])] ?? 'name'}`, message: i.message })) };
  const place = placeProblems(book, id, parsed.data.parentId).map((message) => ({ fieldId: `${prefix}-parent`, message }));
  return place.length > 0 ? { errors: place } : { fields: parsed.data };
}

const done = (what: Done) => `/moderate/codebook?done=${what}`;

export const codebook = new Hono<AppEnv>()
  .get('/moderate/codebook', keepers, validate('query', pageQuery), async (c) => {
    const q = c.req.valid('query');
    const book = await readCodebook(database(c.env.DB));
    const editing = q.edit ? book.byId.get(q.edit) : undefined;
    if (q.edit && (!editing || editing.mergedInto !== null)) throw new Problem('not-found');
    return page(c, book, { editing, done: q.done });
  })

  .get('/moderate/codebook.csv', keepers, async (c) => {
    const csv = codebookCsv(await readCodebook(database(c.env.DB)));
    return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="codebook.csv"' });
  })

  .post('/moderate/codebook/themes', keepers, validate('form', themeBody('add')), async (c) => {
    const body = c.req.valid('form') as Record<string, string>;
    const db = database(c.env.DB);
    const book = await readCodebook(db);
    const checked = checkTheme('add', body, book);
    if (checked.errors) return page(c, book, { values: body, errors: checked.errors }, 422);
    await addTheme(db, checked.fields, c.get('staff').user.id, new Set(book.byId.keys()));
    return c.redirect(done('added'), 303);
  })

  .post('/moderate/codebook/themes/:theme', keepers, validate('param', themeParam), validate('form', themeBody('edit')), async (c) => {
    const { theme } = c.req.valid('param');
    const body = c.req.valid('form') as Record<string, string>;
    const db = database(c.env.DB);
    const book = await readCodebook(db);
    const before = book.byId.get(theme);
    if (!before || before.mergedInto !== null) throw new Problem('not-found');
    const checked = checkTheme('edit', body, book, theme);
    if (checked.errors) return page(c, book, { editing: before, values: body, errors: checked.errors }, 422);
    await editTheme(db, theme, checked.fields, c.get('staff').user.id, before);
    return c.redirect(done('edited'), 303);
  })

  .post('/moderate/codebook/merge', keepers, validate('form', mergeBody), async (c) => {
    const body = c.req.valid('form');
    const db = database(c.env.DB);
    const book = await readCodebook(db);
    const errors = mergeProblems(book, body.from, body.into);
    if (errors.length > 0) return page(c, book, { values: body, errors }, 422);
    await mergeTheme(db, body.from, body.into, c.get('staff').user.id);
    return c.redirect(done('merged'), 303);
  })

  // Multipart (a file) or urlencoded (a paste): read here, since the shared form validator refuses files.
  .post('/moderate/codebook/import', keepers, async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') throw new Problem('unsupported');
    const form = await c.req.parseBody().catch(() => {
      throw new Problem('bad-request');
    });
    const file = form.file;
    const pasted = typeof form.csv === 'string' ? form.csv : '';
    const db = database(c.env.DB);
    const book = await readCodebook(db);
    const again = (errors: FormError[], csv = pasted) => page(c, book, { values: { csv }, errors }, 422);
    let csv = pasted;
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_CSV_BYTES) return again([{ fieldId: 'file', message: 'The file is larger than 60 KB: split it into smaller files' }]);
      csv = new TextDecoder('utf-8', { fatal: false }).decode(await file.arrayBuffer());
    }
    if (csv.length > MAX_CSV_BYTES) return again([{ fieldId: 'csv', message: 'The CSV is longer than 60 KB: split it into smaller parts' }]);
    const { rows, problems } = readCodebookCsv(csv, book);
    if (problems.length > 0) return again(problems.slice(0, 50).map((p) => ({ fieldId: 'csv', message: p.message })), csv);
    await importThemes(db, rows, book, c.get('staff').user.id);
    return c.redirect(done('imported'), 303);
  });
