/** Accounts the demo pages offer, and the tenant segment of authority URLs. */
import type { EmulatorState } from '../state.js';
import { userExtras } from '../extras.js';
import type { AccountChoice } from './pages.js';

/**
 * Operator accounts: users flagged `x-emulator.operator`, else users holding a directory role,
 * else (a bare tenant) every user. Role names come from the user's directoryRole entries.
 */
export function operatorAccounts(state: EmulatorState): AccountChoice[] {
  const users = state.snapshot.users.filter((u) => typeof u.userPrincipalName === 'string' && typeof u.id === 'string');
  const describe = (u: (typeof users)[number]): AccountChoice => ({
    userPrincipalName: String(u.userPrincipalName),
    displayName: typeof u.displayName === 'string' ? u.displayName : String(u.userPrincipalName),
    roles: state.memberOf(String(u.id))
      .filter((o) => typeof o['@odata.type'] === 'string' && (o['@odata.type'] as string).toLowerCase() === '#microsoft.graph.directoryrole')
      .map((o) => (typeof o.displayName === 'string' ? o.displayName : String(o.roleTemplateId))),
  });
  const flagged = users.filter((u) => userExtras(u).operator === true);
  if (flagged.length) return flagged.map(describe);
  const withRoles = users.map(describe).filter((a) => a.roles.length > 0);
  return withRoles.length ? withRoles : users.slice(0, 100).map(describe);
}

/** Does an authority tenant segment name this tenant? (id, common, organizations, a verified domain) */
export function tenantMatches(state: EmulatorState, segment: string): boolean {
  const s = segment.toLowerCase();
  return s === state.tenantId.toLowerCase() || s === 'common' || s === 'organizations' || state.domains.includes(s);
}
