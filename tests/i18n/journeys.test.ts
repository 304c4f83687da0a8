// Languages over real HTTP against the real Worker and D1: Polish and Romanian pages, Arabic right to
// left, a session offering only some languages everywhere its journey goes, and Easy Read kept for
// the whole form once chosen on any page.
import { describe, expect, it } from 'vitest';
import { sendServiceFeedback } from '../helpers/respondent';
import { createStaff, csrfOf, signIn } from '../helpers/staff';
import { answerPage, hiddenValue, pageIdIn, Visitor } from '../helpers/visitor';

const FESTIVAL = 'festival-of-feedback';
const SERVICE = 'service-feedback';
let nextIp = 1;
const person = () => new Visitor({ 'cf-connecting-ip': `10.9.0.${nextIp++}` });
/** The language switch's links on a page, by language. */
const switchLanguages = (html: string) => [...html.matchAll(/class="govuk-language-navigation__(?:link|text)"[^>]*lang="([a-z]+)"|lang="([a-z]+)"[^>]*class="govuk-language-navigation__link"/g)].map((m) => m[1] ?? m[2]);

describe('Polish and Romanian pages', () => {
  it('a Polish journey: start, questions, an error and check answers all in Polish, lang="pl" and left to right', async () => {
    const v = person();
    const start = await (await v.get(`/f/${FESTIVAL}?lang=pl`)).text();
    expect(start).toContain('<html lang="pl" dir="ltr"');
    expect(start).toContain('<h1 class="govuk-heading-xl">Festiwal Opinii</h1>');
    expect(start).toContain('Zacznij teraz');
    expect(switchLanguages(start)).toEqual(['en', 'ar', 'pl', 'ro']);
    expect((await v.post(`/f/${FESTIVAL}/start`, { lang: 'pl' })).status).toBe(303);
    const first = await (await v.get(`/f/${FESTIVAL}/question`)).text();
    expect(first).toContain('<html lang="pl" dir="ltr"');
    expect(first).toContain('Gdzie teraz mieszkasz lub nocujesz?');
    expect(first).toContain('Pytanie 1 z');
    expect(first).toMatch(/przez 30 minut\b/);
    const missing = await answerPage(v, FESTIVAL, 'staying', {});
    expect(missing.status).toBe(422);
    const error = await missing.text();
    expect(error).toContain('<title>Błąd: Twoje odpowiedzi');
    expect(error).toContain('Wybierz odpowiedź');
  });

  it('a Romanian journey through the service form ends at check answers in Romanian, with a Romanian date', async () => {
    const v = person();
    expect((await v.post(`/f/${SERVICE}/start`, { lang: 'ro' })).status).toBe(303);
    const first = await (await v.get(`/f/${SERVICE}/question`)).text();
    expect(first).toContain('<html lang="ro" dir="ltr"');
    expect(first).toContain('Despre ce serviciu este părerea dumneavoastră?');
    for (const [page, fields] of [
      ['service', { service: 'day-centre' }],
      ['provider', {}],
      ['last-used', { 'last-used-day': '14', 'last-used-month': '9', 'last-used-year': '2026' }],
      ['how-was-it', { 'how-was-it': '4' }],
      ['what-worked', {}],
      ['what-did-not', {}],
      ['one-change', { 'one-change': 'Mai multe ore seara' }],
    ] as const) {
      expect((await answerPage(v, SERVICE, page, fields)).status, page).toBe(303);
    }
    const check = await (await v.get(`/f/${SERVICE}/check`)).text();
    expect(check).toContain('<html lang="ro" dir="ltr"');
    expect(check).toContain('Verificați răspunsurile înainte să le trimiteți');
    expect(check).toContain('Un centru de zi');
    expect(check).toContain('14 septembrie 2026');
    expect(check).toContain('Bine');
  });

  it('a Polish date error and a too-long answer count their words in Polish', async () => {
    const v = person();
    await v.post(`/f/${SERVICE}/start`, { lang: 'pl' });
    await answerPage(v, SERVICE, 'service', { service: 'outreach' });
    await answerPage(v, SERVICE, 'provider', {});
    const date = await answerPage(v, SERVICE, 'last-used', { 'last-used-day': '14', 'last-used-month': '', 'last-used-year': '2026' });
    expect(date.status).toBe(422);
    expect(await date.text()).toContain('Data musi zawierać miesiąc');
  });

  it('an Arabic page runs right to left; the others left to right', async () => {
    const v = person();
    expect(await (await v.get(`/f/${FESTIVAL}?lang=ar`)).text()).toContain('<html lang="ar" dir="rtl"');
    for (const lang of ['en', 'pl', 'ro']) {
      expect(await (await v.get(`/safety?lang=${lang}`)).text()).toContain(`<html lang="${lang}" dir="ltr"`);
    }
    const safety = await (await v.get('/safety?lang=pl')).text();
    expect(safety).toContain('Co robi przycisk „Wyjdź z tej strony”');
    expect(await (await v.get('/withdraw?lang=ro')).text()).toContain('Îmi retrag părerea');
    // An offer naming no language we have is ignored: every language is offered.
    expect(switchLanguages(await (await v.get('/safety?lang=en&offer=zz,<b>')).text())).toEqual(['en', 'ar', 'pl', 'ro']);
  });
});

