// The pool of hand-written answers the demo corpus is dealt from, and the shorthand it is written in.
// Each entry carries what a moderator would do with it: the objectives and themes it would be tagged
// with (the whole answer, or named excerpts of it), the personal details they would redact, and the
// safeguarding concern, if any, that should bring it to the top of the queue.
import type { PersonalKind, SafeguardingKind } from './schema';

/** Which free-text question an entry answers. `change` answers "the one thing that should change" on
 * either form (the service form only takes those of at most 200 characters). */
export type Slot = 'stay' | 'rough' | 'support' | 'listened' | 'change' | 'worked' | 'notworked';
export type Staying = 'hostel' | 'temporary' | 'own-home' | 'friends' | 'rough' | 'prefer-not-to-say';
export type ServiceKind = 'supported-housing' | 'outreach' | 'day-centre' | 'council-housing-advice' | 'health' | 'other';

export interface PoolTag {
  /** The excerpt, an exact substring of the entry; absent for the whole answer. */
  excerpt?: string;
  objectives: string[];
  themes: string[];
}

export interface PoolEntry {
  slot: Slot;
  locale: 'en' | 'ar';
  text: string;
  tags: PoolTag[];
  /** Where the person must be staying for the answer to make sense (festival form). */
  where?: Staying[];
  /** Which service the answer is about (service form); absent means it fits any. */
  service?: ServiceKind[];
  /** 1 (very poor) to 5 (very good): how the person would rate what they describe. */
  mood: number;
  personal: { text: string; kind: PersonalKind }[];
  safeguarding: SafeguardingKind[];
  /** A short, common answer that more than one person may well give word for word. */
  reusable: boolean;
  /** Why a moderator would exclude the response this answer is in (spam, test, off-topic). */
  excluded?: string;
}

export interface EntryOptions {
  /** where (festival form) */
  w?: Staying | Staying[];
  /** service (service form) */
  s?: ServiceKind | ServiceKind[];
  /** mood 1 to 5 */
  m?: number;
  /** excerpts to tag instead of the whole answer: [exact substring, codes] */
  x?: [string, string][];
  /** personal details: [exact substring, kind] */
  p?: [string, PersonalKind][];
  sg?: SafeguardingKind[];
  r?: boolean;
  excl?: string;
}

const OBJECTIVE = /^\d\.\d$/;

/** Reads "4.3 5.6 waiting-for-housing" into objective codes and theme slugs. */
export function codes(spec: string): { objectives: string[]; themes: string[] } {
  const words = spec.split(/\s+/).filter(Boolean);
  return { objectives: words.filter((w) => OBJECTIVE.test(w)), themes: words.filter((w) => !OBJECTIVE.test(w)) };
}

const list = <T>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

export function entry(locale: 'en' | 'ar', slot: Slot, text: string, spec: string, o: EntryOptions = {}): PoolEntry {
  const tags: PoolTag[] = o.x ? o.x.map(([excerpt, s]) => ({ excerpt, ...codes(s) })) : spec.trim() ? [codes(spec)] : [];
  const out: PoolEntry = {
    slot,
    locale,
    text,
    tags,
    mood: o.m ?? 3,
    personal: (o.p ?? []).map(([t, kind]) => ({ text: t, kind })),
    safeguarding: o.sg ?? [],
    reusable: o.r ?? false,
  };
  const where = list(o.w);
  const service = list(o.s);
  if (where) out.where = where;
  if (service) out.service = service;
  if (o.excl) out.excluded = o.excl;
  return out;
}

export const en = (slot: Slot, text: string, spec: string, o?: EntryOptions) => entry('en', slot, text, spec, o);
export const ar = (slot: Slot, text: string, spec: string, o?: EntryOptions) => entry('ar', slot, text, spec, o);
