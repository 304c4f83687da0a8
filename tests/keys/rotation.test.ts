// Rotating the key: a new key goes first in HEARD_KEYS, and everything sealed under the old one is
// re-sealed under it, in bounded batches, with the people's blind indexes made again.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { newTotpSecret } from '../../worker/auth/second-factor';
import { normaliseName, personIndexes } from '../../worker/db/person-index';
import { resealBatch, sealedRemaining } from '../../worker/db/rotation';
import { sealContext } from '../../worker/db/sealed';
import { KeyRing, newKeyRingValue } from '../../worker/http/keys';
import worker from '../../worker/index';
import { createStaff } from '../helpers/staff';

const ORG = 'homeless-oxfordshire';
const ring = () => KeyRing.parse(env.HEARD_KEYS);
/** The test ring's older key alone: what the data was sealed with before the rotation. */
const oldRing = () => KeyRing.parse(env.HEARD_KEYS.split(',')[1]!);

interface Sealed {
  personId: string;
  assessmentId: string;
  disputeId: string;
  name: string;
}

/** One person, assessment section and dispute, and a staff secret, all sealed with `under`. */
async function sealedRecords(under: KeyRing, name = 'Mary-Jane O’Brien'): Promise<Sealed> {
  const personId = crypto.randomUUID();
  const assessmentId = crypto.randomUUID();
  const disputeId = crypto.randomUUID();
  const birth = '1980-02-29';
  const staff = await createStaff('assessor', ORG, { totp: false });
  const indexes = await personIndexes(under, name, birth);
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare('INSERT INTO people (id, reference, organisation_id, name_sealed, birth_date_sealed, find_index, birth_index, key_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').bind(
      personId,
      `TA-${personId.slice(0, 4)}-${personId.slice(4, 8)}`,
      ORG,
      await under.seal(name, sealContext.personName(personId)),
      await under.seal(birth, sealContext.personBirthDate(personId)),
      indexes.findIndex,
      indexes.birthIndex,
      under.currentId,
      staff.id,
      now,
    ),
    env.DB.prepare("INSERT INTO assessments (id, person_id, organisation_id, status, last_activity_at, created_by, created_at) VALUES (?, ?, ?, 'in-progress', ?, ?, ?)").bind(assessmentId, personId, ORG, now, staff.id, now),
    env.DB.prepare('INSERT INTO assessment_sections (assessment_id, version_number, section_id, answers_sealed, key_id, saved_by, saved_at) VALUES (?, 1, ?, ?, ?, ?, ?)').bind(
      assessmentId,
      'housing',
      await under.seal(JSON.stringify({ 'sleeping-rough': 'yes' }), sealContext.section(assessmentId, 1, 'housing')),
      under.currentId,
      staff.id,
      now,
    ),
    env.DB.prepare("INSERT INTO assessment_disputes (id, assessment_id, version_number, organisation_id, raised_by, raised_at, reason_sealed, status, key_id) VALUES (?, ?, 1, ?, ?, ?, ?, 'open', ?)").bind(
      disputeId,
      assessmentId,
      ORG,
      staff.id,
      now,
      await under.seal('Moved to Banbury in March', sealContext.disputeReason(disputeId)),
      under.currentId,
    ),
    env.DB.prepare('UPDATE users SET totp_secret = ? WHERE id = ?').bind(await under.seal(newTotpSecret(), sealContext.totpSecret(staff.id)), staff.id),
  ]);
  return { personId, assessmentId, disputeId, name };
}

const row = <T>(sql: string, ...values: unknown[]) => env.DB.prepare(sql).bind(...values).first<T>();

describe('normalising a name for the blind index', () => {
  it('ignores case, spacing, width, apostrophes, hyphens and other punctuation', () => {
    expect(normaliseName('  Mary-Jane   O’Brien ')).toBe('maryjane obrien');
    expect(normaliseName("MARYJANE O'BRIEN")).toBe('maryjane obrien');
    expect(normaliseName('Ｍａｒｙ.Jane, OBrien')).toBe('mary jane obrien');
    expect(normaliseName('Zoë Ștefănescu')).toBe('zoe stefanescu');
  });
});

