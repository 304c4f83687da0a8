// The form definition model, branching and answer validation, without HTTP.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedData } from '../../seeds/index';
import { readPage, cleanText, answerToFields, describeAnswer, type RawFields } from '../../worker/forms/answers';
import { answersInPlay, firstUnansweredPage, pageAfter, pageBefore, visiblePages } from '../../worker/forms/branching';
import { formDefinition, formDefinitionJsonSchema, type FormDefinition, type Question } from '../../worker/forms/definition';
import { messages } from '../../worker/i18n/messages';

const en = messages('en');

/** A form using every question type, with a branch. */
const everyType = formDefinition.parse({
  title: { en: 'Every type' },
  purpose: { en: 'Testing' },
  howAnswersAreUsed: { en: 'Not at all' },
  locales: ['en'],
  pages: [
    { id: 'intro', questions: [{ id: 'intro', type: 'info', label: { en: 'About' }, body: [{ en: 'Read this' }] }] },
    { id: 'name', questions: [{ id: 'name', type: 'short_text', label: { en: 'Nickname' }, maxLength: 10 }] },
    { id: 'story', questions: [{ id: 'story', type: 'long_text', label: { en: 'Story' }, required: false }] },
    {
      id: 'colour',
      questions: [
        {
          id: 'colour',
          type: 'single_choice',
          label: { en: 'Colour' },
          options: [
            { value: 'red', label: { en: 'Red' } },
            { value: 'blue', label: { en: 'Blue' } },
          ],
        },
      ],
    },
    {
      id: 'why-blue',
      showWhen: { question: 'colour', anyOf: ['blue'] },
      questions: [{ id: 'why-blue', type: 'long_text', label: { en: 'Why blue?' } }],
    },
    {
      id: 'help',
      questions: [
        {
          id: 'help',
          type: 'multiple_choice',
          label: { en: 'Help' },
          options: [
            { value: 'gp', label: { en: 'GP' } },
            { value: 'dentist', label: { en: 'Dentist' } },
            { value: 'none', label: { en: 'None' }, exclusive: true },
          ],
        },
      ],
    },
    {
      id: 'rating',
      questions: [
        {
          id: 'rating',
          type: 'rating',
          label: { en: 'Rating' },
          options: [
            { value: '1', label: { en: 'Bad' } },
            { value: '2', label: { en: 'Good' } },
          ],
        },
      ],
    },
    { id: 'ok', questions: [{ id: 'ok', type: 'yes_no', label: { en: 'OK?' } }] },
    { id: 'count', questions: [{ id: 'count', type: 'number', label: { en: 'How many' }, min: 0, max: 20 }] },
    { id: 'when', questions: [{ id: 'when', type: 'date', label: { en: 'When' }, notInFuture: true }] },
    { id: 'quote', questions: [{ id: 'quote', type: 'consent', label: { en: 'Quote?' }, statement: { en: 'Yes' }, required: false }] },
  ],
});

const q = (id: string): Question => everyType.pages.flatMap((p) => p.questions).find((x) => x.id === id)!;
const read = (id: string, fields: RawFields, today = new Date('2026-11-22T12:00:00Z')) => readPage([q(id)], fields, en, 'en', today);

