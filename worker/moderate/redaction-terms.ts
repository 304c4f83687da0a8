// The editable lists redaction uses: staff names and places (hostels, services) an admin keeps on a
// page, and the given names that help find people's names. The same shapes are the seed files
// (seeds/moderation/redaction-terms.json, given-names.json) and the rows of the D1 table
// `redaction_terms` (one column per field; `aliases` as JSON, booleans as 0 or 1).
import { z } from 'zod';

export const redactionKinds = ['name', 'phone', 'email', 'postcode', 'address', 'dob', 'nhs', 'ni', 'staff', 'place'] as const;
export const redactionKind = z.enum(redactionKinds);
export type RedactionKind = z.infer<typeof redactionKind>;

export const redactionTerm = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  kind: z.enum(['staff', 'place']),
  /** as people usually write it: "O'Hanlon House", "Gemma Hartley" */
  term: z.string().trim().min(2),
  /** other ways it is written: "O'Hanlon", "OHH", "Gemma H" */
  aliases: z.array(z.string().trim().min(2)).default([]),
  /** true for terms that are also everyday words in lower case ("Aspire", "Turning Point") */
  matchCase: z.boolean().default(false),
  /** what it is, for the admin page */
  note: z.string().default(''),
  enabled: z.boolean().default(true),
});
export type RedactionTerm = z.infer<typeof redactionTerm>;

export const redactionTerms = z
  .array(redactionTerm)
  .refine((rows) => new Set(rows.map((r) => r.id)).size === rows.length, 'Term ids must be unique');

export const givenNamesList = z.object({
  /** given names found in any case ("sarah", "Sarah"); written as usually capitalised */
  names: z.array(z.string().min(2)),
  /** names that are also ordinary words ("Will", "May", "Hope"): a name only with a cue around it */
  wordLike: z.array(z.string().min(2)),
  /** capitalised words that are never a person's name, so "X from the council" or "Mr X" skips them */
  notNames: z.array(z.string().min(1)),
});
export type GivenNames = z.infer<typeof givenNamesList>;

export interface RedactionLists {
  terms: RedactionTerm[];
  givenNames: GivenNames;
}

const jsonArray = z.preprocess((v) => (v == null ? [] : typeof v === 'string' ? JSON.parse(v) : v), z.array(z.string().trim().min(2)));
const flag = z.preprocess((v) => (typeof v === 'number' ? v !== 0 : v), z.boolean());

/** Reads rows as D1 returns them (arrays as JSON text, booleans as 0 or 1) into checked terms. */
export const redactionTermRow = redactionTerm.extend({ aliases: jsonArray.default([]), matchCase: flag.default(false), enabled: flag.default(true), note: z.string().nullish().transform((v) => v ?? '') });
export function termsFromRows(rows: unknown[]): RedactionTerm[] {
  // A drizzle table may name the column match_case; read either.
  const camel = (r: unknown) => (r && typeof r === 'object' && 'match_case' in r && !('matchCase' in r) ? { ...r, matchCase: (r as { match_case: unknown }).match_case } : r);
  return redactionTerms.parse(rows.map((r) => redactionTermRow.parse(camel(r))));
}
