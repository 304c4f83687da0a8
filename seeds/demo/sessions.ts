// The demo's facilitated sessions: three closed ones from earlier quarters and the Festival of
// Feedback that is open now (join code FEST26). The closed ones are held on days the corpus already
// has people at a session (the tablets, the group and the paper forms of that day), so they take
// those responses without moving any; the open one is held on the day the demo is seeded.
import { demoStaff } from '../demo-staff';
import { lastFourQuarters, type DemoResponse } from './responses';

const DAY = 86_400_000;

type Channel = DemoResponse['channel'];
type Locale = DemoResponse['locale'];

export interface DemoSession {
  /** Stable, so seeding twice inserts it once. */
  id: string;
  formSlug: DemoResponse['formSlug'];
  name: string;
  place: string;
  /** The day it is held (ms, start of the day in UTC). */
  heldOn: number;
  organisationId: string;
  joinCode: string | null;
  status: 'open' | 'closed';
  kiosk: boolean;
  languages: Locale[];
  /** How people took part in it: a response on its day, form and language through one of these is one of its own. */
  channels: Channel[];
  createdBy: string;
  createdAt: number;
  /** What happens next, in the facilitator's words, for the summary. */
  nextSteps: string;
  /** The summary has been shared with the people who came (its link works). */
  summaryShared: boolean;
}

export const FESTIVAL_JOIN_CODE = 'FEST26';
export const FESTIVAL_SESSION_ID = 'demo-session-festival-of-feedback';

const FACILITATOR = demoStaff.find((s) => s.role === 'facilitator')!.id;

interface Plan {
  id: string;
  name: string;
  place: string;
  organisationId: string;
  kiosk: boolean;
  languages: Locale[];
  channels: Channel[];
  /** Which of the last four quarters (0 oldest) it is held in. */
  quarter: number;
  nextSteps: string;
  summaryShared: boolean;
}

/** The closed sessions: who ran them, where, and how people took part. */
const CLOSED: Plan[] = [
  {
    id: 'demo-session-hostel-drop-in',
    name: "Residents' feedback drop-in",
    place: "Residents' lounge, Homeless Oxfordshire hostel, Oxford city centre",
    organisationId: 'homeless-oxfordshire',
    kiosk: true,
    languages: ['en', 'ar'],
    channels: ['kiosk', 'assisted', 'paper'],
    quarter: 1,
    nextSteps: 'Two of us from LEAF read every answer with the hostel manager. We will put what is changing on the board by the front desk before the end of next month, and come back in three months to ask if it did.',
    summaryShared: false,
  },
  {
    id: 'demo-session-outreach-breakfast',
    name: 'Paper feedback at the outreach breakfast',
    place: 'Wesley Memorial Church hall, New Inn Hall Street, Oxford',
    organisationId: 'st-mungos',
    kiosk: false,
    languages: ['en'],
    channels: ['paper', 'assisted'],
    quarter: 2,
    nextSteps: "We typed up all the paper forms the same week. St Mungo's outreach team and LEAF go through them together, and what comes of it goes up on You said, we did.",
    summaryShared: false,
  },
  {
    id: 'demo-session-leaf-group-day',
    name: 'LEAF feedback day: group discussions',
    place: 'Old Fire Station, George Street, Oxford',
    organisationId: 'leaf',
    kiosk: true,
    languages: ['en', 'ar'],
    channels: ['group', 'kiosk', 'paper', 'assisted'],
    quarter: 3,
    nextSteps: 'Everything said in the groups goes to the Alliance board meeting next month, in your words, with nothing that could say who said it. LEAF will be back at the Old Fire Station to tell you what they decided.',
    summaryShared: true,
  },
];

const dayOf = (ms: number) => Math.floor(ms / DAY) * DAY;
const weekday = (day: number) => {
  const d = new Date(day).getUTCDay();
  return d >= 1 && d <= 5;
};

/** Whether a response was given at a session: its form, its day, one of its languages and channels. */
export function takesPart(s: Pick<DemoSession, 'formSlug' | 'heldOn' | 'languages' | 'channels'>, r: Pick<DemoResponse, 'formSlug' | 'submittedAt' | 'locale' | 'channel'>): boolean {
  return r.formSlug === s.formSlug && dayOf(r.submittedAt) === s.heldOn && s.languages.includes(r.locale) && s.channels.includes(r.channel);
}

/**
 * The demo sessions for a corpus. Each closed one is held on the weekday of its quarter with the
 * most people it would take (weekends only if the quarter has no weekday session at all).
 */
export function demoSessions(corpus: readonly DemoResponse[], now: number): DemoSession[] {
  const quarters = lastFourQuarters(now);
  const out: DemoSession[] = CLOSED.map((p) => {
    const q = quarters[p.quarter]!;
    const shape = { formSlug: 'festival-of-feedback' as const, languages: p.languages, channels: p.channels };
    const counts = new Map<number, number>();
    for (const r of corpus) {
      if (r.submittedAt < q.start || r.submittedAt >= q.end) continue;
      const day = dayOf(r.submittedAt);
      if (takesPart({ ...shape, heldOn: day }, r)) counts.set(day, (counts.get(day) ?? 0) + 1);
    }
    const days = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const heldOn = (days.find(([d, n]) => weekday(d) && n >= 3) ?? days[0] ?? [dayOf(q.start + 14 * DAY)])[0];
    return {
      id: p.id,
      formSlug: 'festival-of-feedback',
      name: p.name,
      place: p.place,
      heldOn,
      organisationId: p.organisationId,
      joinCode: null,
      status: 'closed',
      kiosk: p.kiosk,
      languages: p.languages,
      channels: p.channels,
      createdBy: FACILITATOR,
      createdAt: heldOn - 9 * DAY + 10 * 3_600_000,
      nextSteps: p.nextSteps,
      summaryShared: p.summaryShared,
    };
  });
  const today = dayOf(now);
  out.push({
    id: FESTIVAL_SESSION_ID,
    formSlug: 'festival-of-feedback',
    name: 'Festival of Feedback',
    place: "Oxford Town Hall, St Aldate's, Oxford",
    heldOn: today,
    organisationId: 'leaf',
    joinCode: FESTIVAL_JOIN_CODE,
    status: 'open',
    kiosk: true,
    languages: ['en', 'ar', 'pl', 'ro'],
    channels: ['kiosk', 'assisted', 'paper', 'group'],
    createdBy: FACILITATOR,
    createdAt: today - 14 * DAY + 11 * 3_600_000,
    nextSteps: 'LEAF reads everything from today over the next fortnight. The themes go to the Alliance in January, and we will share what they said back here and on You said, we did.',
    summaryShared: false,
  });
  return out;
}

/** The session a response was given at, if any. */
export function sessionOf(r: DemoResponse, sessions: readonly DemoSession[]): DemoSession | undefined {
  return sessions.find((s) => takesPart(s, r));
}
