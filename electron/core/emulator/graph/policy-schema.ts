/**
 * The conditionalAccessPolicy body Graph accepts (graph-facts §2.1–§2.3). Anything else — an
 * unknown property, a wrong type — is what Graph answers with 400 "1007: Incoming
 * ConditionalAccessPolicy object is null or does not match the schema…" (§2.4, §2.5).
 * OData annotations (`@odata.*`, `x@odata.type`) are allowed anywhere and dropped before checking.
 */
import { z } from 'zod';

const strs = z.array(z.string());
const withType = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ ...shape, '@odata.type': z.string().optional() });
const filter = withType({ mode: z.enum(['include', 'exclude']), rule: z.string() });
const guests = withType({
  guestOrExternalUserTypes: z.string(),
  externalTenants: withType({ membershipKind: z.string().optional(), members: strs.optional() }).nullable().optional(),
});

export const conditionChildren = {
  applications: withType({
    includeApplications: strs.optional(), excludeApplications: strs.optional(), includeUserActions: strs.optional(),
    includeAuthenticationContextClassReferences: strs.optional(), applicationFilter: filter.nullable().optional(),
    globalSecureAccess: z.unknown().optional(), networkAccess: z.unknown().optional(),
  }),
  users: withType({
    includeUsers: strs.optional(), excludeUsers: strs.optional(), includeGroups: strs.optional(), excludeGroups: strs.optional(),
    includeRoles: strs.optional(), excludeRoles: strs.optional(),
    includeGuestsOrExternalUsers: guests.nullable().optional(), excludeGuestsOrExternalUsers: guests.nullable().optional(),
  }),
  clientApplications: withType({
    includeServicePrincipals: strs.optional(), excludeServicePrincipals: strs.optional(), servicePrincipalFilter: filter.nullable().optional(),
    includeAgentIdServicePrincipals: strs.optional(), excludeAgentIdServicePrincipals: strs.optional(), agentIdServicePrincipalFilter: filter.nullable().optional(),
  }),
  clientAppTypes: strs,
  platforms: withType({ includePlatforms: strs.optional(), excludePlatforms: strs.optional() }),
  locations: withType({ includeLocations: strs.optional(), excludeLocations: strs.optional() }),
  devices: withType({
    deviceFilter: filter.nullable().optional(),
    includeDevices: strs.optional(), excludeDevices: strs.optional(), includeDeviceStates: strs.optional(), excludeDeviceStates: strs.optional(),
  }),
  signInRiskLevels: strs,
  userRiskLevels: strs,
  servicePrincipalRiskLevels: strs,
  agentIdRiskLevels: z.string(),
  insiderRiskLevels: z.string(),
  authenticationFlows: withType({ transferMethods: z.string() }),
  deviceStates: withType({ includeStates: strs.optional(), excludeStates: strs.optional() }),
  times: z.unknown(),
} as const;

type ChildName = keyof typeof conditionChildren;
export const CONDITION_CHILDREN = Object.keys(conditionChildren) as ChildName[];

const conditions = z.strictObject(Object.fromEntries(CONDITION_CHILDREN.map((k) => [k, conditionChildren[k].nullable().optional()])) as { [K in ChildName]: z.ZodOptional<z.ZodNullable<(typeof conditionChildren)[K]>> });

const grantControls = withType({
  operator: z.string().regex(/^(AND|OR)$/i),
  builtInControls: strs.optional(),
  customAuthenticationFactors: strs.optional(),
  termsOfUse: strs.optional(),
  authenticationStrength: z.looseObject({}).nullable().optional(),
});

const sessionControls = withType({
  applicationEnforcedRestrictions: z.looseObject({}).nullable().optional(),
  cloudAppSecurity: z.looseObject({}).nullable().optional(),
  persistentBrowser: z.looseObject({}).nullable().optional(),
  signInFrequency: z.looseObject({}).nullable().optional(),
  disableResilienceDefaults: z.boolean().nullable().optional(),
  continuousAccessEvaluation: z.looseObject({}).nullable().optional(),
  secureSignInSession: z.looseObject({}).nullable().optional(),
  globalSecureAccessFilteringProfile: z.looseObject({}).nullable().optional(),
  networkAccessSecurity: z.looseObject({}).nullable().optional(),
});

const STATES = ['enabled', 'disabled', 'enabledForReportingButNotEnforced'] as const;
const readOnly = { id: z.string().optional(), createdDateTime: z.string().nullable().optional(), modifiedDateTime: z.string().nullable().optional(), deletedDateTime: z.string().nullable().optional() };

export const policyCreateSchema = withType({
  ...readOnly,
  displayName: z.string().min(1),
  description: z.string().nullable().optional(),
  state: z.enum(STATES),
  templateId: z.string().nullable().optional(),
  partialEnablementStrategy: z.string().nullable().optional(),
  conditions: conditions.extend({ applications: conditionChildren.applications, users: conditionChildren.users }),
  grantControls: grantControls.nullable().optional(),
  sessionControls: sessionControls.nullable().optional(),
});

export const policyPatchSchema = withType({
  ...readOnly,
  displayName: z.string().min(1).optional(),
  description: z.string().nullable().optional(),
  state: z.enum(STATES).optional(),
  templateId: z.string().nullable().optional(),
  partialEnablementStrategy: z.string().nullable().optional(),
  conditions: conditions.optional(),
  grantControls: grantControls.nullable().optional(),
  sessionControls: sessionControls.nullable().optional(),
});

/** Beta-only members of conditions (graph-facts §2.2): v1.0 rejects them as unknown properties. */
export const BETA_ONLY_CONDITION_PATHS: readonly (readonly string[])[] = [
  ['deviceStates'], ['agentIdRiskLevels'], ['devices', 'includeDevices'], ['devices', 'excludeDevices'],
  ['devices', 'includeDeviceStates'], ['devices', 'excludeDeviceStates'], ['applications', 'globalSecureAccess'], ['applications', 'networkAccess'],
];

/** Drop OData annotations (`@odata.context`, `x@odata.type`) except `@odata.type` itself. */
export function stripAnnotations(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripAnnotations);
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (k.includes('@') && k !== '@odata.type') continue;
    out[k] = stripAnnotations(val);
  }
  return out;
}

export const SCHEMA_1007 = '1007: Incoming ConditionalAccessPolicy object is null or does not match the schema of ConditionalAccessPolicy type.';
