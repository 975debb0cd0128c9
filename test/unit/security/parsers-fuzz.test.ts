/**
 * A small property-based run over every parser that reads outside input (fast-check, seeded):
 * the CA filter-rule parser, the OData $filter builder, and the importers (snapshot, Graph/portal
 * JSON, portal CSV, Jamf Connect plist). Properties: they never throw anything but their documented
 * clear error, never pollute Object.prototype, and the OData builder is exact — any string value, once
 * built, encoded into a URL and parsed back by the emulator's OData parser (an independent
 * implementation of Graph's grammar), is the same string.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseRule } from '../../../electron/core/policy/rule-parser.js';
import { encodeQueryValue, odata, quote } from '../../../electron/core/graph/odata.js';
import { parseFilter } from '../../../electron/core/emulator/odata/parser.js';
import { parseSnapshot } from '../../../electron/core/snapshot/load.js';
import { parseSignInJson, parsePortalCsv, parseJamfConnectProfile } from '../../../electron/core/import/index.js';
import { figures } from '../../integration/reliability/figures.js';

const fig = figures('parsers-fuzz');
const SEED = Number(process.env.LL_RELIABILITY_SEED ?? 20261201);
const RUNS = Number(process.env.LL_FUZZ_RUNS ?? 300);
const opts = { seed: SEED, numRuns: RUNS };

const RULE_WORDS = ['device.deviceId', 'device.trustType', 'CustomSecurityAttribute.JamfConnect_isExempt', '-eq', '-ne', '-in', '-notIn', '-contains',
  '-startsWith', '-and', '-or', '-not', '(', ')', '[', ']', '"Exempt"', "'x'", 'null', 'true', '"', '\\', ',', ' ', 'device.extensionAttribute1'];
const ruleText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.array(fc.constantFrom(...RULE_WORDS), { maxLength: 40 }).map((w) => w.join(' ')),
  fc.constantFrom('('.repeat(3000), `${'('.repeat(1500)}x${')'.repeat(1500)}`, 'x'.repeat(3073), '\u0000', '"'.repeat(999)),
);

function noPollution(): void {
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype polluted');
}

test('rule parser: any text gives ok or a positioned error, never a throw', () => {
  let n = 0;
  for (const kind of ['application', 'device'] as const) {
    fc.assert(fc.property(ruleText, (text) => {
      n++;
      const r = parseRule(text, kind);
      if (!r.ok) {
        assert.equal(typeof r.error.message, 'string');
        assert.ok(r.error.message.length > 0 && r.error.message.length < 500, r.error.message.slice(0, 100));
        assert.ok(Number.isInteger(r.error.position) && r.error.position >= 0 && r.error.position <= Math.max(text.length, 3072));
      } else assert.equal(r.ast.source, text);
    }), { ...opts, numRuns: RUNS * 2 });
  }
  fig.add('inputs.parser.parseRule', n);
});

test('OData builder: any string survives eq/startsWith/anyEq → URL encoding → Graph grammar unchanged', () => {
  let n = 0;
  const upn = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom("o'brien@x.example", "''", "'", '%27', '#', '/', '?', '&', '+', ' ', '\u00e9', '\ud83d\ude00', 'x'.repeat(10_000), ') or (1 eq 1', "' or 'a' eq 'a"));
  fc.assert(fc.property(upn, (value) => {
    n++;
    for (const built of [odata.eq('userPrincipalName', value), odata.startsWith('displayName', value), odata.anyEq('signInEventTypes', [value])]) {
      // What graph-client puts in the URL, and what the server decodes from it.
      const onTheWire = encodeQueryValue(built.text);
      assert.ok(/^[A-Za-z0-9\-._~%]*$/.test(onTheWire), 'only unreserved characters and escapes on the wire');
      const decoded = new URL(`https://graph.example/v1.0/users?$filter=${onTheWire}`).searchParams.get('$filter');
      assert.equal(decoded, built.text);
      const node = parseFilter(decoded!);
      const literal = node.kind === 'compare' ? node.right : node.kind === 'call' ? node.arg : node.kind === 'any' && node.body.kind === 'compare' ? node.body.right : null;
      assert.ok(literal && literal.kind === 'string', `${built.text.slice(0, 80)} parsed as ${node.kind}`);
      assert.equal(literal.value, value, 'the literal is exactly the input');
    }
    assert.equal(quote(value).length, value.length + 2 + (value.match(/'/g)?.length ?? 0));
  }), opts);
  fig.add('inputs.parser.odata', n);
});

test('snapshot loader: random text and mutated snapshots give ok or a positioned error, never a throw', () => {
  let n = 0;
  const base = JSON.stringify({ formatVersion: 1, meta: { name: 't' }, users: [{ id: 'u1', userPrincipalName: 'a@b' }], signIns: [{ id: 's1', createdDateTime: '2026-11-01T00:00:00Z' }] });
  const mutated = fc.tuple(fc.nat(base.length), fc.nat(20), fc.string({ maxLength: 20 })).map(([at, del, ins]) => base.slice(0, at) + ins + base.slice(at + del));
  fc.assert(fc.property(fc.oneof(fc.string(), fc.json(), mutated), (text) => {
    n++;
    const r = parseSnapshot(text, 'fuzz.json');
    if (!r.ok) assert.ok(r.error.message.length > 0);
    noPollution();
  }), { ...opts, numRuns: RUNS * 2 });
  fig.add('inputs.parser.parseSnapshot', n);
});

function refusedCleanly(fn: () => unknown): void {
  try { fn(); } catch (e) {
    assert.equal((e as { code?: string }).code, 'invalid_input', `threw ${String(e).slice(0, 200)}`);
  }
  noPollution();
}

test('sign-in JSON, portal CSV and Jamf plist importers: random and mutated input is parsed or refused with invalid_input', () => {
  const good = JSON.stringify({ value: [{ id: '7c1d0e2a-0000-4000-8000-000000000009', createdDateTime: '2026-11-01T00:00:00Z', appId: 'x', status: { errorCode: 53003 } }] });
  const csv = 'Date (UTC),Request ID,User,Username,Application,Application ID,Status,Sign-in error code\n2026-11-01T10:00:00Z,7c1d0e2a-0000-4000-8000-000000000003,Sofie,sofie@x.example,Jamf Connect,96c0fc83-df9d-4e26-bb09-4195a6b50a1d,Failure,53003\n';
  const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>OIDCROPGID</key><string>96c0fc83-df9d-4e26-bb09-4195a6b50a1d</string></dict></plist>';
  const mutate = (s: string) => fc.tuple(fc.nat(s.length), fc.nat(10), fc.string({ maxLength: 12 })).map(([at, del, ins]) => s.slice(0, at) + ins + s.slice(at + del));
  let json = 0, csvN = 0, plistN = 0;
  fc.assert(fc.property(fc.oneof(fc.string(), fc.json(), mutate(good), fc.constant('{"value":[{"__proto__":{"polluted":1},"id":"a","createdDateTime":"2026-11-01T00:00:00Z"}]}')), (text) => {
    json++;
    refusedCleanly(() => parseSignInJson(text, 'fuzz.json'));
  }), opts);
  fc.assert(fc.property(fc.oneof(fc.string(), mutate(csv), fc.array(fc.constantFrom(',', '"', '\n', '\r', 'x', '53003', '2026-11-01T10:00:00Z')).map((a) => csv + a.join(''))), (text) => {
    csvN++;
    refusedCleanly(() => parsePortalCsv(text, 'fuzz.csv'));
  }), opts);
  fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)), mutate(xml).map((s) => Buffer.from(s)),
    fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.concat([Buffer.from('bplist00'), Buffer.from(a)]))), (data) => {
    plistN++;
    refusedCleanly(() => parseJamfConnectProfile(data, 'fuzz.plist'));
  }), { ...opts, numRuns: Math.ceil(RUNS / 2) });
  fig.add('inputs.parser.signInJson', json);
  fig.add('inputs.parser.portalCsv', csvN);
  fig.add('inputs.parser.jamfPlist', plistN);
});
