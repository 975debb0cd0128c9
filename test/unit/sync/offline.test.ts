import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readWithFallback } from '../../../electron/core/sync/offline.js';
import { AppError } from '../../../electron/core/graph/app-error.js';

const now = () => new Date('2026-11-30T12:00:00Z');

test('online: refresh, then answer from the cache with source graph', async () => {
  let refreshed = 0;
  const r = await readWithFallback({ mode: { online: true }, now, cachedAsOf: () => null, readCache: () => ['a'],
    refresh: async () => { refreshed++; return '2026-11-30T12:00:00.000Z'; } });
  assert.equal(refreshed, 1);
  assert.deepEqual(r, { value: ['a'], status: { source: 'graph', asOf: '2026-11-30T12:00:00.000Z' } });
});

test('preferCache with fresh data does not touch the network; stale data does', async () => {
  const refresh = async () => { throw new Error('must not be called'); };
  const fresh = await readWithFallback({ mode: { online: true, preferCache: true, maxAgeMs: 60_000 }, now,
    cachedAsOf: () => '2026-11-30T11:59:30.000Z', readCache: () => 1, refresh });
  assert.equal(fresh.status.source === 'cache' && fresh.status.reason, 'preferred');
  const stale = await readWithFallback({ mode: { online: true, preferCache: true, maxAgeMs: 60_000 }, now,
    cachedAsOf: () => '2026-11-30T10:00:00.000Z', readCache: () => 1, refresh: async () => 'now' });
  assert.equal(stale.status.source, 'graph');
});

test('a failed refresh falls back to the cache and says why: network vs Graph error', async () => {
  const offline = await readWithFallback({ mode: { online: true }, now, cachedAsOf: () => 'T', readCache: () => 'cached',
    refresh: async () => { throw new AppError('offline', 'no network'); } });
  assert.deepEqual([offline.value, offline.status.source, offline.status.source === 'cache' && offline.status.reason], ['cached', 'cache', 'network-failed']);
  const role = await readWithFallback({ mode: { online: true }, now, cachedAsOf: () => 'T', readCache: () => 'cached',
    refresh: async () => { throw new AppError('missing_role', 'needs Security Reader'); } });
  assert.equal(role.status.source === 'cache' && role.status.reason, 'refresh-failed');
  assert.equal(role.status.source === 'cache' && role.status.error?.code, 'missing_role');
});

test('nothing cached and the refresh failed: the error comes through; offline mode never refreshes', async () => {
  await assert.rejects(readWithFallback({ mode: { online: true }, now, cachedAsOf: () => null, readCache: () => [],
    refresh: async () => { throw new AppError('offline', 'no network.'); } }), /Nothing is cached/);
  const r = await readWithFallback({ mode: { online: false }, now, cachedAsOf: () => null, readCache: () => [],
    refresh: async () => { throw new Error('must not be called'); } });
  assert.deepEqual(r.status, { source: 'cache', asOf: null, reason: 'offline-mode' });
});
