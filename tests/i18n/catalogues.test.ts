// Every language's catalogue is complete and really translated: no empty words, no English left in
// Polish, Romanian or Arabic (beyond names and codes), Romanian with comma-below ș and ț.
import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../worker/forms/definition';
import { ar } from '../../worker/i18n/catalogues/ar';
import { en } from '../../worker/i18n/catalogues/en';
import { pl } from '../../worker/i18n/catalogues/pl';
import { ro } from '../../worker/i18n/catalogues/ro';
import { LOCALE_NAMES, messages, RTL_LOCALES, type Messages } from '../../worker/i18n/messages';
import { safetyContent } from '../../worker/respond/safety-content';

/** Every message as text: functions are called with sample values of the right kind. */
function texts(catalogue: Messages): [string, string][] {
  const sample = (fn: (...args: never[]) => string) => {
    const src = String(fn);
    if (/\(\s*part\s*\)/.test(src)) return (fn as (p: 'day') => string)('day');
    return (fn as (...a: unknown[]) => string)(...[7, 12].map((n, i) => (fn.length > i ? n : undefined)));
  };
  return Object.entries(catalogue).map(([k, v]) => [k, typeof v === 'function' ? sample(v) : v]);
}

// The same in every language on purpose: the service's name, and codes and numbers.
const SAME_EVERYWHERE = new Set(['serviceName', 'strategyObjective', 'yswdPageOf', 'questionOf']);

describe('the message catalogues', () => {
  it('cover the same keys in every language, in the English order', () => {
    for (const c of [ar, pl, ro]) expect(Object.keys(c)).toEqual(Object.keys(en));
    for (const locale of LOCALES) expect(Object.keys(messages(locale))).toEqual(Object.keys(en));
  });

  it('have no empty words in any language', () => {
    for (const locale of LOCALES) {
      for (const [key, text] of texts(messages(locale))) expect(text.trim(), `${locale}.${key}`).not.toBe('');
    }
  });

  it('leave no English untranslated in Arabic, Polish or Romanian', () => {
    const english = new Map(texts(en));
    for (const locale of ['ar', 'pl', 'ro'] as const) {
      for (const [key, text] of texts(messages(locale))) {
        if (SAME_EVERYWHERE.has(key)) continue;
        expect(text, `${locale}.${key} is still the English`).not.toBe(english.get(key));
      }
    }
  });

  it('write Polish and Romanian with their own letters, and Romanian ș and ț with the comma below', () => {
    const all = (c: Messages) => texts(c).map(([, t]) => t).join(' ');
    expect(all(pl)).toMatch(/[ąćęłńóśźż]/);
    expect(all(ro)).toMatch(/[ăâîșț]/);
    // The cedilla forms (ş ţ) are a common mistake that looks right and reads wrong.
    expect(all(ro)).not.toMatch(/[şţŞŢ]/);
    const safetyRo = safetyContent.ro.flatMap((s) => [s.heading, ...s.paragraphs]).join(' ');
    expect(safetyRo).not.toMatch(/[şţŞŢ]/);
  });

  it('name each language in itself, and only Arabic runs right to left', () => {
    expect(LOCALE_NAMES).toEqual({ en: 'English', ar: 'العربية', pl: 'Polski', ro: 'Română' });
    expect(LOCALES.filter((l: Locale) => RTL_LOCALES.has(l))).toEqual(['ar']);
  });

  it('give the safety page in every language, each section translated', () => {
    for (const locale of LOCALES) {
      expect(safetyContent[locale].length, locale).toBe(safetyContent.en.length);
      if (locale === 'en') continue;
      safetyContent[locale].forEach((section, i) => {
        expect(section.heading).not.toBe(safetyContent.en[i]!.heading);
        expect(section.paragraphs.length).toBe(safetyContent.en[i]!.paragraphs.length);
      });
    }
  });
});
