import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cond, evalOne, policy, ropgContext, rules } from './fixtures.js';

describe('client app types', () => {
  it('"all" is not configured and matches', () => {
    assert.equal(cond(evalOne(policy({ conditions: { clientAppTypes: ['all'] } })), 'clientType').configured, false);
  });
  it('each client app type matches only itself', () => {
    const types = ['browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync', 'other'] as const;
    for (const configured of types) {
      for (const actual of types) {
        const t = cond(evalOne(policy({ conditions: { clientAppTypes: [configured] } }), ropgContext({ clientAppType: actual })), 'clientType');
        assert.equal(t.matched, configured === actual, `${configured} vs ${actual}`);
      }
    }
  });
  it('"browser only" policies do not catch the ROPG check (mobileAppsAndDesktopClients)', () => {
    assert.equal(evalOne(policy({ conditions: { clientAppTypes: ['browser'] } })).applies, false);
  });
  it('easSupported is read as Exchange ActiveSync', () => {
    assert.equal(cond(evalOne(policy({ conditions: { clientAppTypes: ['easSupported'] } }), ropgContext({ clientAppType: 'exchangeActiveSync' })), 'clientType').matched, true);
  });
});

describe('device platforms', () => {
  const plat = (includePlatforms: string[], excludePlatforms: string[] = []) => policy({ conditions: { platforms: { includePlatforms, excludePlatforms } } });
  it('includes macOS', () => {
    const t = cond(evalOne(plat(['macOS'])), 'devicePlatform');
    assert.equal(t.matched, true);
    assert.deepEqual(rules(t, 'include'), ['devicePlatform']);
  });
  it('does not include macOS in an iOS/android policy', () => {
    assert.equal(cond(evalOne(plat(['iOS', 'android'])), 'devicePlatform').matched, false);
  });
  it('all includes an undetected platform; excluding the known ones leaves unknown in scope', () => {
    const known = ['android', 'iOS', 'windows', 'macOS', 'linux', 'windowsPhone'];
    assert.equal(cond(evalOne(plat(['all'], known), ropgContext({ platform: 'unknown' })), 'devicePlatform').matched, true);
    assert.equal(cond(evalOne(plat(['all'], known)), 'devicePlatform').matched, false);
  });
  it('excluded platform wins', () => {
    const t = cond(evalOne(plat(['all'], ['macOS'])), 'devicePlatform');
    assert.equal(t.matched, false);
    assert.deepEqual(rules(t, 'exclude'), ['devicePlatform']);
  });
  it('linux is a platform', () => {
    assert.equal(cond(evalOne(plat(['linux']), ropgContext({ platform: 'linux' })), 'devicePlatform').matched, true);
  });
});

describe('risk levels', () => {
  it('sign-in risk: matches listed levels only', () => {
    const p = policy({ conditions: { signInRiskLevels: ['medium', 'high'] } });
    assert.equal(cond(evalOne(p, ropgContext({ signInRisk: 'high' })), 'signInRisk').matched, true);
    assert.equal(cond(evalOne(p, ropgContext({ signInRisk: 'low' })), 'signInRisk').matched, false);
    assert.equal(cond(evalOne(p), 'signInRisk').matched, false);
  });
  it('user risk: matches listed levels only', () => {
    const p = policy({ conditions: { userRiskLevels: ['high'] } });
    assert.equal(cond(evalOne(p, ropgContext({ userRisk: 'high' })), 'userRisk').matched, true);
    assert.equal(cond(evalOne(p, ropgContext({ userRisk: 'medium' })), 'userRisk').matched, false);
  });
  it('empty lists are not configured', () => {
    assert.equal(cond(evalOne(policy({})), 'signInRisk').configured, false);
  });
  it('insider risk (flags string)', () => {
    const p = policy({ conditions: { insiderRiskLevels: 'elevated' } });
    assert.equal(cond(evalOne(p, ropgContext({ insiderRisk: 'elevated' })), 'insiderRisk').matched, true);
    assert.equal(cond(evalOne(p), 'insiderRisk').matched, false);
  });
});

