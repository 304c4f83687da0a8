// A respondent sending the service-feedback form over HTTP, for tests that need a real response.
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { answerPage, hiddenValue, Visitor, withdrawalCodeIn, type Fields } from './visitor';

export const SERVICE = 'service-feedback';

/** Answers the service-feedback form up to check answers (started by posting to `start`), with `words` as the one free-text answer; returns the idempotency key. */
export async function answerServiceFeedback(v: Visitor, words: string, start = `/f/${SERVICE}/start`, startFields: Fields = { lang: 'en' }) {
  expect((await v.post(start, startFields)).status).toBe(303);
  const steps: [string, Fields][] = [
    ['service', { service: 'outreach' }],
    ['last-used', {}],
    ['how-was-it', { 'how-was-it': '4' }],
    ['what-worked', {}],
    ['what-did-not', {}],
    ['one-change', { 'one-change': words }],
  ];
  for (const [page, fields] of steps) expect((await answerPage(v, SERVICE, page, fields)).status, page).toBe(303);
  const check = await v.get(`/f/${SERVICE}/check`);
  expect(check.status).toBe(200);
  return hiddenValue(await check.text(), 'idempotency_key');
}

/** Sends the form answered with `words` as `v`; returns the code shown and the response id the draft chose. */
export async function sendServiceFeedback(v: Visitor, words: string, start?: string, startFields?: Fields) {
  const key = await answerServiceFeedback(v, words, start, startFields);
  const sent = await v.post(`/f/${SERVICE}/submit`, { idempotency_key: key });
  expect(sent.status).toBe(200);
  const code = withdrawalCodeIn(await sent.text());
  const id = (await env.DB.prepare('SELECT response_id AS id FROM drafts WHERE idempotency_key = ?').bind(key).first<{ id: string }>())!.id;
  return { code, id, key };
}
