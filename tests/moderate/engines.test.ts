// The two moderation engines, run in workerd as the Worker runs them: safeguarding triage and
// redaction proposals, on the labelled examples, on the seeded lists, and on random text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import triageCases from './fixtures/triage.json';
import redactionCases from './fixtures/redaction.json';
import { defaultRedactionLists, defaultSignals } from '../../worker/moderate/defaults';
import { proposeRedactions } from '../../worker/moderate/redact';
import { nhsCheckDigitOk } from '../../worker/moderate/redact-numbers';
import { termsFromRows } from '../../worker/moderate/redaction-terms';
import { safeguardingSignals, signalsFromRows } from '../../worker/moderate/signals';
import { triage } from '../../worker/moderate/triage';

/** Turns the fixture's [{ match, kind }] (in order of appearance) into character ranges. */
function expectedSpans(text: string, spans: { match: string; kind: string }[]) {
  let from = 0;
  return spans.map(({ match, kind }) => {
    const start = text.indexOf(match, from);
    if (start < 0) throw new Error(`fixture: "${match}" is not in "${text}"`);
    from = start + match.length;
    return { start, end: from, kind };
  });
}

describe('safeguarding triage', () => {
  const flagging = triageCases.cases.filter((c) => c.flag);
  const calm = triageCases.cases.filter((c) => !c.flag);

  it('has at least 60 examples that must flag and 60 that must not', () => {
    expect(flagging.length).toBeGreaterThanOrEqual(60);
    expect(calm.length).toBeGreaterThanOrEqual(60);
  });

  it.each(flagging)('flags "$text" as $signals', ({ text, signals }) => {
    const result = triage(text, defaultSignals);
    expect(result.flag).toBe(true);
    expect(result.signals).toEqual(signals);
  });

  it.each(calm)('does not flag "$text"', ({ text }) => {
    expect(triage(text, defaultSignals)).toEqual({ flag: false, signals: [], matches: [] });
  });

  it('shows the moderator which words matched and why', () => {
    const text = 'Honestly I want to KILL myself, the wait killed me';
    const result = triage(text, defaultSignals);
    expect(result.matches).toHaveLength(1);
    const [m] = result.matches;
    expect(text.slice(m!.start, m!.end)).toBe('KILL myself');
    expect(m!.category).toBe('suicide');
    expect(m!.why).toMatch(/killing themselves/);
  });

  it('reads curly apostrophes, stretched letters and run-together words', () => {
    expect(triage('I don’t want to live', defaultSignals).signals).toEqual(['suicide']);
    expect(triage('i feel sooooo suicidal', defaultSignals).signals).toEqual(['suicide']);
    expect(triage('SELFHARM again', defaultSignals).signals).toEqual(['self-harm']);
    expect(triage('I never felt unsafe', defaultSignals).flag).toBe(false);
    expect(triage('I no longer feel safe there', defaultSignals).flag).toBe(false);
  });

  it('uses the list it is given: an admin can add a phrase, or switch one off', () => {
    const added = [...defaultSignals, { id: 'unsafe-mould', category: 'unsafe' as const, phrase: 'black mould', language: 'en' as const, unless: [], negatable: true, why: 'Damp can be a health risk.', enabled: true }];
    expect(triage('there is black mould everywhere', added).signals).toEqual(['unsafe']);
    const off = defaultSignals.map((s) => (s.phrase === 'unsafe' ? { ...s, enabled: false } : s));
    expect(triage('I feel unsafe', off).flag).toBe(false);
  });

  it('refuses a phrase it cannot read, with a message an admin can act on', () => {
    const bad = safeguardingSignals.safeParse([{ id: 'x', category: 'suicide', phrase: 'ki*ll', why: 'x' }]);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/\* may only start or end a word/);
  });

  it('reads rows as D1 returns them (arrays as JSON text, booleans as 0 or 1)', () => {
    const rows = [{ id: 'a', category: 'abuse', phrase: 'hit* me', language: 'en', unless: '["with a fine"]', negatable: 1, why: 'Hit.', enabled: 0 }];
    expect(signalsFromRows(rows)).toEqual([{ id: 'a', category: 'abuse', phrase: 'hit* me', language: 'en', unless: ['with a fine'], negatable: true, why: 'Hit.', enabled: false }]);
    expect(termsFromRows([{ id: 'p', kind: 'place', term: 'Simon House', aliases: '[]', matchCase: 0, note: null, enabled: 1 }])[0]).toMatchObject({ term: 'Simon House', aliases: [], matchCase: false, note: '' });
  });
});

