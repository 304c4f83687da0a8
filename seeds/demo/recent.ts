// More responses for the latest whole quarter, and the first few at the Festival of Feedback open
// today. The main corpus spreads 300 responses evenly over the last four quarters, but the latest of
// them is still mostly waiting for a moderator, so a report of it would be nearly empty. These come
// from LEAF's feedback day that quarter (which moderators worked through first) and the online
// responses around it, all written for the purpose (./pool-recent.ts) and dealt from a stream of
// their own: the 300 and everything measured on them stay exactly as they were.
import { recentPool } from './pool-recent';
import {
  Dealer,
  assemble,
  buildFestival,
  buildService,
  chance,
  demoId,
  demoPool,
  demoResponse,
  demoResponses,
  int,
  lastFourQuarters,
  mulberry32,
  pick,
  shuffle,
  weighted,
  withProvider,
  type Built,
  type DemoResponse,
  type Skeleton,
} from './responses';
import { FESTIVAL_SESSION_ID, demoSessions, type DemoSession } from './sessions';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Xored into the seed for this set's own generator. */
const RECENT_STREAM = 0x2f6b3a1d;
/** Index offsets for ids, far from the corpus's 0 to 299. */
const RECENT_ID_BASE = 1000;
const LIVE_ID_BASE = 2000;

export const RECENT_AT_FEEDBACK_DAY = 12;
export const RECENT_FESTIVAL_ONLINE = 14;
export const RECENT_SERVICE = 16;
/** At most this many people have taken part in the open festival so far today. */
export const LIVE_MAX = 6;

type Channel = DemoResponse['channel'];

export interface RecentOptions {
  /** The main corpus (default: the one for the same seed and `now`). */
  corpus?: readonly DemoResponse[];
  /** The sessions (default: `demoSessions(corpus, now)`). */
  sessions?: readonly DemoSession[];
}

export function demoRecentResponses(seed = 2026, now = Date.parse('2026-12-01T12:00:00Z'), options: RecentOptions = {}): DemoResponse[] {
  const corpus = options.corpus ?? demoResponses(seed, now);
  const sessions = options.sessions ?? demoSessions(corpus, now);
  const rnd = mulberry32(seed ^ RECENT_STREAM);
  const q = lastFourQuarters(now)[3]!;
  const days = Math.round((q.end - q.start) / DAY);
  const feedbackDay = sessions.find((s) => s.id === 'demo-session-leaf-group-day')?.heldOn ?? q.start + 40 * DAY;

  // The latest whole quarter: the feedback day, online festival responses, and service feedback.
  const skeletons: Skeleton[] = [];
  const at = (day: number, hour: number) => Math.min(day + hour * HOUR, q.end - 2 * HOUR);
  const someDay = () => q.start + int(rnd, 0, days - 1) * DAY;
  const daytime = () => Number(weighted(rnd, { 9: 5, 10: 8, 11: 8, 12: 7, 13: 7, 14: 8, 15: 7, 16: 6, 17: 5, 18: 4, 19: 4, 20: 3, 21: 2 } as Record<string, number>));
  for (let n = 0; n < RECENT_AT_FEEDBACK_DAY; n++) {
    const channel = weighted<Channel>(rnd, { kiosk: 4, group: 4, paper: 2, assisted: 2, online: 0 });
    skeletons.push({ form: 'festival-of-feedback', channel, locale: 'en', quarter: 3, submittedAt: at(feedbackDay, int(rnd, 10, 15)) });
  }
  for (let n = 0; n < RECENT_FESTIVAL_ONLINE; n++) {
    skeletons.push({ form: 'festival-of-feedback', channel: 'online', locale: 'en', quarter: 3, submittedAt: at(someDay(), daytime()) });
  }
  for (let n = 0; n < RECENT_SERVICE; n++) {
    const channel = chance(rnd, 0.8) ? 'online' : pick<Channel>(rnd, ['kiosk', 'assisted']);
    skeletons.push({ form: 'service-feedback', channel, locale: 'en', quarter: 3, submittedAt: at(someDay(), daytime()) });
  }
  skeletons.sort((a, b) => a.submittedAt - b.submittedAt || (a.form < b.form ? -1 : a.form > b.form ? 1 : 0));
  // Three in Arabic: one with an interpreter on the feedback day, one festival and one service form online.
  const assisted = skeletons.find((s) => s.channel === 'assisted' && s.form === 'festival-of-feedback' && s.submittedAt - (s.submittedAt % DAY) === feedbackDay);
  const festivalOnline = skeletons.filter((s) => s.form === 'festival-of-feedback' && s.channel === 'online');
  const serviceOnline = skeletons.filter((s) => s.form === 'service-feedback' && s.channel === 'online');
  for (const sk of [assisted, pick(rnd, festivalOnline), pick(rnd, serviceOnline)]) if (sk) sk.locale = 'ar';

  // The texts: this set's own answers, and the common short ones anyone might give.
  const dealer = new Dealer(rnd, [...recentPool, ...demoPool.filter((e) => e.reusable)]);
  const build = (sk: Skeleton): Built => (sk.form === 'festival-of-feedback' ? buildFestival(rnd, dealer, sk) : buildService(rnd, dealer, sk));
  const built = new Map<number, Built>();
  for (const i of shuffle(rnd, skeletons.map((_, i) => i))) built.set(i, build(skeletons[i]!));

  // Moderators went through the feedback day first, then the rest: nearly all of it is done.
  const out = skeletons.map((sk, i) => {
    const r = rnd();
    const status = r < 0.04 ? 'new' : r < 0.1 ? 'in-review' : 'done';
    const response = assemble(rnd, demoId(seed, RECENT_ID_BASE + i), sk, built.get(i)!, status);
    if (sk.form === 'service-feedback') response.answers = withProvider(response.answers, rnd, sk.locale);
    return demoResponse.parse(response);
  });

  // The festival open today: a few people so far, one or two an hour since it opened at ten, on the
  // tablets and with a facilitator. Nobody has moderated them yet.
  const festival = sessions.find((s) => s.id === FESTIVAL_SESSION_ID);
  if (festival) {
    const live: Skeleton[] = [];
    for (let hour = festival.heldOn + 10 * HOUR; hour + HOUR <= now && live.length < LIVE_MAX; hour += HOUR) {
      for (let k = int(rnd, 1, 2); k > 0 && live.length < LIVE_MAX; k--) {
        live.push({ form: 'festival-of-feedback', channel: chance(rnd, 0.75) ? 'kiosk' : 'assisted', locale: 'en', quarter: 3, submittedAt: hour });
      }
    }
    const helped = live.find((s) => s.channel === 'assisted');
    if (helped) helped.locale = 'ar';
    live.forEach((sk, k) => {
      const response = assemble(rnd, demoId(seed, LIVE_ID_BASE + k), sk, build(sk), 'new');
      out.push(demoResponse.parse(response));
    });
  }
  return out;
}
