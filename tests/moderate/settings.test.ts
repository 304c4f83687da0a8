// The lists the engines read, as a deployment admin keeps them: safeguarding signals and redaction
// terms, each with a "try it" box, over HTTP against the real Worker and D1. An edit changes what
// the next submission gets, at once.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { database } from '../../worker/db/client';
import { moderationLists } from '../../worker/moderate/lists';
import { proposeRedactions } from '../../worker/moderate/redact';
import { triage } from '../../worker/moderate/triage';
import { createStaff, csrfOf, signIn } from '../helpers/staff';
import { Visitor } from '../helpers/visitor';

let admin: Visitor;

beforeAll(async () => {
  admin = await signIn(await createStaff('deployment-admin'));
});

async function post(path: string, fields: Record<string, string>) {
  return admin.post(path, { csrf: await csrfOf(admin), ...fields });
}

const auditCount = async (action: string, target: string) => (await env.DB.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ? AND target_id = ?').bind(action, target).first<{ n: number }>())!.n;
const signal = (id: string) => env.DB.prepare('SELECT * FROM safeguarding_signals WHERE id = ?').bind(id).first<Record<string, unknown>>();
const term = (id: string) => env.DB.prepare('SELECT * FROM redaction_terms WHERE id = ?').bind(id).first<Record<string, unknown>>();
const lists = () => moderationLists(database(env.DB));

describe('the safeguarding signals page', () => {
  it('lists the signals by category with the phrase, why, and whether each is on', async () => {
    const res = await admin.get('/admin/safeguarding-signals');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<h1 class="govuk-heading-l">Safeguarding signals</h1>');
    expect(page).toMatch(/<caption[^>]*>Suicide \(\d+\)<\/caption>/);
    expect(page).toMatch(/<caption[^>]*>Everyday phrases \(never a concern\) \(\d+\)<\/caption>/);
    expect(page).toContain('Talks about killing themselves.');
    expect(page).toContain('govuk-tag--green');
  });

  it('is for deployment admins only', async () => {
    for (const role of ['moderator', 'org-admin'] as const) {
      const v = await signIn(await createStaff(role));
      expect((await v.get('/admin/safeguarding-signals')).status, role).toBe(403);
      expect((await v.get('/admin/redaction-terms')).status, role).toBe(403);
    }
  });

  it('tries words against the current list and shows which signals matched and why', async () => {
    const flagged = await admin.post('/admin/safeguarding-signals/try', { csrf: await csrfOf(admin), text: 'Some nights I want to kill myself.' });
    const page = await flagged.text();
    expect(page).toContain('data-flag="true"');
    expect(page).toContain('Flagged: Suicide');
    expect(page).toContain('data-match="suicide"');
    expect(page).toContain('Talks about killing themselves.');
    expect(page).toContain('<mark title="Suicide">kill myself</mark>');

    const everyday = await (await admin.post('/admin/safeguarding-signals/try', { csrf: await csrfOf(admin), text: "I'd kill for a hot shower. I never felt unsafe." })).text();
    expect(everyday).toContain('data-flag="false"');
    expect(everyday).toContain('Not flagged: no signal matched.');
  });

  it('adds a signal that the next submission is triaged with, and records it', async () => {
    const words = 'The landlord keeps the heating off and I am freezing.';
    expect(triage(words, (await lists()).signals).flag).toBe(false);
    // Read once, so the list is in the minute's cache: the edit must drop it.
    await lists();

    const res = await post('/admin/safeguarding-signals', { 'add-category': 'unsafe', 'add-phrase': 'heating off', 'add-unless': 'summer', 'add-why': 'No heating: may not be safe at home.', 'add-language': 'en', 'add-negatable': 'yes', 'add-enabled': 'yes' });
    expect(res.status).toBe(303);
    expect(Visitor.location(res)).toBe('/admin/safeguarding-signals?done=saved');
    const row = await signal('signal-unsafe-heating-off');
    expect(row).toMatchObject({ category: 'unsafe', phrase: 'heating off', unless: '["summer"]', negatable: 1, enabled: 1 });
    expect(await auditCount('signal.added', 'signal-unsafe-heating-off')).toBe(1);

    const after = triage(words, (await lists()).signals);
    expect(after).toMatchObject({ flag: true, signals: ['unsafe'] });
    expect(after.matches[0]!.why).toBe('No heating: may not be safe at home.');
    // Its "unless" works too.
    expect(triage('In summer the heating off is fine.', (await lists()).signals).flag).toBe(false);
    const tried = await (await admin.post('/admin/safeguarding-signals/try', { csrf: await csrfOf(admin), text: words })).text();
    expect(tried).toContain('No heating: may not be safe at home.');
  });

  it('edits and turns off a signal, and triage stops using it at once', async () => {
    const id = 'signal-unsafe-heating-off';
    const form = await admin.get(`/admin/safeguarding-signals?edit=${id}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('Edit signal');

    const edit = await post(`/admin/safeguarding-signals/${id}`, { 'edit-category': 'danger', 'edit-phrase': 'heating off|broken', 'edit-why': 'Their home may be dangerous.', 'edit-language': 'en', 'edit-negatable': 'yes', 'edit-enabled': 'yes' });
    expect(edit.status).toBe(303);
    expect(triage('The heating is broken.', (await lists()).signals).signals).toEqual([]);
    expect(triage('They left the heating broken all winter.', (await lists()).signals).flag).toBe(true);
    expect(await auditCount('signal.edited', id)).toBe(1);
    expect((await env.DB.prepare("SELECT detail FROM audit_log WHERE action = 'signal.edited' AND target_id = ?").bind(id).first<{ detail: string }>())!.detail).toBe('changed=category,phrase,unless,why');

    const off = await post(`/admin/safeguarding-signals/${id}/enabled`, { enabled: 'no' });
    expect(off.status).toBe(303);
    expect((await signal(id))!.enabled).toBe(0);
    expect(triage('They left the heating broken all winter.', (await lists()).signals).flag).toBe(false);
    expect(await auditCount('signal.edited', id)).toBe(2);
    expect(await (await admin.get('/admin/safeguarding-signals')).text()).toMatch(new RegExp(`data-signal="${id}"[\\s\\S]*?govuk-tag--grey`));
  });

  it('refuses a bad phrase or a missing reason in plain words, keeping what was typed', async () => {
    const res = await post('/admin/safeguarding-signals', { 'add-category': 'abuse', 'add-phrase': 'hur*t', 'add-unless': 'fine\n... nope', 'add-why': '', 'add-language': 'en' });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('govuk-error-summary');
    expect(page).toContain('&quot;hur*t&quot;: * may only start or end a word');
    expect(page).toContain('Line 2: &quot;... nope&quot;: ... cannot start a phrase');
    expect(page).toContain('Say why this phrase matters');
    expect(page).toContain('value="hur*t"');
    // The unticked boxes stay unticked.
    expect(page).not.toMatch(/id="add-negatable"[^>]*checked/);

    const noCategory = await post('/admin/safeguarding-signals', { 'add-category': 'weather', 'add-phrase': 'rain', 'add-why': 'x' });
    expect(noCategory.status).toBe(422);
    expect(await noCategory.text()).toContain('Choose a category');
    expect((await post('/admin/safeguarding-signals/no-such-signal', { 'edit-phrase': 'x' })).status).toBe(404);
    expect((await admin.get('/admin/safeguarding-signals?edit=no-such-signal')).status).toBe(404);
  });
});

describe('the redaction terms page', () => {
  it('lists staff and places with their other spellings', async () => {
    const res = await admin.get('/admin/redaction-terms');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toMatch(/<caption[^>]*>Staff \(\d+\)<\/caption>/);
    expect(page).toMatch(/<caption[^>]*>Hostels, services and places \(\d+\)<\/caption>/);
    expect(page).toMatch(/data-term="place-ohanlon-house"[\s\S]*?O&#39;Hanlon, OHanlon, OHH|data-term="place-ohanlon-house"[\s\S]*?O'Hanlon, OHanlon, OHH/);
  });

  it('adds a place that the next redaction proposes, and tries it in the box', async () => {
    const words = 'I stayed at Kestrel Court for a year.';
    expect(proposeRedactions(words, (await lists()).redaction).spans).toEqual([]);
    const res = await post('/admin/redaction-terms', { 'add-kind': 'place', 'add-term': 'Kestrel Court', 'add-aliases': 'Kestrel\nKC', 'add-note': 'Made-up hostel for a test', 'add-enabled': 'yes' });
    expect(res.status).toBe(303);
    expect(await term('place-kestrel-court')).toMatchObject({ kind: 'place', term: 'Kestrel Court', aliases: '["Kestrel","KC"]', match_case: 0, enabled: 1 });
    expect(await auditCount('redaction-term.added', 'place-kestrel-court')).toBe(1);
    expect(proposeRedactions(words, (await lists()).redaction).text).toBe('I stayed at [place] for a year.');

    const tried = await (await admin.post('/admin/redaction-terms/try', { csrf: await csrfOf(admin), text: 'Back at Kestrel again, call 07700 900123.' })).text();
    expect(tried).toContain('2 proposed:');
    expect(tried).toContain('Back at [place] again, call [phone].');
  });

  it('edits and turns off a term, and redaction stops proposing it', async () => {
    const id = 'place-kestrel-court';
    const edit = await post(`/admin/redaction-terms/${id}`, { 'edit-kind': 'place', 'edit-term': 'Kestrel Court', 'edit-aliases': '', 'edit-note': 'No aliases now', 'edit-enabled': 'yes' });
    expect(edit.status).toBe(303);
    expect(proposeRedactions('Back at Kestrel again.', (await lists()).redaction).spans).toEqual([]);
    expect(await auditCount('redaction-term.edited', id)).toBe(1);
    expect((await post(`/admin/redaction-terms/${id}/enabled`, { enabled: 'no' })).status).toBe(303);
    expect(proposeRedactions('I stayed at Kestrel Court.', (await lists()).redaction).spans).toEqual([]);
    expect(await auditCount('redaction-term.edited', id)).toBe(2);
  });

  it('refuses a missing kind or a one-letter term in plain words', async () => {
    const res = await post('/admin/redaction-terms', { 'add-term': 'K', 'add-aliases': 'ok\nX' });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('Choose whether it names a member of staff or a place');
    expect(page).toContain('Enter the name as people usually write it, at least 2 characters');
    expect(page).toContain('Line 2: another way of writing it needs at least 2 characters');
    expect(page).toContain('href="#add-kind-0"');
    expect((await post('/admin/redaction-terms/no-such-term/enabled', { enabled: 'no' })).status).toBe(404);
  });
});
