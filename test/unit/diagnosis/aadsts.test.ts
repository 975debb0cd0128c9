import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadAadstsCatalogue, parseCatalogue } from '../../../electron/core/diagnosis/aadsts.js';
import { resourcePath } from '../../../electron/core/paths.js';

// Every code graph-facts.md §6 lists, plus 0 (success).
const SECTION_6 = [
  0, 50126, 50034, 50053, 50055, 50057, 50076, 50079, 50074, 50072, 500121, 50158, 53003, 53000, 530002, 530003,
  53001, 53004, 530032, 530035, 50097, 50132, 50173, 50105, 50199, 65001, 700016, 7000218, 90072, 50131, 50058, 50140,
];

test('the shipped catalogue validates and lists every §6 code', () => {
  const catalogue = loadAadstsCatalogue();
  for (const code of SECTION_6) {
    const entry = catalogue.lookup(code);
    assert.equal(entry.known, true, `AADSTS${code} missing from resources/aadsts-catalogue.json`);
    assert.ok(entry.meaning.length > 10 && entry.helpdesk.length > 5, `AADSTS${code} needs plain meaning and helpdesk text`);
  }
});

test('Jamf Connect reads 50076 (MFA required) as a correct password; success too', () => {
  const c = loadAadstsCatalogue();
  assert.equal(c.lookup(50076).jamfConnect.countsAsPasswordCorrect, true);
  assert.equal(c.lookup(50076).isLockoutCause, false);
  assert.equal(c.lookup(0).jamfConnect.countsAsPasswordCorrect, true);
});

test('documented lockout causes are marked as such, with the right category and non-CA fix', () => {
  const c = loadAadstsCatalogue();
  const expect: [number, string, string | undefined][] = [
    [53003, 'ca-block', undefined],
    [53000, 'ca-device', undefined],
    [530002, 'ca-device', undefined],
    [530003, 'ca-device', undefined],
    [53001, 'ca-device', undefined],
    [50126, 'credentials', 'resetPassword'],
    [50055, 'credentials', 'resetPassword'],
    [50053, 'credentials', 'unlock'],
    [50057, 'account-state', 'enableAccount'],
    [7000218, 'app-config', 'enablePublicClientFlows'],
    [65001, 'consent', 'grantConsent'],
    [700016, 'app-config', 'fixClientId'],
  ];
  for (const [code, category, fix] of expect) {
    const e = c.lookup(code);
    assert.equal(e.isLockoutCause, true, `${code} is a lockout cause`);
    assert.equal(e.jamfConnect.countsAsPasswordCorrect, false, `${code} fails the password check`);
    assert.equal(e.category, category, `${code} category`);
    assert.equal(e.nonCaFix, fix, `${code} non-CA fix`);
  }
});

test('interactive interrupts are not lockout causes (graph-facts §6: not errors for ROPG)', () => {
  const c = loadAadstsCatalogue();
  for (const code of [50058, 50140, 50199]) assert.equal(c.lookup(code).isLockoutCause, false, String(code));
});

test('an unknown code is answered gracefully with Microsoft\'s lookup link', () => {
  const e = loadAadstsCatalogue().lookup(9999999);
  assert.equal(e.known, false);
  assert.equal(e.category, 'other');
  assert.equal(e.lookupUrl, 'https://login.microsoftonline.com/error?code=9999999');
  assert.match(e.helpdesk, /login\.microsoftonline\.com\/error\?code=9999999/);
});

test('a malformed catalogue is refused with the path of the problem', () => {
  const good = JSON.parse(readFileSync(resourcePath('aadsts-catalogue.json'), 'utf8'));
  const bad = structuredClone(good);
  bad.codes['53000'].category = 'not-a-category';
  assert.throws(() => parseCatalogue(bad), /codes\.53000\.category/);
  const badKey = structuredClone(good);
  badKey.codes['AADSTS1'] = good.codes['0'];
  assert.throws(() => parseCatalogue(badKey), /codes\.AADSTS1/);
  assert.throws(() => parseCatalogue(null), /catalogue invalid/);
});
