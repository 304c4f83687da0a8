// Gaps found after the sessions shipped: codes typed on foreign keyboards, a form switched under its
// responses, closing twice, repeated fields in a posted body. Each over real HTTP against the Worker and D1.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { normaliseJoinCode } from '../../worker/sessions/join-code';
import { sendServiceFeedback } from '../helpers/respondent';
import { createStaff, csrfOf, signIn } from '../helpers/staff';
import { hiddenValue, Visitor } from '../helpers/visitor';

async function facilitator() {
  const staff = await createStaff('facilitator', 'leaf');
  const v = await signIn(staff);
  return { staff, v, csrf: await csrfOf(v) };
}

const sessionFields = (csrf: string, extra: Record<string, string | string[]> = {}) => ({
  csrf,
  name: 'Hostel drop-in, May',
  place: "Residents' lounge, Oxford",
  'held-day': '14',
  'held-month': '5',
  'held-year': '2027',
  organisation: 'leaf',
  form: 'service-feedback',
  languages: ['en', 'ar'],
  kiosk: 'no',
  'kiosk-idle': '2',
  'kiosk-pin': '',
  'next-steps': '',
  ...extra,
});

async function newSession(v: Visitor, csrf: string, extra: Record<string, string | string[]> = {}) {
  const res = await v.post('/sessions', sessionFields(csrf, extra));
  expect(res.status).toBe(303);
  const id = Visitor.location(res).split('/')[2]!.split('?')[0]!;
  const row = await env.DB.prepare('SELECT join_code AS code, form_id AS form FROM feedback_sessions WHERE id = ?').bind(id).first<{ code: string; form: string }>();
  return { id, code: row!.code, form: row!.form };
}

/** The same code as a phone's full-width keyboard types it: ＦＥＳＴ２６. */
const fullWidth = (code: string) => [...code].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join('');

describe('a join code typed on any keyboard', () => {
  it('is read in its compatibility forms, with spaces and hyphens of any kind left out', () => {
    expect(normaliseJoinCode('ＦＥＳＴ２６')).toBe('FEST26');
    expect(normaliseJoinCode('ｆｅｓｔ　２６')).toBe('FEST26');
    expect(normaliseJoinCode('FES－T２６')).toBe('FEST26');
    expect(normaliseJoinCode('FES‐T26')).toBe('FEST26');
  });

  it('joins the session from /j and from /j/CODE', async () => {
    const { v, csrf } = await facilitator();
    const { code } = await newSession(v, csrf);
    const person = new Visitor();
    const typed = `${fullWidth(code.slice(0, 3))}　-${fullWidth(code.slice(3)).toLowerCase()}`;
    const viaBox = await person.get(`/j?code=${encodeURIComponent(typed)}`);
    expect(viaBox.status).toBe(303);
    expect(Visitor.location(viaBox)).toBe(`/j/${code}`);
    const viaPath = await person.get(`/j/${encodeURIComponent(fullWidth(code))}`);
    expect(viaPath.status).toBe(301);
    expect(Visitor.location(viaPath)).toBe(`/j/${code}`);
    expect(await (await person.get(`/j/${code}`)).text()).toContain('You are taking part in: Hostel drop-in, May');
  });
});

describe('closing a session', () => {
  it('twice writes one audit entry, and both presses land on the session', async () => {
    const { v, csrf } = await facilitator();
    const { id } = await newSession(v, csrf);
    for (let i = 0; i < 2; i++) {
      const res = await v.post(`/sessions/${id}/close`, { csrf });
      expect(res.status).toBe(303);
      expect(Visitor.location(res)).toBe(`/sessions/${id}?done=closed`);
    }
    const audited = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'session.closed' AND target_id = ?").bind(id).first<{ n: number }>();
    expect(audited!.n).toBe(1);
  });
});

