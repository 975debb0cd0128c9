import type { CloudProfile, EmulatorCloud } from '../net/clouds.js';
import { CLOUDS, emulatorCloud } from '../net/clouds.js';
import { createTransport, type Transport } from '../net/transport.js';
import { AppError } from '../graph/app-error.js';
import type { TenantProfile } from '../profiles/schema.js';

/** A running emulator to connect the demo / emulator profile to (what startEmulator returns). */
export interface EmulatorEndpoint {
  readonly origin: string;
  readonly tenantId: string;
  readonly caCertPem: string;
}

/** Everything needed to talk to one tenant: cloud endpoints, tenant, and the network seam. */
export interface TenantConnection {
  readonly profile: TenantProfile;
  readonly cloud: CloudProfile | EmulatorCloud;
  /** Tenant id or domain as the authority path segment. */
  readonly tenant: string;
  /** MSAL authority URL. */
  readonly authority: string;
  readonly transport: Transport;
}

export function isEmulatorCloud(cloud: CloudProfile): cloud is EmulatorCloud {
  return cloud.name === 'emulator';
}

/**
 * Resolves a profile to endpoints. Microsoft clouds use the global fetch (system trust); an
 * emulator profile needs the running emulator's origin and CA, trusted for that origin only.
 */
export function connect(profile: TenantProfile, emulator?: EmulatorEndpoint, transport?: Transport): TenantConnection {
  if (profile.cloud === 'emulator') {
    if (!emulator) {
      throw new AppError('invalid_input',
        `Profile '${profile.name}' uses the emulator, but no emulator is running. Start one with 'lockout-lens emulator' (or use the app's demo mode).`);
    }
    const cloud = emulatorCloud(emulator.origin, emulator.tenantId);
    return {
      profile, cloud, tenant: emulator.tenantId, authority: cloud.authority,
      transport: transport ?? createTransport({ trust: { origin: emulator.origin, caPem: emulator.caCertPem } }),
    };
  }
  const cloud = CLOUDS[profile.cloud];
  return {
    profile, cloud, tenant: profile.tenant, authority: `${cloud.authorityHost}/${profile.tenant}`,
    transport: transport ?? createTransport(),
  };
}
