// Choosing the language of a page: an explicit choice wins, then the draft's, then the browser's.
import { LOCALES, type Locale } from '../forms/definition';

export function pickLocale(offered: readonly Locale[], ...choices: (string | null | undefined)[]): Locale {
  // A plain lookup, not a zod parse: this runs on every page, and the choices are already validated
  // (query strings by their route's schema) or come from our own headers parsing.
  for (const choice of choices) {
    if (choice && (offered as readonly string[]).includes(choice)) return choice as Locale;
  }
  return offered[0] ?? 'en';
}

/** The first language in an Accept-Language header that we offer, e.g. "ar-SA,ar;q=0.9,en;q=0.8" gives "ar". */
export function fromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const tags = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0 };
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q);
  return tags.map((t) => t.lang).find((l): l is Locale => (LOCALES as readonly string[]).includes(l));
}
