/** The $filter parser, schema check and evaluator, on Graph's documented filter shapes (graph-facts §1.2, §1.4, §5). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFilter } from '../../../electron/core/emulator/odata/parser.js';
import { checkFilter } from '../../../electron/core/emulator/odata/schema.js';
import { matches } from '../../../electron/core/emulator/odata/evaluate.js';
import { ODataError } from '../../../electron/core/emulator/odata/ast.js';
import { SIGN_IN_SCHEMA_BETA, SIGN_IN_SCHEMA_V1, USER_SCHEMA } from '../../../electron/core/emulator/odata/entities.js';
import { decodeSkipToken, encodeSkipToken, readQuery } from '../../../electron/core/emulator/odata/query.js';

const signIn = {
  createdDateTime: '2026-11-20T08:41:12Z', userPrincipalName: 'ana@contoso.com', appId: 'app-1',
  status: { errorCode: 53003 }, conditionalAccessStatus: 'failure',
  signInEventTypes: ['interactiveUser'], conditionalAccessAudiences: ['00000002-0000-0000-c000-000000000000'],
  userDisplayName: "Ana O'Neil",
};
const run = (f: string, o: unknown = signIn, schema = SIGN_IN_SCHEMA_BETA) => { const ast = parseFilter(f); checkFilter(schema, ast); return matches(ast, o); };

test('Graph documented filters parse and match', () => {
  assert.equal(run('createdDateTime ge 2026-11-01T00:00:00Z and createdDateTime le 2026-11-30T00:00:00Z'), true);
  assert.equal(run('createdDateTime ge 2026-11-21T00:00:00Z'), false);
  assert.equal(run("userPrincipalName eq 'ANA@contoso.com'"), true);
  assert.equal(run("startsWith(userPrincipalName,'ana')"), true, 'function names are case-insensitive');
  assert.equal(run('status/errorCode eq 53003'), true);
  assert.equal(run("conditionalAccessStatus eq 'failure'"), true);
  assert.equal(run("signInEventTypes/any(t: t eq 'interactiveUser')"), true);
  assert.equal(run("signInEventTypes/any(t: t ne 'interactiveUser')"), false);
  assert.equal(run("conditionalAccessAudiences/any(a:a eq '00000002-0000-0000-c000-000000000000')"), true);
  assert.equal(run("(appId eq 'x' or appId eq 'app-1') and status/errorCode eq 53003"), true);
  assert.equal(run("appId eq 'x' or appId eq 'app-1' and status/errorCode eq 0"), false, 'and binds tighter than or');
  assert.equal(run("userDisplayName eq 'Ana O''Neil'"), true, "'' escapes a quote");
});

test('what Graph rejects is an ODataError with a message that says why', () => {
  const bad: [string, RegExp][] = [
    ["userPrincipalName eq 'open", /unterminated/],
    ["foo eq 'x'", /Could not find a property named 'foo' on type 'microsoft.graph.signIn'/],
    ["createdDateTime ge '2026-11-01'", /incompatible types/],
    ["status/errorCode eq '53003'", /incompatible types/],
    ["userPrincipalName gt 'a'", /operator 'gt' is not supported/],
    ["endswith(userPrincipalName,'x')", /operator 'endswith' is not supported/],
    ['userPrincipalName eq', /expected a literal/],
    ["userPrincipalName eq ana", /expected a literal/],
    ["(appId eq 'x'", /expected '\)'/],
    ["appId eq 'x' and", /expected a property name/],
    ['', /empty/],
    ["t eq 'x'", /Could not find a property named 't'/],
    ["signInEventTypes/any(t: appId eq 'x')", /only the lambda variable/],
    ["not appId eq 'x'", /operator 'not' is not supported/],
    ['createdDateTime ge 2026-02-30T00:00:00Z', /not a valid DateTimeOffset/],
  ];
  for (const [f, message] of bad) {
    assert.throws(() => { const ast = parseFilter(f); checkFilter(SIGN_IN_SCHEMA_BETA, ast); }, (e: unknown) => e instanceof ODataError && message.test(e.message), f);
  }
});

test('v1.0 does not know beta-only properties', () => {
  assert.throws(() => checkFilter(SIGN_IN_SCHEMA_V1, parseFilter("signInEventTypes/any(t: t eq 'interactiveUser')")), /Could not find a property named 'signInEventTypes'/);
});

test('deep nesting is refused, not a stack overflow', () => {
  const deep = `${'('.repeat(500)}appId eq 'x'${')'.repeat(500)}`;
  assert.throws(() => parseFilter(deep), ODataError);
});

test('users: in (…) and startswith on displayName', () => {
  const u = { userPrincipalName: 'a@x', displayName: 'Ada Admin', id: '1' };
  const ast = parseFilter("id in ('1', '2') and startswith(displayName,'ada')");
  checkFilter(USER_SCHEMA, ast);
  assert.equal(matches(ast, u), true);
});

test('query options: $top must be an integer, unknown $options and repeats are refused; skiptokens are bound to their query', () => {
  assert.throws(() => readQuery(new URL('https://h/v1.0/users?$top=ten')), /non-negative integer/);
  assert.throws(() => readQuery(new URL('https://h/v1.0/users?$foo=1')), /not supported/);
  assert.throws(() => readQuery(new URL('https://h/v1.0/users?$top=1&$top=2')), /more than once/);
  const q = readQuery(new URL("https://h/beta/auditLogs/signIns?$filter=appId eq 'x'&$top=5"));
  const token = encodeSkipToken(q, '/beta/auditLogs/signIns', { offset: 5, asOfMs: 1000 });
  const again = readQuery(new URL(`https://h/beta/auditLogs/signIns?$filter=appId eq 'x'&$top=5&$skiptoken=${token}`));
  assert.deepEqual(decodeSkipToken(again, '/beta/auditLogs/signIns'), { offset: 5, asOfMs: 1000 });
  const other = readQuery(new URL(`https://h/beta/auditLogs/signIns?$filter=appId eq 'y'&$top=5&$skiptoken=${token}`));
  assert.throws(() => decodeSkipToken(other, '/beta/auditLogs/signIns'), /skiptoken/);
});
