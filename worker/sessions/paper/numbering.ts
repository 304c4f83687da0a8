// A form laid out for paper: every question numbered in order (information blocks are not), each with
// the conditions it shows under, and branching turned into words a person follows with a pen:
// "If you ticked No, go to question 5" at the question that decides, "Skip this if..." at the ones skipped.
import type { FormDefinition, Question, ShowWhen } from '../../forms/definition';

export interface PaperItem {
  question: Question;
  /** Its number on paper; undefined for an information block. */
  n?: number;
  /** Every condition it shows under: its page's and its own. */
  conditions: ShowWhen[];
}

export function paperItems(definition: FormDefinition): PaperItem[] {
  let n = 0;
  return definition.pages.flatMap((page) =>
    page.questions.map((question) => ({
      question,
      n: question.type === 'info' ? undefined : ++n,
      conditions: [page.showWhen, question.showWhen].filter((c): c is ShowWhen => !!c),
    })),
  );
}

/** The values a question can be answered with on paper, in order (a yes/no question's are yes and no). */
export function choiceValues(q: Question): string[] {
  if (q.type === 'yes_no') return ['yes', 'no'];
  if (q.type === 'consent') return ['yes'];
  return 'options' in q ? q.options.map((o) => o.value) : [];
}

/** "If you ticked X, go to question N" (or to the end), for each answer of a one-answer question that skips some. */
export interface GoTo {
  values: string[];
  /** The question to go to; undefined means the end of the form. */
  to?: number;
}

/**
 * For a one-answer question, where each answer sends the person: past the questions right after it
 * that do not show for that answer. Questions whose conditions read other questions stop the skip,
 * so the words never send someone past a question they might need.
 */
export function goTos(items: PaperItem[], at: number): GoTo[] {
  const item = items[at]!;
  const q = item.question;
  if (q.type !== 'single_choice' && q.type !== 'rating' && q.type !== 'yes_no') return [];
  const byTarget = new Map<number | 'end', string[]>();
  for (const value of choiceValues(q)) {
    let i = at + 1;
    let skipped = 0;
    while (i < items.length) {
      const next = items[i]!;
      const onThis = next.conditions.filter((c) => c.question === q.id);
      const onOthers = next.conditions.some((c) => c.question !== q.id);
      if (onThis.length === 0 || onOthers || onThis.every((c) => c.anyOf.includes(value))) break;
      if (next.n !== undefined) skipped++;
      i++;
    }
    if (skipped === 0) continue;
    const target = items.slice(i).find((x) => x.n !== undefined)?.n ?? 'end';
    byTarget.set(target, [...(byTarget.get(target) ?? []), value]);
  }
  return [...byTarget].map(([to, values]) => ({ values, to: to === 'end' ? undefined : to }));
}

/** For a question that shows only under a condition: skip it if the answer at question `n` was one of `values`. */
export interface SkipIf {
  n: number;
  values: string[];
  /** 'skip' lists the answers that skip it; 'only' the answers that lead to it (whichever list is shorter). */
  kind: 'skip' | 'only';
}

export function skipIfs(items: PaperItem[], item: PaperItem): SkipIf[] {
  return item.conditions.flatMap((c): SkipIf[] => {
    const source = items.find((x) => x.question.id === c.question);
    if (!source?.n) return [];
    const all = choiceValues(source.question);
    const skipping = all.filter((v) => !c.anyOf.includes(v));
    if (source.question.type === 'multiple_choice' || skipping.length === 0 || skipping.length > c.anyOf.length) return [{ n: source.n, values: c.anyOf, kind: 'only' as const }];
    return [{ n: source.n, values: skipping, kind: 'skip' as const }];
  });
}
