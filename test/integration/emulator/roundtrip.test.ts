/**
 * Snapshot round trip: load a snapshot, read every collection back through Graph with the real
 * graph-client (paging included), and get the same objects — minus the emulator-only `x-emulator`
 * keys, which Graph never returns. Runs on an inline tenant, and on the shipped demo tenant.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { PageIterator, type Client, type PageCollection } from '@microsoft/microsoft-graph-client';
import type { GraphObject, TenantSnapshot } from '../../../electron/core/snapshot/types.js';
import { loadSnapshotFile } from '../../../electron/core/snapshot/load.js';
import { resourcePath } from '../../../electron/core/paths.js';
import { EMULATOR_OPERATOR_CLIENT_ID, ROLE } from '../../../electron/core/emulator/index.js';
import { graphClient, startHarness, syntheticSignIns, tinyTenant, tokenFor, type Harness } from './helpers.js';

const PREFER = { Prefer: 'include-unknown-enum-members' };
const ALL_EVENT_TYPES = "signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser' or t eq 'servicePrincipal' or t eq 'managedIdentity')";

async function all(client: Client, path: string, opts: { filter?: string; select?: string; expand?: string; headers?: Record<string, string> } = {}): Promise<GraphObject[]> {
  let req = client.api(path).version('beta');
  if (opts.filter) req = req.filter(opts.filter);
  if (opts.select) req = req.select(opts.select);
  if (opts.expand) req = req.expand(opts.expand);
  if (opts.headers) req = req.headers(opts.headers);
  const first = await req.get() as PageCollection;
  const out: GraphObject[] = [];
  await new PageIterator(client, first, (o) => { out.push(o as GraphObject); return true; }, opts.headers ? { headers: opts.headers } : undefined).iterate();
  return out;
}

function strip(o: GraphObject): GraphObject {
  const { 'x-emulator': _x, '@odata.context': _c, ...rest } = o as Record<string, unknown>;
  return rest as GraphObject;
}

async function readBack(h: Harness, client: Client, snapshot: TenantSnapshot): Promise<Record<string, unknown>> {
  const sps = await all(client, '/servicePrincipals');
  const csa = new Map((await all(client, '/servicePrincipals', { select: 'id,customSecurityAttributes' })).map((s) => [s.id, s.customSecurityAttributes]));
  const memberOf: Record<string, GraphObject[]> = {};
  for (const userId of Object.keys(snapshot.transitiveMemberOf)) memberOf[userId] = await all(client, `/users/${encodeURIComponent(userId)}/transitiveMemberOf`);
  return {
    organization: await all(client, '/organization'),
    users: await all(client, '/users'),
    groups: await all(client, '/groups'),
    directoryRoles: await all(client, '/directoryRoles'),
    applications: await all(client, '/applications'),
    transitiveMemberOf: memberOf,
    servicePrincipals: sps.map((s) => { const v = csa.get(s.id); return v === null || v === undefined ? s : { ...s, customSecurityAttributes: v }; }),
    attributeSets: await all(client, '/directory/attributeSets'),
    customSecurityAttributeDefinitions: await all(client, '/directory/customSecurityAttributeDefinitions', { expand: 'allowedValues' }),
    conditionalAccessPolicies: await all(client, '/identity/conditionalAccess/policies', { headers: PREFER }),
    namedLocations: await all(client, '/identity/conditionalAccess/namedLocations'),
    signIns: await all(client, '/auditLogs/signIns', { filter: ALL_EVENT_TYPES, headers: PREFER }),
  };
}

function expected(snapshot: TenantSnapshot): Record<string, unknown> {
  const spNorm = (s: GraphObject) => (s.customSecurityAttributes === null || s.customSecurityAttributes === undefined ? (({ customSecurityAttributes: _c, ...r }) => r)(strip(s)) : strip(s));
  const defNorm = (d: GraphObject) => ({ ...strip(d), allowedValues: Array.isArray(d.allowedValues) ? d.allowedValues : [] });
  // Graph beta has no riskEventTypes on signIn (it kept riskEventTypes_v2) — graph-facts §1.1.
  const signInNorm = (s: GraphObject) => (({ riskEventTypes: _r, ...rest }) => rest)(strip(s));
  const byTime = (a: GraphObject, b: GraphObject) => Date.parse(String(b.createdDateTime)) - Date.parse(String(a.createdDateTime));
  return {
    organization: snapshot.organization.map(strip),
    users: snapshot.users.map(strip),
    groups: snapshot.groups.map(strip),
    directoryRoles: snapshot.directoryRoles.map(strip),
    applications: (snapshot.applications ?? []).map(strip),
    transitiveMemberOf: Object.fromEntries(Object.entries(snapshot.transitiveMemberOf).map(([k, v]) => [k, v.map(strip)])),
    servicePrincipals: snapshot.servicePrincipals.map(spNorm),
    attributeSets: snapshot.attributeSets.map(strip),
    customSecurityAttributeDefinitions: snapshot.customSecurityAttributeDefinitions.map(defNorm),
    conditionalAccessPolicies: snapshot.conditionalAccessPolicies.map(strip),
    namedLocations: snapshot.namedLocations.map(strip),
    signIns: [...snapshot.signIns].sort(byTime).map(signInNorm),
  };
}

/** An operator who may read everything: CA/Security reader, attribute readers, all read scopes. */
function withReaderOperator(snapshot: TenantSnapshot): TenantSnapshot {
  const copy = structuredClone(snapshot);
  const id = 'f0000000-0000-4000-8000-00000000beef';
  copy.users.push({ id, userPrincipalName: `roundtrip.reader@${String((copy.organization[0] as any)?.verifiedDomains?.[0]?.name ?? 'example.test')}`, displayName: 'Round Trip', accountEnabled: true });
  copy.transitiveMemberOf[id] = [ROLE.securityReader, ROLE.attributeDefinitionReader, ROLE.attributeAssignmentReader].map((r) => ({ '@odata.type': '#microsoft.graph.directoryRole', id: `rt-${r.slice(0, 8)}`, roleTemplateId: r, displayName: r }));
  return copy;
}

