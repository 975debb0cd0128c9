import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeQueryValue, literal, odata, quote, userPath } from '../../../electron/core/graph/odata.js';
import { signInFilter } from '../../../electron/core/sync/sign-in-filter.js';

test("single quotes are doubled inside string literals (OData: 'O''Brien')", () => {
  assert.equal(quote("o'brien@contoso.com"), "'o''brien@contoso.com'");
  assert.equal(odata.eq('userPrincipalName', "o'brien@contoso.com").text, "userPrincipalName eq 'o''brien@contoso.com'");
  // A value trying to close the literal and add a clause stays one literal.
  assert.equal(odata.eq('userPrincipalName', "x' or userId ne '").text, "userPrincipalName eq 'x'' or userId ne '''");
});

test('the filter is percent-encoded once, including quotes, #, &, + and spaces', () => {
  const text = odata.eq('userPrincipalName', "o'brien#EXT#&+x@contoso.com").text;
  const encoded = encodeQueryValue(text);
  assert.equal(encoded, 'userPrincipalName%20eq%20%27o%27%27brien%23EXT%23%26%2Bx%40contoso.com%27');
  assert.equal(decodeURIComponent(encoded), text);
});

test('property paths are fixed identifiers, never input', () => {
  assert.throws(() => odata.eq('userId eq 1 or x', 'a'), /not a property path/);
  assert.doesNotThrow(() => odata.eq('status/errorCode', 53003));
});

test('literals: instants unquoted UTC to the second, integers bare, no floats', () => {
  assert.equal(literal(new Date('2026-11-01T10:20:30.456Z')), '2026-11-01T10:20:30Z');
  assert.equal(literal(53003), '53003');
  assert.throws(() => literal(1.5), /integer/);
  assert.equal(literal(true), 'true');
});

test('user path: plain, guest #EXT#, quoted, and $-prefixed UPNs', () => {
  assert.equal(userPath('ana@contoso.com'), '/users/ana%40contoso.com');
  assert.equal(userPath('adele_fabrikam.com#EXT#@contoso.onmicrosoft.com'), '/users/adele_fabrikam.com%23EXT%23%40contoso.onmicrosoft.com');
  assert.equal(userPath("o'brien@contoso.com"), '/users(%27o%27%27brien%40contoso.com%27)');
  assert.equal(userPath('$svc@contoso.com'), '/users(%27%24svc%40contoso.com%27)');
});

test('the targeted sign-in filter asks for both event types, all app ids and the period in one expression', () => {
  const f = signInFilter({ appIds: ['a1', 'a2'], upn: "O'Brien@Contoso.com", since: new Date('2026-11-01T00:00:00Z') });
  assert.equal(f.text, "((appId eq 'a1' or appId eq 'a2') and userPrincipalName eq 'o''brien@contoso.com' and createdDateTime ge 2026-11-01T00:00:00Z and signInEventTypes/any(t:t eq 'interactiveUser' or t eq 'nonInteractiveUser'))");
  assert.equal(signInFilter({ appIds: [], userId: 'u' }).text, "(userId eq 'u' and signInEventTypes/any(t:t eq 'interactiveUser' or t eq 'nonInteractiveUser'))");
});
