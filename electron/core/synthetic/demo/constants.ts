/**
 * The fixed facts of the demo organisation "Northwind Trails" — one place for names, dates, ids
 * and networks so the directory, the policies and the sign-ins agree with each other.
 * Everything is fictional: the domain uses the reserved `.example` TLD and all IP addresses come
 * from the documentation ranges (RFC 5737 / RFC 3849), so nothing real is ever contacted.
 */
import { guidFrom } from '../ids.js';

export const DEMO_NS = 'northwind-demo';
export const id = (name: string): string => guidFrom(DEMO_NS, name);

export const DOMAIN = 'northwind-demo.example';
export const INITIAL_DOMAIN = 'northwinddemo.onmicrosoft.example';
export const TENANT_ID = id('tenant');
export const ORG_NAME = 'Northwind Trails AS';

/** The snapshot's "now". Sign-ins cover the 30 days before it. */
export const GENERATED_AT = '2026-11-30T12:00:00Z';
export const WINDOW_DAYS = 30;

/** Dates the stories turn on (all inside the 30-day window). */
export const DATES = {
  /** Microsoft's phased baseline-scope enforcement reached this tenant (graph-facts §2.9). */
  baselineEnforcement: '2026-11-12T00:00:00Z',
  /** CA010 (macOS compliant device pilot) created in report-only… */
  ca010Created: '2026-11-04T10:12:00Z',
  /** …and switched On. */
  ca010Enabled: '2026-11-18T08:30:00Z',
  /** The lab Macs were re-pointed at the new "Jamf Connect (Lab Macs)" app registration. */
  labAppSwitch: '2026-11-16T07:00:00Z',
  /** Nora's account disabled by a mistaken offboarding run. */
  noraDisabled: '2026-11-20T16:05:00Z',
  /** Kari's office is being renovated: she works from home from this day. */
  kariHomeFrom: '2026-11-23T00:00:00Z',
  /** Lars changed his password in the browser; his Mac still has the old one. */
  larsPasswordChange: '2026-11-24T07:55:00Z',
  /** Erik's password reached its 90-day expiry. */
  erikPasswordExpiry: '2026-11-25T00:00:00Z',
  /** Sofie reset her password with SSPR on her phone… */
  sofiePasswordChange: '2026-11-27T08:55:00Z',
  /** …and her Mac kept retrying a stale password until smart lockout engaged. */
  sofieLockout: '2026-11-27T09:35:00Z',
} as const;

export const IP = {
  /** Trusted: HQ Bergen. */
  hqV4: '203.0.113.0/25',
  hqV6: '2001:db8:4a00::/48',
  /** Trusted: Oslo office. */
  osloV4: '203.0.113.128/26',
  /** Untrusted: guest Wi-Fi. */
  guestWifiV4: '198.51.100.240/28',
} as const;

export interface Place {
  readonly city: string;
  readonly state: string;
  readonly countryOrRegion: string;
  readonly latitude: number;
  readonly longitude: number;
}

export const PLACES = {
  bergen: { city: 'Bergen', state: 'Vestland', countryOrRegion: 'NO', latitude: 60.3913, longitude: 5.3221 },
  oslo: { city: 'Oslo', state: 'Oslo', countryOrRegion: 'NO', latitude: 59.9139, longitude: 10.7522 },
  stavanger: { city: 'Stavanger', state: 'Rogaland', countryOrRegion: 'NO', latitude: 58.97, longitude: 5.7331 },
  trondheim: { city: 'Trondheim', state: 'Trøndelag', countryOrRegion: 'NO', latitude: 63.4305, longitude: 10.3951 },
  stockholm: { city: 'Stockholm', state: 'Stockholm', countryOrRegion: 'SE', latitude: 59.3293, longitude: 18.0686 },
  london: { city: 'London', state: 'England', countryOrRegion: 'GB', latitude: 51.5072, longitude: -0.1276 },
} as const satisfies Record<string, Place>;

/** Named location display names (referenced by sign-ins' networkLocationDetails). */
export const LOCATION_NAMES = {
  hq: 'Northwind HQ Bergen',
  oslo: 'Northwind Oslo office',
  guestWifi: 'Guest Wi-Fi (untrusted)',
  allowedCountries: 'Allowed countries',
} as const;

/** The Jamf Connect ROPG scope set Jamf recommends (custom API) vs the default baseline scopes. */
export const JAMF_API_APP_ID = id('app:jamf-connect-ca-api');
export const JAMF_CLIENT_APP_ID = id('app:jamf-connect');
export const JAMF_LAB_CLIENT_APP_ID = id('app:jamf-connect-lab');
export const LOCKOUT_LENS_APP_ID = id('app:lockout-lens');
export const JAMF_API_SCOPE = `api://${JAMF_API_APP_ID}/jamfconnect`;
export const RECOMMENDED_ROPG_SCOPES = [JAMF_API_SCOPE, 'openid', 'email', 'profile'] as const;
export const DEFAULT_ROPG_SCOPES = ['openid', 'profile', 'email'] as const;

/** The custom security attribute that exempts apps (Jamf's documented names). */
export const EXEMPT_ATTRIBUTE = { set: 'JamfConnect', name: 'isExemptMFA', value: 'Exempt' } as const;
export const EXEMPT_FILTER_RULE = `CustomSecurityAttribute.${EXEMPT_ATTRIBUTE.set}_${EXEMPT_ATTRIBUTE.name} -eq "${EXEMPT_ATTRIBUTE.value}"`;

export const JAMF_USER_AGENT = 'JamfConnect/2.45.1 CFNetwork/1568.200.51 Darwin/24.1.0';
