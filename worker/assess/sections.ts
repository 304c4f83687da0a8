// The assessment form's sections (its pages): reading a posted section for a partial save, and what
// must be answered before the assessment can be completed. Saves never demand the required answers:
// an assessment takes several sittings, and a half-done section is kept, not refused.
import type { Messages } from '../i18n/messages';
import { readPage, type FieldError, type RawFields } from '../forms/answers';
import { answersInPlay, visibleQuestions } from '../forms/branching';
import { isAnswerable, t, type FormDefinition, type Page } from '../forms/definition';
import type { AnswerValue } from '../db/schema';
import type { SectionAnswers } from './queries';

/** The consent section's question whose chosen options are the organisations the person shares with. */
export const SHARE_QUESTION = 'share-with';

export function sectionOf(form: FormDefinition, sectionId: string): Page | undefined {
  return form.pages.find((p) => p.id === sectionId);
}

export function sectionTitle(page: Page, locale = 'en'): string {
  return page.title ? t(page.title, locale) : t(page.questions[0]!.label, locale);
}

export function sectionAfter(form: FormDefinition, sectionId: string): Page | undefined {
  const at = form.pages.findIndex((p) => p.id === sectionId);
  return at >= 0 ? form.pages[at + 1] : undefined;
}

/** All answers of a version, merged across sections (question ids are unique across the form). */
export function allAnswers(sections: Map<string, { answers: SectionAnswers }>): SectionAnswers {
  const out: SectionAnswers = {};
  for (const { answers } of sections.values()) Object.assign(out, answers);
  return out;
}

/** A posted section as answers to keep: each answer checked for its shape, none demanded. */
export function readSection(page: Page, fields: RawFields, msg: Messages): { answers: SectionAnswers; errors: FieldError[] } {
  const lenient = page.questions.map((q) => (isAnswerable(q) ? { ...q, required: false } : q));
  const reading = readPage(lenient, fields, msg, 'en');
  const answers: SectionAnswers = {};
  for (const [id, value] of Object.entries(reading.values)) if (value !== null) answers[id] = value;
  return { answers, errors: reading.errors };
}

export interface Missing {
  sectionId: string;
  questionId: string;
  label: string;
}

/** The required questions still unanswered, in form order (those hidden by branching do not count). */
export function missingAnswers(form: FormDefinition, answers: SectionAnswers): Missing[] {
  const inPlay = answersInPlay(form, answers);
  const out: Missing[] = [];
  for (const page of form.pages) {
    for (const q of visibleQuestions(page, inPlay)) {
      if (!isAnswerable(q) || !q.required) continue;
      const value = answers[q.id];
      if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) out.push({ sectionId: page.id, questionId: q.id, label: t(q.label, 'en') });
    }
  }
  return out;
}

function shareQuestion(form: FormDefinition) {
  return form.pages.flatMap((p) => p.questions).find((q) => q.id === SHARE_QUESTION);
}

/**
 * The organisations a consent answer names: each chosen option's `organisation`. An option naming
 * none ("No one else") shares with nobody, and a value the form does not offer counts for nothing.
 */
export function organisationsChosen(form: FormDefinition, answer: AnswerValue | undefined): string[] {
  const question = shareQuestion(form);
  if (!question || !('options' in question) || answer === undefined) return [];
  const values = Array.isArray(answer) ? answer : [answer];
  return question.options.filter((o) => values.includes(o.value) && o.organisation).map((o) => o.organisation!);
}

/**
 * The consent question's answer as consent stands now: the options naming organisations the person
 * still shares with (a withdrawal since the section was saved unticks its organisation, so saving the
 * section again never gives back what the person took away), and "No one else" when none remain.
 */
export function consentAsItStands(form: FormDefinition, stored: AnswerValue | undefined, sharingWith: string[]): AnswerValue | undefined {
  const question = shareQuestion(form);
  if (!question || !('options' in question) || stored === undefined) return stored;
  const current = question.options.filter((o) => o.organisation && sharingWith.includes(o.organisation)).map((o) => o.value);
  if (current.length > 0) return current;
  const storedValues = Array.isArray(stored) ? stored : [stored];
  const nobody = question.options.filter((o) => !o.organisation && storedValues.includes(o.value)).map((o) => o.value);
  return nobody.length > 0 ? nobody : [];
}
