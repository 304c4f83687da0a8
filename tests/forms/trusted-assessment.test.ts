// The Alliance's trusted assessment (strategy objective 5.6): one assessment, done with the person,
// that every provider they agree to can rely on. The assessment code depends on these ids.
import { describe, expect, it } from 'vitest';
import { formSeed, seedData } from '../../seeds/index';
import raw from '../../seeds/forms/trusted-assessment.json';
import organisations from '../../seeds/organisations.json';
import { isAnswerable, type LocalisedText, type Question } from '../../worker/forms/definition';

const seed = formSeed.parse(raw);
const form = seed.definition;
const LOCALES = ['en', 'ar', 'pl', 'ro'];
const questions = form.pages.flatMap((p) => p.questions);
const byId = (id: string) => questions.find((q) => q.id === id);
const pageOf = (id: string) => form.pages.find((p) => p.questions.some((q) => q.id === id))?.id;

const REQUIRED: Record<string, string[]> = {
  consent: ['privacy-explained', 'share-with', 'exceptions-explained'],
  'about-me': ['preferred-name'],
  strengths: ['strengths', 'goals'],
  review: ['assessor-name', 'review-date'],
};
const OPTIONAL: Record<string, string[]> = {
  consent: ['privacy-notice', 'consent-notes'],
  'about-me': ['date-of-birth', 'contact', 'dependants', 'pets', 'interpreter-needed'],
  housing: ['current-situation', 'current-situation-detail', 'last-settled-address', 'why-it-ended', 'evictions-arrears', 'local-connection', 'immigration-status', 'recourse-to-public-funds'],
  'money-id': ['income-sources', 'benefits-issues', 'debts', 'id-documents', 'bank-account'],
  health: ['physical-health', 'mental-health', 'drugs-alcohol', 'offending-history', 'gp-registered', 'other-agencies'],
  risk: ['risk-to-self', 'risk-to-others', 'risk-from-others', 'domestic-abuse', 'safeguarding', 'safety-plan'],
  strengths: ['what-matters', 'housing-preferences', 'what-works-for-me'],
  review: ['assessor-notes'],
};

/** Every piece of text a question shows, wherever it appears. */
function textsOf(q: Question): LocalisedText[] {
  const out: LocalisedText[] = [q.label];
  if ('hint' in q && q.hint) out.push(q.hint);
  if ('easyRead' in q && q.easyRead) out.push(q.easyRead);
  if ('statement' in q) out.push(q.statement);
  if ('options' in q) for (const o of q.options) out.push(o.label, ...(o.hint ? [o.hint] : []));
  if (q.type === 'info') out.push(...q.body);
  return out;
}

