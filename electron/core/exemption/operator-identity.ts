/**
 * Who the operator is, as preflight needs it: delegated scopes and active directory role template
 * ids. Two sources: the access token's `scp` / `wids` claims, and `/me/transitiveMemberOf`
 * directoryRole objects (roleTemplateId). `wids` can be missing or capped (Graph tokens are not
 * meant for the client) and a membership page can be partial, so a role found in either counts.
 */
import { z } from 'zod';

export interface OperatorIdentity {
  readonly userPrincipalName: string;
  readonly scopes: readonly string[];
  readonly roleTemplateIds: readonly string[];
  /** Where the role list came from, for the preflight message. */
  readonly roleSource: 'token-wids' | 'transitiveMemberOf' | 'both' | 'none';
}

const claimsSchema = z.object({
  scp: z.string().optional(),
  wids: z.array(z.string()).optional(),
  upn: z.string().optional(),
  preferred_username: z.string().optional(),
}).passthrough();

export type TokenClaims = z.infer<typeof claimsSchema>;

/** Decodes a JWT's payload without verifying it — we read our own token to explain, never to authorise. */
export function decodeTokenClaims(accessToken: string): TokenClaims {
  const parts = accessToken.split('.');
  if (parts.length < 2 || !parts[1]) throw new Error('access token is not a JWT (cannot read its scopes)');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    throw new Error('access token payload is not JSON (cannot read its scopes)');
  }
  return claimsSchema.parse(json);
}

/** Role template ids of the directoryRole objects in a /me/transitiveMemberOf answer. */
export function rolesFromTransitiveMemberOf(objects: readonly unknown[]): string[] {
  const ids: string[] = [];
  for (const o of objects) {
    if (!o || typeof o !== 'object') continue;
    const r = o as Record<string, unknown>;
    // Only directoryRole objects carry roleTemplateId; a $select may drop @odata.type, so accept its absence.
    const type = r['@odata.type'];
    if ((type === undefined || type === '#microsoft.graph.directoryRole') && typeof r.roleTemplateId === 'string') ids.push(r.roleTemplateId);
  }
  return ids;
}

export function operatorIdentity(input: {
  readonly accessToken?: string;
  readonly claims?: TokenClaims;
  readonly transitiveMemberOf?: readonly unknown[];
  readonly userPrincipalName?: string;
}): OperatorIdentity {
  const claims = input.claims ?? (input.accessToken ? decodeTokenClaims(input.accessToken) : {});
  const scopes = (claims.scp ?? '').split(' ').filter(Boolean);
  const wids = claims.wids ?? [];
  const fromDirectory = input.transitiveMemberOf ? rolesFromTransitiveMemberOf(input.transitiveMemberOf) : null;
  // Union: wids may be capped or absent, a transitiveMemberOf page may be partial; either proves an active role.
  const roleTemplateIds = [...new Set([...(fromDirectory ?? []), ...wids].map((r) => r.toLowerCase()))];
  const roleSource = fromDirectory && wids.length ? 'both' : fromDirectory ? 'transitiveMemberOf' : wids.length ? 'token-wids' : 'none';
  return {
    userPrincipalName: input.userPrincipalName ?? claims.upn ?? claims.preferred_username ?? '(unknown operator)',
    scopes,
    roleTemplateIds,
    roleSource,
  };
}
