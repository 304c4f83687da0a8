// Choosing the language of a page: an explicit choice wins, then the draft's, then the browser's.
import { LOCALES, localeSchema, type Locale } from '../forms/definition';

export function pickLocale(offered: readonly Locale[], ...choices: (string | null | undefined)[]): Locale {
  for (const choice of choices) {
    const parsed = localeSchema.safeParse(choice);
    if (parsed.success && offered.includes(parsed.data)) return parsed.data;
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
