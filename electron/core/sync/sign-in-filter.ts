import { odata, type Filter } from '../graph/odata.js';

/** Interactive and non-interactive user sign-ins — beta returns only interactive ones without this (graph-facts §1.4). */
export const USER_EVENT_TYPES = ['interactiveUser', 'nonInteractiveUser'] as const;

export interface SignInFilterInput {
  /** Client app ids (Jamf Connect's OIDCROPGID / OIDCClientID …); empty = every app. */
  readonly appIds: readonly string[];
  readonly userId?: string;
  /** Used when the user's object id is unknown; Graph stores sign-in UPNs lower-case. */
  readonly upn?: string;
  readonly since?: Date;
  readonly until?: Date;
}

/**
 * One $filter for "these apps, this user, this period, both event types", so a targeted sync is a
 * single paged request instead of one per app and event type.
 */
export function signInFilter(input: SignInFilterInput): Filter {
  return odata.and(
    input.appIds.length ? odata.eqAny('appId', input.appIds) : undefined,
    input.userId ? odata.eq('userId', input.userId) : input.upn ? odata.eq('userPrincipalName', input.upn.toLowerCase()) : undefined,
    input.since ? odata.ge('createdDateTime', input.since) : undefined,
    input.until ? odata.le('createdDateTime', input.until) : undefined,
    odata.anyEq('signInEventTypes', USER_EVENT_TYPES),
  );
}