describe('the form definition model', () => {
  it('accepts the seeded forms, in English, Arabic, Polish and Romanian', () => {
    expect(seedData.forms.map((f) => f.slug)).toEqual(['festival-of-feedback', 'service-feedback', 'trusted-assessment']);
    for (const f of seedData.forms) expect(f.definition.locales).toEqual(['en', 'ar', 'pl', 'ro']);
  });

  it('fills in defaults: questions are required unless they say otherwise', () => {
    expect((q('name') as { required: boolean }).required).toBe(true);
    expect((q('story') as { required: boolean }).required).toBe(false);
  });

  it('refuses a show-when that points at a later question', () => {
    const result = formDefinition.safeParse({
      ...everyType,
      pages: [
        { id: 'a', showWhen: { question: 'b', anyOf: ['yes'] }, questions: [{ id: 'a', type: 'yes_no', label: { en: 'A' } }] },
        { id: 'b', questions: [{ id: 'b', type: 'yes_no', label: { en: 'B' } }] },
      ],
    });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('a question on an earlier page');
  });

  it('refuses a show-when that points at a question on the same page', () => {
    const result = formDefinition.safeParse({
      ...everyType,
      pages: [
        {
          id: 'a',
          questions: [
            { id: 'a', type: 'yes_no', label: { en: 'A' } },
            { id: 'b', type: 'yes_no', label: { en: 'B' }, showWhen: { question: 'a', anyOf: ['yes'] } },
          ],
        },
      ],
    });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('earlier page');
  });

  it('refuses duplicate question ids and duplicate option values', () => {
    const dup = formDefinition.safeParse({
      ...everyType,
      pages: [
        { id: 'a', questions: [{ id: 'x', type: 'yes_no', label: { en: 'A' } }] },
        { id: 'b', questions: [{ id: 'x', type: 'yes_no', label: { en: 'B' } }] },
      ],
    });
    expect(dup.success).toBe(false);
    const options = formDefinition.safeParse({
      ...everyType,
      pages: [
        {
          id: 'a',
          questions: [
            {
              id: 'a',
              type: 'single_choice',
              label: { en: 'A' },
              options: [
                { value: 'same', label: { en: 'One' } },
                { value: 'same', label: { en: 'Two' } },
              ],
            },
          ],
        },
      ],
    });
    expect(options.success).toBe(false);
  });

  it('refuses a form that offers Arabic but leaves a question untranslated', () => {
    const result = formDefinition.safeParse({ ...everyType, locales: ['en', 'ar'] });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('Missing \\"ar\\" text');
  });

  it('exports JSON Schema describing pages, question types and per-locale text', () => {
    const schema = formDefinitionJsonSchema() as { $schema: string; properties: Record<string, unknown> };
    expect(schema.$schema).toContain('json-schema.org');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['title', 'purpose', 'howAnswersAreUsed', 'locales', 'pages']));
    const text = JSON.stringify(schema);
    for (const type of ['short_text', 'long_text', 'single_choice', 'multiple_choice', 'rating', 'yes_no', 'number', 'date', 'info', 'consent']) {
      expect(text).toContain(`"${type}"`);
    }
  });
});

describe('branching', () => {
  it('shows a follow-up page only when its condition is met', () => {
    const ids = (answers: Record<string, string | string[]>) => visiblePages(everyType, answers).map((p) => p.id);
    expect(ids({ colour: 'red' })).not.toContain('why-blue');
    expect(ids({ colour: 'blue' })).toContain('why-blue');
    expect(pageAfter(everyType, 'colour', { colour: 'red' })?.id).toBe('help');
    expect(pageAfter(everyType, 'colour', { colour: 'blue' })?.id).toBe('why-blue');
    expect(pageBefore(everyType, 'help', { colour: 'red' })?.id).toBe('colour');
  });

  it('drops answers behind a branch the person has left', () => {
    const kept = answersInPlay(everyType, { colour: 'red', 'why-blue': 'the sea', name: 'Sam' });
    expect(kept).toEqual({ colour: 'red', name: 'Sam' });
  });

  it('finds the first required question still unanswered', () => {
    expect(firstUnansweredPage(everyType, {})?.id).toBe('name');
    expect(firstUnansweredPage(everyType, { name: 'Sam' })?.id).toBe('colour');
  });

  it('ignores an answer left behind a branch, however the branches chain', () => {
    const chained = formDefinition.parse({
      ...everyType,
      pages: [
        { id: 'q1', questions: [{ id: 'q1', type: 'yes_no', label: { en: 'One' } }] },
        { id: 'q2', showWhen: { question: 'q1', anyOf: ['yes'] }, questions: [{ id: 'q2', type: 'yes_no', label: { en: 'Two' } }] },
        { id: 'q3', showWhen: { question: 'q2', anyOf: ['yes'] }, questions: [{ id: 'q3', type: 'short_text', label: { en: 'Three' } }] },
        { id: 'end', questions: [{ id: 'end', type: 'short_text', label: { en: 'End' } }] },
      ],
    });
    // q1 was "yes" and q2 "yes"; then q1 changed to "no": q2's old answer must not open q3.
    const answers = { q1: 'no', q2: 'yes' };
    expect(visiblePages(chained, answers).map((p) => p.id)).toEqual(['q1', 'end']);
    expect(answersInPlay(chained, { ...answers, q3: 'old' })).toEqual({ q1: 'no' });
    expect(firstUnansweredPage(chained, answers)?.id).toBe('end');
  });

  it('branches in the festival form: sleeping rough skips the accommodation rating', () => {
    const festival = seedData.forms[0]!.definition as FormDefinition;
    const ids = visiblePages(festival, { staying: 'rough' }).map((p) => p.id);
    expect(ids).toContain('rough-sleeping-help');
    expect(ids).not.toContain('accommodation-rating');
  });
});

