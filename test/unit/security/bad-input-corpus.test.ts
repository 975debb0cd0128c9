/**
 * The bad-input corpus (test/fixtures/bad-input/) through the real importer entry point, plus a few
 * files made at run time (too big to commit: a sparse 600 MB file, 200k-deep nesting, a 3 MB string).
 * Every file must be refused with the importer's clear error — AppError 'invalid_input' naming the
 * file — and leave the cache exactly as it was (every table's row count and content hash unchanged).
 * Plists write nothing by design; for them "clear error" is checked, and that no entity was expanded
 * (XXE, billion laughs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync, closeSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFile } from '../../../electron/core/import/index.js';
import { openStore, type Store } from '../../../electron/core/store/index.js';
import { fingerprint } from '../../integration/reliability/db-fingerprint.js';
import { figures } from '../../integration/reliability/figures.js';

const fig = figures('bad-input-corpus');
const CORPUS = fileURLToPath(new URL('../../fixtures/bad-input/', import.meta.url));

function expectRefused(store: Store, path: string, label: string): string {
  const before = fingerprint(store);
  let error: unknown;
  try { importFile(store, path, { tenantId: '4f1c2b9e-7a55-4c1e-9d3a-0b8e6f2a1c11' }); } catch (e) { error = e; }
  assert.ok(error instanceof Error, `${label}: was accepted`);
  assert.equal((error as { code?: string }).code, 'invalid_input', `${label}: ${String(error)}`);
  const name = path.split('/').pop()!;
  assert.ok(error.message.includes(name), `${label}: the message names the file: ${error.message}`);
  assert.ok(!/\bat .*\.ts:\d+/.test(error.message), `${label}: no stack trace in the message`);
  assert.deepEqual(fingerprint(store), before, `${label}: the cache changed`);
  return error.message;
}

test('every file of the bad-input corpus is refused with a clear error and writes nothing', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'll-badinput-'));
  const store = openStore(join(dir, 'cache.sqlite'));
  t.after(() => { store.close(); rmSync(dir, { recursive: true, force: true }); });
  const files = readdirSync(CORPUS).sort();
  assert.ok(files.length >= 20);
  const messages: Record<string, string> = {};
  for (const f of files) {
    messages[f] = expectRefused(store, join(CORPUS, f), f);
    // Entities are never expanded: no file content and no 10^7-character string in the message.
    assert.ok(!/root:|daemon:/.test(messages[f]!) && messages[f]!.length < 2000, `${f}: ${messages[f]!.slice(0, 200)}`);
  }
  fig.add('inputs.corpus.files', files.length);
  fig.note('corpus.messages', messages);
});

test('huge inputs made at run time: over the size limit, 200k-deep nesting, a 3 MB string — refused, nothing written', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'll-huge-'));
  const store = openStore(join(dir, 'cache.sqlite'));
  t.after(() => { store.close(); rmSync(dir, { recursive: true, force: true }); });
  const sparse = join(dir, 'huge-sparse.json');
  closeSync(openSync(sparse, 'w'));
  truncateSync(sparse, 600 * 1024 * 1024); // sparse: no disk used, but stat says 600 MB
  assert.match(expectRefused(store, sparse, 'sparse 600 MB'), /limit/);
  const deep = join(dir, 'deep.json');
  writeFileSync(deep, `{"formatVersion":1,"users":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
  expectRefused(store, deep, '200k-deep nesting');
  const deepSignIns = join(dir, 'deep-signins.json');
  writeFileSync(deepSignIns, `{"value":[{"id":"a","createdDateTime":"2026-11-01T00:00:00Z","x":${'['.repeat(200_000)}${']'.repeat(200_000)}}]}`);
  expectRefused(store, deepSignIns, '200k-deep sign-in JSON');
  const longString = join(dir, 'long-string.json');
  writeFileSync(longString, `{"formatVersion":1,"meta":{"name":"${'x'.repeat(3 * 1024 * 1024)}"},"users":[]}`);
  expectRefused(store, longString, '3 MB string');
  const wideCsv = join(dir, 'wide.csv');
  writeFileSync(wideCsv, `Date (UTC),Request ID,${'x,'.repeat(100_000)}\n"${'"'.repeat(10_001)}\n`);
  expectRefused(store, wideCsv, 'wide CSV with a runaway quote');
  fig.add('inputs.corpus.generated', 5);
});