describe('the trusted assessment form', () => {
  it('is seeded as a live assessment in English, Arabic, Polish and Romanian', () => {
    expect(seed).toMatchObject({ slug: 'trusted-assessment', kind: 'assessment', status: 'live' });
    expect(form.locales).toEqual(LOCALES);
    expect(seedData.forms.find((f) => f.slug === 'trusted-assessment')?.kind).toBe('assessment');
  });

  it('has its sections in order, each titled, with at most 15 questions', () => {
    expect(form.pages.map((p) => p.id)).toEqual(['consent', 'about-me', 'housing', 'money-id', 'health', 'risk', 'strengths', 'review']);
    for (const p of form.pages) {
      expect(p.title, p.id).toBeDefined();
      expect(p.questions.length).toBeLessThanOrEqual(15);
    }
    expect(form.pages.find((p) => p.id === 'risk')?.restrictable).toBe(true);
    expect(form.pages.filter((p) => p.restrictable).map((p) => p.id)).toEqual(['risk']);
  });

  it('has the question ids the assessment code depends on, on their sections', () => {
    for (const [page, ids] of Object.entries({ ...OPTIONAL, ...Object.fromEntries(Object.entries(REQUIRED).map(([p, ids]) => [p, [...ids, ...(OPTIONAL[p] ?? [])]])) })) {
      for (const id of ids) expect(pageOf(id), id).toBe(page);
    }
    expect(byId('privacy-notice')?.type).toBe('info');
    expect(byId('privacy-explained')?.type).toBe('consent');
    expect(byId('share-with')?.type).toBe('multiple_choice');
    expect(byId('exceptions-explained')?.type).toBe('yes_no');
    expect(byId('preferred-name')?.type).toBe('short_text');
    expect(byId('date-of-birth')).toMatchObject({ type: 'date', notInFuture: true });
    expect(byId('assessor-name')?.type).toBe('short_text');
    expect(byId('review-date')).toMatchObject({ type: 'date', notInFuture: false });
  });

  it('requires only the questions completion checks; everything else can wait for a later sitting', () => {
    const required = questions.filter((q) => isAnswerable(q) && q.required).map((q) => q.id);
    expect(required.sort()).toEqual(Object.values(REQUIRED).flat().sort());
  });

  it('offers every Alliance provider and council to share with, by organisation id', () => {
    const share = byId('share-with');
    if (share?.type !== 'multiple_choice') throw new Error('share-with is not multiple choice');
    const expected = organisations.filter((o) => o.kind === 'provider' || o.kind === 'council');
    const named = share.options.filter((o) => o.organisation);
    expect(named.map((o) => o.value).sort()).toEqual(expected.map((o) => o.id).sort());
    for (const o of named) {
      expect(o.organisation).toBe(o.value);
      expect(o.label.en).toBe(expected.find((e) => e.id === o.value)!.name);
    }
    // The one option that is not an organisation says "no one else", and clears the others.
    expect(share.options.filter((o) => !o.organisation)).toEqual([expect.objectContaining({ value: 'no-one-else', exclusive: true })]);
  });

  it('has every text in all four languages: titles, labels, hints, Easy Read, options and notices', () => {
    const all: [string, LocalisedText][] = [
      ['title', form.title],
      ['purpose', form.purpose],
      ['howAnswersAreUsed', form.howAnswersAreUsed],
      ...form.pages.map((p): [string, LocalisedText] => [`${p.id} title`, p.title!]),
      ...questions.flatMap((q) => textsOf(q).map((t): [string, LocalisedText] => [q.id, t])),
    ];
    for (const [where, text] of all) {
      for (const l of LOCALES) expect(text[l]?.trim(), `${where} (${l})`).toBeTruthy();
      // Arabic is written in Arabic script, unless it is a name (organisations, places, PIP...).
      expect(text.en === text.ar || /[\u0600-\u06FF]/.test(text.ar!), `${where} (ar): ${text.ar}`).toBe(true);
    }
  });

  it('offers Easy Read wording on every question the person answers', () => {
    for (const q of questions.filter(isAnswerable)) expect(q.easyRead?.en, q.id).toBeTruthy();
  });

  it('tells the person, on every risk question, that what is written is shared only as they agreed', () => {
    const risk = form.pages.find((p) => p.id === 'risk')!;
    for (const q of risk.questions) {
      expect(q.type).toBe('long_text');
      expect('hint' in q && q.hint?.en).toMatch(/shared only as the person agreed, and may be limited to named roles/);
    }
  });

  it('says in the privacy notice how long the assessment is kept, the rights, and the exceptions', () => {
    const notice = byId('privacy-notice');
    if (notice?.type !== 'info') throw new Error('privacy-notice is not an information block');
    const en = notice.body.map((b) => b.en).join(' ');
    expect(en).toMatch(/24 months after your last contact/);
    expect(en).toMatch(/copy/);
    expect(en).toMatch(/correct/);
    expect(en).toMatch(/withdraw your consent/);
    expect(en).toMatch(/serious risk of harm/);
    expect(en).toMatch(/law requires/);
  });

  it('uses no branching, so any section can be filled at any sitting', () => {
    expect(form.pages.some((p) => p.showWhen)).toBe(false);
    expect(questions.some((q) => q.showWhen)).toBe(false);
  });
});
