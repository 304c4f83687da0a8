// Show-when branching: which pages and questions a person sees, given what they have answered so far.
import type { AnswerValue } from '../db/schema';
import type { FormDefinition, Page, Question, ShowWhen } from './definition';

export type Answers = Record<string, AnswerValue>;

export function conditionMet(cond: ShowWhen | undefined, answers: Answers): boolean {
  if (!cond) return true;
  const given = answers[cond.question];
  if (given === undefined) return false;
  const values = Array.isArray(given) ? given : [given];
  return values.some((v) => cond.anyOf.includes(v));
}

export function visibleQuestions(page: Page, answers: Answers): Question[] {
  return page.questions.filter((q) => conditionMet(q.showWhen, answers));
}

/** Pages shown in order, given the answers. A page whose questions are all hidden is skipped. */
export function visiblePages(form: FormDefinition, answers: Answers): Page[] {
  return form.pages.filter((p) => conditionMet(p.showWhen, answers) && visibleQuestions(p, answers).length > 0);
}

export function pageAfter(form: FormDefinition, pageId: string, answers: Answers): Page | undefined {
  const pages = visiblePages(form, answers);
  const at = form.pages.findIndex((p) => p.id === pageId);
  return pages.find((p) => form.pages.indexOf(p) > at);
}

export function pageBefore(form: FormDefinition, pageId: string, answers: Answers): Page | undefined {
  const pages = visiblePages(form, answers);
  const at = form.pages.findIndex((p) => p.id === pageId);
  return pages.filter((p) => form.pages.indexOf(p) < at).at(-1);
}

/** Only answers to questions still shown: answers behind a branch the person left are dropped. */
export function answersInPlay(form: FormDefinition, answers: Answers): Answers {
  const kept: Answers = {};
  for (const p of visiblePages(form, answers)) {
    for (const q of visibleQuestions(p, answers)) {
      const value = answers[q.id];
      if (value !== undefined) kept[q.id] = value;
    }
  }
  return kept;
}

/** The first shown page with a required question not yet answered, if any. */
export function firstUnansweredPage(form: FormDefinition, answers: Answers): Page | undefined {
  return visiblePages(form, answers).find((p) =>
    visibleQuestions(p, answers).some((q) => q.type !== 'info' && q.required && answers[q.id] === undefined),
  );
}

/** Where a page sits among the pages shown, for "Question 2 of 9". */
export function pageNumber(form: FormDefinition, pageId: string, answers: Answers): { n: number; of: number } {
  const pages = visiblePages(form, answers);
  return { n: pages.findIndex((p) => p.id === pageId) + 1, of: pages.length };
}
