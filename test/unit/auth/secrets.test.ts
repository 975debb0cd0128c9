import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EncryptedFileSecretStore, hexKeyFromEnv, MemorySecretStore } from '../../../electron/core/auth/secret-store.js';
import { redact, redactDeep } from '../../../electron/core/auth/redact.js';
import { createLogger } from '../../../electron/core/auth/logger.js';
import { qualifyScopes, READ_SCOPES, WRITE_SCOPES } from '../../../electron/core/auth/scopes.js';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhYmMiLCJzY3AiOiJBdWRpdExvZy5SZWFkLkFsbCJ9.c2lnbmF0dXJlLWJ5dGVz';

function dir(t: { after: (fn: () => void) => void }) {
  const d = mkdtempSync(join(tmpdir(), 'll-auth-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

test('the encrypted file store round-trips and never holds the plaintext', async (t) => {
  const key = randomBytes(32);
  const path = join(dir(t), 'tokens', 'p.bin');
  const store = new EncryptedFileSecretStore(path, async () => key);
  const secret = JSON.stringify({ AccessToken: { x: { secret: JWT } }, RefreshToken: { y: { secret: 'opaque-refresh-token-value' } } });
  await store.write(secret);
  const onDisk = readFileSync(path);
  assert.equal(onDisk.includes(Buffer.from(JWT)), false);
  assert.equal(onDisk.includes(Buffer.from('opaque-refresh-token-value')), false);
  assert.equal(await store.read(), secret);
  await store.clear();
  assert.equal(await store.read(), null);
});

test('a tampered file, a wrong key or a file moved to another profile reads as signed out', async (t) => {
  const d = dir(t);
  const key = randomBytes(32);
  const a = new EncryptedFileSecretStore(join(d, 'a.bin'), async () => key);
  await a.write('cache');
  const bytes = readFileSync(join(d, 'a.bin'));
  bytes[bytes.length - 1]! ^= 0xff;
  writeFileSync(join(d, 'a.bin'), bytes);
  assert.equal(await a.read(), null);
  await a.write('cache');
  assert.equal(await new EncryptedFileSecretStore(join(d, 'a.bin'), async () => randomBytes(32)).read(), null);
  writeFileSync(join(d, 'b.bin'), readFileSync(join(d, 'a.bin')));
  assert.equal(await new EncryptedFileSecretStore(join(d, 'b.bin'), async () => key).read(), null, 'path is authenticated data');
});

test('a key provider must give 32 bytes; env keys are 64 hex characters', async (t) => {
  const store = new EncryptedFileSecretStore(join(dir(t), 'x.bin'), async () => Buffer.alloc(16));
  await assert.rejects(store.write('x'), /32 bytes/);
  assert.equal(hexKeyFromEnv({ LOCKOUT_LENS_CACHE_KEY: 'zz' }), null);
  assert.ok(hexKeyFromEnv({ LOCKOUT_LENS_CACHE_KEY: 'ab'.repeat(32) }));
});

test('the memory store says what it is', async () => {
  const m = new MemorySecretStore();
  assert.match(m.description, /memory only/);
  await m.write('a');
  assert.equal(await m.read(), 'a');
});

test('redact removes JWTs, bearer values and token fields in forms and JSON', () => {
  assert.equal(redact(`token ${JWT} end`), 'token [redacted-jwt] end');
  assert.equal(redact('Authorization: Bearer abcdefghijklmnop'), 'Authorization: Bearer [redacted]');
  assert.equal(redact('grant_type=refresh_token&refresh_token=0.AAAbbbCCC-ddd&client_id=x'), 'grant_type=refresh_token&refresh_token=[redacted]&client_id=x');
  assert.equal(redact('{"access_token":"abc.def.ghi-long"}'), '{"access_token":"[redacted]"}');
  assert.deepEqual(redactDeep({ accessToken: 'x', nested: [`a ${JWT}`] }), { accessToken: '[redacted]', nested: ['a [redacted-jwt]'] });
});

test('the logger redacts every line', () => {
  const lines: string[] = [];
  createLogger((l) => lines.push(l), 'debug').log('info', `got ${JWT}`);
  assert.equal(lines.join('').includes(JWT), false);
});

test('read scopes are read-only; write scopes are separate; national clouds get their Graph resource', () => {
  assert.ok(READ_SCOPES.every((s) => !/ReadWrite/.test(s)));
  assert.ok(WRITE_SCOPES.every((s) => /ReadWrite/.test(s)));
  assert.deepEqual(qualifyScopes(['AuditLog.Read.All', 'openid'], 'usgov', 'https://graph.microsoft.us'),
    ['https://graph.microsoft.us/AuditLog.Read.All', 'openid']);
  assert.deepEqual(qualifyScopes(['AuditLog.Read.All'], 'public', 'https://graph.microsoft.com'), ['AuditLog.Read.All']);
});
