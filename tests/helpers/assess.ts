// Trusted assessments for tests, made over HTTP as an assessor would: add the person, fill in the
// sections that must be answered, record who may see it, complete it.
import { expect } from 'vitest';
import { csrfOf } from './staff';
import { Visitor, type Fields } from './visitor';

export interface MadeAssessment {
  id: string;
}

/** Adds a person (name, date of birth as YYYY-MM-DD) and returns their new assessment's id. */
export async function addPerson(v: Visitor, name: string, birthDate: string, extra: Fields = {}): Promise<string> {
  const [year, month, day] = birthDate.split('-');
  const res = await v.post('/assess/people', { csrf: await csrfOf(v), name, 'birth-day': String(Number(day)), 'birth-month': String(Number(month)), 'birth-year': year!, language: 'en', 'add-anyway': 'yes', ...extra });
  expect(res.status, 'person added').toBe(303);
  const match = /^\/assess\/([0-9a-f-]{36})\?done=added$/.exec(Visitor.location(res));
  expect(match, 'redirected to the new assessment').not.toBeNull();
  return match![1]!;
}

export async function saveSection(v: Visitor, id: string, section: string, fields: Fields, action: 'continue' | 'later' = 'later') {
  return v.post(`/assess/${id}/sections/${section}`, { csrf: await csrfOf(v), action, ...fields });
}

/** The answers completion needs, sharing with these organisations, and a review date. */
export async function fillRequired(v: Visitor, id: string, shareWith: string[], answers: { strengths?: string; goals?: string } = {}) {
  const ok = (res: Response) => expect(res.status, 'section saved').toBe(303);
  ok(await saveSection(v, id, 'consent', { 'privacy-explained': 'yes', 'share-with': shareWith, 'exceptions-explained': 'yes' }));
  ok(await saveSection(v, id, 'about-me', { 'preferred-name': 'Sam' }));
  ok(await saveSection(v, id, 'strengths', { strengths: answers.strengths ?? 'Good with people; kept a job at the market for two years.', goals: answers.goals ?? 'A flat of my own near my sister in Banbury.' }));
  ok(await saveSection(v, id, 'review', { 'assessor-name': 'Test Assessor', 'review-date-day': '1', 'review-date-month': '6', 'review-date-year': '2027' }));
}

export async function complete(v: Visitor, id: string) {
  const res = await v.post(`/assess/${id}/complete`, { csrf: await csrfOf(v) });
  expect(res.status, 'completed').toBe(303);
  expect(Visitor.location(res)).toBe(`/assess/${id}?done=completed`);
}

/** A completed assessment by this assessor, shared with these organisations. */
export async function completedAssessment(v: Visitor, name: string, birthDate: string, shareWith: string[]): Promise<string> {
  const id = await addPerson(v, name, birthDate);
  await fillRequired(v, id, shareWith);
  await complete(v, id);
  return id;
}
