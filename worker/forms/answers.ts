// Reading a page's posted fields into answers, with GOV.UK-style error messages.
// Raw fields (what the person typed) are kept alongside so an error never loses their words.
import type { AnswerValue } from '../db/schema';
import type { Messages } from '../i18n/messages';
import { t, type AnswerableQuestion, type Question } from './definition';

/** A posted body: each field name maps to one value or several (checkboxes). */
export type RawFields = Record<string, string | string[]>;

export interface FieldError {
  questionId: string;
  /** The id of the input the error summary links to. */
  fieldId: string;
  message: string;
}

export interface PageReading {
  /** Answers to store; `null` means the person cleared an optional answer. */
  values: Record<string, AnswerValue | null>;
  errors: FieldError[];
}

const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Trims, unifies line endings and drops control characters a keyboard cannot type. */
export function cleanText(input: string): string {
  return input.replace(/\r\n?/g, '\n').replace(CONTROL_CHARS, '').trim();
}

function one(fields: RawFields, name: string): string {
  const v = fields[name];
  return cleanText(Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
}

function many(fields: RawFields, name: string): string[] {
  const v = fields[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return [...new Set(list.map(cleanText).filter((x) => x !== ''))];
}

export function dateFieldIds(id: string) {
  return { day: `${id}-day`, month: `${id}-month`, year: `${id}-year` };
}

/** The id of the first input of a question, for the error summary link. */
export function firstFieldId(q: Question): string {
  switch (q.type) {
    case 'date':
      return dateFieldIds(q.id).day;
    case 'single_choice':
    case 'multiple_choice':
    case 'rating':
    case 'yes_no':
    case 'consent':
      return `${q.id}-0`;
    default:
      return q.id;
  }
}

export function readPage(questions: Question[], fields: RawFields, msg: Messages, locale: string, today = new Date()): PageReading {
  const reading: PageReading = { values: {}, errors: [] };
  for (const q of questions) {
    if (q.type === 'info') continue;
    const result = readQuestion(q, fields, msg, locale, today);
    if ('error' in result) {
      reading.errors.push({ questionId: q.id, fieldId: result.fieldId ?? firstFieldId(q), message: result.error });
    } else {
      reading.values[q.id] = result.value;
    }
  }
  return reading;
}

type QuestionReading = { value: AnswerValue | null } | { error: string; fieldId?: string };

function readQuestion(q: AnswerableQuestion, fields: RawFields, msg: Messages, locale: string, today: Date): QuestionReading {
  const missing = (error: string): QuestionReading => (q.required ? { error } : { value: null });
  switch (q.type) {
    case 'short_text':
    case 'long_text': {
      const text = one(fields, q.id);
      if (text === '') return missing(msg.errRequiredText);
      if ([...text].length > q.maxLength) return { error: msg.errTooLong(q.maxLength) };
      return { value: text };
    }
    case 'single_choice':
    case 'rating':
    case 'yes_no': {
      const chosen = one(fields, q.id);
      if (chosen === '') return missing(msg.errRequiredChoice);
      const allowed = q.type === 'yes_no' ? ['yes', 'no'] : q.options.map((o) => o.value);
      return allowed.includes(chosen) ? { value: chosen } : { error: msg.errUnknownOption };
    }
    case 'multiple_choice': {
      const chosen = many(fields, q.id);
      if (chosen.length === 0) return missing(msg.errRequiredChoice);
      if (chosen.some((c) => !q.options.some((o) => o.value === c))) return { error: msg.errUnknownOption };
      const exclusive = q.options.find((o) => o.exclusive && chosen.includes(o.value));
      if (exclusive && chosen.length > 1) return { error: msg.errExclusive(t(exclusive.label, locale)) };
      return { value: chosen };
    }
    case 'consent': {
      const ticked = one(fields, q.id);
      if (ticked === '') return missing(msg.errRequiredConsent);
      return ticked === 'yes' ? { value: 'yes' } : { error: msg.errUnknownOption };
    }
    case 'number': {
      const text = one(fields, q.id).replace(/,/g, '');
      if (text === '') return missing(msg.errRequiredText);
      if (!/^-?\d+(\.\d+)?$/.test(text)) return { error: msg.errNumber };
      const n = Number(text);
      if (!Number.isFinite(n) || Math.abs(n) > 1e12) return { error: msg.errNumber };
      if (q.integer && !Number.isInteger(n)) return { error: msg.errWholeNumber };
      if (q.min !== undefined && n < q.min) return { error: msg.errNumberMin(q.min) };
      if (q.max !== undefined && n > q.max) return { error: msg.errNumberMax(q.max) };
      return { value: String(n) };
    }
    case 'date':
      return readDate(q, fields, msg, today);
  }
}

function readDate(q: Extract<Question, { type: 'date' }>, fields: RawFields, msg: Messages, today: Date): QuestionReading {
  const ids = dateFieldIds(q.id);
  const parts = { day: one(fields, ids.day), month: one(fields, ids.month), year: one(fields, ids.year) };
  if (!parts.day && !parts.month && !parts.year) return q.required ? { error: msg.errRequiredText } : { value: null };
  for (const part of ['day', 'month', 'year'] as const) {
    if (!parts[part]) return { error: msg.errDateMissing(part), fieldId: ids[part] };
  }
  const [d, m, y] = [parts.day, parts.month, parts.year].map((p) => (/^\d{1,4}$/.test(p) ? Number(p) : NaN)) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = y >= 1900 && y <= 2200 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  if (!real) return { error: msg.errDateReal };
  if (q.notInFuture && date.getTime() > today.getTime()) return { error: msg.errDateFuture };
  return { value: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/** Turns a stored answer back into the fields of its inputs, to fill the page in again. */
export function answerToFields(q: Question, value: AnswerValue | undefined): RawFields {
  if (value === undefined) return {};
  if (q.type === 'date' && typeof value === 'string') {
    const [y, m, d] = value.split('-');
    const ids = dateFieldIds(q.id);
    return { [ids.day]: String(Number(d)), [ids.month]: String(Number(m)), [ids.year]: y ?? '' };
  }
  return { [q.id]: value };
}

/** How an answer reads on the check-answers page. */
export function describeAnswer(q: Question, value: AnswerValue | undefined, msg: Messages, locale: string): string[] {
  if (value === undefined || q.type === 'info') return [];
  const label = (v: string) => {
    if (q.type === 'yes_no') return v === 'yes' ? msg.yes : msg.no;
    if (q.type === 'consent') return t(q.statement, locale);
    if ('options' in q) {
      const o = q.options.find((x) => x.value === v);
      return o ? t(o.label, locale) : v;
    }
    if (q.type === 'date') {
      const [y, m, d] = v.split('-').map(Number);
      return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString(locale === 'en' ? 'en-GB' : locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    }
    return v;
  };
  return (Array.isArray(value) ? value : [value]).map(label);
}