describe('redaction proposals', () => {
  it('has at least 40 examples, some that must not be redacted', () => {
    expect(redactionCases.cases.length).toBeGreaterThanOrEqual(40);
    expect(redactionCases.cases.filter((c) => c.spans.length === 0).length).toBeGreaterThanOrEqual(8);
  });

  it.each(redactionCases.cases)('redacts exactly what it should in "$text"', ({ text, spans }) => {
    expect(proposeRedactions(text, defaultRedactionLists).spans).toEqual(expectedSpans(text, spans));
  });

  it('shows each redaction as its kind in brackets', () => {
    const text = 'My name is Sarah, call 07700 900123 or email s.j@example.org';
    expect(proposeRedactions(text, defaultRedactionLists).text).toBe('My name is [name], call [phone] or email [email]');
  });

  it('only takes a ten-digit number for an NHS number when its check digit is right', () => {
    expect(nhsCheckDigitOk('9434765919')).toBe(true);
    expect(nhsCheckDigitOk('9434765918')).toBe(false);
    expect(proposeRedactions('ref 943 476 5918', defaultRedactionLists).spans).toEqual([]);
  });

  it('refuses National Insurance prefixes HMRC never issues', () => {
    for (const prefix of ['QQ', 'BG', 'GB', 'NK', 'DA', 'AO', 'ZZ']) {
      expect(proposeRedactions(`NI ${prefix} 12 34 56 C`, defaultRedactionLists).spans).toEqual([]);
    }
  });

  it('uses the staff and place list it is given', () => {
    const lists = { ...defaultRedactionLists, terms: [{ id: 'p', kind: 'place' as const, term: 'Riverside Rooms', aliases: [], matchCase: false, note: '', enabled: true }] };
    expect(proposeRedactions('I stayed at riverside rooms', lists).text).toBe('I stayed at [place]');
  });
});

// Fragments real answers are made of, so random text hits every finder and their edges.
const fragment = fc.constantFrom(
  'Sarah', 'sarah', 'Will', 'May', 'Mr', 'Dr.', 'Hope House', "O'Hanlon", 'my name is', 'called', 'from the council',
  '07700 900123', '+44', '01865', '(0)', '943 476 5919', '4010232137', 'AB 12 34 56 C', 'ab123456', 'OX4 1AA', 'ox4', '3hw',
  'DOB', 'born', '01/02/1990', '3rd May 1985', '12', 'Cowley Road', 'flat 3', 'Rd', 'a@b.co', '@', '.', ',', ' ', '  ', '\n',
  '[name]', '[phone]', 'Smith', 'Universal Credit', 'I', 'the', 'wait', 'killed', 'me', 'not', 'safe', 'kill*', 'اسمي', 'أحمد',
);
const answer = fc.array(fc.oneof(fragment, fc.string({ maxLength: 6 })), { maxLength: 30 }).map((parts) => parts.join(' '));

describe('the engines on any text', () => {
  it('redaction spans are inside the text, sorted and never overlap', () => {
    fc.assert(
      fc.property(answer, (text) => {
        const { spans } = proposeRedactions(text, defaultRedactionLists);
        let at = 0;
        for (const s of spans) {
          if (s.start < at || s.end <= s.start || s.end > text.length) return false;
          at = s.end;
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it('redacting a redacted text changes nothing more', () => {
    fc.assert(
      fc.property(answer, (text) => {
        const once = proposeRedactions(text, defaultRedactionLists).text;
        expect(proposeRedactions(once, defaultRedactionLists).text).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('triage matches lie inside the text', () => {
    fc.assert(
      fc.property(answer, (text) => triage(text, defaultSignals).matches.every((m) => 0 <= m.start && m.start < m.end && m.end <= text.length)),
      { numRuns: 300 },
    );
  });

  it('finishes a 5,000-character answer of any shape (no runaway regular expressions)', () => {
    const shapes = [
      'a'.repeat(5000), '1'.repeat(5000), '1 '.repeat(2500), '@'.repeat(5000), 'a@'.repeat(2500), '+4'.repeat(2500),
      'Mr '.repeat(1666), 'Sarah '.repeat(833), '12 '.repeat(1666) + 'Road', 'not '.repeat(1250), 'kill '.repeat(1000),
      ('I waited 3 hours at O\'Hanlon House, call 07700 900123, DOB 01/02/1990. I want to die, not unsafe. ').repeat(60).slice(0, 5000),
    ];
    for (const text of shapes) {
      expect(text.length).toBeGreaterThanOrEqual(4998);
      expect(proposeRedactions(text, defaultRedactionLists).spans.length).toBeGreaterThanOrEqual(0);
      expect(typeof triage(text, defaultSignals).flag).toBe('boolean');
    }
  });
});
