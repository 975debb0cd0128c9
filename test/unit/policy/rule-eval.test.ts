import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateRule, explainRule, type RuleValue } from '../../../electron/core/policy/rule-eval.js';
import { parseRule } from '../../../electron/core/policy/rule-parser.js';
import type { RuleAst } from '../../../electron/core/policy/rule-ast.js';

function ast(text: string, kind: 'application' | 'device' = 'device'): RuleAst {
  const r = parseRule(text, kind);
  if (!r.ok) throw new Error(r.error.message);
  return r.ast;
}

function onDevice(text: string, device: Record<string, RuleValue> | null): boolean {
  return evaluateRule(ast(text), (o) => (device ? device[o.canonical] : null));
}

describe('rule evaluation: device filter semantics (entra concept-condition-filters-for-devices.md)', () => {
  const mac = { model: 'MacBookPro18,3', manufacturer: 'Apple', operatingSystem: 'macOS', trustType: 'Workplace', isCompliant: false, extensionAttribute1: 'SAW' };

  it('compares strings case-insensitively', () => {
    assert.equal(onDevice('device.manufacturer -eq "apple"', mac), true);
    assert.equal(onDevice('device.operatingSystem -eq "MACOS"', mac), true);
  });

  it('implements each string operator', () => {
    assert.equal(onDevice('device.model -startsWith "macbook"', mac), true);
    assert.equal(onDevice('device.model -notStartsWith "macbook"', mac), false);
    assert.equal(onDevice('device.model -endsWith "18,3"', mac), true);
    assert.equal(onDevice('device.model -notEndsWith "18,3"', mac), false);
    assert.equal(onDevice('device.model -contains "bookpro"', mac), true);
    assert.equal(onDevice('device.model -notContains "Surface"', mac), true);
    assert.equal(onDevice('device.manufacturer -in ["Microsoft","Apple"]', mac), true);
    assert.equal(onDevice('device.manufacturer -notIn ["Microsoft","Apple"]', mac), false);
    assert.equal(onDevice('device.manufacturer -ne "Apple"', mac), false);
  });

  it('reads a boolean isCompliant as "True"/"False"', () => {
    assert.equal(onDevice('device.isCompliant -eq "False"', mac), true);
    assert.equal(onDevice('device.isCompliant -eq "True"', { isCompliant: true }), true);
    assert.equal(onDevice('device.isCompliant -eq True', { isCompliant: 'True' }), true);
  });

  it('unregistered device: positive operators never match, negative operators always match', () => {
    for (const op of ['-eq', '-startsWith', '-endsWith', '-contains']) assert.equal(onDevice(`device.model ${op} "x"`, null), false, op);
    assert.equal(onDevice('device.model -in ["x"]', null), false);
    for (const op of ['-ne', '-notStartsWith', '-notEndsWith', '-notContains']) assert.equal(onDevice(`device.model ${op} "x"`, null), true, op);
    assert.equal(onDevice('device.model -notIn ["x"]', null), true);
    // The documented trick: extensionAttribute1 -ne "SAW" matches unregistered devices.
    assert.equal(onDevice('device.extensionAttribute1 -ne "SAW"', null), true);
  });

  it('collections: -contains matches a whole element, not a substring', () => {
    const d = { systemLabels: ['M365Managed', 'MultiUser'], physicalIds: ['[ZTDId]:abc'] };
    assert.equal(onDevice('device.systemLabels -contains "m365managed"', d), true);
    assert.equal(onDevice('device.systemLabels -contains "M365"', d), false);
    assert.equal(onDevice('device.systemLabels -notContains "AzureResource"', d), true);
    assert.equal(onDevice('device.physicalIds -contains "[ZTDId]:abc"', d), true);
    assert.equal(onDevice('device.systemLabels -contains "x"', { systemLabels: [] }), false);
    assert.equal(onDevice('device.systemLabels -notContains "x"', { systemLabels: [] }), true);
  });

  it('-eq null / -ne null test for null', () => {
    assert.equal(onDevice('device.extensionAttribute2 -eq null', { extensionAttribute2: null }), true);
    assert.equal(onDevice('device.extensionAttribute2 -ne null', { extensionAttribute2: 'x' }), true);
    assert.equal(onDevice('device.extensionAttribute2 -eq null', { extensionAttribute2: 'x' }), false);
  });

  it('combines with -and / -or / -not and parentheses', () => {
    assert.equal(onDevice('device.manufacturer -eq "Apple" -and -not (device.model -startsWith "iPad")', mac), true);
    assert.equal(onDevice('device.manufacturer -eq "Dell" -or device.trustType -eq "Workplace"', mac), true);
    assert.equal(onDevice('-not device.manufacturer -eq "Apple"', mac), false);
  });
});

