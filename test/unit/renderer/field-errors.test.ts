// The add-tenant form places each validation message beside its field. The messages come from two
// places with one shape ("path: message; path: message"): the IPC router's zod check of the contract,
// and the core profile store, which may prefix them ("Invalid tenant profile: …").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitFieldErrors } from '../../../renderer/src/lib/field-errors.js';
import { formatDuration, formatRemaining } from '../../../renderer/src/lib/format.js';

const FIELDS = ['displayName', 'name', 'tenant', 'clientId', 'cloud', 'jamfConnectClientIds'] as const;

test('router messages land on their fields, list entries are numbered from 1', () => {
  const r = splitFieldErrors('clientId: must be a GUID; jamfConnectClientIds.1: must be a GUID', FIELDS);
  assert.deepEqual(r.fields, { clientId: 'must be a GUID', jamfConnectClientIds: 'entry 2: must be a GUID' });
  assert.deepEqual(r.rest, []);
});

test('a prefixed core message still finds its field; "name" is not found inside "displayName"', () => {
  const r = splitFieldErrors('Invalid tenant profile: tenant: must be a tenant id (GUID) or a domain such as contoso.onmicrosoft.com', FIELDS);
  assert.deepEqual(r.fields, { tenant: 'must be a tenant id (GUID) or a domain such as contoso.onmicrosoft.com' });
  const d = splitFieldErrors('displayName: Too big: expected string to have <=200 characters', FIELDS);
  assert.deepEqual(Object.keys(d.fields), ['displayName']);
});

test('messages naming no field are kept, never dropped', () => {
  const r = splitFieldErrors('(arguments): Unrecognized key: "emulatorOperator"; name: a tenant profile named \'x\' already exists.', FIELDS);
  assert.deepEqual(r.fields, { name: "a tenant profile named 'x' already exists." });
  assert.deepEqual(r.rest, ['(arguments): Unrecognized key: "emulatorOperator"']);
});

test('durations read as people say them', () => {
  assert.equal(formatDuration(4 * 3600_000), '4 hours');
  assert.equal(formatDuration(72 * 3600_000), '3 days');
  assert.equal(formatDuration(45 * 60_000), '45 min');
});

test('time left is said only when it is consistent with the time box', () => {
  const now = Date.parse('2026-12-01T10:00:00Z');
  const span = 4 * 3600_000;
  assert.equal(formatRemaining('2026-12-01T14:00:00Z', span, now), 'in 4 hours');
  assert.equal(formatRemaining('2026-12-01T09:00:00Z', span, now), null, 'already past: the absolute time says it');
  assert.equal(formatRemaining('2026-12-03T10:00:00Z', span, now), null, 'longer than the whole box: the clocks disagree');
  assert.equal(formatRemaining(null, null, now), null);
});
