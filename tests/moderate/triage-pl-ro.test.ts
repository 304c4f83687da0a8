// Safeguarding triage for answers in Polish and Romanian, the forms' newer languages: the default
// signals cover the English list's categories, in the words and endings people type, with or
// without diacritics; everyday words and idioms stay unflagged.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { seedStatements } from '../../seeds/index';
import { defaultSignals } from '../../worker/moderate/defaults';
import { categories } from '../../worker/moderate/signals';
import { triage } from '../../worker/moderate/triage';
import { foldLatin } from '../../worker/moderate/words';

const flags = (text: string) => triage(text, defaultSignals).signals;

// [answer, what it must flag]; each also checked as typed without diacritics.
const POLISH: [string, string[]][] = [
  ['Czasem myślę, żeby się zabić.', ['suicide']],
  ['Mam myśli samobójcze od miesiąca.', ['suicide']],
  ['Nie chce mi się już żyć.', ['suicide']],
  ['Chciałabym po prostu umrzeć', ['suicide']],
  ['Wszystkim będzie lepiej beze mnie', ['suicide']],
  ['Znowu się tnę, nikt o tym nie wie', ['self-harm']],
  ['Mąż mnie bije kiedy pije', ['abuse']],
  ['Jeden typ z pokoju obok groził mi nożem', ['violence']],
  ['Zabrali mi kartę i cały zasiłek', ['exploitation']],
  ['Zmuszają mnie do sprzedawania towaru', ['exploitation']],
  ['Nie czuję się tu bezpiecznie w nocy', ['unsafe']],
  ['Mój kolega nie oddycha', ['danger']],
  ['Ona ma 15 lat i śpi na dworcu', ['danger']],
];

const ROMANIAN: [string, string[]][] = [
  ['Uneori mă gândesc să mă omor.', ['suicide']],
  ['Am gânduri de sinucidere', ['suicide']],
  ['Nu mai vreau să trăiesc', ['suicide']],
  ['Vreau doar să mor', ['suicide']],
  ['Toți ar fi mai bine fără mine', ['suicide']],
  ['M-am tăiat singură iar aseară', ['self-harm']],
  ['Soțul mă bate când bea', ['abuse']],
  ['Un tip de la hostel m-a amenințat cu un cuțit', ['violence']],
  ['Îmi ia banii și cardul în fiecare lună', ['exploitation']],
  ['Muncesc pe șantier fără plată de trei luni', ['exploitation']],
  ['Nu mă simt în siguranță în camera mea', ['unsafe']],
  ['Prietenul meu nu mai respiră', ['danger']],
  ['Fata are 16 ani și doarme pe stradă', ['danger']],
];

const BENIGN = [
  'Personel jest bardzo miły, pokój jest czysty i ciepły. Mieszkam tu od roku i chciałbym zostać.',
  'Czekanie na telefon z urzędu mnie zabija, ale w końcu dostałem pomoc.',
  'Umieram ze śmiechu na zajęciach plastycznych. Nie boję się rozmowy o pracę.',
  'Nikt mnie nie bije i nie czuję się zagrożony.',
  'Personalul este foarte amabil, camera este curată și caldă. Locuiesc aici de un an.',
  'Așteptarea la primărie mă omoară, dar până la urmă am primit ajutor.',
  'Mor de râs la atelierul de artă. Mă bate gândul să mă apuc de un curs.',
  'Nu mă bate nimeni aici.',
];

describe('safeguarding triage in Polish and Romanian', () => {
  it.each([...POLISH, ...ROMANIAN])('flags "%s" as %j, with or without its diacritics', (text, expected) => {
    expect(flags(text)).toEqual(expected);
    expect(flags(foldLatin(text.toLowerCase()))).toEqual(expected);
  });

  it.each(BENIGN)('does not flag "%s"', (text) => {
    expect(triage(text, defaultSignals)).toEqual({ flag: false, signals: [], matches: [] });
    expect(triage(foldLatin(text.toLowerCase()), defaultSignals).flag).toBe(false);
  });

  it('covers every category the English list covers, in each language', () => {
    for (const language of ['pl', 'ro'] as const) {
      const covered = new Set(defaultSignals.filter((s) => s.language === language).map((s) => s.category));
      for (const c of [...categories, 'everyday']) expect(covered, `${language} ${c}`).toContain(c);
    }
  });

  it('no longer reads the Polish "od" (from, since) as an overdose, but still reads "I OD\'d"', () => {
    expect(flags('Mieszkam tu od roku, od wtorku mam nowy pokój.')).toEqual([]);
    expect(flags("I OD'd twice last month")).toEqual(['suicide']);
    expect(flags('I nearly had an od last week')).toEqual(['suicide']);
  });
});

describe('seeding the default signals again', () => {
  it('adds the Polish and Romanian rows to a database seeded before them, and leaves admins’ edits alone', async () => {
    // A database seeded before these languages: no pl or ro rows, and an admin has edited an English one.
    await env.DB.prepare("DELETE FROM safeguarding_signals WHERE language IN ('pl', 'ro')").run();
    await env.DB.prepare("UPDATE safeguarding_signals SET why = 'Edited by an admin.' WHERE id = 'suicide-suicid'").run();
    const signalInserts = (await seedStatements()).filter((s) => s.startsWith('INSERT OR IGNORE INTO safeguarding_signals'));
    await env.DB.batch(signalInserts.map((s) => env.DB.prepare(s)));
    const n = async (language: string) => (await env.DB.prepare('SELECT count(*) AS n FROM safeguarding_signals WHERE language = ?').bind(language).first<{ n: number }>())!.n;
    expect(await n('pl')).toBe(defaultSignals.filter((s) => s.language === 'pl').length);
    expect(await n('ro')).toBe(defaultSignals.filter((s) => s.language === 'ro').length);
    const edited = await env.DB.prepare("SELECT why FROM safeguarding_signals WHERE id = 'suicide-suicid'").first<{ why: string }>();
    expect(edited!.why).toBe('Edited by an admin.');
  });
});
