// The demo corpus: the same on every machine, valid for its forms, and tagged, quoted and redacted
// the way a careful moderator would have done it.
import { describe, expect, it } from 'vitest';
import { answerToFields, readPage } from '../../worker/forms/answers';
import { answersInPlay, firstUnansweredPage, visiblePages, visibleQuestions } from '../../worker/forms/branching';
import type { FormDefinition } from '../../worker/forms/definition';
import { messages } from '../../worker/i18n/messages';
import { demoExcludedPool, demoPool, demoResponses, lastFourQuarters, type DemoResponse } from '../../seeds/demo/responses';
import { demoThemes, themeCodebookSchema, themeSlugs } from '../../seeds/demo/themes';
import { seedData } from '../../seeds/index';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const corpus = demoResponses();
const forms = new Map<string, FormDefinition>(seedData.forms.map((f) => [f.slug, f.definition]));
const countywide = new Set(seedData.frameworks.find((f) => f.id === 'oxfordshire-countywide')!.objectives.map((o) => o.code));

const WORD = /[\p{L}\p{M}\p{N}]/u;
const isWord = (ch: string | undefined) => ch !== undefined && WORD.test(ch);
const SPACE = /\s/;
/** A range starts at the start of a word (or on punctuation) and ends at the end of one, with no spaces at either edge. */
function onWordBoundaries(text: string, start: number, end: number): boolean {
  if (SPACE.test(text[start] ?? ' ') || SPACE.test(text[end - 1] ?? ' ')) return false;
  const startOk = start === 0 || !isWord(text[start - 1]) || !isWord(text[start]);
  const endOk = end === text.length || !isWord(text[end - 1]) || !isWord(text[end]);
  return startOk && endOk;
}

function answerText(r: DemoResponse, questionId: string): string {
  const v = r.answers[questionId];
  if (typeof v !== 'string') throw new Error(`${r.id}: ${questionId} is not a text answer`);
  return v;
}

/** Every place a personal detail occurs in its answer. */
function detailRanges(r: DemoResponse) {
  return r.expect.personalDetails.flatMap((d) => {
    const text = answerText(r, d.questionId);
    const out: { questionId: string; start: number; end: number }[] = [];
    for (let at = text.indexOf(d.text); at >= 0; at = text.indexOf(d.text, at + 1)) out.push({ questionId: d.questionId, start: at, end: at + d.text.length });
    return out;
  });
}

const count = <T,>(items: T[], key: (t: T) => string) => items.reduce<Record<string, number>>((m, t) => ((m[key(t)] = (m[key(t)] ?? 0) + 1), m), {});
const ARABIC = /[\u0600-\u06ff]/;