describe('rule evaluation: application filters on custom security attributes', () => {
  const lookup = (attrs: Record<string, RuleValue>) => (o: { attributeName?: string }) => attrs[o.attributeName ?? ''];

  it('missing attribute behaves like null', () => {
    assert.equal(evaluateRule(ast('CustomSecurityAttribute.Set_Exempt -eq "Exempt"', 'application'), lookup({})), false);
    assert.equal(evaluateRule(ast('CustomSecurityAttribute.Set_Exempt -ne "Exempt"', 'application'), lookup({})), true);
  });

  it('multi-valued attribute: -contains means one element equals', () => {
    const a = ast('CustomSecurityAttribute.ConditionalAccessTest_policyRequirement -contains "requireMFA"', 'application');
    assert.equal(evaluateRule(a, lookup({ policyRequirement: ['legacyAuthAllowed', 'requireMFA'] })), true);
    assert.equal(evaluateRule(a, lookup({ policyRequirement: ['requireMFAx'] })), false);
  });

  it('non-string attribute values (Boolean/Integer) are unusable and read as null', () => {
    const a = ast('CustomSecurityAttribute.Set_Flag -eq "True"', 'application');
    assert.equal(evaluateRule(a, (() => ({ nested: true })) as never), false);
  });

  it('explainRule quotes the clause that decided', () => {
    const a = ast('CustomSecurityAttribute.A_X -eq "1" -or CustomSecurityAttribute.A_Y -eq "2"', 'application');
    const r = explainRule(a, lookup({ Y: '2' }));
    assert.deepEqual(r, { matched: true, clause: 'CustomSecurityAttribute.A_Y -eq "2"' });
    const b = ast('(CustomSecurityAttribute.A_X -eq "1") -and CustomSecurityAttribute.A_Y -eq "2"', 'application');
    assert.deepEqual(explainRule(b, lookup({ Y: '2' })), { matched: false, clause: '(CustomSecurityAttribute.A_X -eq "1")' });
  });
});

describe('rule evaluation: properties', () => {
  it('each negative operator is the exact negation of its positive twin, for values and for null', async () => {
    const fc = (await import('fast-check')).default;
    const pairs = [
      ['-eq', '-ne'],
      ['-startsWith', '-notStartsWith'],
      ['-endsWith', '-notEndsWith'],
      ['-contains', '-notContains'],
    ] as const;
    const value = fc.string({ unit: fc.constantFrom('a', 'B', 'c', ' ', '"'), maxLength: 6 });
    fc.assert(
      fc.property(fc.constantFrom(...pairs), value, fc.option(fc.oneof(value, fc.array(value, { maxLength: 3 })), { nil: null }), ([pos, neg], expected, actual) => {
        const lit = JSON.stringify(expected);
        const device = { model: actual as RuleValue };
        const p = onDevice(`device.model ${pos} ${lit}`, device);
        const n = onDevice(`device.model ${neg} ${lit}`, device);
        assert.equal(n, !p);
        if (actual === null || (Array.isArray(actual) && actual.length === 0)) assert.equal(p, false, 'positive never matches null');
        assert.equal(onDevice(`-not (device.model ${pos} ${lit})`, device), !p);
      }),
      { numRuns: 1500 },
    );
  });
});
