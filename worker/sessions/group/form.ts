// A group discussion as the facilitator writes it up: how many took part, what the group said about
// each prompt (the form's free-text questions), and whether the whole group agreed. Read leniently
// (every field a string), so a mistake is a 422 with every note kept, never a bare 400.
import { z } from 'zod';
import type { FormDefinition, Question } from '../../forms/definition';
import { LOCALES, type Locale } from '../../forms/definition';

export const MAX_PARTICIPANTS = 200;

/** The prompts a group can discuss: the form's free-text questions, in order. */
export function promptsOf(definition: FormDefinition): Extract<Question, { type: 'long_text' | 'short_text' }>[] {
  return definition.pages.flatMap((p) => p.questions).filter((q): q is Extract<Question, { type: 'long_text' | 'short_text' }> => q.type === 'long_text' || q.type === 'short_text');
}

// A field sent twice arrives as a list (participants=3&participants=4): read, and named in a 422.
export const groupBody = z.record(z.string().max(100), z.union([z.string().max(65_536), z.array(z.string().max(65_536)).max(100)]));
export type GroupBody = z.infer<typeof groupBody>;

/** The body as the page shows it again: a field sent more than once keeps every value typed. */
export function typedValues(body: GroupBody): Record<string, string> {
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? (k.startsWith('agreed-') ? (v.includes('yes') ? 'yes' : '') : [...new Set(v)].join(k.startsWith('notes-') ? '\n\n' : ', ')) : v]));
}

export interface FormError {
  fieldId: string;
  message: string;
}

export interface GroupRecord {
  /** Chosen when the blank page was drawn, so posting it again is refused (`refuseRepeat`): stored once. */
  responseId: string;
  participants: number;
  locale: Locale;
  notes: Record<string, string>;
  agreed: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function checkGroup(posted: GroupBody, definition: FormDefinition, offered: readonly Locale[]): { record: GroupRecord; errors?: undefined } | { errors: FormError[] } {
  const errors: FormError[] = [];
  const repeated = (name: string) => Array.isArray(posted[name]) && new Set(posted[name]).size > 1;
  const body = typedValues(posted);
  const people = (body.participants ?? '').trim();
  let participants = 0;
  if (repeated('participants')) errors.push({ fieldId: 'participants', message: 'Enter one number for how many people took part, like 6' });
  else if (people === '') errors.push({ fieldId: 'participants', message: 'Enter how many people took part, like 6' });
  else if (!/^\d{1,4}$/.test(people)) errors.push({ fieldId: 'participants', message: 'Enter how many people took part as a whole number, like 6' });
  else {
    participants = Number(people);
    if (participants < 2 || participants > MAX_PARTICIPANTS) errors.push({ fieldId: 'participants', message: `A group is 2 to ${MAX_PARTICIPANTS} people: enter how many took part` });
  }
  const notes: Record<string, string> = {};
  const agreed: string[] = [];
  const prompts = promptsOf(definition);
  for (const q of prompts) {
    const text = (body[`notes-${q.id}`] ?? '').trim();
    if (repeated(`notes-${q.id}`)) errors.push({ fieldId: `notes-${q.id}`, message: 'The notes for this prompt came in more than one box: check them and save again' });
    else if (text.length > q.maxLength) errors.push({ fieldId: `notes-${q.id}`, message: `Notes must be ${q.maxLength.toLocaleString('en-GB')} characters or fewer` });
    else if (text) notes[q.id] = text;
    if (text && body[`agreed-${q.id}`] === 'yes') agreed.push(q.id);
  }
  if (Object.keys(notes).length === 0 && !errors.some((e) => e.fieldId.startsWith('notes-'))) {
    errors.push({ fieldId: prompts[0] ? `notes-${prompts[0].id}` : 'participants', message: 'Write what the group said about at least one prompt' });
  }
  const locale = !repeated('language') && (LOCALES as readonly string[]).includes(body.language ?? '') && offered.includes(body.language as Locale) ? (body.language as Locale) : undefined;
  if (!locale) errors.push({ fieldId: 'language', message: 'Choose the language the notes are written in' });
  // The blank page's id makes a repeated post refused as a whole; a page without one (never ours) gets a new id.
  const responseId = UUID.test(body.response ?? '') ? body.response! : crypto.randomUUID();
  if (errors.length > 0) return { errors };
  return { record: { responseId, participants, locale: locale!, notes, agreed } };
}
