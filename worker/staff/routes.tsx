// /staff: where every signed-in person lands, showing what waits for their roles.
import { inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { allow, allowInOrganisation } from '../auth/policy';
import { staffSummary } from '../auth/staff-summary';
import { database } from '../db/client';
import { organisations, ROLES } from '../db/schema';
import type { AppEnv } from '../env';
import { Problem } from '../http/problems';
import { validate } from '../http/validate';
import { html } from '../views/render';
import { homeCounts, organisationWithMembers } from './queries';
import { OrganisationPage, StaffHomePage } from './views';

export const staffHome = new Hono<AppEnv>()
  .get('/staff', allow(...ROLES), async (c) => {
    const staff = c.get('staff');
    const db = database(c.env.DB);
    const ids = [...new Set(staff.memberships.map((m) => m.organisationId))];
    const [counts, mine] = await Promise.all([
      homeCounts(db, [...new Set(staff.memberships.filter((m) => m.role === 'facilitator').map((m) => m.organisationId))]),
      ids.length ? db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids)).all() : [],
    ]);
    return c.html(html(<StaffHomePage me={staffSummary(staff)} counts={counts} organisations={mine} />));
  })

  .get('/staff/organisations/:org', allowInOrganisation('org', ...ROLES), validate('param', z.object({ org: z.string().max(100) })), async (c) => {
    const found = await organisationWithMembers(database(c.env.DB), c.req.valid('param').org);
    if (!found) throw new Problem('not-found');
    return c.html(html(<OrganisationPage me={staffSummary(c.get('staff'))} name={found.organisation.name} members={found.members} />));
  });

