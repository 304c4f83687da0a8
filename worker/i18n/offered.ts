// The languages a journey offers, carried to the pages it links to (safety, withdrawal) in the address,
// so a session's language switch shows only its languages there too, without a cookie or a lookup.
import { LOCALES, type Locale } from '../forms/definition';

/** "&offer=en,pl" when a page offers fewer languages than Heard has; nothing when it offers all. */
export function offerParam(locales: readonly Locale[]): string {
  if (locales.length === 0 || LOCALES.every((l) => locales.includes(l))) return '';
  return `&offer=${locales.join(',')}`;
}

/** The languages named in ?offer=, in Heard's order; every language when it names none we have. */
export function readOffer(raw: string | undefined): Locale[] {
  const named = (raw ?? '').split(',');
  const offered = LOCALES.filter((l) => named.includes(l));
  return offered.length > 0 ? offered : [...LOCALES];
}