describe('a session offers only its languages, everywhere its journey goes', () => {
  it('start, questions, check answers, the confirmation, safety and withdrawal show only English and Polish', async () => {
    const staff = await createStaff('facilitator', 'leaf');
    const f = await signIn(staff);
    const csrf = await csrfOf(f);
    const created = await f.post('/sessions', {
      csrf,
      name: 'Polish drop-in',
      place: 'Community centre, Oxford',
      'held-day': '14',
      'held-month': '3',
      'held-year': '2027',
      organisation: 'leaf',
      form: SERVICE,
      languages: ['en', 'pl'],
      kiosk: 'no',
      'kiosk-idle': '2',
      'kiosk-pin': '',
      'next-steps': '',
    });
    expect(created.status).toBe(303);
    const id = Visitor.location(created).match(/^\/sessions\/([0-9a-f-]{36})/)![1]!;
    const page = await (await f.get(`/sessions/${id}`)).text();
    const code = /\/j\/([A-Z0-9]{6})/.exec(page)![1]!;

    const v = person();
    const start = await (await v.get(`/j/${code}?lang=pl`)).text();
    expect(start).toContain('<html lang="pl"');
    expect(switchLanguages(start)).toEqual(['en', 'pl']);
    expect(start).toContain(`href="/safety?lang=pl&amp;offer=en,pl"`);
    // Asking for a language the session does not offer gives its first one.
    expect(await (await v.get(`/j/${code}?lang=ar`)).text()).toContain('<html lang="en"');

    expect((await v.post(`/j/${code}/start`, { lang: 'pl' })).status).toBe(303);
    const question = await (await v.get(`/f/${SERVICE}/question?lang=ro`)).text();
    expect(question).toContain('<html lang="pl"');
    expect(switchLanguages(question)).toEqual(['en', 'pl']);
    expect(question).toContain(`href="/withdraw?lang=pl&amp;offer=en,pl"`);
    // Back from the first question returns to the session's start page, not the form's.
    const back = await v.post(`/f/${SERVICE}/back`, { heard_page: pageIdIn(question) });
    expect(Visitor.location(back)).toBe(`/j/${code}?lang=pl`);

    const safety = await (await v.get('/safety?lang=pl&offer=en,pl')).text();
    expect(safety).toContain('<html lang="pl"');
    expect(switchLanguages(safety)).toEqual(['en', 'pl']);
    const withdraw = await (await v.get('/withdraw?lang=pl&offer=en,pl')).text();
    expect(switchLanguages(withdraw)).toEqual(['en', 'pl']);
    expect(withdraw).toContain('action="/withdraw?lang=pl&amp;offer=en,pl"');
    const wrong = await v.post('/withdraw?lang=pl&offer=en,pl', { code: 'nonsense' });
    expect(wrong.status).toBe(422);
    expect(switchLanguages(await wrong.text())).toEqual(['en', 'pl']);

    const { key } = await sendServiceFeedback(v, 'Więcej godzin wieczorem', `/j/${code}/start`, { lang: 'pl' });
    expect(key).toBeTruthy();
  });

  it('the confirmation of a session’s feedback links to safety and withdrawal in the session’s languages', async () => {
    const staff = await createStaff('facilitator', 'leaf');
    const f = await signIn(staff);
    const csrf = await csrfOf(f);
    const created = await f.post('/sessions', {
      csrf, name: 'Romanian drop-in', place: 'Library, Oxford', 'held-day': '15', 'held-month': '3', 'held-year': '2027',
      organisation: 'leaf', form: SERVICE, languages: ['ro', 'en'], kiosk: 'no', 'kiosk-idle': '2', 'kiosk-pin': '', 'next-steps': '',
    });
    const id = Visitor.location(created).match(/^\/sessions\/([0-9a-f-]{36})/)![1]!;
    const code = /\/j\/([A-Z0-9]{6})/.exec(await (await f.get(`/sessions/${id}`)).text())![1]!;
    const v = person();
    await v.post(`/j/${code}/start`, { lang: 'ro' });
    for (const [page, fields] of [['service', { service: 'outreach' }], ['provider', {}], ['last-used', {}], ['how-was-it', { 'how-was-it': '3' }], ['what-worked', {}], ['what-did-not', {}], ['one-change', { 'one-change': 'x' }]] as const) {
      await answerPage(v, SERVICE, page, fields);
    }
    const key = hiddenValue(await (await v.get(`/f/${SERVICE}/check`)).text(), 'idempotency_key');
    const done = await (await v.post(`/f/${SERVICE}/submit`, { idempotency_key: key })).text();
    expect(done).toContain('<html lang="ro"');
    expect(done).toContain('Părerea a fost trimisă');
    expect(done).toContain('href="/withdraw?lang=ro&amp;offer=en,ro"');
  });

  it('the demo FEST26 session offers all four languages', async () => {
    const start = await (await person().get('/j/FEST26?lang=ro')).text();
    expect(start).toContain('<html lang="ro"');
    expect(switchLanguages(start)).toEqual(['en', 'ar', 'pl', 'ro']);
    expect(start).not.toContain('offer=');
  });
});

