// Emerging themes (issue 10, point 6): moderators see groups of untagged answers that share distinctive
// words, and make a theme from a group, tagging its answers, in one step.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { allow } from '../../auth/policy';
import { staffSummary } from '../../auth/staff-summary';
import { database } from '../../db/client';
import type { AppEnv } from '../../env';
import { validate } from '../../http/validate';
import { html } from '../../views/render';
import { newThemeId, placeProblems, readCodebook, themeFields } from '../codebook/queries';
import { forgetSuggestionIndexes } from '../suggest/queries';
import { groupsNow, themeFromGroup } from './queries';
import { EmergingPage, type EmergingPageProps, type FormError } from './views';

const moderators = allow('moderator');
// Every group's fields may arrive; each is optional so an empty one is a 422 with the form kept.
const createBody = z.object({ csrf: z.string().max(100), group: z.coerce.number().int().min(0).max(100).optional(), member: z.union([z.string().max(300), z.array(z.string().max(300)).max(1000)]).optional() }).catchall(z.string().max(3000));
const doneQuery = z.object({ theme: z.string().max(100).optional(), tagged: z.coerce.number().int().min(0).max(100_000).optional() });

async function page(c: Context<AppEnv>, extra: Partial<EmergingPageProps> = {}, status: 200 | 422 = 200) {
  const db = database(c.env.DB);
  const [{ looked, groups }, book] = await Promise.all([groupsNow(c.env.DB), readCodebook(db)]);
  const parents = book.parents.map((p) => ({ value: p.id, label: p.name }));
  return c.html(html(<EmergingPage me={staffSummary(c.get('staff'))} looked={looked} groups={groups} parents={parents} {...extra} />), status);
}

export const emerging = new Hono<AppEnv>()
  .get('/moderate/emerging', moderators, validate('query', doneQuery), async (c) => {
    const q = c.req.valid('query');
    const book = q.theme ? await readCodebook(database(c.env.DB)) : undefined;
    const theme = q.theme ? book?.byId.get(q.theme) : undefined;
    return page(c, { done: theme ? { name: theme.name, tagged: q.tagged ?? 0 } : undefined });
  })

  .post('/moderate/emerging/themes', moderators, validate('form', createBody), async (c) => {
    const body = c.req.valid('form') as z.infer<typeof createBody> & Record<string, string>;
    // A form without its group (not one of this page's) finds no group, and says so.
    const k = body.group ?? -1;
    const f = (name: string) => (typeof body[`g${k}-${name}`] === 'string' ? body[`g${k}-${name}`]! : '');
    const chosen = new Set(body.member === undefined ? [] : Array.isArray(body.member) ? body.member : [body.member]);
    const values = { name: f('name'), parent: f('parent'), definition: f('definition'), example: f('example') };
    const db = database(c.env.DB);
    const [{ groups }, book] = await Promise.all([groupsNow(c.env.DB), readCodebook(db)]);
    const group = k >= 0 ? groups[k] : undefined;
    const errors: FormError[] = [];
    const parsed = themeFields.safeParse({ name: values.name, parentId: values.parent, definition: values.definition, example: values.example });
    if (!parsed.success) {
      const field: Record<string, string> = { name: 'name', parentId: 'parent', definition: 'definition', example: 'example' };
      for (const i of parsed.error.issues) errors.push({ fieldId: `g${k}-${field[String(i.path[0])] ?? 'name'}`, message: i.message });
    } else {
      for (const message of placeProblems(book, undefined, parsed.data.parentId)) errors.push({ fieldId: `g${k}-parent`, message });
      if ([...book.byId.values()].some((t) => t.mergedInto === null && t.name.toLowerCase() === parsed.data.name.toLowerCase())) errors.push({ fieldId: `g${k}-name`, message: 'There is already a theme with this name: choose another, or tag the answers with that theme' });
    }
    // The groups are worked out again now: an answer tagged since the page was shown has left its group.
    const members = group ? group.members.filter((m) => chosen.has(m.key)) : [];
    if (!group) errors.push({ fieldId: 'main-content', message: 'That group has changed since the page was shown: check the groups below and try again' });
    else if (members.length === 0) errors.push({ fieldId: `g${k}-members`, message: 'Tick at least one answer to tag with the new theme' });
    if (errors.length > 0 || !parsed.success) return page(c, { sent: { group: k, values, members: chosen, errors } }, 422);
    const id = newThemeId(parsed.data.name, new Set(book.byId.keys()));
    await themeFromGroup(db, id, parsed.data, members, c.get('staff').user.id);
    forgetSuggestionIndexes();
    return c.redirect(`/moderate/emerging?theme=${encodeURIComponent(id)}&tagged=${members.length}`, 303);
  });
