// Counted words through Intl.PluralRules, with numbers picked to land on each language's forms.
import { describe, expect, it } from 'vitest';
import { messages } from '../../worker/i18n/messages';
import { plural, pluralCategory } from '../../worker/i18n/plural';

describe('plural categories', () => {
  it('Polish: one, few, many', () => {
    expect([1, 2, 5, 22, 25, 12, 112].map((n) => pluralCategory('pl', n))).toEqual(['one', 'few', 'many', 'few', 'many', 'many', 'many']);
  });
  it('Romanian: one, few, other', () => {
    expect([1, 2, 19, 20, 101, 102, 120].map((n) => pluralCategory('ro', n))).toEqual(['one', 'few', 'few', 'other', 'few', 'few', 'other']);
  });
  it('Arabic: zero, one, two, few, many, other', () => {
    expect([0, 1, 2, 3, 11, 100].map((n) => pluralCategory('ar', n))).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
  });
  it('falls back to other when a language does not name a form', () => {
    expect(plural('pl', 5, { one: 'x', other: 'y' })).toBe('y');
  });
});

describe('counted words on respondent pages', () => {
  it('Polish minutes and characters', () => {
    const pl = messages('pl');
    expect(pl.timeoutNotice(1)).toContain('przez 1 minutę');
    expect(pl.timeoutNotice(2)).toContain('przez 2 minuty');
    expect(pl.timeoutNotice(5)).toContain('przez 5 minut');
    expect(pl.timeoutNotice(22)).toContain('przez 22 minuty');
    expect(pl.timeoutNotice(25)).toContain('przez 25 minut');
    expect(pl.clearedBody(1)).toContain('po 1 minucie');
    expect(pl.clearedBody(30)).toContain('po 30 minutach');
    expect(pl.errTooLong(1)).toBe('Odpowiedź może mieć najwyżej 1 znak');
    expect(pl.errTooLong(2)).toBe('Odpowiedź może mieć najwyżej 2 znaki');
    expect(pl.errTooLong(200)).toBe('Odpowiedź może mieć najwyżej 200 znaków');
  });

  it('Romanian minutes and characters, with "de" from 20', () => {
    const ro = messages('ro');
    expect(ro.timeoutNotice(1)).toContain('timp de 1 minut.');
    expect(ro.timeoutNotice(2)).toContain('timp de 2 minute.');
    expect(ro.timeoutNotice(20)).toContain('timp de 20 de minute.');
    expect(ro.timeoutNotice(101)).toContain('timp de 101 minute.');
    expect(ro.errTooLong(2000)).toBe('Răspunsul poate avea cel mult 2000 de caractere');
    expect(ro.errTooLong(1)).toBe('Răspunsul poate avea cel mult 1 caracter');
  });

  it('Arabic minutes: one, two, few, many', () => {
    const ar = messages('ar');
    expect(ar.timeoutNotice(1)).toContain('دقيقة واحدة');
    expect(ar.timeoutNotice(2)).toContain('دقيقتين');
    expect(ar.timeoutNotice(3)).toContain('3 دقائق');
    expect(ar.timeoutNotice(11)).toContain('11 دقيقة');
    expect(ar.timeoutNotice(100)).toContain('100 دقيقة');
  });

  it('English singular and plural', () => {
    const en = messages('en');
    expect(en.timeoutNotice(1)).toContain('for 1 minute.');
    expect(en.timeoutNotice(30)).toContain('for 30 minutes.');
    expect(en.strategyMoreActions(1, '5.6')).toBe('The 1 action for objective 5.6');
    expect(en.strategyMoreActions(4, '5.6')).toBe('All 4 actions for objective 5.6');
  });
});