describe('Easy Read, chosen on any page, is kept for the rest of the form', () => {
  it('switched on at the start page, it is carried into the draft and every later page', async () => {
    const v = person();
    const start = await (await v.get(`/f/${FESTIVAL}?lang=en&read=easy`)).text();
    expect(start).toContain('Use standard words');
    expect(start).toContain('name="read" value="easy"');
    // The language switch keeps the choice too.
    expect(start).toContain('href="/f/festival-of-feedback?lang=pl&amp;read=easy"');
    await v.post(`/f/${FESTIVAL}/start`, { lang: 'en', read: 'easy' });
    const first = await (await v.get(`/f/${FESTIVAL}/question`)).text();
    expect(first).toContain('Where do you sleep now?');
    await answerPage(v, FESTIVAL, 'staying', { staying: 'hostel' });
    const second = await (await v.get(`/f/${FESTIVAL}/question`)).text();
    expect(second).toContain('Is the place you stay good or bad?');
    await answerPage(v, FESTIVAL, 'accommodation-rating', { 'accommodation-rating': '4' });
    // A page with no Easy Read words shows the standard ones, and says so.
    const third = await (await v.get(`/f/${FESTIVAL}/question`)).text();
    expect(third).toContain('What is it like where you are staying?');
    expect(third).toContain('This page has no Easy Read version');
    expect(third).toContain('Use standard words');
  });

  it('switched on mid-form, it stays on; check answers shows the Easy Read questions and can switch it off', async () => {
    const v = person();
    await v.post(`/f/${SERVICE}/start`, { lang: 'pl' });
    const first = await (await v.get(`/f/${SERVICE}/question`)).text();
    expect(first).toContain('Pokaż tekst łatwy do czytania');
    await answerPage(v, SERVICE, 'service', { service: 'outreach' });
    await answerPage(v, SERVICE, 'provider', {});
    await answerPage(v, SERVICE, 'last-used', {});
    // Switched on from the "How was it?" page.
    const on = await (await v.get(`/f/${SERVICE}/question?read=easy`)).text();
    expect(on).toContain('Było dobrze czy źle?');
    await answerPage(v, SERVICE, 'how-was-it', { 'how-was-it': '2' });
    await answerPage(v, SERVICE, 'what-worked', {});
    await answerPage(v, SERVICE, 'what-did-not', {});
    const last = await (await v.get(`/f/${SERVICE}/question`)).text();
    expect(last).toContain('Co powinni robić inaczej?');
    await answerPage(v, SERVICE, 'one-change', { 'one-change': 'Dłużej otwarte' });
    const check = await (await v.get(`/f/${SERVICE}/check`)).text();
    expect(check).toContain('Było dobrze czy źle?');
    expect(check).toContain('Pokaż zwykły tekst');
    const off = await (await v.get(`/f/${SERVICE}/check?read=standard`)).text();
    expect(off).toContain('Jak było?');
    expect(off).not.toContain('Było dobrze czy źle?');
    expect(off).toContain('Pokaż tekst łatwy do czytania');
  });

  it('switched on from check answers, it is kept when changing an answer', async () => {
    const v = person();
    const key = await (async () => {
      await v.post(`/f/${SERVICE}/start`, { lang: 'en' });
      for (const [page, fields] of [['service', { service: 'outreach' }], ['provider', {}], ['last-used', {}], ['how-was-it', { 'how-was-it': '3' }], ['what-worked', {}], ['what-did-not', {}], ['one-change', { 'one-change': 'x' }]] as const) {
        await answerPage(v, SERVICE, page, fields);
      }
      return hiddenValue(await (await v.get(`/f/${SERVICE}/check?read=easy`)).text(), 'idempotency_key');
    })();
    expect(key).toBeTruthy();
    expect((await v.post(`/f/${SERVICE}/change`, { heard_page: 'how-was-it' })).status).toBe(303);
    expect(await (await v.get(`/f/${SERVICE}/question`)).text()).toContain('Was it good or bad?');
  });
});
