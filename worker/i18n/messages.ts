// The words of the respondent's pages in each language, one catalogue a language (catalogues/).
// Form content carries its own translations.
import type { Locale } from '../forms/definition';
import { ar } from './catalogues/ar';
import { en, type Messages } from './catalogues/en';
import { pl } from './catalogues/pl';
import { ro } from './catalogues/ro';

export type { DatePart, Messages } from './catalogues/en';

const catalogues: Record<Locale, Messages> = { en, ar, pl, ro };

export function messages(locale: Locale): Messages {
  return catalogues[locale];
}

export const RTL_LOCALES: ReadonlySet<Locale> = new Set(['ar']);
/** Each language named in itself, as the language switch shows it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ar: 'العربية', pl: 'Polski', ro: 'Română' };
/** Each language's English name, for staff pages (which are in English). */
export const LOCALE_NAMES_IN_ENGLISH: Record<Locale, string> = { en: 'English', ar: 'Arabic', pl: 'Polish', ro: 'Romanian' };
export function languageInEnglish(code: string): string {
  return (LOCALE_NAMES_IN_ENGLISH as Record<string, string>)[code] ?? code;
}
