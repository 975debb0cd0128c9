/**
 * The snapshot loader refuses bad files with the file position and the reason, and keeps
 * everything it does not know. Expected positions are counted by hand from the fixture texts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptySnapshot, loadSnapshotFile, parseSnapshot } from '../../../electron/core/snapshot/load.js';
import { serializeSnapshot } from '../../../electron/core/snapshot/write.js';
import type { SnapshotError } from '../../../electron/core/snapshot/types.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/snapshots/', import.meta.url));

async function refusal(name: string): Promise<SnapshotError> {
  const r = await loadSnapshotFile(join(FIXTURES, name));
  assert.equal(r.ok, false, `${name} should be refused`);
  return (r as { ok: false; error: SnapshotError }).error;
}

test('a truncated file is a syntax error at the unterminated string', async () => {
  const e = await refusal('truncated.json');
  assert.equal(e.kind, 'syntax');
  assert.deepEqual([e.line, e.column], [5, 19]);
  assert.match(e.message, /unterminated string/);
  assert.match(e.message, /truncated\.json:5:19: /);
});

test('a wrong property type names the JSON path, the expected type and what was found', async () => {
  const e = await refusal('wrong-type.json');
  assert.equal(e.kind, 'schema');
  assert.equal(e.path, 'signIns[0].status.errorCode');
  assert.deepEqual([e.line, e.column], [10, 32]);
  assert.match(e.message, /number/);
  assert.match(e.message, /found a string \("53003"\)/);
});

test('a missing id points at the object that lacks it', async () => {
  const e = await refusal('missing-id.json');
  assert.equal(e.path, 'conditionalAccessPolicies[1].id');
  assert.deepEqual([e.line, e.column], [4, 5]);
  assert.match(e.message, /required property is missing/);
});

test('duplicate ids within a collection are refused at the second occurrence', async () => {
  const e = await refusal('duplicate-id.json');
  assert.equal(e.kind, 'duplicate-id');
  assert.equal(e.path, 'groups[2].id');
  assert.deepEqual([e.line, e.column], [5, 13]);
  assert.match(e.message, /duplicate id "g1".*index 0/);
});

test('the same id in two different collections is fine', () => {
  const r = parseSnapshot(JSON.stringify({ users: [{ id: 'x', userPrincipalName: 'a@b.example' }], groups: [{ id: 'x' }] }));
  assert.equal(r.ok, true);
});

test('a top-level array is refused with a plain explanation', async () => {
  const e = await refusal('top-level-array.json');
  assert.deepEqual([e.line, e.column], [1, 1]);
  assert.match(e.message, /top level must be a JSON object.*found an array/);
});

test('a trailing comma is reported as such, where it matters', async () => {
  const e = await refusal('trailing-comma.json');
  assert.equal(e.kind, 'syntax');
  assert.deepEqual([e.line, e.column], [3, 55]);
  assert.match(e.message, /trailing comma before '\}'/);
});

test('a file from a newer format version is refused, not misread', async () => {
  const e = await refusal('newer-version.json');
  assert.equal(e.path, 'formatVersion');
  assert.deepEqual([e.line, e.column], [2, 20]);
  assert.match(e.message, /newer version/);
});

test('a collection that is not an array, and a malformed date, are refused with their positions', async () => {
  const a = await refusal('collection-not-array.json');
  assert.equal(a.path, 'users');
  assert.deepEqual([a.line, a.column], [2, 12]);
  const b = await refusal('bad-date.json');
  assert.equal(b.path, 'signIns[0].createdDateTime');
  assert.deepEqual([b.line, b.column], [3, 38]);
  assert.match(b.message, /ISO 8601/);
});

test('emulator extras are typed too: a non-boolean lockedOut is refused, not silently ignored', async () => {
  const e = await refusal('bad-emulator-extra.json');
  assert.equal(e.path, 'users[0].x-emulator.lockedOut');
  // `    { "id": "u1", "userPrincipalName": "a@x.example", "x-emulator": { "lockedOut": ` is 83 characters.
  assert.deepEqual([e.line, e.column], [3, 84]);
});

test('a huge string value is refused with its path and position', () => {
  const text = `{\n  "users": [\n    { "id": "u1", "userPrincipalName": "a@x.example", "displayName": "${'x'.repeat(2 * 1024 * 1024)}" }\n  ]\n}\n`;
  const r = parseSnapshot(text, 'huge.json');
  assert.equal(r.ok, false);
  const e = (r as { ok: false; error: SnapshotError }).error;
  assert.equal(e.kind, 'size');
  assert.equal(e.path, 'users[0].displayName');
  // `    { "id": "u1", "userPrincipalName": "a@x.example", "displayName": ` is 69 characters.
  assert.deepEqual([e.line, e.column], [3, 70]);
  assert.match(e.message, /2097152 characters exceeds the limit of 1048576/);
});

test('size limits: text over maxBytes is refused before parsing; files before reading', async () => {
  const r = parseSnapshot('{"users": []}', 'small.json', { maxBytes: 5 });
  assert.equal(r.ok, false);
  assert.match((r as any).error.message, /13 bytes, over the limit of 5 bytes/);
  const dir = await mkdtemp(join(tmpdir(), 'snapshot-load-'));
  try {
    const path = join(dir, 'big.json');
    await writeFile(path, JSON.stringify({ users: [], pad: 'x'.repeat(1000) }));
    const f = await loadSnapshotFile(path, { maxBytes: 100 });
    assert.equal(f.ok, false);
    assert.equal((f as any).error.kind, 'size');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('nesting deeper than the limit is refused; very deep garbage does not crash', () => {
  const deep = `{"meta": {"x": ${'['.repeat(80)}${']'.repeat(80)}}}`;
  const r = parseSnapshot(deep);
  assert.equal(r.ok, false);
  assert.match((r as any).error.message, /nested deeper than 64 levels/);
  const crazy = parseSnapshot('['.repeat(200_000));
  assert.equal(crazy.ok, false);
  const valid = parseSnapshot(`{"meta": {"x": ${'['.repeat(50_000)}${']'.repeat(50_000)}}}`);
  assert.equal(valid.ok, false, 'deep but valid JSON is still refused, without a stack overflow');
});

test('I/O and encoding problems come back as errors, never as exceptions', async () => {
  const missing = await loadSnapshotFile(join(FIXTURES, 'does-not-exist.json'));
  assert.equal(missing.ok, false);
  assert.equal((missing as any).error.kind, 'io');
  assert.match((missing as any).error.message, /ENOENT/);
  const dir = await mkdtemp(join(tmpdir(), 'snapshot-load-'));
  try {
    const path = join(dir, 'latin1.json');
    await writeFile(path, Buffer.concat([Buffer.from('{\n  "users": [],\n  "meta": {"name": "Sm'), Buffer.from([0xf8]), Buffer.from('rbr\u00f8d"}\n}\n')]));
    const r = await loadSnapshotFile(path);
    assert.equal(r.ok, false);
    const e = (r as any).error as SnapshotError;
    assert.equal(e.kind, 'encoding');
    assert.equal(e.line, 3);
    const dirAsFile = await loadSnapshotFile(dir);
    assert.equal(dirAsFile.ok, false);
    assert.match((dirAsFile as any).error.message, /not a file/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('unknown keys and properties survive parse → serialize → parse unchanged', async () => {
  const text = await readFile(join(FIXTURES, 'unknown-keys.json'), 'utf8');
  const r = parseSnapshot(text);
  assert.equal(r.ok, true);
  if (!r.ok) return;
  assert.deepEqual(r.warnings, ['unknown top-level key "devices" kept as is']);
  const again = parseSnapshot(serializeSnapshot(r.snapshot));
  assert.equal(again.ok, true);
  if (!again.ok) return;
  assert.deepEqual(again.snapshot, JSON.parse(text));
  const user = again.snapshot.users[0]!;
  assert.deepEqual(user.someFutureGraphProperty, { kind: 'unknownFutureValue', values: [null, true, 1.5] });
  assert.deepEqual(user['x-emulator'], { password: 'p', futureEmulatorFlag: true });
  assert.deepEqual((again.snapshot.meta as any).futureMetaField, { nested: [1, 2, 3] });
  assert.equal((again.snapshot.devices as any[])[0].id, 'd1');
  // A policy without a users block is kept for the evaluator to judge, not dropped here.
  assert.equal(again.snapshot.conditionalAccessPolicies[0]!.displayName, 'No users block at all');
});

test('missing collections read as empty; a UTF-8 BOM is accepted', () => {
  const r = parseSnapshot('\ufeff{"users": [{"id": "u", "userPrincipalName": "u@x.example"}]}');
  assert.equal(r.ok, true);
  if (!r.ok) return;
  assert.equal(r.snapshot.signIns.length, 0);
  assert.deepEqual(r.snapshot.transitiveMemberOf, {});
  assert.equal(r.snapshot.users.length, 1);
});

test('emptySnapshot parses, and each call is a fresh object', () => {
  const a = emptySnapshot();
  a.users.push({ id: 'x', userPrincipalName: 'x@y.example' });
  assert.equal(emptySnapshot().users.length, 0);
  const r = parseSnapshot(serializeSnapshot(emptySnapshot()));
  assert.equal(r.ok, true);
  assert.deepEqual(r.ok && r.warnings, []);
});