describe('reading answers', () => {
  it('asks for an answer to a required question, and lets an optional one be blank', () => {
    expect(read('name', {}).errors[0]?.message).toBe('Enter your answer');
    expect(read('story', { story: '   ' })).toEqual({ values: { story: null }, errors: [] });
  });

  it('keeps text within its length limit, counting characters not bytes', () => {
    expect(read('name', { name: 'ابتسامة' }).values.name).toBe('ابتسامة');
    expect(read('name', { name: 'x'.repeat(11) }).errors[0]?.message).toBe('Answer must be 10 characters or fewer');
  });

  it('only accepts offered options, and an exclusive "None" on its own', () => {
    expect(read('colour', { colour: 'green' }).errors[0]?.message).toBe('Select one of the answers shown');
    expect(read('help', { help: ['gp', 'dentist'] }).values.help).toEqual(['gp', 'dentist']);
    expect(read('help', { help: ['gp', 'none'] }).errors[0]?.message).toBe('Select "None" on its own, or untick it');
    expect(read('help', { help: 'none' }).values.help).toEqual(['none']);
  });

  it('reads yes/no, ratings and consent', () => {
    expect(read('ok', { ok: 'no' }).values.ok).toBe('no');
    expect(read('ok', { ok: 'maybe' }).errors).toHaveLength(1);
    expect(read('rating', { rating: '2' }).values.rating).toBe('2');
    expect(read('quote', { quote: 'yes' }).values.quote).toBe('yes');
    expect(read('quote', {}).values.quote).toBeNull();
  });

  it('reads numbers within their range', () => {
    expect(read('count', { count: '12' }).values.count).toBe('12');
    expect(read('count', { count: 'twelve' }).errors[0]?.message).toBe('Enter a number, like 3');
    expect(read('count', { count: '2.5' }).errors[0]?.message).toBe('Enter a whole number, like 3');
    expect(read('count', { count: '21' }).errors[0]?.message).toBe('Enter a number 20 or less');
    expect(read('count', { count: '9'.repeat(400) }).errors[0]?.message).toBe('Enter a number, like 3');
  });

  it('reads dates from day, month and year, GOV.UK style', () => {
    expect(read('when', { 'when-day': '5', 'when-month': '3', 'when-year': '2024' }).values.when).toBe('2024-03-05');
    expect(read('when', { 'when-day': '5', 'when-year': '2024' }).errors[0]).toMatchObject({ fieldId: 'when-month', message: 'Date must include a month' });
    expect(read('when', { 'when-day': '30', 'when-month': '2', 'when-year': '2024' }).errors[0]?.message).toBe('Date must be a real date');
    expect(read('when', { 'when-day': '1', 'when-month': '1', 'when-year': '2030' }).errors[0]?.message).toBe('Date must be today or in the past');
  });

  it('turns a stored answer back into the fields it came from', () => {
    expect(answerToFields(q('when'), '2024-03-05')).toEqual({ 'when-day': '5', 'when-month': '3', 'when-year': '2024' });
    expect(describeAnswer(q('when'), '2024-03-05', en, 'en')).toEqual(['5 March 2024']);
    expect(describeAnswer(q('help'), ['gp', 'none'], en, 'en')).toEqual(['GP', 'None']);
  });

  it('cleans text: trims, unifies line endings, drops control characters', () => {
    expect(cleanText('  a\r\nb\u0000c\u0007 ')).toBe('a\nbc');
  });

  it('never throws, and only ever returns values the question allows, whatever is posted', () => {
    const answerable = everyType.pages.flatMap((p) => p.questions).filter((x) => x.type !== 'info');
    const names = answerable.flatMap((x) => (x.type === 'date' ? [`${x.id}-day`, `${x.id}-month`, `${x.id}-year`] : [x.id]));
    const value = fc.oneof(fc.string(), fc.constantFrom('yes', 'no', 'none', 'gp', 'red', 'blue', '1', '2', '31', '2024', '-1', '1e9'));
    const fields = fc.dictionary(fc.oneof(fc.constantFrom(...names), fc.string()), fc.oneof(value, fc.array(value, { maxLength: 4 })));
    fc.assert(
      fc.property(fields, (raw) => {
        const reading = readPage(answerable, raw, en, 'en');
        for (const [id, v] of Object.entries(reading.values)) {
          const question = q(id);
          if (v === null) {
            expect('required' in question && question.required).toBe(false);
          } else if ('options' in question) {
            for (const one of Array.isArray(v) ? v : [v]) expect(question.options.map((o) => o.value)).toContain(one);
          } else if (question.type === 'short_text') {
            expect([...(v as string)].length).toBeLessThanOrEqual(10);
          }
        }
        // Every question is either answered or has exactly one error.
        expect(Object.keys(reading.values).length + reading.errors.length).toBe(answerable.length);
      }),
      { numRuns: 300 },
    );
  });
});
