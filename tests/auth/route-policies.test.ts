// Walks every route the app registers: each must declare who may use it, and each staff route
// must answer anonymous people and every role as its policy says.
import { describe, expect, it } from 'vitest';
import { policyOf, type Policy } from '../../worker/auth/policy';
import { buildApp } from '../../worker/app';
import { ROLES, type Role } from '../../worker/db/schema';
import { createStaff, csrfOf, signIn, type TestStaff } from '../helpers/staff';
import { Visitor } from '../helpers/visitor';

interface Route {
  method: string;
  path: string;
  policy: Policy | undefined;
}

function registeredRoutes(): Route[] {
  const groups = new Map<string, Route>();
  for (const r of buildApp().routes) {
    // Middleware for every path (headers, CSRF, body limit) is registered on /*: not a route.
    if (r.method === 'ALL' || r.path === '/*') continue;
    const key = `${r.method} ${r.path}`;
    const route = groups.get(key) ?? { method: r.method, path: r.path, policy: undefined };
    route.policy ??= policyOf(r.handler);
    groups.set(key, route);
  }
  return [...groups.values()];
}

describe('every route declares its policy', () => {
  const routes = registeredRoutes();

  it('finds the routes of every area', () => {
    const paths = routes.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(expect.arrayContaining(['GET /f/:slug', 'POST /login', 'GET /staff', 'GET /admin', 'GET /admin/audit', 'GET /staff/organisations/:org']));
    expect(routes.length).toBeGreaterThan(30);
  });

  it('has no route without a policy', () => {
    const missing = routes.filter((r) => !r.policy).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('answers anonymous people and each role as the policy says', async () => {
    const people = {} as Record<Role, { staff: TestStaff; visitor: Visitor }>;
    for (const role of ROLES) {
      const staff = await createStaff(role, 'homeless-oxfordshire');
      people[role] = { staff, visitor: await signIn(staff) };
    }
    // In the walkers' own organisation, so an organisation admin may reach them too (other organisations: tests/auth/admin-scope.test.ts).
    const target = await createStaff('commissioner', 'homeless-oxfordshire', { totp: false });
    const fill = (path: string) => path.replace(':id', target.id).replace(':org', 'homeless-oxfordshire').replace(':framework', 'oxfordshire-countywide').replace(':code', '5.6').replace(':slug', 'service-feedback');
    // Pages about one thing (a response, a snapshot, an action) get a staff account's id, find nothing, and say so.
    const aboutOneThing = (path: string) => /^\/(moderate\/responses|moderate\/second-coding|reports\/snapshots|reports\/actions|sessions|assess)\/:id/.test(path);

    const staffRoutes = routes.filter((r): r is Route & { policy: Extract<Policy, { kind: 'staff' }> } => r.policy?.kind === 'staff');
    expect(staffRoutes.length).toBeGreaterThan(10);
    const checked: string[] = [];
    for (const route of staffRoutes) {
      const path = fill(route.path);
      const label = `${route.method} ${route.path}`;

      const anonymous = new Visitor();
      const anon = route.method === 'GET' ? await anonymous.get(path) : await anonymous.post(path, { csrf: 'x' });
      if (route.method === 'GET') {
        expect(anon.status, `${label} anonymous`).toBe(303);
        expect(Visitor.location(anon), `${label} anonymous`).toBe(`/login?next=${encodeURIComponent(path)}`);
      } else {
        expect(anon.status, `${label} anonymous`).toBe(403);
        expect(await anon.text()).toContain('You are signed out');
      }

      for (const role of ROLES) {
        const { visitor } = people[role];
        const allowed = route.policy.roles.includes(role);
        // A role may see a page but must not run the action that ends its own session first.
        if (allowed && route.method === 'POST' && /logout/.test(route.path)) continue;
        const res = route.method === 'GET' ? await visitor.get(path) : await visitor.post(path, { csrf: await csrfOf(visitor), name: '', email: '', organisation: 'leaf', role: 'commissioner' });
        if (allowed) {
          // A page answers 200; an action gets past its policy (what it then does depends on its input).
          // `:id` is a staff account's id: a page about something else (a response) finds nothing, and says so with a 404, never a 500.
          if (route.method === 'GET') expect(res.status, `${label} as ${role}`).toBe(aboutOneThing(route.path) ? 404 : 200);
          else expect([200, 303, 404, 422], `${label} as ${role}`).toContain(res.status);
          if (res.status === 303) expect(Visitor.location(res), `${label} as ${role}`).not.toMatch(/^\/login/);
        } else {
          expect(res.status, `${label} as ${role}`).toBe(403);
          expect(await res.text(), `${label} as ${role}`).toContain('You do not have access to this page');
        }
        await res.arrayBuffer().catch(() => undefined);
      }
      checked.push(label);
    }
    expect(checked).toEqual(staffRoutes.map((r) => `${r.method} ${r.path}`));

    // A device's routes (a kiosk tablet's /k...) send anyone whose browser is not in that mode, signed in
    // or not, whatever their role, to the home page: never a page, never a 4xx or 500.
    const deviceRoutes = routes.filter((r) => r.policy?.kind === 'device');
    expect(deviceRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['GET /k', 'POST /k/start', 'GET /k/sent', 'POST /k/leave']));
    for (const route of deviceRoutes) {
      const label = `${route.method} ${route.path}`;
      for (const visitor of [new Visitor(), ...ROLES.map((role) => people[role].visitor)]) {
        const res = route.method === 'GET' ? await visitor.get(route.path) : await visitor.post(route.path, { csrf: 'x', pin: '1234', lang: 'en' });
        expect(res.status, label).toBe(303);
        expect(Visitor.location(res), label).toBe('/');
      }
    }
  }, 60_000); // every route as every role: its time grows with the app and with the machine's load
});
