import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideUpdates } from '../../../electron/main/update-policy.js';

const packaged = { isPackaged: true, hasBuiltInFeed: false, envFeedUrl: undefined };

test('auto-update is off unless a feed is configured, and never in a development build', () => {
  assert.deepEqual(decideUpdates(packaged), { enabled: false, reason: 'no update feed configured' });
  assert.equal(decideUpdates({ ...packaged, isPackaged: false, hasBuiltInFeed: true }).enabled, false);
  assert.deepEqual(decideUpdates({ ...packaged, hasBuiltInFeed: true }), { enabled: true, feedUrl: null });
});

test('a run-time feed must be a plain https URL', () => {
  assert.deepEqual(decideUpdates({ ...packaged, envFeedUrl: 'https://updates.example/lockout-lens/' }),
    { enabled: true, feedUrl: 'https://updates.example/lockout-lens/' });
  for (const bad of ['http://updates.example/', 'file:///tmp/feed', 'not a url', 'https://user:pw@updates.example/']) {
    const d = decideUpdates({ ...packaged, hasBuiltInFeed: true, envFeedUrl: bad });
    assert.equal(d.enabled, false, bad);
  }
});
