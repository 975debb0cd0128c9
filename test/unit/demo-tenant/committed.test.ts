/** resources/demo-tenant.json is exactly what the deterministic builder produces, and round-trips. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { buildDemoTenant } from '../../../electron/core/synthetic/demo/build.js';
import { parseSnapshot } from '../../../electron/core/snapshot/load.js';
import { serializeSnapshot } from '../../../electron/core/snapshot/write.js';
import { DEMO_PATH } from './demo-fixture.js';

test('the committed demo tenant equals the builder output (regenerate with scripts/build-demo-tenant.ts)', async () => {
  const committed = await readFile(DEMO_PATH, 'utf8');
  const built = serializeSnapshot(buildDemoTenant());
  // Compare sizes first so a mismatch does not print 6 MB of diff.
  assert.equal(built.length, committed.length, 'resources/demo-tenant.json is stale or was edited by hand: run node --import tsx scripts/build-demo-tenant.ts');
  assert.ok(built === committed, 'resources/demo-tenant.json is stale or was edited by hand: run node --import tsx scripts/build-demo-tenant.ts');
});

test('the builder is deterministic', () => {
  assert.ok(serializeSnapshot(buildDemoTenant()) === serializeSnapshot(buildDemoTenant()));
});

test('the demo file loads without warnings and its round trip is byte-stable', async () => {
  const committed = await readFile(DEMO_PATH, 'utf8');
  const r = parseSnapshot(committed, 'demo-tenant.json');
  assert.equal(r.ok, true, r.ok ? '' : r.error.message);
  if (!r.ok) return;
  assert.deepEqual(r.warnings, []);
  assert.ok(serializeSnapshot(r.snapshot) === committed, 'parse → serialize changed bytes');
});