describe('a session’s form, once responses have come in', () => {
  it('can be switched while nobody has answered', async () => {
    const { v, csrf } = await facilitator();
    const { id } = await newSession(v, csrf);
    expect(await (await v.get(`/sessions/${id}/edit`)).text()).toContain('<select class="govuk-select" id="form" name="form"');
    expect((await v.post(`/sessions/${id}`, sessionFields(csrf, { form: 'festival-of-feedback' }))).status).toBe(303);
    const row = await env.DB.prepare('SELECT form_id AS form FROM feedback_sessions WHERE id = ?').bind(id).first<{ form: string }>();
    expect(row!.form).toBe('festival-of-feedback');
  });

  it('is fixed: shown as text with the reason, and a post that switches it is a 422 that keeps what was typed', async () => {
    const { v, csrf } = await facilitator();
    const { id, code } = await newSession(v, csrf);
    await sendServiceFeedback(new Visitor(), 'The staff listened to me.', `/j/${code}/start`);

    const edit = await (await v.get(`/sessions/${id}/edit`)).text();
    expect(edit).not.toContain('<select class="govuk-select" id="form"');
    expect(edit).toContain('It cannot be changed: 1 response has come in');
    expect(hiddenValue(edit, 'form')).toBe('service-feedback');

    const res = await v.post(`/sessions/${id}`, sessionFields(csrf, { form: 'festival-of-feedback', name: 'Renamed drop-in' }));
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('The form cannot be changed once responses have come in');
    expect(page).toContain('value="Renamed drop-in"');
    const row = await env.DB.prepare('SELECT form_id AS form, name FROM feedback_sessions WHERE id = ?').bind(id).first<{ form: string; name: string }>();
    expect(row).toEqual({ form: 'service-feedback', name: 'Hostel drop-in, May' });
    const edits = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'session.edited' AND target_id = ?").bind(id).first<{ n: number }>();
    expect(edits!.n).toBe(0);

    // Everything else about it can still be edited.
    expect((await v.post(`/sessions/${id}`, sessionFields(csrf, { name: 'Renamed drop-in' }))).status).toBe(303);
    expect((await env.DB.prepare('SELECT name FROM feedback_sessions WHERE id = ?').bind(id).first<{ name: string }>())!.name).toBe('Renamed drop-in');
  });
});

describe('a field sent twice in a posted form', () => {
  it('in a group discussion is the page again with what was typed and what to fix (422), never a bare 400', async () => {
    const { v, csrf } = await facilitator();
    const { id } = await newSession(v, csrf, { form: 'festival-of-feedback' });
    const response = hiddenValue(await (await v.get(`/sessions/${id}/group`)).text(), 'response');
    const notes = { 'notes-change': 'A worker who rings back.', 'agreed-change': ['yes', 'yes'] };
    const res = await v.post(`/sessions/${id}/group`, { csrf, response, participants: ['3', '4'], language: 'en', ...notes });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('Enter one number for how many people took part');
    expect(page).toContain('value="3, 4"');
    expect(page).toContain('A worker who rings back.');
    expect(hiddenValue(page, 'response')).toBe(response);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE session_id = ?').bind(id).first<{ n: number }>())!.n).toBe(0);

    const twoBoxes = await v.post(`/sessions/${id}/group`, { csrf, response, participants: '4', language: ['en', 'ar'], 'notes-change': ['Rings back.', 'Answers the phone.'] });
    expect(twoBoxes.status).toBe(422);
    const twoText = await twoBoxes.text();
    expect(twoText).toContain('The notes for this prompt came in more than one box');
    expect(twoText).toContain('Choose the language the notes are written in');
    expect(twoText).toContain('Rings back.\n\nAnswers the phone.');

    // The same value twice is no conflict: saved.
    expect((await v.post(`/sessions/${id}/group`, { csrf, response, participants: ['4', '4'], language: 'en', ...notes })).status).toBe(303);
  });

  it('in the session form is a 422 naming the field, keeping what was typed', async () => {
    const { v, csrf } = await facilitator();
    const res = await v.post('/sessions', sessionFields(csrf, { name: ['Drop-in', 'Drop-in two'], 'held-day': ['14', '15'], csrf: [csrf, csrf] }));
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('Name was sent more than once');
    expect(page).toContain('Day was sent more than once');
    expect(page).toContain('value="Drop-in"');
    expect(page).toContain("value=\"Residents' lounge, Oxford\"");
    // The same value twice is no conflict: created.
    expect((await v.post('/sessions', sessionFields(csrf, { name: ['Drop-in', 'Drop-in'] }))).status).toBe(303);
  });

  it('in paper entry is read as the online form reads it (the first value), never a 400 or 500', async () => {
    const { v, csrf } = await facilitator();
    const { id } = await newSession(v, csrf, { form: 'festival-of-feedback' });
    const sheet = hiddenValue(await (await v.get(`/sessions/${id}/entry`)).text(), 'sheet');
    const wrong = await v.post(`/sessions/${id}/entry`, { csrf, sheet, staying: ['hostel', 'rough'], change: ['Rings back.', 'Answers.'], 'support-rating': ['9', '9'], 'sheet-language': ['en', 'ar'] });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('Rings back.');
    const saved = await v.post(`/sessions/${id}/entry`, { csrf, sheet, staying: ['hostel', 'rough'], change: ['Rings back.', 'Answers.'], 'sheet-language': ['en', 'ar'] });
    expect(saved.status).toBe(303);
  });
});
