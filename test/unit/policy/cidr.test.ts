import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cidrContains, parseCidr, parseIp } from '../../../electron/core/policy/cidr.js';

function inRange(cidr: string, ip: string): boolean {
  const r = parseCidr(cidr);
  const a = parseIp(ip);
  assert.ok(r, `cidr ${cidr} should parse`);
  assert.ok(a, `ip ${ip} should parse`);
  return cidrContains(r, a);
}

describe('CIDR matcher', () => {
  it('IPv4 prefixes, including /0, /32 and odd boundaries', () => {
    assert.equal(inRange('203.0.113.0/24', '203.0.113.7'), true);
    assert.equal(inRange('203.0.113.0/24', '203.0.114.7'), false);
    assert.equal(inRange('10.0.0.0/8', '10.255.255.255'), true);
    assert.equal(inRange('10.0.0.0/8', '11.0.0.0'), false);
    assert.equal(inRange('0.0.0.0/0', '8.8.8.8'), true);
    assert.equal(inRange('192.0.2.1/32', '192.0.2.1'), true);
    assert.equal(inRange('192.0.2.1/32', '192.0.2.2'), false);
    assert.equal(inRange('172.16.0.0/12', '172.31.255.1'), true);
    assert.equal(inRange('172.16.0.0/12', '172.32.0.1'), false);
    assert.equal(inRange('198.51.100.128/25', '198.51.100.127'), false);
    assert.equal(inRange('198.51.100.128/25', '198.51.100.200'), true);
    // host bits set in the range address are ignored, as a network mask would
    assert.equal(inRange('203.0.113.77/24', '203.0.113.1'), true);
  });

  it('IPv6 prefixes, compressed forms and boundaries', () => {
    assert.equal(inRange('2001:db8:abcd::/48', '2001:db8:abcd:12::1'), true);
    assert.equal(inRange('2001:db8:abcd::/48', '2001:db8:abce::1'), false);
    assert.equal(inRange('2001:db8::/32', '2001:0db8:ffff:ffff:ffff:ffff:ffff:ffff'), true);
    assert.equal(inRange('2001:db8::/33', '2001:db8:8000::1'), false);
    assert.equal(inRange('::/0', 'fe80::1'), true);
    assert.equal(inRange('2001:db8::1/128', '2001:DB8:0:0:0:0:0:1'), true);
    assert.equal(inRange('2001:db8::/64', '2001:db8::1%en0'), true);
    assert.equal(inRange('2001:db8:1:2:3:4:5:0/120', '2001:db8:1:2:3:4:5:ff'), true);
    assert.equal(inRange('2001:db8:1:2:3:4:5:0/120', '2001:db8:1:2:3:4:6:0'), false);
  });

  it('IPv4 and IPv6 never match each other, except IPv4-mapped addresses', () => {
    assert.equal(inRange('0.0.0.0/0', '2001:db8::1'), false);
    assert.equal(inRange('::/0', '203.0.113.7'), false);
    assert.equal(inRange('203.0.113.0/24', '::ffff:203.0.113.7'), true);
  });

  it('rejects invalid addresses and prefixes', () => {
    for (const bad of ['203.0.113.0/33', '256.0.0.1/8', '1.2.3/8', '2001:db8::/129', '2001:db8:::1/64', 'x/8', '1.2.3.4/-1', '1:2:3:4:5:6:7:8:9/64']) {
      assert.equal(parseCidr(bad), null, bad);
    }
    for (const bad of ['', '1.2.3.4.5', '01.2.3.999', 'gggg::1', '::1::']) assert.equal(parseIp(bad), null, bad);
  });
});