describe('authentication flows', () => {
  const p = policy({ conditions: { authenticationFlows: { transferMethods: 'deviceCodeFlow' } } });
  it('device code flow policy applies to device-code sign-ins only', () => {
    const t = cond(evalOne(p, ropgContext({ authenticationFlow: 'deviceCodeFlow' })), 'authenticationFlows');
    assert.equal(t.matched, true);
    assert.deepEqual(rules(t, 'include'), ['deviceCodeFlow']);
    assert.equal(cond(evalOne(p), 'authenticationFlows').matched, false);
    assert.equal(cond(evalOne(p, ropgContext({ authenticationFlow: 'authenticationTransfer' })), 'authenticationFlows').matched, false);
  });
  it('both methods in one flags string', () => {
    const both = policy({ conditions: { authenticationFlows: { transferMethods: 'deviceCodeFlow,authenticationTransfer' } } });
    assert.equal(cond(evalOne(both, ropgContext({ authenticationFlow: 'authenticationTransfer' })), 'authenticationFlows').matched, true);
  });
});

describe('device filters', () => {
  const filter = (mode: string, rule: string) => policy({ conditions: { devices: { deviceFilter: { mode, rule } } } });
  const compliantMac = { deviceId: 'd1', operatingSystem: 'MacMDM', isCompliant: true, trustType: 'AzureAD', extensionAttribute1: 'SAW' };

  it('exclude mode: a matching device is excluded', () => {
    const t = cond(evalOne(filter('exclude', 'device.extensionAttribute1 -eq "SAW"'), ropgContext({ device: compliantMac })), 'deviceState');
    assert.equal(t.matched, false);
    assert.deepEqual(rules(t, 'exclude'), ['deviceFilter']);
  });

  it('exclude mode with a positive operator: an unregistered device is NOT excluded (stays in scope)', () => {
    const t = cond(evalOne(filter('exclude', 'device.isCompliant -eq "True"')), 'deviceState');
    assert.equal(t.matched, true);
    assert.match(t.reason, /unregistered device/);
  });

  it('include mode with a negative operator: an unregistered device IS included', () => {
    assert.equal(cond(evalOne(filter('include', 'device.extensionAttribute1 -ne "SAW"')), 'deviceState').matched, true);
  });

  it('include mode with a positive operator: an unregistered device is not included', () => {
    const t = cond(evalOne(filter('include', 'device.trustType -eq "AzureAD"')), 'deviceState');
    assert.equal(t.matched, false);
    assert.deepEqual(rules(t, 'exclude'), ['deviceFilterIncludeRuleNotMatched']);
  });

  it('include mode on a registered device follows the rule', () => {
    assert.equal(cond(evalOne(filter('include', 'device.trustType -eq "azuread"'), ropgContext({ device: compliantMac })), 'deviceState').matched, true);
  });

  it('device property names are matched case-insensitively against the context', () => {
    const ctx = ropgContext({ device: { ExtensionAttribute1: 'SAW' } });
    assert.equal(cond(evalOne(filter('exclude', 'device.extensionattribute1 -eq "saw"'), ctx), 'deviceState').matched, false);
  });
});

describe('legacy device states (beta)', () => {
  const states = (excludeStates: string[]) => policy({ conditions: { deviceStates: { includeStates: ['All'], excludeStates } } });
  it('excludeStates Compliant excludes a compliant device and keeps an unregistered one', () => {
    assert.equal(cond(evalOne(states(['Compliant']), ropgContext({ device: { isCompliant: true } })), 'deviceState').matched, false);
    assert.equal(cond(evalOne(states(['Compliant'])), 'deviceState').matched, true);
  });
  it('excludeStates DomainJoined excludes a hybrid-joined device', () => {
    assert.equal(cond(evalOne(states(['DomainJoined']), ropgContext({ device: { trustType: 'ServerAD' } })), 'deviceState').matched, false);
  });
});
