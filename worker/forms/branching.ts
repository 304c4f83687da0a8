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

/** The questions of a page that show, given the answers in play (see answersInPlay). */
export function visibleQuestions(page: Page, inPlay: Answers): Question[] {
  return page.questions.filter((q) => conditionMet(q.showWhen, inPlay));
}

/**
 * Walks the pages in order and keeps only the answers to questions that show. A condition reads
 * only answers kept so far, so an answer left behind a branch the person has since left counts
 * for nothing, however the branches chain.
 */
function walk(form: FormDefinition, answers: Answers): { pages: Page[]; inPlay: Answers } {
  const pages: Page[] = [];
  const inPlay: Answers = {};
  for (const page of form.pages) {
    if (!conditionMet(page.showWhen, inPlay)) continue;
    const questions = visibleQuestions(page, inPlay);
    if (questions.length === 0) continue;
    pages.push(page);
    for (const q of questions) {
      const value = answers[q.id];
      if (value !== undefined) inPlay[q.id] = value;
    }
  }
  return { pages, inPlay };
}

/** Pages shown in order, given the answers. A page whose questions are all hidden is skipped. */
export function visiblePages(form: FormDefinition, answers: Answers): Page[] {
  return walk(form, answers).pages;
}

/** Only answers to questions still shown: answers behind a branch the person left are dropped. */
export function answersInPlay(form: FormDefinition, answers: Answers): Answers {
  return walk(form, answers).inPlay;
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

/** The first shown page with a required question not yet answered, if any. */
export function firstUnansweredPage(form: FormDefinition, answers: Answers): Page | undefined {
  const { pages, inPlay } = walk(form, answers);
  return pages.find((p) => visibleQuestions(p, inPlay).some((q) => q.type !== 'info' && q.required && inPlay[q.id] === undefined));
}

/** Where a page sits among the pages shown, for "Question 2 of 9". */
export function pageNumber(form: FormDefinition, pageId: string, answers: Answers): { n: number; of: number } {
  const pages = visiblePages(form, answers);
  return { n: pages.findIndex((p) => p.id === pageId) + 1, of: pages.length };
}
