// What changed between two versions of an assessment, section by section: answers added, removed and
// changed, each with what it was and what it is now, in words a reader understands (option labels,
// dates written out). Pure, so it is tested without pages.
import { describeAnswer } from '../../forms/answers';
import { isAnswerable, t, type FormDefinition, type Question } from '../../forms/definition';
import { messages } from '../../i18n/messages';
import type { SectionAnswers } from '../queries';
import { sectionTitle } from '../sections';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface AnswerChange {
  questionId: string;
  label: string;
  kind: ChangeKind;
  /** The answer in the earlier version, as lines to show (empty when there was none). */
  before: string[];
  /** The answer in the later version (empty when there is none now). */
  now: string[];
}

export interface SectionChanges {
  sectionId: string;
  title: string;
  /** Limited to roles the reader does not hold: not opened, so not compared. */
  hidden: boolean;
  changes: AnswerChange[];
}

export interface VersionAnswers {
  definition: FormDefinition;
  sections: Map<string, { answers: SectionAnswers }>;
}

type Value = SectionAnswers[string];

function present(v: Value | undefined): v is Value {
  return v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
}

/** The same answer, ignoring the order boxes were ticked in. */
function same(a: Value, b: Value): boolean {
  const norm = (v: Value) => JSON.stringify(Array.isArray(v) ? [...v].sort() : v);
  return norm(a) === norm(b);
}

/** The sections of both versions in form order: the later form's, then any only the earlier one had. */
export function compareVersions(before: VersionAnswers, after: VersionAnswers, hidden: ReadonlySet<string>): SectionChanges[] {
  const msg = messages('en');
  const pages = [...after.definition.pages, ...before.definition.pages.filter((p) => !after.definition.pages.some((q) => q.id === p.id))];
  return pages.map((page) => {
    const title = sectionTitle(page);
    if (hidden.has(page.id)) return { sectionId: page.id, title, hidden: true, changes: [] };
    const earlierPage = before.definition.pages.find((p) => p.id === page.id);
    const questions: Question[] = [...page.questions, ...(earlierPage?.questions.filter((q) => !page.questions.some((x) => x.id === q.id)) ?? [])].filter(isAnswerable);
    const was = before.sections.get(page.id)?.answers ?? {};
    const is = after.sections.get(page.id)?.answers ?? {};
    const changes: AnswerChange[] = [];
    for (const q of questions) {
      const a = was[q.id];
      const b = is[q.id];
      const kind: ChangeKind | undefined = present(a) ? (present(b) ? (same(a, b) ? undefined : 'changed') : 'removed') : present(b) ? 'added' : undefined;
      if (!kind) continue;
      // Each side is described by the question as its own version asked it.
      const askedBefore = earlierPage?.questions.find((x) => x.id === q.id) ?? q;
      const askedNow = page.questions.find((x) => x.id === q.id) ?? q;
      changes.push({
        questionId: q.id,
        label: t(q.label, 'en'),
        kind,
        before: present(a) ? describeAnswer(askedBefore, a, msg, 'en') : [],
        now: present(b) ? describeAnswer(askedNow, b, msg, 'en') : [],
      });
    }
    return { sectionId: page.id, title, hidden: false, changes };
  });
}

/** How many answers changed, were added and were removed, across the sections. */
export function changeCounts(sections: SectionChanges[]): Record<ChangeKind, number> {
  const counts: Record<ChangeKind, number> = { added: 0, removed: 0, changed: 0 };
  for (const s of sections) for (const c of s.changes) counts[c.kind]++;
  return counts;
}
