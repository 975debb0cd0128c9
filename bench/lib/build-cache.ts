/**
 * Builds a warm cache — a store holding N synthetic sign-ins across M users, with the directory,
 * policies and named locations the app would have synced — through the store's own repositories
 * (the same upsert path as sync). Runs as its own process (see warm-cache.ts) so the generator's
 * memory never counts against the process that measures diagnosis.
 * Usage: node --import tsx bench/lib/build-cache.ts <out.sqlite> <rows> <users> <seed>
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { openStore } from '../../electron/core/store/index.js';
import { generateTenant, generateSignIns, pages } from '../../electron/core/synthetic/generate.js';
import { SYNTHETIC_END, syntheticApps } from '../../electron/core/synthetic/sign-ins.js';
import type { CacheManifest } from './warm-cache.js';

const [out, rowsArg, usersArg, seedArg] = process.argv.slice(2);
const rows = Number(rowsArg);
const users = Number(usersArg);
const seed = Number(seedArg);
if (!out || !(rows > 0) || !(users > 0) || !Number.isInteger(seed)) {
  process.stderr.write('usage: build-cache.ts <out.sqlite> <rows> <users> <seed>\n');
  process.exit(2);
}

const started = Date.now();
const tmp = `${out}.building`;
for (const suffix of ['', '-wal', '-shm']) rmSync(tmp + suffix, { force: true });
const tenant = generateTenant({ users, signIns: 0, policies: 20, seed });
const tenantId = String(tenant.organization[0]!.id);
const apps = syntheticApps(seed);
const store = openStore(tmp);
const fetchedAt = SYNTHETIC_END;
store.transaction(() => {
  store.directory.upsertOrganization(tenantId, tenant.organization[0]! as { id: string }, fetchedAt);
  for (const u of tenant.users) {
    const { ['x-emulator']: _password, ...graphUser } = u as Record<string, unknown>;
    store.directory.upsertUser(tenantId, graphUser as { id: string }, fetchedAt);
    store.directory.replaceMemberships(tenantId, String(u.id), (tenant.transitiveMemberOf[String(u.id)] ?? []) as { id: string }[], fetchedAt);
  }
  for (const sp of tenant.servicePrincipals) store.directory.upsertServicePrincipal(tenantId, sp as { id: string }, fetchedAt);
});
store.policies.recordPolicies(tenantId, tenant.conditionalAccessPolicies as { id: string }[], fetchedAt, 'graph', true);
store.policies.replaceNamedLocations(tenantId, tenant.namedLocations as { id: string }[], fetchedAt);

let done = 0;
for (const page of pages(generateSignIns({ signIns: rows, seed, users: tenant.users, policies: tenant.conditionalAccessPolicies, tenantId }), 1000)) {
  store.transaction(() => store.signIns.upsertMany(tenantId, page as { id: string; createdDateTime: string }[], 'graph', fetchedAt));
  done += page.length;
  if (done % 50_000 === 0) process.stderr.write(`  · warm cache: ${done.toLocaleString('en-US')} / ${rows.toLocaleString('en-US')} sign-ins\n`);
}
const count = store.signIns.count(tenantId);
store.db.pragma('wal_checkpoint(TRUNCATE)');
store.close();
renameSync(tmp, out);
for (const suffix of ['-wal', '-shm', '-closed']) rmSync(tmp + suffix, { force: true });
// The clean-close marker describes the file at its path (rename changes its ctime): open and close it
// once where the cases will open it, so they measure an open after a clean close, as the app's is.
openStore(out).close();

const manifest: CacheManifest = {
  tenantId,
  rows: count,
  users,
  seed,
  end: SYNTHETIC_END,
  jamfClientAppId: apps.jamfClientAppId,
  jamfApiAppId: apps.jamfApiAppId,
  userIds: tenant.users.map((u) => String(u.id)),
  buildMs: Date.now() - started,
};
writeFileSync(`${out}.json`, JSON.stringify(manifest));
process.stderr.write(`  · warm cache built: ${count.toLocaleString('en-US')} sign-ins in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
