// Who runs the service a service-feedback response is about: the form's `provider` question
// (marked `namesService`). People mostly know who runs their hostel or the outreach team that finds
// them; fewer know who runs a day centre or a clinic, and the council's own housing advice is "the
// council" (an answer that names no Alliance provider, so the response counts for none).
import type { ServiceKind } from './pool';

/** An answer to `provider`: an option value, or undefined when the person skipped the question. */
export type ProviderAnswer = 'a2dominion' | 'aspire-oxfordshire' | 'connection-support' | 'elmore-community-services' | 'homeless-oxfordshire' | 'st-mungos' | 'council' | 'not-sure' | 'skip';

/** How often each answer is given, by the kind of service (weights, not percentages). */
export const PROVIDER_WEIGHTS: Record<ServiceKind, Partial<Record<ProviderAnswer, number>>> = {
  'supported-housing': { 'homeless-oxfordshire': 30, a2dominion: 24, 'connection-support': 14, 'elmore-community-services': 8, 'st-mungos': 6, 'not-sure': 8, skip: 10 },
  outreach: { 'st-mungos': 50, 'connection-support': 18, 'not-sure': 12, skip: 20 },
  'day-centre': { 'homeless-oxfordshire': 28, 'aspire-oxfordshire': 18, 'elmore-community-services': 8, 'not-sure': 18, skip: 24 },
  'council-housing-advice': { council: 58, 'connection-support': 6, 'aspire-oxfordshire': 6, 'not-sure': 12, skip: 18 },
  health: { 'elmore-community-services': 16, 'st-mungos': 10, 'not-sure': 30, skip: 40 },
  other: { 'aspire-oxfordshire': 34, 'elmore-community-services': 12, 'connection-support': 8, 'not-sure': 20, skip: 26 },
};

/** One person's answer: a single draw from `rnd`, whatever it lands on. People filling in the Arabic form skip it a little more often. */
export function providerAnswer(rnd: () => number, service: ServiceKind, locale: 'en' | 'ar'): string | undefined {
  const table = { ...PROVIDER_WEIGHTS[service] };
  if (locale === 'ar') table.skip = (table.skip ?? 0) + 15;
  const entries = Object.entries(table) as [ProviderAnswer, number][];
  let r = rnd() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [answer, w] of entries) {
    r -= w;
    if (r < 0) return answer === 'skip' ? undefined : answer;
  }
  return undefined;
}
