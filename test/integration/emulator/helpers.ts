/**
 * Shared test helpers: a small inline tenant, an emulator started with it, a transport that trusts
 * it, MSAL and graph-client wired through net/, and a scripted browser for the interactive flow.
 */
import { PublicClientApplication, type Configuration } from '@azure/msal-node';
import {
  AuthenticationHandler, Client, RedirectHandler, RedirectHandlerOptions, RetryHandler, RetryHandlerOptions, TelemetryHandler,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import type { TenantSnapshot } from '../../../electron/core/snapshot/types.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator, EMULATOR_OPERATOR_CLIENT_ID, ROLE } from '../../../electron/core/emulator/index.js';
import { createTransport, type Transport } from '../../../electron/core/net/transport.js';
import { emulatorCloud } from '../../../electron/core/net/clouds.js';
import { createMsalNetworkModule } from '../../../electron/core/net/msal-network.js';
import { GraphTransportMiddleware } from '../../../electron/core/net/graph-transport-middleware.js';

export const TENANT_ID = '11111111-2222-4333-8444-555555555555';
export const JAMF_APP_ID = 'aaaaaaaa-0000-4000-8000-000000000001';
export const JAMF_API_APP_ID = 'aaaaaaaa-0000-4000-8000-000000000002';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

export const USERS = {
  admin: { id: 'u0000000-0000-4000-8000-000000000001', upn: 'ada.admin@contoso.test' },
  reader: { id: 'u0000000-0000-4000-8000-000000000002', upn: 'rita.reports@contoso.test' },
  plain: { id: 'u0000000-0000-4000-8000-000000000003', upn: 'paul.plain@contoso.test' },
  csa: { id: 'u0000000-0000-4000-8000-000000000004', upn: 'cara.attributes@contoso.test' },
  mac: { id: 'u0000000-0000-4000-8000-000000000005', upn: 'mia.mac@contoso.test' },
} as const;

const role = (id: string, name: string) => ({ '@odata.type': '#microsoft.graph.directoryRole', id: `r-${id.slice(0, 8)}`, displayName: name, roleTemplateId: id });

export function tinyTenant(over: Partial<TenantSnapshot> = {}): TenantSnapshot {
  const user = (u: { id: string; upn: string }, name: string, extra: Record<string, unknown> = {}) => ({
    id: u.id, userPrincipalName: u.upn, displayName: name, mail: u.upn, givenName: name.split(' ')[0], surname: name.split(' ')[1],
    accountEnabled: true, userType: 'Member', 'x-emulator': { password: 'Correct-Horse-1', operator: true }, ...extra,
  });
  return {
    formatVersion: 1,
    meta: { description: 'inline test tenant' },
    organization: [{ id: TENANT_ID, displayName: 'Contoso Test', verifiedDomains: [{ name: 'contoso.test', isDefault: true }], assignedPlans: [{ service: 'AADPremiumService', capabilityStatus: 'Enabled', servicePlanId: '41781fb2-bc02-4b7c-bd55-b576c07bb09d' }] }],
    users: [
      user(USERS.admin, 'Ada Admin'),
      user(USERS.reader, 'Rita Reports'),
      user(USERS.plain, 'Paul Plain'),
      user(USERS.csa, 'Cara Attributes'),
      user(USERS.mac, 'Mia Mac', { 'x-emulator': { password: 'Mac-Passw0rd', country: 'NO', ipAddress: '203.0.113.7' } }),
    ],
    groups: [{ id: 'g0000000-0000-4000-8000-000000000001', displayName: 'Mac users' }],
    directoryRoles: [],
    transitiveMemberOf: {
      [USERS.admin.id]: [role(ROLE.globalAdministrator, 'Global Administrator')],
      [USERS.reader.id]: [role(ROLE.reportsReader, 'Reports Reader')],
      [USERS.csa.id]: [role(ROLE.attributeAssignmentAdministrator, 'Attribute Assignment Administrator'), role(ROLE.attributeDefinitionAdministrator, 'Attribute Definition Administrator'), role(ROLE.conditionalAccessAdministrator, 'Conditional Access Administrator'), role(ROLE.securityReader, 'Security Reader')],
      [USERS.mac.id]: [{ '@odata.type': '#microsoft.graph.group', id: 'g0000000-0000-4000-8000-000000000001', displayName: 'Mac users' }],
    },
    applications: [
      { id: 'app-obj-1', appId: JAMF_APP_ID, displayName: 'Jamf Connect', isFallbackPublicClient: true, publicClient: { redirectUris: ['https://127.0.0.1/jamfconnect'] } },
    ],
    servicePrincipals: [
      { id: 'sp-obj-1', appId: JAMF_APP_ID, displayName: 'Jamf Connect', servicePrincipalType: 'Application', accountEnabled: true, tags: [] },
      { id: 'sp-obj-2', appId: JAMF_API_APP_ID, displayName: 'Jamf Connect - Conditional Access Policy API', servicePrincipalNames: [`api://${JAMF_API_APP_ID}`], oauth2PermissionScopes: [{ value: 'jamfconnect', id: 'scope-1' }], accountEnabled: true },
      { id: 'sp-obj-graph', appId: GRAPH_APP_ID, displayName: 'Microsoft Graph', accountEnabled: true },
    ],
    attributeSets: [{ id: 'JamfConnect', description: 'Jamf Connect exemptions', maxAttributesPerSet: 25 }],
    customSecurityAttributeDefinitions: [{
      id: 'JamfConnect_isExemptMFA', attributeSet: 'JamfConnect', name: 'isExemptMFA', description: 'Exempt from MFA', type: 'String', status: 'Available',
      isCollection: false, isSearchable: true, usePreDefinedValuesOnly: true, allowedValues: [{ id: 'Exempt', isActive: true }],
    }],
    conditionalAccessPolicies: [],
    namedLocations: [],
    signIns: [],
    ...over,
  };
}

export interface Harness {
  readonly emu: RunningEmulator;
  readonly transport: Transport;
  /** Lines the emulator logged (only unexpected errors are logged). */
  readonly logs: string[];
  stop(): Promise<void>;
}

export async function startHarness(snapshot: TenantSnapshot = tinyTenant(), options: Partial<EmulatorOptions> = {}): Promise<Harness> {
  const logs: string[] = [];
  const emu = await startEmulator({ snapshot, seed: 42, throttle: { signIns: false, conditionalAccess: false }, log: (l) => logs.push(l), ...options });
  const transport = createTransport({ trust: { origin: emu.origin, caPem: emu.caCertPem } });
  return { emu, transport, logs, stop: () => emu.stop() };
}

export function msalApp(h: Harness, clientId: string = EMULATOR_OPERATOR_CLIENT_ID, cache?: Configuration['cache']): PublicClientApplication {
  const cloud = emulatorCloud(h.emu.origin, h.emu.tenantId);
  return new PublicClientApplication({
    auth: { clientId, authority: cloud.authority, knownAuthorities: cloud.knownAuthorities, authorityMetadata: cloud.authorityMetadata, cloudDiscoveryMetadata: cloud.cloudDiscoveryMetadata },
    system: { networkClient: createMsalNetworkModule(h.transport) },
    ...(cache ? { cache } : {}),
  });
}

function unescapeHtml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export interface ParsedForm { action: string; fields: Record<string, string>; radios: string[]; checked?: string }

export function parseForm(html: string): ParsedForm {
  const form = /<form[^>]*action="([^"]*)"/i.exec(html);
  if (!form) throw new Error(`no form in page: ${html.slice(0, 300)}`);
  const fields: Record<string, string> = {};
  const radios: string[] = [];
  let checked: string | undefined;
  for (const m of html.matchAll(/<input([^>]*)>/gi)) {
    const attrs = m[1]!;
    const name = /name="([^"]*)"/.exec(attrs)?.[1];
    const value = unescapeHtml(/value="([^"]*)"/.exec(attrs)?.[1] ?? '');
    if (!name) continue;
    if (/type="hidden"/.test(attrs)) fields[unescapeHtml(name)] = value;
    if (/type="radio"/.test(attrs)) { radios.push(value); if (/\schecked/.test(attrs)) checked = value; }
  }
  return { action: unescapeHtml(form[1]!), fields, radios, ...(checked ? { checked } : {}) };
}

