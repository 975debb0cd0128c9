import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseRule } from '../../../electron/core/policy/rule-parser.js';
import type { ComparisonNode, RuleAst } from '../../../electron/core/policy/rule-ast.js';

function ok(text: string, kind: 'application' | 'device'): RuleAst {
  const r = parseRule(text, kind);
  if (!r.ok) assert.fail(`expected ${JSON.stringify(text)} to parse, got ${r.error.message} @${r.error.position}`);
  return r.ast;
}

function err(text: string, kind: 'application' | 'device'): { message: string; position: number } {
  const r = parseRule(text, kind);
  assert.equal(r.ok, false, `expected ${JSON.stringify(text)} to be rejected`);
  return (r as { ok: false; error: { message: string; position: number } }).error;
}

describe('parseRule: accepted syntax', () => {
  it('parses the Jamf exemption rule into one comparison with attribute set and name', () => {
    const ast = ok('CustomSecurityAttribute.JamfConnect_Exempt -eq "Exempt"', 'application');
    const root = ast.root as ComparisonNode;
    assert.equal(root.type, 'comparison');
    assert.equal(root.operator, 'eq');
    assert.equal(root.value, 'Exempt');
    assert.equal(root.operand.attributeSet, 'JamfConnect');
    assert.equal(root.operand.attributeName, 'Exempt');
  });

  it('accepts every documented operator, in any letter case', () => {
    const ops = ['-eq', '-ne', '-startsWith', '-notStartsWith', '-endsWith', '-notEndsWith', '-contains', '-notContains'];
    for (const op of ops) {
      ok(`device.model ${op} "x"`, 'device');
      ok(`device.model ${op.toUpperCase()} "x"`, 'device');
    }
    ok('device.deviceId -in ["a","b"]', 'device');
    ok('device.deviceId -NOTIN ["a"]', 'device');
  });

  it('gives -and higher precedence than -or, and -not binds tighter than -and', () => {
    const ast = ok('device.model -eq "a" -or device.model -eq "b" -and -not device.model -eq "c"', 'device');
    assert.equal(ast.root.type, 'or');
    const or = ast.root as unknown as { operands: { type: string; operands?: { type: string }[] }[] };
    assert.equal(or.operands[0]!.type, 'comparison');
    assert.equal(or.operands[1]!.type, 'and');
    assert.equal(or.operands[1]!.operands![1]!.type, 'not');
  });

  it('honours parentheses', () => {
    const ast = ok('(device.model -eq "a" -or device.model -eq "b") -and device.trustType -eq "AzureAD"', 'device');
    assert.equal(ast.root.type, 'and');
  });

  it('matches property names case-insensitively (the CA doc writes device.deviceid) and canonicalises them', () => {
    const root = ok('device.deviceid -eq "x"', 'device').root as ComparisonNode;
    assert.equal(root.operand.canonical, 'deviceId');
    const csa = ok('customsecurityattribute.Set1_Attr -eq "x"', 'application').root as ComparisonNode;
    assert.equal(csa.operand.attributeSet, 'Set1');
  });

  it('unescapes \\" and `" inside double-quoted strings and accepts single quotes', () => {
    const a = ok('device.displayName -eq "say \\"hi\\""', 'device').root as ComparisonNode;
    assert.equal(a.value, 'say "hi"');
    const b = ok('device.displayName -eq "ps `"x`""', 'device').root as ComparisonNode;
    assert.equal(b.value, 'ps "x"');
    const c = ok("device.displayName -eq 'it''s'", 'device').root as ComparisonNode;
    assert.equal(c.value, "it's");
  });

  it('parses lists, including an empty one', () => {
    const a = ok('device.operatingSystemVersion -in ["10.0.18363", "10.0.19041"]', 'device').root as ComparisonNode;
    assert.deepEqual(a.value, ['10.0.18363', '10.0.19041']);
    const b = ok('device.deviceId -notIn []', 'device').root as ComparisonNode;
    assert.deepEqual(b.value, []);
  });

  it('accepts unquoted True/False and null', () => {
    const a = ok('device.isCompliant -eq True', 'device').root as ComparisonNode;
    assert.equal(a.value, 'True');
    const b = ok('device.extensionAttribute1 -eq null', 'device').root as ComparisonNode;
    assert.equal(b.value, null);
  });

  it('accepts hyphen-less operators as the membership-rule syntax allows', () => {
    ok('device.model eq "a" and device.model ne "b"', 'device');
  });
});

