import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COUNTRY_LOCATION, OSLO_LOCATION, UNTRUSTED_LOCATION, V6_LOCATION, cond, directory, evalOne, policy, ropgContext, rules } from './fixtures.js';

const loc = (includeLocations: string[], excludeLocations: string[] = []) => policy({ conditions: { locations: { includeLocations, excludeLocations } } });

describe('locations condition', () => {
  it('not configured counts as matched', () => {
    const t = cond(evalOne(policy({})), 'location');
    assert.equal(t.matched, true);
    assert.equal(t.configured, false);
  });

  it('All matches any location, including an unknown IP', () => {
    assert.deepEqual(rules(cond(evalOne(loc(['All'])), 'location'), 'include'), ['allLocations']);
    assert.equal(cond(evalOne(loc(['All']), ropgContext({ ipAddress: null, country: null })), 'location').matched, true);
  });

  it('"block outside trusted": All minus AllTrusted — inside the trusted Oslo office (IPv4) is excluded', () => {
    const t = cond(evalOne(loc(['All'], ['AllTrusted'])), 'location');
    assert.equal(t.matched, false);
    assert.deepEqual(rules(t, 'exclude'), ['allTrustedLocations']);
    assert.match(t.reason, /203\.0\.113\.7 is in named location Oslo office \(203\.0\.113\.0\/24, trusted\)/);
  });

  it('outside every trusted location the All-minus-AllTrusted policy applies', () => {
    assert.equal(cond(evalOne(loc(['All'], ['AllTrusted']), ropgContext({ ipAddress: '192.0.2.10' })), 'location').matched, true);
  });

  it('an untrusted IP location does not count for AllTrusted', () => {
    const ctx = ropgContext({ ipAddress: '198.51.100.20' });
    assert.equal(cond(evalOne(loc(['AllTrusted']), ctx), 'location').matched, false);
    assert.equal(cond(evalOne(loc([UNTRUSTED_LOCATION]), ctx), 'location').matched, true);
  });

  it('IPv6 named locations match IPv6 sign-ins', () => {
    const ctx = ropgContext({ ipAddress: '2001:db8:abcd:0042::17' });
    const t = cond(evalOne(loc([V6_LOCATION]), ctx), 'location');
    assert.equal(t.matched, true);
    assert.deepEqual(rules(t, 'include'), ['locationId']);
    assert.equal(cond(evalOne(loc(['AllTrusted']), ctx), 'location').matched, true);
    assert.equal(cond(evalOne(loc([V6_LOCATION]), ropgContext({ ipAddress: '2001:db8:abce::1' })), 'location').matched, false);
  });

  it('an unknown IP matches no IP named location', () => {
    assert.equal(cond(evalOne(loc([OSLO_LOCATION]), ropgContext({ ipAddress: null })), 'location').matched, false);
    assert.equal(cond(evalOne(loc(['AllTrusted']), ropgContext({ ipAddress: null })), 'location').matched, false);
  });

  it('countries: the sign-in country decides; an unknown country needs includeUnknownCountriesAndRegions', () => {
    assert.equal(cond(evalOne(loc([COUNTRY_LOCATION])), 'location').matched, true);
    assert.equal(cond(evalOne(loc([COUNTRY_LOCATION]), ropgContext({ country: 'US' })), 'location').matched, false);
    assert.equal(cond(evalOne(loc([COUNTRY_LOCATION]), ropgContext({ country: null })), 'location').matched, false);
    const dir = directory();
    const withUnknown = new Map(dir.namedLocations);
    withUnknown.set(COUNTRY_LOCATION, { ...dir.namedLocations.get(COUNTRY_LOCATION)!, includeUnknownCountriesAndRegions: true });
    const t = cond(evalOne(loc([COUNTRY_LOCATION]), ropgContext({ country: null }), directory({ namedLocations: withUnknown })), 'location');
    assert.equal(t.matched, true);
    assert.match(t.reason, /unknown country/);
  });

  it('"block countries": All minus Nordics — a sign-in from Norway is excluded', () => {
    assert.equal(cond(evalOne(loc(['All'], [COUNTRY_LOCATION])), 'location').matched, false);
    assert.equal(cond(evalOne(loc(['All'], [COUNTRY_LOCATION]), ropgContext({ country: 'US' })), 'location').matched, true);
  });

  it('a reference to a deleted named location matches nothing and is reported', () => {
    const ev = evalOne(loc(['deadbeef-0000-0000-0000-000000000000']));
    assert.equal(cond(ev, 'location').matched, false);
    assert.ok(ev.warnings?.some((w) => /unknown named location deadbeef/.test(w)));
    assert.equal(ev.cannotEvaluate, undefined);
  });
});
