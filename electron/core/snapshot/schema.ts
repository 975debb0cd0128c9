/**
 * zod schema of the tenant snapshot file (docs/snapshot-format.md).
 *
 * Deliberately loose: every object is a `looseObject`, so unknown properties pass, and only the
 * properties other parts of the app rely on are typed (ids, appIds, UPNs, role template ids,
 * policy state, sign-in time and status). The schema *validates*; the loader returns the object
 * JSON.parse produced, not zod's copy — so unknown keys and key order survive untouched and a
 * round trip is byte-stable.
 *
 * Nullable where Graph returns null, and policies may lack `conditions` (odd shapes must reach the
 * evaluator, which reports "cannot evaluate" instead of a parser dropping them).
 */
import { z } from 'zod';

/** Highest `formatVersion` this build reads. A newer file is refused with a clear message. */
export const SNAPSHOT_FORMAT_VERSION = 1;

/** The collections of a snapshot, in the order the serializer writes them. */
export const COLLECTION_KEYS = [
  'organization',
  'users',
  'groups',
  'directoryRoles',
  'servicePrincipals',
  'applications',
  'attributeSets',
  'customSecurityAttributeDefinitions',
  'conditionalAccessPolicies',
  'namedLocations',
  'signIns',
] as const;
export type CollectionKey = (typeof COLLECTION_KEYS)[number];

/** Top-level key order of a serialized snapshot; unknown top-level keys follow in their own order. */
export const TOP_LEVEL_ORDER = [
  'formatVersion',
  'meta',
  'organization',
  'users',
  'groups',
  'directoryRoles',
  'transitiveMemberOf',
  'servicePrincipals',
  'applications',
  'attributeSets',
  'customSecurityAttributeDefinitions',
  'conditionalAccessPolicies',
  'namedLocations',
  'signIns',
] as const;

const id = z.string({ error: 'must be a string' }).min(1, 'must not be empty');
const optString = z.string().nullable().optional();
const optBool = z.boolean().nullable().optional();
/** Graph DateTimeOffset as it appears in JSON: `2026-11-20T08:41:12Z` (fraction and offset allowed). */
const dateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, 'must be an ISO 8601 date-time like 2026-11-20T08:41:12Z');

/**
 * Emulator-only per-user extras under `users[i]["x-emulator"]`. Graph never returns this key;
 * the emulator strips it from responses and uses it to answer ROPG password checks.
 */
export const emulatorUserExtrasSchema = z.looseObject({
  /** The demo password the emulator's token endpoint accepts for this user. */
  password: z.string().optional(),
  /** Password accepted but expired → AADSTS50055. */
  passwordExpired: z.boolean().optional(),
  /** Smart lockout engaged → AADSTS50053. */
  lockedOut: z.boolean().optional(),
  /** Offered on the emulator's interactive sign-in page. */
  operator: z.boolean().optional(),
  /** Where this user's simulated sign-ins come from by default. */
  ipAddress: z.string().optional(),
  country: z.string().optional(),
  city: z.string().optional(),
  /** The user's Mac: the Jamf Connect profile a simulated login uses, and the password it holds. */
  mac: z
    .looseObject({
      deviceName: z.string().optional(),
      clientAppId: z.string().optional(),
      ropgScopes: z.array(z.string()).optional(),
      localPassword: z.string().optional(),
    })
    .optional(),
});

export const organizationSchema = z.looseObject({
  id,
  displayName: optString,
  assignedPlans: z.array(z.looseObject({})).nullable().optional(),
});

export const userSchema = z.looseObject({
  id,
  userPrincipalName: z.string({ error: 'must be a string (every user has a UPN)' }),
  displayName: optString,
  accountEnabled: optBool,
  userType: optString,
  'x-emulator': emulatorUserExtrasSchema.optional(),
});

export const groupSchema = z.looseObject({ id, displayName: optString });

export const directoryRoleSchema = z.looseObject({
  id,
  displayName: optString,
  /** CA includeRoles/excludeRoles compare template ids, so it is required. */
  roleTemplateId: z.string({ error: 'must be a string (CA compares role template ids)' }),
});

const memberOfEntry = z.looseObject({ id, '@odata.type': z.string().optional() });

export const servicePrincipalSchema = z.looseObject({
  id,
  appId: z.string({ error: 'must be a string' }),
  displayName: optString,
  customSecurityAttributes: z.record(z.string(), z.looseObject({})).nullable().optional(),
});

export const applicationSchema = z.looseObject({
  id,
  appId: z.string({ error: 'must be a string' }),
  displayName: optString,
  isFallbackPublicClient: optBool,
});

export const attributeSetSchema = z.looseObject({ id, description: optString, maxAttributesPerSet: z.number().int().nullable().optional() });

export const customSecurityAttributeDefinitionSchema = z.looseObject({
  id,
  attributeSet: z.string(),
  name: z.string(),
  type: z.string(),
  status: optString,
  isCollection: optBool,
  usePreDefinedValuesOnly: optBool,
  allowedValues: z.array(z.looseObject({ id, isActive: optBool })).optional(),
});

export const conditionalAccessPolicySchema = z.looseObject({
  id,
  displayName: z.string({ error: 'must be a string' }),
  state: z.string({ error: 'must be a string (enabled, disabled, enabledForReportingButNotEnforced)' }),
  conditions: z.looseObject({}).nullable().optional(),
  grantControls: z.looseObject({}).nullable().optional(),
  sessionControls: z.looseObject({}).nullable().optional(),
});

export const namedLocationSchema = z.looseObject({ id, '@odata.type': z.string().optional(), displayName: optString });

export const signInSchema = z.looseObject({
  id,
  createdDateTime: dateTime,
  userId: z.string({ error: 'must be a string' }),
  userPrincipalName: optString,
  appId: optString,
  resourceId: optString,
  status: z.looseObject({ errorCode: z.number().int().nullable().optional() }).nullable().optional(),
  appliedConditionalAccessPolicies: z.array(z.looseObject({ id: z.string().optional() })).nullable().optional(),
});

/** One scripted demo story (`meta.stories[]`): who, what happens, and the verdict it should produce. */
export const storySchema = z.looseObject({
  userPrincipalName: z.string(),
  story: z.string(),
  expectedCause: z.string(),
  expectedErrorCode: z.number().int(),
});

export const metaSchema = z.looseObject({
  generatedAt: dateTime.optional(),
  stories: z.array(storySchema).optional(),
});

export const snapshotSchema = z.looseObject({
  formatVersion: z
    .number()
    .int()
    .positive()
    .max(SNAPSHOT_FORMAT_VERSION, `this build reads formatVersion up to ${SNAPSHOT_FORMAT_VERSION}; the file was written by a newer version`)
    .optional(),
  meta: metaSchema.optional(),
  organization: z.array(organizationSchema).optional(),
  users: z.array(userSchema).optional(),
  groups: z.array(groupSchema).optional(),
  directoryRoles: z.array(directoryRoleSchema).optional(),
  transitiveMemberOf: z.record(z.string(), z.array(memberOfEntry)).optional(),
  servicePrincipals: z.array(servicePrincipalSchema).optional(),
  applications: z.array(applicationSchema).optional(),
  attributeSets: z.array(attributeSetSchema).optional(),
  customSecurityAttributeDefinitions: z.array(customSecurityAttributeDefinitionSchema).optional(),
  conditionalAccessPolicies: z.array(conditionalAccessPolicySchema).optional(),
  namedLocations: z.array(namedLocationSchema).optional(),
  signIns: z.array(signInSchema).optional(),
});
