// Group discussions (issue 11, point 5): a facilitator records what a group said as a response of
// channel `group` that moderators redact and tag like any other, counted apart by reports.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createStaff, csrfOf, signIn } from '../helpers/staff';
import { hiddenValue, Visitor } from '../helpers/visitor';
import { expectRollupMatchesRaw } from '../helpers/rollup';

async function festivalSession() {
  const staff = await createStaff('facilitator', 'leaf');
  const v = await signIn(staff);
  const csrf = await csrfOf(v);
  const res = await v.post('/sessions', {
    csrf,
    name: 'Group day',
    place: 'Old Fire Station, Oxford',
    'held-day': '2',
    'held-month': '12',
    'held-year': '2026',
    organisation: 'leaf',
    form: 'festival-of-feedback',
    languages: ['en', 'ar'],
    kiosk: 'no',
  });
  expect(res.status).toBe(303);
  const id = Visitor.location(res).split('/')[2]!.split('?')[0]!;
  return { staff, v, csrf, id };
}

const NOTES = {
  'notes-accommodation-comments': 'Most said the hostel rooms are cold and the heating is off in the day. Someone called Dave at the desk is great, they said.',
  'agreed-accommodation-comments': 'yes',
  'notes-change': 'A housing officer you can actually ring back. Everyone wanted that.',
  'agreed-change': 'yes',
  'notes-support-comments': 'Mixed views on keyworkers: some see theirs every week, some never.',
};

describe('a group discussion', () => {
  it('is stored as one group response with its notes, the people in it, what was agreed and who wrote it up, and queued for moderation', async () => {
    const { v, csrf, id, staff } = await festivalSession();
    const blank = await v.get(`/sessions/${id}/group`);
    expect(blank.status).toBe(200);
    const page = await blank.text();
    expect(page).toContain('Prompt 1:');
    const response = hiddenValue(page, 'response');
    const sent = await v.post(`/sessions/${id}/group`, { csrf, response, participants: '7', language: 'en', ...NOTES });
    expect(sent.status).toBe(303);
    expect(Visitor.location(sent)).toBe(`/sessions/${id}/group?saved=1`);

    const row = await env.DB.prepare('SELECT channel, session_id, entered_by, organisation_id, withdrawal_key FROM responses WHERE id = ?').bind(response).first();
    expect(row).toEqual({ channel: 'group', session_id: id, entered_by: staff.id, organisation_id: 'leaf', withdrawal_key: null });
    const group = await env.DB.prepare('SELECT participants, agreed FROM group_discussions WHERE response_id = ?').bind(response).first<{ participants: number; agreed: string }>();
    expect(group!.participants).toBe(7);
    expect(JSON.parse(group!.agreed).sort()).toEqual(['accommodation-comments', 'change']);
    const answers = (await env.DB.prepare('SELECT question_id AS q FROM answers WHERE response_id = ? ORDER BY q').bind(response).all<{ q: string }>()).results.map((r) => r.q);
    expect(answers).toEqual(['accommodation-comments', 'change', 'support-comments']);
    // Moderation's arrival work ran: queued, and the name in the notes is proposed for redaction.
    const queued = await env.DB.prepare('SELECT status FROM moderation WHERE response_id = ?').bind(response).first<{ status: string }>();
    expect(queued!.status).toBe('new');
    const redacted = await env.DB.prepare("SELECT redacted FROM answer_texts WHERE response_id = ? AND question_id = 'accommodation-comments'").bind(response).first<{ redacted: string }>();
    expect(redacted!.redacted).not.toContain('Dave');
    // Counted apart: its own channel in the session's count and in the report's roll-up.
    const count = (await (await v.get(`/sessions/${id}/count`)).json()) as { counts: Record<string, number> };
    expect(count.counts.group).toBe(1);
    expect(count.counts.online).toBe(0);
    await expectRollupMatchesRaw();
    expect(await (await v.get(`/sessions/${id}/group?saved=1`)).text()).toContain('1 group, 7 people');
  });

  it('shows moderators how many took part and which points the whole group agreed', async () => {
    const { v, csrf, id } = await festivalSession();
    const response = hiddenValue(await (await v.get(`/sessions/${id}/group`)).text(), 'response');
    expect((await v.post(`/sessions/${id}/group`, { csrf, response, participants: '7', language: 'en', ...NOTES })).status).toBe(303);
    const moderator = await signIn(await createStaff('moderator', 'leaf'));
    const page = await (await moderator.get(`/moderate/responses/${response}`)).text();
    const row = (key: string) => new RegExp(`<dt class="govuk-summary-list__key">${key}</dt><dd class="govuk-summary-list__value">([^<]*)</dd>`).exec(page)?.[1];
    expect(row('Took part')).toBe('7 people');
    const agreement = [...page.matchAll(/<dd class="govuk-summary-list__value">(Agreed by the group|Some voices)<\/dd>/g)].map((m) => m[1]);
    // Three prompts discussed, in the form's order: two agreed, one with some voices.
    expect(agreement.sort()).toEqual(['Agreed by the group', 'Agreed by the group', 'Some voices']);
  });

  it('posted twice (a double click) is stored once', async () => {
    const { v, csrf, id } = await festivalSession();
    const response = hiddenValue(await (await v.get(`/sessions/${id}/group`)).text(), 'response');
    expect((await v.post(`/sessions/${id}/group`, { csrf, response, participants: '4', language: 'en', ...NOTES })).status).toBe(303);
    // The repeat is refused as a whole, with a page saying it is already saved.
    expect((await v.post(`/sessions/${id}/group`, { csrf, response, participants: '4', language: 'en', ...NOTES })).status).toBe(409);
    const n = await env.DB.prepare('SELECT count(*) AS n FROM redactions WHERE response_id = ?').bind(response).first<{ n: number }>();
    const once = await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE session_id = ?').bind(id).first<{ n: number }>();
    expect(once!.n).toBe(1);
    const again = await env.DB.prepare('SELECT count(*) AS n FROM redactions WHERE response_id = ?').bind(response).first<{ n: number }>();
    expect(again!.n).toBe(n!.n);
  });

  it('says what to fix with a 422 and keeps every note', async () => {
    const { v, csrf, id } = await festivalSession();
    const response = hiddenValue(await (await v.get(`/sessions/${id}/group`)).text(), 'response');
    const res = await v.post(`/sessions/${id}/group`, { csrf, response, participants: 'lots', language: 'en', ...NOTES, 'notes-change': 'x'.repeat(2001) });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).toContain('Enter how many people took part as a whole number');
    expect(text).toContain('Notes must be 2,000 characters or fewer');
    expect(text).toContain('Most said the hostel rooms are cold');
    expect(hiddenValue(text, 'response')).toBe(response);
    const empty = await v.post(`/sessions/${id}/group`, { csrf, response, participants: '1', language: 'pl' });
    expect(empty.status).toBe(422);
    const emptyText = await empty.text();
    expect(emptyText).toContain('A group is 2 to 200 people');
    expect(emptyText).toContain('Write what the group said about at least one prompt');
    expect(emptyText).toContain('Choose the language the notes are written in');
    expect((await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE session_id = ?').bind(id).first<{ n: number }>())!.n).toBe(0);
  });

  it('is for the session’s own facilitators only', async () => {
    const { id } = await festivalSession();
    const other = await signIn(await createStaff('facilitator', 'st-mungos'));
    expect((await other.get(`/sessions/${id}/group`)).status).toBe(404);
    const moderator = await signIn(await createStaff('moderator', 'leaf'));
    expect((await moderator.get(`/sessions/${id}/group`)).status).toBe(403);
  });
});
