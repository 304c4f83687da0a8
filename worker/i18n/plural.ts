// Counted words through Intl.PluralRules: each language names only the forms it has
// (Polish one/few/many, Romanian one/few/other, Arabic zero/one/two/few/many/other), and `other`
// covers the rest. The rules object is made once per language: building one is not free.
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const rules = new Map<string, Intl.PluralRules>();

export function pluralCategory(locale: string, n: number): Intl.LDMLPluralRule {
  let r = rules.get(locale);
  if (!r) {
    r = new Intl.PluralRules(locale);
    rules.set(locale, r);
  }
  return r.select(n);
}

/** The form of a word for n in this language, e.g. plural('pl', 5, { one: 'minuta', few: 'minuty', many: 'minut', other: 'minuty' }) is "minut". */
export function plural(locale: string, n: number, forms: PluralForms): string {
  return forms[pluralCategory(locale, n)] ?? forms.other;
}
