// About 300 demo responses to the two demo forms, dealt from a pool of hand-written answers by a
// small seeded generator, so every machine gets the same corpus: the same answers, times, channels,
// statuses, tags and approved quotes. The texts are in ./pool-*.ts; this file only arranges them.
import { demoResponse, type AnswerRange, type DemoResponse, type DemoTag, type ExpectedPersonalDetail } from './schema';
import { arabic } from './pool-ar';
import { changeLong, changeShort, excludedChange } from './pool-change';
import { notWorked, worked } from './pool-service';
import { rough, stay } from './pool-stay';
import { listened, support } from './pool-support';
import type { PoolEntry, ServiceKind, Slot, Staying } from './pool';
import { providerAnswer } from './providers';

export * from './schema';

export const DEMO_TOTAL = 300;
export const DEMO_ARABIC = 15;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Every hand-written answer, in the order they are written. */
export const demoPool: readonly PoolEntry[] = [...stay, ...rough, ...support, ...listened, ...changeLong, ...changeShort, ...worked, ...notWorked, ...arabic];
export const demoExcludedPool: readonly PoolEntry[] = excludedChange;

// ---------------------------------------------------------------------------------------------
// Randomness

/** mulberry32: a 32-bit generator, tiny and the same everywhere. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rnd = () => number;
export const int = (rnd: Rnd, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
export const chance = (rnd: Rnd, p: number) => rnd() < p;
export function pick<T>(rnd: Rnd, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)]!;
}
export function weighted<T extends string>(rnd: Rnd, table: Record<T, number>): T {
  const entries = Object.entries(table) as [T, number][];
  let r = rnd() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [k, w] of entries) {
    r -= w;
    if (r < 0) return k;
  }
  return entries[entries.length - 1]![0];
}
export function shuffle<T>(rnd: Rnd, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A UUID-shaped id (version 4 layout) that depends only on the seed and the index. */
export function demoId(seed: number, index: number): string {
  const r = mulberry32(Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
  const hex = Array.from({ length: 4 }, () => Math.floor(r() * 2 ** 32).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// ---------------------------------------------------------------------------------------------
// Time: UK financial-year quarters (April to June is Q1)

export interface Quarter {
  /** e.g. "2026-27 Q2" */
  label: string;
  start: number;
  end: number;
}

function quarterStart(ms: number): Date {
  const d = new Date(ms);
  const m = d.getUTCMonth();
  const startMonth = m >= 3 ? 3 + 3 * Math.floor((m - 3) / 3) : 0;
  return new Date(Date.UTC(d.getUTCFullYear(), startMonth, 1));
}

function quarterLabel(start: Date): string {
  const m = start.getUTCMonth();
  const y = start.getUTCFullYear();
  const fy = m >= 3 ? y : y - 1;
  const q = m >= 3 ? (m - 3) / 3 + 1 : 4;
  return `${fy}-${String((fy + 1) % 100).padStart(2, '0')} Q${q}`;
}

/** The four whole financial-year quarters before the one `now` falls in, oldest first. */
export function lastFourQuarters(now: number): Quarter[] {
  const out: Quarter[] = [];
  let end = quarterStart(now);
  for (let i = 0; i < 4; i++) {
    const start = quarterStart(end.getTime() - 1);
    out.unshift({ label: quarterLabel(start), start: start.getTime(), end: end.getTime() });
    end = start;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Dealing answers from the pool

interface Context {
  locale: 'en' | 'ar';
  staying?: Staying;
  service?: ServiceKind;
  maxLength?: number;
}

function fits(e: PoolEntry, ctx: Context): boolean {
  if (e.locale !== ctx.locale) return false;
  if (ctx.staying && e.where && !e.where.includes(ctx.staying)) return false;
  if (ctx.service && e.service && !e.service.includes(ctx.service)) return false;
  if (ctx.maxLength !== undefined && [...e.text].length > ctx.maxLength) return false;
  return true;
}

export class Dealer {
  private queues = new Map<Slot, PoolEntry[]>();
  private reusable = new Map<Slot, PoolEntry[]>();
  readonly dealt = new Map<PoolEntry, number>();

  constructor(
    private rnd: Rnd,
    pool: readonly PoolEntry[] = demoPool,
  ) {
    for (const e of pool) {
      const into = e.reusable ? this.reusable : this.queues;
      into.set(e.slot, [...(into.get(e.slot) ?? []), e]);
    }
    for (const [slot, q] of this.queues) this.queues.set(slot, shuffle(rnd, q));
  }

  /** The next unused answer that fits; when none is left, a common answer (always, if `required`). */
  deal(slot: Slot, ctx: Context, required: boolean, ok: (e: PoolEntry) => boolean = () => true): PoolEntry | undefined {
    const queue = this.queues.get(slot) ?? [];
    const at = queue.findIndex((e) => fits(e, ctx) && ok(e));
    let chosen: PoolEntry | undefined;
    if (at >= 0) {
      chosen = queue.splice(at, 1)[0];
    } else if (required || chance(this.rnd, 0.25)) {
      const common = (this.reusable.get(slot) ?? []).filter((e) => fits(e, ctx) && ok(e));
      // Prefer the common answer given least so far, so no one phrase takes over.
      const least = Math.min(...common.map((e) => this.dealt.get(e) ?? 0));
      const candidates = common.filter((e) => (this.dealt.get(e) ?? 0) <= least + 1);
      if (candidates.length > 0) chosen = pick(this.rnd, candidates);
    }
    if (chosen) this.dealt.set(chosen, (this.dealt.get(chosen) ?? 0) + 1);
    return chosen;
  }
}

// ---------------------------------------------------------------------------------------------
// Building one response

type Form = DemoResponse['formSlug'];
type Channel = DemoResponse['channel'];

export interface Skeleton {
  form: Form;
  channel: Channel;
  locale: 'en' | 'ar';
  quarter: number;
  submittedAt: number;
  excluded?: PoolEntry;
}

export interface Built {
  answers: Record<string, string | string[]>;
  /** Which pool entry answered each free-text question. */
  texts: [questionId: string, entry: PoolEntry][];
}

const rating = (rnd: Rnd, mood: number, max: number) => String(Math.min(max, Math.max(1, mood + pick(rnd, [-1, 0, 0, 0, 1]))));
const moodless = (rnd: Rnd, max: number) => String(pick(rnd, max === 5 ? [1, 2, 2, 3, 3, 3, 4, 4, 4, 5] : [1, 2, 2, 3, 3, 4]));

export function buildFestival(rnd: Rnd, dealer: Dealer, sk: Skeleton): Built {
  const answers: Built['answers'] = {};
  const texts: Built['texts'] = [];
  const locale = sk.locale;
  // People who chose Arabic were mostly helped by a facilitator, who asked every question.
  const p = locale === 'ar' ? 0.95 : 0.62;
  const take = (qid: string, e: PoolEntry | undefined) => {
    if (!e) return undefined;
    answers[qid] = e.text;
    texts.push([qid, e]);
    return e;
  };
  const staying = weighted<Staying>(rnd, { hostel: 44, temporary: 18, 'own-home': 9, friends: 12, rough: 10, 'prefer-not-to-say': 7 });
  answers.staying = staying;
  if (sk.excluded) {
    if (staying !== 'rough' && staying !== 'prefer-not-to-say') answers['accommodation-rating'] = moodless(rnd, 5);
    answers['support-rating'] = moodless(rnd, 5);
    answers['listened-to'] = moodless(rnd, 4);
    take('change', sk.excluded);
    return { answers, texts };
  }
  if (staying === 'rough') {
    if (chance(rnd, 0.9)) take('rough-sleeping-help', dealer.deal('rough', { locale, staying }, false));
  } else if (staying !== 'prefer-not-to-say') {
    const comment = chance(rnd, p) ? dealer.deal('stay', { locale, staying }, false) : undefined;
    answers['accommodation-rating'] = comment ? rating(rnd, comment.mood, 5) : moodless(rnd, 5);
    take('accommodation-comments', comment);
  }
  const supportText = chance(rnd, p) ? dealer.deal('support', { locale, staying }, false) : undefined;
  answers['support-rating'] = supportText ? rating(rnd, supportText.mood, 5) : moodless(rnd, 5);
  take('support-comments', supportText);
  if (chance(rnd, 0.82)) {
    answers.health = chance(rnd, 0.2) ? ['none'] : shuffle(rnd, ['gp', 'mental-health', 'drugs-alcohol', 'dentist']).slice(0, int(rnd, 1, 3)).sort();
  }
  const listenedTo = weighted(rnd, { '1': 18, '2': 36, '3': 31, '4': 15 });
  answers['listened-to'] = listenedTo;
  if ((listenedTo === '1' || listenedTo === '2') && chance(rnd, locale === 'ar' ? 0.95 : 0.65)) take('listened-comments', dealer.deal('listened', { locale, staying }, false));
  const change = take('change', dealer.deal('change', { locale, staying, maxLength: 2000 }, true));
  // "Nothing, it's good" does not come from someone who rated their support very badly.
  if (change && change.mood >= 5 && Number(answers['support-rating']) < 4) answers['support-rating'] = '4';
  if (chance(rnd, 0.62)) answers.quote = 'yes';
  return { answers, texts };
}

export function buildService(rnd: Rnd, dealer: Dealer, sk: Skeleton): Built {
  const answers: Built['answers'] = {};
  const texts: Built['texts'] = [];
  const locale = sk.locale;
  const service = weighted<ServiceKind>(rnd, {
    'supported-housing': 30,
    'council-housing-advice': 25,
    'day-centre': 18,
    health: 14,
    outreach: 9,
    other: 4,
  });
  answers.service = service;
  if (chance(rnd, 0.75)) {
    const d = new Date(sk.submittedAt - int(rnd, 0, 45) * DAY);
    answers['last-used'] = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
  }
  if (sk.excluded) {
    answers['how-was-it'] = moodless(rnd, 5);
    answers['one-change'] = sk.excluded.text;
    texts.push(['one-change', sk.excluded]);
    return { answers, texts };
  }
  const ctx = { locale, service };
  const p = locale === 'ar' ? 0.95 : 0.62;
  const good = chance(rnd, p) ? dealer.deal('worked', ctx, false) : undefined;
  // "Nothing worked" and "it all went fine" from the same person would not ring true.
  const bad = chance(rnd, locale === 'ar' ? 0.95 : 0.66) ? dealer.deal('notworked', ctx, false, (e) => !(good && good.mood <= 2 && e.mood >= 4)) : undefined;
  const change = dealer.deal('change', { ...ctx, maxLength: 200 }, true)!;
  // The rating follows what the person wrote; a plain suggestion ("Wifi") says nothing either way.
  const moods = [good, bad, change.mood !== 3 ? change : undefined].filter((e): e is PoolEntry => e !== undefined).map((e) => e.mood);
  answers['how-was-it'] = moods.length ? rating(rnd, Math.round(moods.reduce((a, b) => a + b, 0) / moods.length), 5) : moodless(rnd, 5);
  if (good) {
    answers['what-worked'] = good.text;
    texts.push(['what-worked', good]);
  }
  if (bad) {
    answers['what-did-not'] = bad.text;
    texts.push(['what-did-not', bad]);
  }
  answers['one-change'] = change.text;
  texts.push(['one-change', change]);
  return { answers, texts };
}

// ---------------------------------------------------------------------------------------------
// What a moderator made of it

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

function personalRanges(qid: string, e: PoolEntry): (ExpectedPersonalDetail & { start: number; end: number })[] {
  return e.personal.map((p) => {
    const start = e.text.indexOf(p.text);
    if (start < 0) throw new Error(`Personal detail "${p.text}" is not in "${e.text}"`);
    return { questionId: qid, text: p.text, kind: p.kind, start, end: start + p.text.length };
  });
}

function tagsOf(qid: string, e: PoolEntry): DemoTag[] {
  return e.tags.map((t) => {
    const start = t.excerpt === undefined ? 0 : e.text.indexOf(t.excerpt);
    if (start < 0) throw new Error(`Excerpt "${t.excerpt}" is not in "${e.text}"`);
    const end = t.excerpt === undefined ? e.text.length : start + t.excerpt.length;
    return { questionId: qid, start, end, objectives: [...t.objectives], themes: [...t.themes] };
  });
}

/** Sentences of a text as ranges, trimmed, for quoting a clean part of an answer. */
function sentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /[^.!?。؟\n]+[.!?؟]*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const s = m.index + lead;
    const e = m.index + m[0].trimEnd().length;
    if (e > s) out.push({ start: s, end: e });
  }
  return out;
}

const MIN_QUOTE = 25;

export function moderate(rnd: Rnd, built: Built, status: DemoResponse['moderation']['status'], consent: boolean) {
  const tags: DemoTag[] = [];
  const approvedQuotes: AnswerRange[] = [];
  if (status === 'new' || status === 'excluded') return { tags, approvedQuotes };
  const texts = status === 'in-review' ? built.texts.slice(0, 1) : built.texts;
  // Nothing is quoted from a response that raised a safeguarding concern, whichever answer raised it.
  const flagged = built.texts.some(([, e]) => e.safeguarding.length > 0);
  for (const [qid, e] of texts) {
    const own = tagsOf(qid, e);
    tags.push(...own);
    if (status !== 'done' || !consent || flagged || own.length === 0) continue;
    if (approvedQuotes.length >= 2 || !chance(rnd, 0.75)) continue;
    const pii = personalRanges(qid, e);
    const clean = own.filter((t) => t.end - t.start >= MIN_QUOTE && !pii.some((p) => overlaps(p, t)));
    if (clean.length > 0) {
      const t = pick(rnd, clean);
      approvedQuotes.push({ questionId: qid, start: t.start, end: t.end });
    } else if (pii.length > 0) {
      // The tagged text holds a personal detail: quote the longest sentence without one,
      // tagging that sentence with the answer's codes so the quote is an excerpt like any other.
      const s = sentences(e.text)
        .filter((r) => r.end - r.start >= MIN_QUOTE && !pii.some((p) => overlaps(p, r)))
        .sort((a, b) => b.end - b.start - (a.end - a.start))[0];
      const codes = own[0]!;
      if (s) {
        tags.push({ questionId: qid, start: s.start, end: s.end, objectives: [...codes.objectives], themes: [...codes.themes] });
        approvedQuotes.push({ questionId: qid, start: s.start, end: s.end });
      }
    }
  }
  return { tags, approvedQuotes };
}

// ---------------------------------------------------------------------------------------------

/** The share of each quarter (oldest first) still new, and still in review, on the day of `now`. */
const NEW_SHARE = [0.04, 0.12, 0.36, 0.82];
const IN_REVIEW_SHARE = [0, 0.03, 0.06, 0.08];

export function demoResponses(seed = 2026, now = Date.parse('2026-12-01T12:00:00Z')): DemoResponse[] {
  const rnd = mulberry32(seed);
  const quarters = lastFourQuarters(now);

  // How many in each quarter: roughly even, with some variation.
  const weights = quarters.map(() => 0.85 + rnd() * 0.3);
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((w / total) * DEMO_TOTAL));
  for (let i = 0; counts.reduce((a, b) => a + b, 0) < DEMO_TOTAL; i++) counts[i % 4]!++;

  // Each quarter has three LEAF session days, where the tablets, the group and the paper forms are.
  const sessionDays = quarters.map((q) => {
    const days = Math.round((q.end - q.start) / DAY);
    return shuffle(rnd, Array.from({ length: days }, (_, d) => d)).slice(0, 3).sort((a, b) => a - b);
  });

  const skeletons: Skeleton[] = [];
  quarters.forEach((q, qi) => {
    for (let n = 0; n < counts[qi]!; n++) {
      const form: Form = chance(rnd, 0.58) ? 'festival-of-feedback' : 'service-feedback';
      const channel: Channel =
        form === 'festival-of-feedback'
          ? weighted<Channel>(rnd, { online: 40, kiosk: 22, group: 14, paper: 12, assisted: 12 })
          : weighted<Channel>(rnd, { online: 72, kiosk: 9, assisted: 11, paper: 8, group: 0 });
      const atSession = form === 'festival-of-feedback' && channel !== 'online';
      const day = atSession ? pick(rnd, sessionDays[qi]!) : int(rnd, 0, Math.round((q.end - q.start) / DAY) - 1);
      const hour = atSession ? int(rnd, 10, 15) : weighted(rnd, { 8: 3, 9: 6, 10: 8, 11: 8, 12: 7, 13: 7, 14: 8, 15: 7, 16: 6, 17: 5, 18: 4, 19: 4, 20: 4, 21: 3, 22: 2, 23: 1 } as Record<string, number>);
      const submittedAt = Math.min(q.start + day * DAY + Number(hour) * HOUR, q.end - HOUR);
      skeletons.push({ form, channel, locale: 'en', quarter: qi, submittedAt });
    }
  });
  skeletons.sort((a, b) => a.submittedAt - b.submittedAt || (a.form < b.form ? -1 : a.form > b.form ? 1 : 0));

  // About 15 in Arabic: online, or with a facilitator or interpreter.
  const festivalIdx = skeletons.map((s, i) => (s.form === 'festival-of-feedback' ? i : -1)).filter((i) => i >= 0);
  const serviceIdx = skeletons.map((s, i) => (s.form === 'service-feedback' ? i : -1)).filter((i) => i >= 0);
  const arabicIdx = [...shuffle(rnd, festivalIdx).slice(0, 8), ...shuffle(rnd, serviceIdx).slice(0, DEMO_ARABIC - 8)];
  for (const i of arabicIdx) {
    const sk = skeletons[i]!;
    sk.locale = 'ar';
    if (sk.channel === 'paper' || sk.channel === 'group') sk.channel = 'assisted';
  }

  // A handful a moderator set aside: test entries at the kiosk or on paper, spam and off-topic online.
  const englishIdx = shuffle(rnd, skeletons.map((s, i) => (s.locale === 'en' ? i : -1)).filter((i) => i >= 0));
  excludedChange.forEach((e, k) => {
    const sk = skeletons[englishIdx[k]!]!;
    sk.excluded = e;
    if (/^test|asdf/i.test(e.text)) {
      sk.form = 'festival-of-feedback';
      sk.channel = /TESTING/.test(e.text) ? 'paper' : 'kiosk';
    } else {
      sk.channel = 'online';
    }
  });

  // Deal answers in a shuffled order, so the rarer answers are not all used up by the oldest responses.
  const dealer = new Dealer(rnd);
  const built = new Map<number, Built>();
  for (const i of shuffle(rnd, skeletons.map((_, i) => i))) {
    const sk = skeletons[i]!;
    built.set(i, sk.form === 'festival-of-feedback' ? buildFestival(rnd, dealer, sk) : buildService(rnd, dealer, sk));
  }

  // Which organisation runs the service, on the service form: its own stream, so adding the question
  // changed no other answer, time, status, tag or quote.
  const providerRnd = mulberry32(seed ^ PROVIDER_STREAM);

  return skeletons.map((sk, i) => {
    const b = built.get(i)!;
    const r = rnd();
    const status: DemoResponse['moderation']['status'] = sk.excluded
      ? 'excluded'
      : r < NEW_SHARE[sk.quarter]!
        ? 'new'
        : r < NEW_SHARE[sk.quarter]! + IN_REVIEW_SHARE[sk.quarter]!
          ? 'in-review'
          : 'done';
    const response = assemble(rnd, demoId(seed, i), sk, b, status);
    if (sk.form === 'service-feedback') response.answers = withProvider(response.answers, providerRnd, sk.locale);
    return demoResponse.parse(response);
  });
}

/** The stream the provider answers are drawn from (xored into the seed). */
const PROVIDER_STREAM = 0x0b5e55ed;

/** The answers with the `provider` answer, if the person gave one, placed after the service it names. */
export function withProvider(answers: DemoResponse['answers'], rnd: Rnd, locale: 'en' | 'ar'): DemoResponse['answers'] {
  const provider = providerAnswer(rnd, answers.service as ServiceKind, locale);
  if (provider === undefined) return answers;
  const { service, ...rest } = answers;
  return { service: service!, provider, ...rest };
}

/** A built response with what a moderator made of it (quotes drawn from `rnd`), as the corpus keeps it. */
export function assemble(rnd: Rnd, id: string, sk: Skeleton, b: Built, status: DemoResponse['moderation']['status']): DemoResponse {
  const consentToQuote = b.answers.quote === 'yes';
  const { tags, approvedQuotes } = moderate(rnd, b, status, consentToQuote);
  const safeguarding = [...new Set(b.texts.flatMap(([, e]) => e.safeguarding))].sort();
  const personalDetails = b.texts.flatMap(([qid, e]) => personalRanges(qid, e).map(({ questionId, text, kind }) => ({ questionId, text, kind })));
  return {
    id,
    formSlug: sk.form,
    locale: sk.locale,
    channel: sk.channel,
    submittedAt: sk.submittedAt,
    answers: b.answers,
    consentToQuote,
    moderation: { status, ...(sk.excluded ? { excludedReason: sk.excluded.excluded! } : {}), tags, approvedQuotes },
    expect: { safeguarding, personalDetails },
  };
}