describe('demo corpus', () => {
  it('is the same on every call, and a different seed gives a different corpus', () => {
    expect(demoResponses()).toEqual(corpus);
    expect(JSON.stringify(demoResponses(2026, NOW))).toBe(JSON.stringify(corpus));
    const other = demoResponses(7);
    expect(other.length).toBe(corpus.length);
    expect(other.map((r) => r.id)).not.toEqual(corpus.map((r) => r.id));
  });

  it('holds about 300 responses with unique ids, across both demo forms', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(280);
    expect(corpus.length).toBeLessThanOrEqual(320);
    expect(new Set(corpus.map((r) => r.id)).size).toBe(corpus.length);
    const perForm = count(corpus, (r) => r.formSlug);
    expect(perForm['festival-of-feedback']).toBeGreaterThan(100);
    expect(perForm['service-feedback']).toBeGreaterThan(80);
  });

  it('answers every form the way the form runner would accept: pages, branches, options, lengths and dates', () => {
    for (const r of corpus) {
      const form = forms.get(r.formSlug)!;
      const msg = messages(r.locale);
      // Nothing is answered behind a branch the person did not take, and nothing required is missing.
      expect(answersInPlay(form, r.answers), r.id).toEqual(r.answers);
      expect(firstUnansweredPage(form, r.answers), r.id).toBeUndefined();
      const shown = new Set<string>();
      for (const page of visiblePages(form, r.answers)) {
        const questions = visibleQuestions(page, r.answers);
        const fields = Object.assign({}, ...questions.map((q) => answerToFields(q, r.answers[q.id])));
        const reading = readPage(questions, fields, msg, r.locale, new Date(r.submittedAt));
        expect(reading.errors, `${r.id} ${page.id}`).toEqual([]);
        for (const q of questions) {
          shown.add(q.id);
          if (r.answers[q.id] !== undefined) expect(reading.values[q.id], `${r.id} ${q.id}`).toEqual(r.answers[q.id]);
        }
      }
      for (const q of Object.keys(r.answers)) expect(shown.has(q), `${r.id} ${q}`).toBe(true);
      // Consent to quote is the form's own consent question; the service form does not ask it.
      expect(r.consentToQuote).toBe(r.answers.quote === 'yes');
    }
  });

  it('spreads over the last four financial-year quarters, roughly evenly, at the start of an hour', () => {
    const quarters = lastFourQuarters(NOW);
    expect(quarters.map((q) => q.label)).toEqual(['2025-26 Q3', '2025-26 Q4', '2026-27 Q1', '2026-27 Q2']);
    const perQuarter = count(corpus, (r) => quarters.find((q) => r.submittedAt >= q.start && r.submittedAt < q.end)?.label ?? 'outside');
    expect(Object.keys(perQuarter).sort()).toEqual(quarters.map((q) => q.label));
    for (const n of Object.values(perQuarter)) {
      expect(n).toBeGreaterThan(corpus.length / 4 - 20);
      expect(n).toBeLessThan(corpus.length / 4 + 20);
    }
    for (const r of corpus) {
      expect(r.submittedAt % 3_600_000).toBe(0);
      expect(r.submittedAt).toBeLessThan(NOW);
    }
  });

  it('mixes channels, mostly online, and has about 15 responses written in Arabic', () => {
    const perChannel = count(corpus, (r) => r.channel);
    for (const c of ['online', 'kiosk', 'assisted', 'group', 'paper']) expect(perChannel[c] ?? 0, c).toBeGreaterThan(5);
    expect(perChannel.online!).toBeGreaterThan(corpus.length * 0.4);
    const arabic = corpus.filter((r) => r.locale === 'ar');
    expect(arabic.length).toBeGreaterThanOrEqual(12);
    expect(arabic.length).toBeLessThanOrEqual(18);
    for (const r of corpus) {
      for (const [q, v] of Object.entries(r.answers)) {
        const q0 = forms.get(r.formSlug)!.pages.flatMap((p) => p.questions).find((x) => x.id === q)!;
        if (q0.type !== 'long_text' && q0.type !== 'short_text') continue;
        expect(ARABIC.test(v as string), `${r.id} ${q}`).toBe(r.locale === 'ar');
      }
    }
  });

  it('is about two thirds moderated and a third new, with a handful excluded for a reason', () => {
    const perStatus = count(corpus, (r) => r.moderation.status);
    expect(perStatus.new!).toBeGreaterThan(corpus.length * 0.25);
    expect(perStatus.new!).toBeLessThan(corpus.length * 0.4);
    expect((perStatus.done ?? 0) + (perStatus['in-review'] ?? 0)).toBeGreaterThan(corpus.length * 0.55);
    expect(perStatus.excluded!).toBeGreaterThanOrEqual(3);
    expect(perStatus.excluded!).toBeLessThanOrEqual(10);
    for (const r of corpus) {
      const m = r.moderation;
      if (m.status === 'excluded') expect(m.excludedReason, r.id).toMatch(/\w{4,}/);
      if (m.status === 'new' || m.status === 'excluded') {
        expect(m.tags, r.id).toEqual([]);
        expect(m.approvedQuotes, r.id).toEqual([]);
      }
      if (m.status === 'in-review') expect(m.approvedQuotes, r.id).toEqual([]);
    }
    // Most moderated responses carry at least one tag; a bare "dont know" carries none.
    const done = corpus.filter((r) => r.moderation.status === 'done');
    expect(done.filter((r) => r.moderation.tags.length > 0).length).toBeGreaterThan(done.length * 0.85);
  });

  it('tags ranges inside their answers, on word boundaries, with real objectives and themes', () => {
    let tags = 0;
    for (const r of corpus) {
      for (const t of r.moderation.tags) {
        tags++;
        const text = answerText(r, t.questionId);
        expect(t.start, r.id).toBeGreaterThanOrEqual(0);
        expect(t.end, r.id).toBeLessThanOrEqual(text.length);
        expect(t.start, r.id).toBeLessThan(t.end);
        expect(onWordBoundaries(text, t.start, t.end), `${r.id} "${text.slice(t.start, t.end)}"`).toBe(true);
        for (const o of t.objectives) expect(countywide.has(o), `${r.id} objective ${o}`).toBe(true);
        for (const s of t.themes) expect(themeSlugs.has(s), `${r.id} theme ${s}`).toBe(true);
        expect(t.objectives.length + t.themes.length).toBeGreaterThan(0);
      }
    }
    expect(tags).toBeGreaterThan(200);
    // Tagging is meaningful: many objectives and themes are in use, not one or two.
    const all = corpus.flatMap((r) => r.moderation.tags);
    expect(new Set(all.flatMap((t) => t.objectives)).size).toBeGreaterThanOrEqual(18);
    expect(new Set(all.flatMap((t) => t.themes)).size).toBeGreaterThanOrEqual(35);
    // Some tags are on excerpts, not only on whole answers.
    expect(all.filter((t) => t.start > 0).length).toBeGreaterThan(10);
  });

  it('approves quotes only where the respondent agreed, only over tagged text, never over a personal detail', () => {
    let quotes = 0;
    for (const r of corpus) {
      const details = detailRanges(r);
      for (const q of r.moderation.approvedQuotes) {
        quotes++;
        expect(r.consentToQuote, r.id).toBe(true);
        expect(r.moderation.status, r.id).toBe('done');
        expect(r.expect.safeguarding, r.id).toEqual([]);
        expect(r.moderation.tags.some((t) => t.questionId === q.questionId && t.start === q.start && t.end === q.end), r.id).toBe(true);
        const text = answerText(r, q.questionId);
        expect(onWordBoundaries(text, q.start, q.end), r.id).toBe(true);
        for (const d of details) {
          if (d.questionId === q.questionId) expect(q.start < d.end && d.start < q.end, `${r.id} quote over "${text.slice(d.start, d.end)}"`).toBe(false);
        }
      }
    }
    expect(quotes).toBeGreaterThan(30);
  });

  it('knows the personal details a moderator would redact and the safeguarding concerns triage should raise', () => {
    const withDetails = corpus.filter((r) => r.expect.personalDetails.length > 0);
    expect(withDetails.length).toBeGreaterThanOrEqual(15);
    expect(withDetails.length).toBeLessThanOrEqual(30);
    for (const r of withDetails) for (const d of r.expect.personalDetails) expect(answerText(r, d.questionId), r.id).toContain(d.text);
    const kinds = new Set(withDetails.flatMap((r) => r.expect.personalDetails.map((d) => d.kind)));
    for (const k of ['name', 'phone', 'email', 'postcode', 'address', 'dob', 'nhs', 'ni', 'staff', 'place']) expect(kinds.has(k as never), k).toBe(true);
    const flagged = corpus.filter((r) => r.expect.safeguarding.length > 0);
    expect(flagged.length).toBeGreaterThanOrEqual(6);
    expect(flagged.length).toBeLessThanOrEqual(14);
    const categories = new Set(flagged.flatMap((r) => r.expect.safeguarding));
    for (const c of ['self-harm', 'suicide', 'abuse', 'violence', 'exploitation', 'unsafe']) expect(categories.has(c as never), c).toBe(true);
  });

  it('is dealt from at least 200 distinct hand-written answers, with no answer given word for word too often', () => {
    expect(new Set(demoPool.map((e) => e.text)).size).toBe(demoPool.length);
    expect(demoPool.filter((e) => !e.reusable).length).toBeGreaterThanOrEqual(200);
    expect(demoPool.filter((e) => e.locale === 'ar').length).toBeGreaterThanOrEqual(20);
    const texts = corpus.flatMap((r) => r.moderation.status === 'excluded' ? [] : Object.values(r.answers).filter((v): v is string => typeof v === 'string' && /\s/.test(v)));
    const repeats = count(texts, (t) => t);
    for (const [text, n] of Object.entries(repeats)) {
      const entry = demoPool.find((e) => e.text === text);
      if (entry && !entry.reusable) expect(n, text).toBe(1);
      else expect(n, text).toBeLessThanOrEqual(8);
    }
    expect(new Set(texts).size).toBeGreaterThanOrEqual(250);
    for (const e of demoExcludedPool) expect(e.excluded).toBeTruthy();
  });

  it('seeds a hierarchical theme codebook with definitions and examples', () => {
    expect(themeCodebookSchema.parse(demoThemes)).toEqual(demoThemes);
    expect(demoThemes.length).toBeGreaterThanOrEqual(10);
    for (const p of demoThemes) {
      expect(p.children.length).toBeGreaterThanOrEqual(2);
      expect(p.children.length).toBeLessThanOrEqual(5);
    }
    for (const slug of ['waiting-and-delays', 'being-listened-to', 'staff-attitude', 'safety-in-accommodation', 'mental-health-support', 'money-and-benefits', 'moving-on', 'multi-agency-working', 'trust-in-services', 'digital-access']) {
      expect(themeSlugs.has(slug), slug).toBe(true);
    }
  });
});