describe('re-sealing under a new key', () => {
  it('moves every sealed record onto the current key, keeping what it says and finding the person again', async () => {
    const records = await sealedRecords(oldRing());
    const before = await sealedRemaining(env.DB, ring());
    expect(before.people.old).toBeGreaterThanOrEqual(1);
    expect(before.assessment_sections.old).toBeGreaterThanOrEqual(1);
    expect(before.assessment_disputes.old).toBeGreaterThanOrEqual(1);
    expect(before.users.old).toBeGreaterThanOrEqual(1);

    let total = 0;
    for (let round = 0; round < 20; round++) {
      const { resealed } = await resealBatch(env.DB, ring(), 2);
      expect(resealed).toBeLessThanOrEqual(2);
      total += resealed;
      if (resealed === 0) break;
    }
    expect(total).toBeGreaterThanOrEqual(4);
    const after = await sealedRemaining(env.DB, ring());
    for (const table of Object.values(after)) expect(table).toEqual({ old: 0, lost: 0 });

    const now = ring();
    const person = (await row<{ name_sealed: string; birth_date_sealed: string; find_index: string; birth_index: string; key_id: string }>('SELECT * FROM people WHERE id = ?', records.personId))!;
    expect(person.key_id).toBe(now.currentId);
    expect(person.name_sealed.startsWith(`v1.${now.currentId}.`)).toBe(true);
    expect(await now.open(person.name_sealed, sealContext.personName(records.personId))).toBe(records.name);
    expect(await now.open(person.birth_date_sealed, sealContext.personBirthDate(records.personId))).toBe('1980-02-29');
    // Found again by the index under the current key, typed another way.
    expect(person.find_index).toBe((await personIndexes(now, "MARYJANE O'BRIEN", '1980-02-29')).findIndex);
    expect(person.birth_index).toBe((await personIndexes(now, '', '1980-02-29')).birthIndex);

    const section = (await row<{ answers_sealed: string; key_id: string }>('SELECT * FROM assessment_sections WHERE assessment_id = ?', records.assessmentId))!;
    expect(section.key_id).toBe(now.currentId);
    expect(JSON.parse(await now.open(section.answers_sealed, sealContext.section(records.assessmentId, 1, 'housing')))).toEqual({ 'sleeping-rough': 'yes' });
    const dispute = (await row<{ reason_sealed: string; resolution_sealed: string | null; key_id: string }>('SELECT * FROM assessment_disputes WHERE id = ?', records.disputeId))!;
    expect(dispute.key_id).toBe(now.currentId);
    expect(await now.open(dispute.reason_sealed, sealContext.disputeReason(records.disputeId))).toBe('Moved to Banbury in March');
    expect(dispute.resolution_sealed).toBeNull();
  });

  it('leaves alone, and counts, what is under a key the ring no longer holds', async () => {
    const gone = KeyRing.parse(newKeyRingValue('k9'));
    const records = await sealedRecords(gone, 'Sam Lost');
    await resealBatch(env.DB, ring(), 100);
    const remaining = await sealedRemaining(env.DB, ring());
    expect(remaining.people.lost).toBeGreaterThanOrEqual(1);
    expect(remaining.users.lost).toBeGreaterThanOrEqual(1);
    expect((await row<{ key_id: string }>('SELECT key_id FROM people WHERE id = ?', records.personId))!.key_id).toBe('k9');
    await env.DB.prepare("DELETE FROM assessment_disputes WHERE key_id = 'k9'").run();
    await env.DB.prepare("DELETE FROM assessment_sections WHERE key_id = 'k9'").run();
    await env.DB.prepare('DELETE FROM assessments WHERE person_id = ?').bind(records.personId).run();
    await env.DB.prepare("DELETE FROM people WHERE key_id = 'k9'").run();
    await env.DB.prepare("UPDATE users SET totp_secret = NULL WHERE totp_secret LIKE 'v1.k9.%'").run();
  });

  it('never overwrites a value saved between the read and the write', async () => {
    const records = await sealedRecords(oldRing(), 'Alex Race');
    // A save made meanwhile under the current key (as the assessment area would) is what stays.
    const saved = await ring().seal('{"sleeping-rough":"no"}', sealContext.section(records.assessmentId, 1, 'housing'));
    const staleRing = ring();
    const open = staleRing.open.bind(staleRing);
    staleRing.open = async (value, context) => {
      if (context === sealContext.section(records.assessmentId, 1, 'housing')) {
        await env.DB.prepare('UPDATE assessment_sections SET answers_sealed = ? WHERE assessment_id = ?').bind(saved, records.assessmentId).run();
      }
      return open(value, context);
    };
    await resealBatch(env.DB, staleRing, 100);
    expect((await row<{ s: string }>('SELECT answers_sealed AS s FROM assessment_sections WHERE assessment_id = ?', records.assessmentId))!.s).toBe(saved);
  });
});

describe('the scheduled run', () => {
  it('re-seals by itself once a new key is prepended to HEARD_KEYS', async () => {
    await sealedRecords(oldRing(), 'Jo Scheduled');
    const rotated = `${newKeyRingValue('k3')},${env.HEARD_KEYS}`;
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), { ...env, HEARD_KEYS: rotated }, ctx);
    await waitOnExecutionContext(ctx);
    const remaining = await sealedRemaining(env.DB, KeyRing.parse(rotated));
    for (const table of Object.values(remaining)) expect(table).toEqual({ old: 0, lost: 0 });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM people WHERE key_id <> 'k3'").first('n')).toBe(0);
  });
});
