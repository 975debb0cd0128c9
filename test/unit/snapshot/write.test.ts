/** The canonical writer: stable top-level order, 2-space indent, byte-stable round trip, streaming. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseSnapshot } from '../../../electron/core/snapshot/load.js';
import { TOP_LEVEL_ORDER } from '../../../electron/core/snapshot/schema.js';
import { serializeSnapshot, serializeSnapshotChunks, writeSnapshotFile } from '../../../electron/core/snapshot/write.js';
import type { TenantSnapshot } from '../../../electron/core/snapshot/types.js';

test('top-level keys come out in the documented order, unknown keys after, nested order untouched', () => {
  const snapshot = {
    signIns: [{ z: 1, id: 's', a: 2 }],
    extraThing: true,
    users: [],
    formatVersion: 1,
    meta: { b: 1, a: 2 },
  } as unknown as TenantSnapshot;
  const text = serializeSnapshot(snapshot);
  const keys = Object.keys(JSON.parse(text));
  assert.deepEqual(keys, ['formatVersion', 'meta', 'users', 'signIns', 'extraThing']);
  assert.ok(text.indexOf('"b": 1') < text.indexOf('"a": 2'), 'meta keeps its own key order');
  assert.ok(text.includes('\n      "z": 1,\n      "id": "s",'), 'collection elements are indented two levels and keep key order');
  assert.ok(text.endsWith('}\n'));
});

test('serializeSnapshot is exactly JSON.stringify(…, null, 2) of the reordered object', () => {
  fc.assert(
    fc.property(
      fc.dictionary(fc.constantFrom(...TOP_LEVEL_ORDER, 'other', 'x-emulator'), fc.oneof(fc.array(fc.jsonValue(), { maxLength: 4 }), fc.jsonValue())),
      (obj) => {
        const ordered: Record<string, unknown> = {};
        for (const k of TOP_LEVEL_ORDER) if (k in obj) ordered[k] = obj[k];
        for (const k of Object.keys(obj)) if (!(k in ordered)) ordered[k] = obj[k];
        const expected = JSON.stringify(ordered, null, 2) + '\n';
        assert.equal(serializeSnapshot(obj as unknown as TenantSnapshot), expected);
        assert.equal([...serializeSnapshotChunks(obj as unknown as TenantSnapshot)].join(''), expected, 'the streaming writer gives the same bytes');
      },
    ),
    { numRuns: 500, seed: 7 },
  );
});

test('parse → serialize → parse → serialize is byte-stable', () => {
  const text = serializeSnapshot({
    formatVersion: 1,
    meta: { generatedAt: '2026-11-30T12:00:00Z', note: 'ünïcödé ✓ "quoted"' },
    organization: [{ id: 'o', displayName: 'Org' }],
    users: [{ id: 'u', userPrincipalName: 'u@x.example', 'x-emulator': { password: 'p' } }],
    groups: [],
    directoryRoles: [],
    transitiveMemberOf: { u: [] },
    servicePrincipals: [],
    attributeSets: [],
    customSecurityAttributeDefinitions: [],
    conditionalAccessPolicies: [],
    namedLocations: [],
    signIns: [{ id: 's', createdDateTime: '2026-11-30T11:00:00Z', userId: 'u', status: { errorCode: 0 } }],
  });
  const once = parseSnapshot(text);
  assert.equal(once.ok, true);
  assert.equal(serializeSnapshot((once as any).snapshot), text);
});

test('writeSnapshotFile writes the same bytes, atomically, leaving no temp file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'snapshot-write-'));
  try {
    const signIns = Array.from({ length: 3000 }, (_, i) => ({ id: `s${i}`, createdDateTime: '2026-11-30T11:00:00Z', userId: 'u', pad: 'x'.repeat(500) }));
    const snapshot = { formatVersion: 1, users: [], signIns } as unknown as TenantSnapshot;
    const path = join(dir, 'out.json');
    await writeSnapshotFile(path, snapshot);
    assert.equal(await readFile(path, 'utf8'), serializeSnapshot(snapshot));
    assert.deepEqual(await readdir(dir), ['out.json']);
    assert.ok([...serializeSnapshotChunks(snapshot)].length > signIns.length, 'one chunk per element, not one giant string');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
