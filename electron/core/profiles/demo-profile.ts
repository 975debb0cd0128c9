import { EMULATOR_OPERATOR_CLIENT_ID } from '../emulator/identity/clients.js';
import type { TenantProfile } from './schema.js';
import { DEFAULT_ROPG_SCOPES } from './schema.js';

/**
 * The built-in `demo` profile: the local Entra + Graph emulator with the seeded demo tenant. Its
 * tenant id is the running emulator's (resolved when connecting); the client id is the emulator's
 * well-known "Lockout Lens" registration. Always present, never written to disk, cannot be deleted.
 */
export const DEMO_PROFILE_NAME = 'demo';
export const DEMO_CLIENT_ID = EMULATOR_OPERATOR_CLIENT_ID;

export const demoProfile: TenantProfile = Object.freeze({
  name: DEMO_PROFILE_NAME,
  displayName: 'Demo tenant (built-in emulator)',
  tenant: 'emulator',
  clientId: DEMO_CLIENT_ID,
  cloud: 'emulator',
  jamfConnect: { clientIds: [], ropgScopes: [...DEFAULT_ROPG_SCOPES], source: 'emulator' },
  exemption: { attributeSet: 'JamfConnect', attributeName: 'isExemptMFA', value: 'Exempt' },
  retentionDays: 30,
}) as TenantProfile;