describe('parseRule: positioned errors', () => {
  it('points at the missing value', () => {
    const text = 'device.model -eq';
    const e = err(text, 'device');
    assert.equal(e.position, text.length);
  });

  it('points at an unterminated string', () => {
    const e = err('device.model -eq "abc', 'device');
    assert.equal(e.position, 17);
    assert.match(e.message, /Unterminated/);
  });

  it('points at an unknown operator', () => {
    const e = err('device.model -like "a"', 'device');
    assert.equal(e.position, 13);
  });

  it('rejects an unknown device property at its position', () => {
    const e = err('device.model -eq "a" -and device.colour -eq "red"', 'device');
    assert.equal(e.position, 26);
    assert.match(e.message, /Unknown device property 'colour'/);
  });

  it('rejects device operands in application filters and vice versa', () => {
    assert.equal(err('device.model -eq "a"', 'application').position, 0);
    assert.equal(err('CustomSecurityAttribute.A_B -eq "a"', 'device').position, 0);
  });

  it('rejects an attribute reference without Set_Name', () => {
    assert.match(err('CustomSecurityAttribute.Exempt -eq "x"', 'application').message, /<AttributeSet>_<AttributeName>/);
  });

  it('rejects unbalanced parentheses', () => {
    assert.equal(err('(device.model -eq "a"', 'device').position, 21);
    assert.equal(err('device.model -eq "a")', 'device').position, 20);
  });

  it('rejects a list for scalar operators and a scalar for -in', () => {
    assert.ok(err('device.model -eq ["a"]', 'device').position > 0);
    assert.equal(err('device.model -in "a"', 'device').position, 17);
  });

  it('rejects -match, which CA filters do not support', () => {
    assert.match(err('device.model -match "^a"', 'device').message, /not supported/);
  });

  it('rejects an empty rule and a rule over 3072 characters', () => {
    assert.equal(err('   ', 'device').position, 0);
    const long = `device.model -eq "${'a'.repeat(3100)}"`;
    const e = err(long, 'device');
    assert.equal(e.position, 3072);
    assert.match(e.message, /3072/);
  });

  it('accepts a rule of exactly 3072 characters', () => {
    const prefix = 'device.model -eq "';
    const text = `${prefix}${'a'.repeat(3072 - prefix.length - 1)}"`;
    assert.equal(text.length, 3072);
    ok(text, 'device');
  });
});

describe('parseRule: property run', () => {
  it('never throws on random input, and errors carry a position within the input', () => {
    const alphabet = fc.constantFrom('d', 'e', 'v', 'i', 'c', '.', 'm', 'o', 'l', ' ', '-', 'q', '"', '\\', '(', ')', '[', ']', ',', 'x', 'n', 'a', 't', '`', "'");
    const arb = fc.oneof(
      fc.string(),
      fc.string({ unit: alphabet, maxLength: 60 }),
      fc.tuple(fc.constantFrom('device.model', 'device.deviceId', 'CustomSecurityAttribute.A_B', '(', '-not'), fc.string({ unit: alphabet, maxLength: 40 })).map(([a, b]) => `${a} ${b}`),
    );
    fc.assert(
      fc.property(arb, fc.constantFrom('application' as const, 'device' as const), (text, kind) => {
        const r = parseRule(text, kind);
        if (!r.ok) {
          assert.equal(typeof r.error.message, 'string');
          assert.ok(r.error.position >= 0 && r.error.position <= text.length, `position ${r.error.position} outside 0..${text.length}`);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('survives deep nesting without throwing', () => {
    const text = `${'('.repeat(1200)}device.model -eq "a"${')'.repeat(1200)}`;
    const r = parseRule(text, 'device');
    assert.equal(r.ok, true);
  });
});