/**
 * A scripted "system browser": GET the authorize page through the transport, pick the account,
 * POST the form, then deliver the auto-submit form_post to MSAL's loopback redirect (plain http).
 */
export function scriptedBrowser(h: Harness, account: string, seen: { authorizeUrls: string[] } = { authorizeUrls: [] }) {
  return async (url: string): Promise<void> => {
    seen.authorizeUrls.push(url);
    const page = await h.transport(url);
    const picker = parseForm(await page.text());
    const post = await h.transport(new URL(picker.action, url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...picker.fields, login: account, consent: 'accept' }).toString(),
    });
    const answer = parseForm(await post.text());
    const delivered = await fetch(answer.action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(answer.fields).toString() });
    await delivered.text();
  };
}

export function graphClient(h: Harness, getToken: () => Promise<string>, opts: { retry?: RetryHandlerOptions } = {}): Client {
  const chain: Middleware[] = [
    new AuthenticationHandler({ getAccessToken: getToken }),
    new RetryHandler(opts.retry ?? new RetryHandlerOptions(1, 3)),
    new RedirectHandler(new RedirectHandlerOptions()),
    new TelemetryHandler(),
    new GraphTransportMiddleware(h.transport),
  ];
  return Client.initWithMiddleware({ middleware: chain, baseUrl: `${h.emu.origin}/`, customHosts: new Set([new URL(h.emu.origin).hostname]) });
}

