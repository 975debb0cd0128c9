/**
 * Opening a tenant session from a snapshot (the demo tenant, an imported case file): index the
 * sign-ins, build the name lookup, work out which client ids are Jamf Connect.
 */
import { inferJamfConfig } from '../core/diagnosis/from-snapshot.js';
import type { GraphObject, TenantSnapshot } from '../core/snapshot/types.js';
import type { TenantSession } from './context.js';
import type { NameLookup } from './policy-summary.js';
import { SignInIndex } from './sign-ins.js';

const str = (o: unknown, key: string): string | null => {
  const v = o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' && v !== '' ? v : null;
};

export function buildNameLookup(snapshot: TenantSnapshot): NameLookup {
  const names = new Map<string, string>();
  const add = (objects: readonly GraphObject[] | undefined, ...keys: string[]) => {
    for (const o of objects ?? []) {
      const name = str(o, 'displayName') ?? str(o, 'userPrincipalName');
      if (!name) continue;
      for (const key of keys) {
        const id = str(o, key);
        if (id) names.set(id.toLowerCase(), name);
      }
    }
  };
  add(snapshot.users, 'id');
  add(snapshot.groups, 'id');
  add(snapshot.directoryRoles, 'id', 'roleTemplateId');
  add(snapshot.servicePrincipals, 'id', 'appId');
  add(snapshot.applications, 'id', 'appId');
  add(snapshot.namedLocations, 'id');
  return { name: (id) => names.get(id.toLowerCase()) ?? null };
}

/** Jamf Connect client ids: the operator's setting wins; else what the diagnosis engine infers from the snapshot. */
export function jamfConnectAppIdsOf(snapshot: TenantSnapshot, configured: readonly string[]): string[] {
  if (configured.length) return [...configured];
  return [...inferJamfConfig(snapshot).jamfConnectAppIds];
}

/**
 * The demo's operator: the first of `meta.operators` holding all three roles an exemption needs
 * (Conditional Access Administrator, Attribute Definition and Attribute Assignment Administrator).
 */
export function demoOperator(snapshot: TenantSnapshot): string | null {
  const operators = ((snapshot.meta as { operators?: unknown } | undefined)?.operators ?? []) as Array<{ userPrincipalName?: unknown; roles?: unknown }>;
  const needed = ['Conditional Access Administrator', 'Attribute Definition Administrator', 'Attribute Assignment Administrator'];
  const admin = operators.find((o) => Array.isArray(o.roles) && needed.every((r) => (o.roles as unknown[]).includes(r)));
  return admin && typeof admin.userPrincipalName === 'string' ? admin.userPrincipalName : null;
}

export function sessionFromSnapshot(
  snapshot: TenantSnapshot,
  params: { mode: 'demo' | 'tenant' | 'caseFile'; configuredAppIds: readonly string[]; online: boolean },
): TenantSession {
  const org = snapshot.organization[0];
  const meta = (snapshot.meta ?? {}) as Record<string, unknown>;
  return {
    mode: params.mode,
    tenantId: str(org, 'id') ?? str(meta, 'tenantId') ?? 'unknown-tenant',
    tenantName: str(org, 'displayName') ?? 'Unnamed tenant',
    operator: params.mode === 'demo' ? demoOperator(snapshot) : str(meta.operator, 'userPrincipalName'),
    asOf: str(meta, 'generatedAt'),
    online: params.online,
    snapshot,
    signIns: new SignInIndex(snapshot.signIns),
    names: buildNameLookup(snapshot),
    jamfConnectAppIds: jamfConnectAppIdsOf(snapshot, params.configuredAppIds),
  };
}
