import type { Role } from '../db/schema';
import type { Staff } from './sessions';

/** What staff pages need to know about the signed-in person: name, roles and the form token. */
export function staffSummary(staff: Staff) {
  return {
    id: staff.user.id,
    name: staff.user.name,
    roles: [...new Set(staff.memberships.map((m) => m.role))] as Role[],
    csrf: staff.session?.csrfToken ?? '',
  };
}