const READ_SCOPES = ['User.Read.All', 'Directory.Read.All', 'AuditLog.Read.All', 'Policy.Read.All', 'Application.Read.All',
  'CustomSecAttributeDefinition.Read.All', 'CustomSecAttributeAssignment.Read.All', 'RoleManagement.Read.Directory', 'GroupMember.Read.All'];

async function roundTrip(snapshot: TenantSnapshot): Promise<void> {
  const withOperator = withReaderOperator(snapshot);
  const h = await startHarness(withOperator);
  try {
    const operator = withOperator.users.at(-1)!;
    const token = await tokenFor(h, String(operator.userPrincipalName), READ_SCOPES);
    const back = await readBack(h, graphClient(h, async () => token), withOperator);
    const want = expected(withOperator);
    for (const key of Object.keys(want)) assert.deepEqual(back[key], want[key], `collection ${key} round-trips`);
    // And the emulator's own export is the loaded snapshot.
    assert.deepEqual(h.emu.control.state(), withOperator);
  } finally { await h.stop(); }
  void EMULATOR_OPERATOR_CLIENT_ID;
}

test('round trip of an inline tenant (with 250 sign-ins across pages, CSA values, policies, locations)', async () => {
  const snapshot = tinyTenant({
    signIns: syntheticSignIns(250),
    conditionalAccessPolicies: [{ id: 'p-1', displayName: 'Linux block (evolvable enum)', state: 'enabledForReportingButNotEnforced', createdDateTime: '2026-10-01T00:00:00Z', modifiedDateTime: null,
      conditions: { applications: { includeApplications: ['All'] }, users: { includeUsers: ['All'] }, clientAppTypes: ['all'], platforms: { includePlatforms: ['linux'], excludePlatforms: [] } },
      grantControls: { operator: 'OR', builtInControls: ['block'] } }],
    namedLocations: [{ '@odata.type': '#microsoft.graph.countryNamedLocation', id: 'nl-1', displayName: 'Norway', countriesAndRegions: ['NO'], includeUnknownCountriesAndRegions: false }],
  });
  snapshot.servicePrincipals[1]!.customSecurityAttributes = { JamfConnect: { '@odata.type': '#microsoft.graph.customSecurityAttributeValue', isExemptMFA: 'Exempt' } };
  await roundTrip(snapshot);
});

test('round trip of the shipped demo tenant', async (t) => {
  const file = resourcePath('demo-tenant.json');
  if (!existsSync(file)) { t.skip('resources/demo-tenant.json is not there (yet)'); return; }
  const loaded = await loadSnapshotFile(file);
  assert.ok(loaded.ok, loaded.ok ? '' : loaded.error.message);
  await roundTrip(loaded.snapshot);
});
