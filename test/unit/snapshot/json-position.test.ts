/** Line/column arithmetic, the syntax scanner (agreeing with JSON.parse), and path lookup. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findJsonSyntaxError, formatJsonPath, locateJsonPath, offsetToLineColumn } from '../../../electron/core/snapshot/json-position.js';

test('offsetToLineColumn counts 1-based lines and columns', () => {
  const text = 'ab\ncd\n\nef';
  assert.deepEqual(offsetToLineColumn(text, 0), { line: 1, column: 1 });
  assert.deepEqual(offsetToLineColumn(text, 2), { line: 1, column: 3 });
  assert.deepEqual(offsetToLineColumn(text, 3), { line: 2, column: 1 });
  assert.deepEqual(offsetToLineColumn(text, 7), { line: 4, column: 1 });
  assert.deepEqual(offsetToLineColumn(text, 999), { line: 4, column: 3 });
});

test('findJsonSyntaxError finds the first error and says why', () => {
  const cases: [string, number, RegExp][] = [
    ['{"a": }', 6, /a value was expected/],
    ['{"a": 1', 7, /end of input.*truncated/],
    ['{"a" 1}', 5, /':' was expected/],
    ["{'a': 1}", 1, /property name in double quotes/],
    ['[1, 2,]', 6, /trailing comma before '\]'/],
    ['{"a": 01}', 7, /invalid number/], // the digit after the leading zero
    ['{"a": "x\ty"}', 8, /unescaped control character/],
    ['{"a": "\\q"}', 7, /invalid escape/],
    ['{"a": tru}', 6, /a value was expected/],
    ['{} {}', 3, /after the end of the JSON document/],
    ['', 0, /a value was expected/],
  ];
  for (const [text, offset, reason] of cases) {
    const e = findJsonSyntaxError(text);
    assert.ok(e, `${JSON.stringify(text)} should be invalid`);
    assert.equal(e.offset, offset, `offset for ${JSON.stringify(text)}`);
    assert.match(e.reason, reason);
  }
});

test('findJsonSyntaxError agrees with JSON.parse on valid and mutated JSON', () => {
  fc.assert(
    fc.property(fc.json(), fc.nat(), fc.constantFrom('', '}', ']', ',', '"', ':', 'x', '\\', '0'), fc.boolean(), (json, at, insert, del) => {
      const pos = json.length === 0 ? 0 : at % (json.length + 1);
      const text = del ? json.slice(0, pos) + insert + json.slice(pos + 1) : json.slice(0, pos) + insert + json.slice(pos);
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      assert.equal(findJsonSyntaxError(text) === null, parses, `disagreement on ${JSON.stringify(text)}`);
    }),
    { numRuns: 2000, seed: 42 },
  );
});

test('locateJsonPath finds values, handles escapes, duplicate keys and missing segments', () => {
  const text = '{\n  "a\\"b": [10, {"x": 1}, "s"],\n  "k": 1,\n  "k": {"deep": true}\n}';
  assert.equal(text.slice(locateJsonPath(text, ['a"b', 1, 'x'])).slice(0, 1), '1');
  assert.equal(text.slice(locateJsonPath(text, ['a"b', 2]), locateJsonPath(text, ['a"b', 2]) + 3), '"s"');
  // last duplicate wins, as in JSON.parse
  assert.equal(text.slice(locateJsonPath(text, ['k', 'deep'])).slice(0, 4), 'true');
  // missing key → the object that should have held it
  assert.equal(text[locateJsonPath(text, ['a"b', 1, 'missing'])], '{');
  // index past the end → the array
  assert.equal(text[locateJsonPath(text, ['a"b', 9])], '[');
  assert.equal(locateJsonPath(text, []), 0);
});

test('formatJsonPath reads like code', () => {
  assert.equal(formatJsonPath(['users', 3, 'id']), 'users[3].id');
  assert.equal(formatJsonPath(['users', 0, 'x-emulator', 'password']), 'users[0].x-emulator.password');
  assert.equal(formatJsonPath(['transitiveMemberOf', 'a b', 0]), 'transitiveMemberOf["a b"][0]');
  assert.equal(formatJsonPath([]), '(root)');
});
