// /staff, where everyone lands after signing in: what waits for each of their roles, and their
// organisation's own page, which only its members may open.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createStaff, signIn } from '../helpers/staff';

const HEADINGS = { 'deployment-admin': 'People', moderator: 'Feedback to read', facilitator: 'Feedback sessions', assessor: 'Trusted assessments', commissioner: 'Reports' } as const;

describe('the staff home page', () => {
  it('shows each person what waits for their own roles, and nothing for roles they lack', async () => {
    for (const [role, heading] of Object.entries(HEADINGS)) {
      const page = await (await (await signIn(await createStaff(role as keyof typeof HEADINGS, 'homeless-oxfordshire'))).get('/staff')).text();
      expect(page, role).toContain(`<h2 class="govuk-heading-m">${heading}</h2>`);
      for (const [other, otherHeading] of Object.entries(HEADINGS)) {
        if (other !== role && otherHeading !== heading) expect(page, `${role} sees no ${other} box`).not.toContain(`<h2 class="govuk-heading-m">${otherHeading}</h2>`);
      }
    }
  });

  it('counts the responses that have come in for a moderator, and links to the queue', async () => {
    const version = (await env.DB.prepare("SELECT current_version_id AS v FROM forms WHERE id = 'service-feedback'").first<{ v: string }>())!.v;
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    await env.DB.batch(
      [1, 2, 3].map((i) => env.DB.prepare("INSERT INTO responses (id, form_version_id, channel, locale, submitted_at) VALUES (?, ?, 'online', 'en', ?)").bind(`home-${i}`, version, hour)),
    );
    const total = (await env.DB.prepare('SELECT count(*) AS n FROM responses').first<{ n: number }>())!.n;
    const page = await (await (await signIn(await createStaff('moderator', 'homeless-oxfordshire'))).get('/staff')).text();
    expect(page).toContain(`${total} responses have come in.`);
    expect(page).toContain('href="/moderate"');
  });

  it('gives a deployment admin one people box, not a second one for an organisation they also administer', async () => {
    const both = await createStaff('deployment-admin', 'oxfordshire-county-council');
    await env.DB.prepare("INSERT INTO memberships (user_id, organisation_id, role) VALUES (?, 'oxfordshire-county-council', 'org-admin')").bind(both.id).run();
    const page = await (await (await signIn(both)).get('/staff')).text();
    expect(page.split('<h2 class="govuk-heading-m">People</h2>').length - 1).toBe(1);
    expect(page).toContain('across all organisations');
  });
});

describe("an organisation's page", () => {
  it('lists its members for anyone in it, and is closed to everyone else', async () => {
    const member = await createStaff('facilitator', 'leaf');
    const v = await signIn(member);
    const page = await v.get('/staff/organisations/leaf');
    expect(page.status).toBe(200);
    const name = (await env.DB.prepare('SELECT name FROM users WHERE id = ?').bind(member.id).first<{ name: string }>())!.name;
    expect(await page.text()).toContain(`<td class="govuk-table__cell">${name}</td>`);
    const elsewhere = await v.get('/staff/organisations/st-mungos');
    expect(elsewhere.status).toBe(403);
    expect(await elsewhere.text()).toContain('You do not have access to this page');
  });
});