/** A token for `upn` with `scopes` via ROPG through MSAL (quick way to get tokens in tests). */
export async function tokenFor(h: Harness, upn: string, scopes: string[]): Promise<string> {
  // Interactive sign-in gives the operator app consent for the scopes, as a real admin would.
  const app = msalApp(h);
  const result = await app.acquireTokenInteractive({ scopes, openBrowser: scriptedBrowser(h, upn), loginHint: upn });
  return result.accessToken;
}

/** `n` synthetic beta sign-ins, one a minute back from `end`, every 7th non-interactive, every 5th a CA failure. */
export function syntheticSignIns(n: number, end = Date.parse('2026-11-30T12:00:00Z')) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const interactive = i % 7 !== 0;
    out.push({
      id: `s-${String(i).padStart(6, '0')}`,
      createdDateTime: new Date(end - i * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      userPrincipalName: i % 2 ? USERS.mac.upn : USERS.plain.upn,
      userId: i % 2 ? USERS.mac.id : USERS.plain.id,
      userDisplayName: i % 2 ? 'Mia Mac' : 'Paul Plain',
      appId: JAMF_APP_ID, appDisplayName: 'Jamf Connect',
      resourceId: i % 3 ? '00000002-0000-0000-c000-000000000000' : JAMF_API_APP_ID,
      isInteractive: interactive,
      signInEventTypes: [interactive ? 'interactiveUser' : 'nonInteractiveUser'],
      authenticationProtocol: 'ropc',
      clientAppUsed: 'Mobile Apps and Desktop clients',
      conditionalAccessStatus: i % 5 === 0 ? 'failure' : 'success',
      conditionalAccessAudiences: [i % 3 ? '00000002-0000-0000-c000-000000000000' : JAMF_API_APP_ID],
      status: { errorCode: i % 5 === 0 ? 53000 : 0, failureReason: i % 5 === 0 ? 'Device is not in required device state: compliant.' : 'Other.', additionalDetails: null },
      location: { city: 'Oslo', state: 'Oslo', countryOrRegion: 'NO', geoCoordinates: {} },
      appliedConditionalAccessPolicies: [
        { id: 'p-1', displayName: 'Require compliant Mac', enforcedGrantControls: ['RequireCompliantDevice'], enforcedSessionControls: [], result: i % 5 === 0 ? 'failure' : 'notApplied', conditionsSatisfied: 'application,users', conditionsNotSatisfied: 'none' },
        { id: 'p-2', displayName: 'Trial: MFA everywhere', enforcedGrantControls: ['Mfa'], enforcedSessionControls: [], result: 'reportOnlyNotApplied', conditionsSatisfied: 'users', conditionsNotSatisfied: 'application' },
      ],
    });
  }
  return out;
}
