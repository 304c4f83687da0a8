// Reading a paper sheet as typed in: every question of the form, none required (a person may leave
// any of them blank on paper, and branching is theirs to follow, not the screen's), each answer checked
// as the online form checks it. A sheet with nothing on it is refused, as is one the person never sent.
import type { Answers } from '../../forms/branching';
import { readPage, type FieldError, type RawFields } from '../../forms/answers';
import { isAnswerable, LOCALES, type FormDefinition, type Locale } from '../../forms/definition';
import { messages } from '../../i18n/messages';

/** The hidden field naming the sheet: the response id chosen when the blank sheet was drawn. */
export const SHEET_FIELD = 'sheet';
export const LANGUAGE_FIELD = 'sheet-language';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export type SheetReading =
  | { kind: 'answers'; responseId: string; locale: Locale; answers: Answers }
  | { kind: 'blank' }
  | { kind: 'errors'; errors: FieldError[] };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

export function readSheet(definition: FormDefinition, offered: readonly Locale[], fields: RawFields): SheetReading {
  const questions = definition.pages.flatMap((p) => p.questions).map((q) => (isAnswerable(q) ? { ...q, required: false } : q));
  // Staff pages are in English, and so are the messages about what was typed.
  const reading = readPage(questions, fields, messages('en'), 'en');
  const chosen = one(fields[LANGUAGE_FIELD]);
  const locale = (LOCALES as readonly string[]).includes(chosen) && offered.includes(chosen as Locale) ? (chosen as Locale) : offered[0] ?? 'en';
  if (reading.errors.length > 0) return { kind: 'errors', errors: reading.errors };
  const answers = Object.fromEntries(Object.entries(reading.values).filter(([, v]) => v !== null)) as Answers;
  if (Object.keys(answers).length === 0) return { kind: 'blank' };
  // The blank sheet's id makes a repeated post refused; a post without one (never ours) gets a new id.
  const sheet = one(fields[SHEET_FIELD]);
  return { kind: 'answers', responseId: UUID.test(sheet) ? sheet : crypto.randomUUID(), locale, answers };
}
