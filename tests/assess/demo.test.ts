// The demo's trusted assessment (seeds/demo/assessment.ts), loaded as `npm start` loads it but sealed
// with the test ring: it opens for St Mungo's and Connection Support, not A2Dominion, and neither Sam
// Demo's name nor any of the answers is anywhere in the database in the clear.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoStaffStatements } from '../../seeds/demo-staff';
import { demoAssessmentStatements, SAM_DEMO, SAM_DISPUTE, samAnswers, samBirthDate } from '../../seeds/demo/assessment';
import { seededVersions } from '../../seeds/index';
import { createStaff, signIn } from '../helpers/staff';

const id = SAM_DEMO.assessmentId;

async function load() {
  const versionId = (await seededVersions()).get('trusted-assessment')!.versionId;
  const statements = await demoAssessmentStatements(env.HEARD_KEYS, versionId);
  await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
  return statements;
}

beforeAll(async () => {
  await env.DB.batch((await demoStaffStatements()).map((s) => env.DB.prepare(s)));
  await load();
});

/** Every answer Sam gave in words (not the choices' values), the name, the date of birth and the dispute. */
function secrets(): string[] {
  const words = Object.values(samAnswers(samBirthDate(Date.now()), '2000-01-01'))
    .flatMap((s) => Object.values(s))
    .filter((v): v is string => typeof v === 'string' && v.includes(' '));
  return [SAM_DEMO.name, SAM_DEMO.name.toLowerCase(), samBirthDate(Date.now()), SAM_DISPUTE.reason, SAM_DISPUTE.resolution, ...words];
}

describe('the demo trusted assessment', () => {
  it('opens for the St Mungo’s assessor and Connection Support, never A2Dominion', async () => {
    const own = await (await signIn(await createStaff('assessor', 'st-mungos'))).get(`/assess/${id}`);
    expect(own.status).toBe(200);
    const page = await own.text();
    expect(page).toContain('Sam Demo');
    expect(page).toContain(SAM_DEMO.reference);
    expect(page).toContain('Biscuit, a four-year-old Staffordshire cross');
    expect(page).toContain('Resolved disputes (1)');
    expect(page).toContain('Review date');

    const shared = await (await signIn(await createStaff('assessor', 'connection-support'))).get(`/assess/${id}`);
    expect(shared.status).toBe(200);
    const sharedPage = await shared.text();
    expect(sharedPage).toContain('Sam Demo');
    expect(sharedPage).toContain('stopped the replacement licence application');

    const outside = await (await signIn(await createStaff('assessor', 'a2dominion'))).get(`/assess/${id}`);
    expect(outside.status).toBe(404);
    expect(await outside.text()).not.toContain('Sam Demo');
  });

  it('leaves no name, date of birth or answer in the clear in any table, also after a second seed', async () => {
    await load();
    const tables = (await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'").all<{ name: string }>()).results.map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['people', 'assessment_sections', 'assessment_disputes', 'assessment_access_log']));
    const all = secrets();
    expect(all.length).toBeGreaterThan(35);
    for (const table of tables) {
      const raw = JSON.stringify((await env.DB.prepare(`SELECT * FROM "${table}"`).all()).results);
      for (const secret of all) expect(raw.includes(secret), `${secret.slice(0, 40)}… in ${table}`).toBe(false);
    }
    // Seeding twice keeps one of everything.
    expect((await env.DB.prepare('SELECT count(*) AS n FROM assessment_sections WHERE assessment_id = ?').bind(id).first<{ n: number }>())!.n).toBe(8);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM assessment_access_log WHERE assessment_id = ? AND action = 'completed'").bind(id).first<{ n: number }>())!.n).toBe(1);
  });

  it('has a review date about five months ahead', async () => {
    const v = await env.DB.prepare('SELECT review_on AS r FROM assessment_versions WHERE assessment_id = ?').bind(id).first<{ r: number }>();
    const months = (v!.r - Date.now()) / (30 * 86_400_000);
    expect(months).toBeGreaterThan(4.5);
    expect(months).toBeLessThan(5.5);
  });
});
