// The starting theme codebook for moderators: parent themes, each with child themes, drawn from the
// recurring concerns of the source documents and of what people say in feedback sessions.
// Slugs are stable ids: tags point at them, so rename a theme's name, never its id.
import { z } from 'zod';
import themesJson from './themes.json';

const slug = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'Use lower-case letters, digits and hyphens');

const themeFields = {
  id: slug,
  name: z.string().min(1).max(80),
  /** One sentence saying what belongs under the theme. */
  definition: z.string().min(10).max(300),
  /** One short quote in a respondent's voice (written for the codebook, not taken from a response). */
  example: z.string().min(5).max(200),
};

export const childThemeSchema = z.object(themeFields).strict();

export const parentThemeSchema = z
  .object({ ...themeFields, children: z.array(childThemeSchema).min(2).max(5) })
  .strict();

export const themeCodebookSchema = z
  .array(parentThemeSchema)
  .min(1)
  .superRefine((parents, ctx) => {
    const seen = new Set<string>();
    parents.forEach((p, pi) => {
      for (const [path, id] of [[[pi, 'id'], p.id], ...p.children.map((c, ci) => [[pi, 'children', ci, 'id'], c.id] as const)] as const) {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [...path], message: `Theme id "${id}" is used twice` });
        seen.add(id);
      }
    });
  });

export type ChildTheme = z.infer<typeof childThemeSchema>;
export type ParentTheme = z.infer<typeof parentThemeSchema>;
export type ThemeCodebook = z.infer<typeof themeCodebookSchema>;

/** One row per theme, parents first then their children, as a themes table would hold them. */
export const themeRowSchema = z.object({ ...themeFields, parentId: slug.nullable(), position: z.number().int().min(0) });
export type ThemeRow = z.infer<typeof themeRowSchema>;

export const demoThemes: ThemeCodebook = themeCodebookSchema.parse(themesJson);

export function themeRows(codebook: ThemeCodebook = demoThemes): ThemeRow[] {
  const rows: ThemeRow[] = [];
  codebook.forEach((p, pi) => {
    rows.push({ id: p.id, name: p.name, definition: p.definition, example: p.example, parentId: null, position: pi });
    p.children.forEach((c, ci) => rows.push({ ...c, parentId: p.id, position: ci }));
  });
  return rows;
}

/** Every theme slug, parents and children. */
export const themeSlugs: ReadonlySet<string> = new Set(themeRows().map((r) => r.id));
