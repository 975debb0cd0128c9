/**
 * helper-7's exemption test tenant (test/integration/exemption/snapshot.ts) with a SECOND policy
 * that locks the same user out, so "each policy is either untouched or fully changed" is checked
 * across policies and not only across the steps of one.
 */
import type { TenantSnapshot } from '../../../electron/core/snapshot/types.js';
import { makeSnapshot, POLICY_ID } from '../exemption/snapshot.js';

export const SECOND_POLICY_ID = 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b';
export const POLICY_IDS = [POLICY_ID, SECOND_POLICY_ID] as const;

export function twoPolicySnapshot(): TenantSnapshot {
  const s = makeSnapshot();
  const first = s.conditionalAccessPolicies[0]!;
  return {
    ...s,
    conditionalAccessPolicies: [...s.conditionalAccessPolicies, {
      ...structuredClone(first), id: SECOND_POLICY_ID, displayName: 'Block sign-ins outside managed Macs',
      grantControls: { operator: 'OR', builtInControls: ['block'], customAuthenticationFactors: [], termsOfUse: [] },
    }],
  };
}

/** A policy as the tenant holds it now, serialised: the byte-for-byte comparison after rollback. */
export function policyBytes(state: TenantSnapshot, id: string): string {
  const p = state.conditionalAccessPolicies.find((x) => x.id === id);
  if (!p) throw new Error(`policy ${id} not in the tenant`);
  // modifiedDateTime is the service's own stamp of every write (a rollback is a write), not policy content.
  const { modifiedDateTime: _m, ...rest } = p;
  return JSON.stringify(rest);
}
