/**
 * Access to the project's synthetic tenant generator (electron/core/synthetic) for the cases —
 * never a re-implementation. Imported lazily so a case can report "not yet" while it is written.
 */
import type { RawJson } from '../../electron/core/diagnosis/types.js';
import type { GraphObject, TenantSnapshot } from '../../electron/core/snapshot/types.js';
import type { BenchContext } from './case.js';
import type { ContextSource } from './contexts.js';

type SyntheticModule = typeof import('../../electron/core/synthetic/generate.js');
type SignInsModule = typeof import('../../electron/core/synthetic/sign-ins.js');

export async function synthetic(ctx: BenchContext): Promise<SyntheticModule & Pick<SignInsModule, 'syntheticApps' | 'SYNTHETIC_END'>> {
  try {
    const gen = await import('../../electron/core/synthetic/generate.js');
    const si = await import('../../electron/core/synthetic/sign-ins.js');
    return { ...gen, syntheticApps: si.syntheticApps, SYNTHETIC_END: si.SYNTHETIC_END };
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') ctx.notYet(`synthetic generator missing: ${(error as Error).message}`);
    throw error;
  }
}

export interface LoadedTenant extends TenantSnapshot {
  readonly contextSource: ContextSource;
  readonly jamfClientAppId: string;
}

export async function loadTenant(ctx: BenchContext, opts: { users: number; signIns: number; policies: number; seed: number }): Promise<LoadedTenant> {
  const syn = await synthetic(ctx);
  const tenant = syn.generateTenant(opts);
  const apps = syn.syntheticApps(opts.seed);
  const usersById = new Map<string, RawJson>();
  for (const u of tenant.users) if (typeof u.id === 'string') usersById.set(u.id, u);
  return {
    ...tenant,
    jamfClientAppId: apps.jamfClientAppId,
    contextSource: {
      usersById,
      memberships: tenant.transitiveMemberOf as Record<string, GraphObject[]>,
      baselineScopeClients: new Set([apps.jamfClientAppId.toLowerCase()]),
    },
  };
}
