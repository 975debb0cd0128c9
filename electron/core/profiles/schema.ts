import { z } from 'zod';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export const guid = z.string().regex(GUID, 'must be a GUID like 00000000-0000-0000-0000-000000000000');

/** Jamf Connect's default ROPG scopes (baseline scopes — see graph-facts §2.9 for why that matters). */
export const DEFAULT_ROPG_SCOPES = ['openid', 'profile', 'email'] as const;

export const ProfileNameSchema = z.string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/i, 'use letters, digits, ".", "_" or "-" (max 63), starting with a letter or digit');

export const TenantProfileSchema = z.object({
  name: ProfileNameSchema,
  /** Free text shown in the UI ("Contoso (prod)"). */
  displayName: z.string().max(200).optional(),
  /** Tenant id (GUID) or a verified domain (contoso.onmicrosoft.com). For the emulator, the running emulator's tenant wins. */
  tenant: z.string().refine((v) => GUID.test(v) || DOMAIN.test(v) || v === 'emulator',
    'must be a tenant id (GUID) or a domain such as contoso.onmicrosoft.com'),
  /** Application (client) id of the admin's own public-client app registration (docs/app-registration.md). */
  clientId: guid,
  cloud: z.enum(['public', 'usgov', 'china', 'emulator']),
  jamfConnect: z.object({
    /** Client ids Jamf Connect signs in with: OIDCROPGID / OIDCClientID / IdPSettings.ROPGID. */
    clientIds: z.array(guid).max(20).default([]),
    /** App id of Jamf's custom "Conditional Access Policy API" app, when the tenant uses one. */
    apiAppId: guid.optional(),
    /** Scopes the ROPG check requests (ROPGScopes), e.g. ["api://<apiAppId>/jamfconnect","openid","email","profile"]. */
    ropgScopes: z.array(z.string().min(1).max(300)).max(30).default([...DEFAULT_ROPG_SCOPES]),
    /** Where the ids came from, for the UI: 'manual', 'service-principals', 'config-profile:<file>'. */
    source: z.string().max(300).optional(),
  }).default({ clientIds: [], ropgScopes: [...DEFAULT_ROPG_SCOPES] }),
  exemption: z.object({
    attributeSet: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'attribute set names are 1–32 letters or digits').default('JamfConnect'),
    attributeName: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'attribute names are 1–32 letters or digits').default('isExemptMFA'),
    value: z.string().min(1).max(64).default('Exempt'),
  }).default({ attributeSet: 'JamfConnect', attributeName: 'isExemptMFA', value: 'Exempt' }),
  /** Sign-ins older than this are purged from the cache. Entra keeps 30 days with P1/P2. */
  retentionDays: z.number().int().min(1).max(3650).default(30),
  /** Emulator only: which demo operator the scripted sign-in picks. */
  emulatorOperator: z.string().max(200).optional(),
}).strict();

export type TenantProfile = z.output<typeof TenantProfileSchema>;
export type TenantProfileInput = z.input<typeof TenantProfileSchema>;
