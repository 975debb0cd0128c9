// A live tenant in the browser harness, end to end: the "Add a tenant" form refuses bad input field by
// field and then adds the profile; an emulator-backed profile (the Entra/Graph emulator on the demo
// tenant) is opened from its empty cache, signed in to through real MSAL, and a locked-out user is
// diagnosed with a refresh from Graph; a directory sync shows its progress; the report is saved; a
// time-boxed exemption shows its expiry in the plan, the confirmation and the Exemptions view; the
// audit log is exported; and once the emulator stops, the cached diagnosis still answers, offline.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { checkExpiredExemptions } from '../../electron/app/expiry-checks.js';
import type { RunningEmulator } from '../../electron/core/emulator/index.js';
import { ProfileStore } from '../../electron/core/profiles/profile-store.js';
import { openAndSignIn, saveNorthwindProfile, startEmulatorAt, startLiveApp } from './live-helpers.js';
import { browserSkipReason, openApp, projectRoot, useBrowserSuite, type HarnessApp } from './harness.js';
import { seriousViolations } from './axe.js';

const skip = browserSkipReason();
if (skip) console.log(`# skipping browser e2e: ${skip}`);

const MARI = 'mari.johansen@northwind-demo.example';
const CA010 = /CA010 – macOS: require compliant device \(pilot\)/;

/** Texts that appeared in the page's live regions while `work` ran, however briefly (a MutationObserver sees them all). */
async function liveTextsDuring(page: Page, work: () => Promise<void>): Promise<string[]> {
  await page.evaluate(`(() => {
    window.__liveTexts = [];
    const record = () => {
      for (const el of document.querySelectorAll('[role="status"], [aria-live]')) {
        const t = (el.textContent || '').trim();
        if (t && window.__liveTexts[window.__liveTexts.length - 1] !== t) window.__liveTexts.push(t);
      }
    };
    window.__liveObserver = new MutationObserver(record);
    window.__liveObserver.observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  await work();
  return (await page.evaluate('(() => { window.__liveObserver.disconnect(); return window.__liveTexts; })()')) as string[];
}

async function fillForm(page: Page, values: { displayName?: string; name: string; tenant: string; clientId: string }): Promise<void> {
  const form = page.locator('form[aria-labelledby="add-tenant-h"]');
  await form.getByLabel('Display name').fill(values.displayName ?? '');
  await form.getByLabel('Profile name', { exact: true }).fill(values.name);
  await form.getByLabel('Tenant id or domain').fill(values.tenant);
  await form.getByLabel(/Application \(client\) ID/).fill(values.clientId);
  await form.getByRole('button', { name: 'Add tenant' }).click();
}

describe('a live tenant in the browser harness', { skip }, () => {
  const suite = useBrowserSuite();
  const { shots } = suite;

  test('add a tenant, sign in, diagnose with refresh, sync, save, time-boxed exemption, audit export, offline', async () => {
    // App and emulator share today's clock, so token lifetimes and "expires in" read true.
    const now = new Date();
    const started = await startEmulatorAt(now);
    const { operator } = started;
    let emulator: RunningEmulator | null = started.emulator;
    const out = mkdtempSync(join(tmpdir(), 'll-live-e2e-'));
    let h: HarnessApp | undefined;
    try {
      h = await openApp(suite.browser, suite.server, {
        now,
        emulator: { origin: emulator.origin, tenantId: emulator.tenantId, caCertPem: emulator.caCertPem },
      });
      const { page } = h;
      page.setDefaultTimeout(60_000); // Graph pacing: CA requests one per second, sign-ins 5 per 10 s
      await page.getByRole('heading', { name: 'Add a tenant' }).waitFor();
      const form = page.locator('form[aria-labelledby="add-tenant-h"]');

      // 1. A malformed client id: the contract refuses it, and the message sits under that field.
      await fillForm(page, { displayName: 'Contoso (production)', name: 'contoso', tenant: 'not a tenant', clientId: 'not-a-guid' });
      const clientId = form.getByLabel(/Application \(client\) ID/);
      await form.locator('#clientId-error').waitFor();
      assert.match(await form.locator('#clientId-error').innerText(), /GUID/);
      assert.equal(await clientId.getAttribute('aria-invalid'), 'true');
      assert.match((await clientId.getAttribute('aria-describedby')) ?? '', /clientId-error/, 'the message is tied to its field');
      assert.equal(await page.evaluate('document.activeElement?.id'), 'tp-clientId', 'focus goes to the field to fix');
      // 2. A valid GUID but a tenant that is neither a GUID nor a domain: the core profile schema says so.
      await clientId.fill('11111111-2222-4333-8444-555555555555');
      await form.getByRole('button', { name: 'Add tenant' }).click();
      await form.locator('#tenant-error').waitFor();
      assert.match(await form.locator('#tenant-error').innerText(), /must be a tenant id \(GUID\) or a domain/);
      assert.equal(await form.locator('#clientId-error').count(), 0, 'the fixed field no longer shows an error');
      const violations = await seriousViolations(page);
      await page.screenshot({ path: join(shots, 'first-run-add-tenant-errors.png'), fullPage: true });
      assert.deepEqual(violations, [], 'the first-run form with its errors has no serious or critical axe violation');

      // An emulator profile naming the demo's admin as the account the scripted sign-in picks
      // (the form has no field for that: it exists for development and tests only).
      saveNorthwindProfile(h, emulator, operator);
      // 3. Fixed: the profile is added and listed beside the emulator one.
      await form.getByLabel('Tenant id or domain').fill('contoso.onmicrosoft.com');
      await form.getByRole('button', { name: 'Add tenant' }).click();
      await form.getByText('Added “Contoso (production)”').waitFor();
      const list = page.getByRole('list', { name: 'Tenant profiles' });
      await list.getByText('contoso · contoso.onmicrosoft.com · Global').waitFor();
      await list.getByRole('button', { name: 'Open Northwind (emulator)' }).waitFor();
      assert.equal(await form.getByLabel('Profile name', { exact: true }).inputValue(), '', 'the form is cleared for the next tenant');

      // Open the emulator tenant: its (empty) cache, nobody signed in yet.
      await list.getByRole('button', { name: 'Open Northwind (emulator)' }).click();
      await page.getByRole('heading', { name: 'Lockout diagnosis' }).waitFor();
      const status = page.getByRole('contentinfo', { name: 'Status' });
      await status.getByText('not signed in').waitFor();
      assert.match(await status.innerText(), /profile northwind/);
      assert.match(await status.innerText(), /Last sync\s+never/);

      await status.getByRole('button', { name: 'Sign in' }).click();
      await status.getByText(operator).waitFor();
      await status.getByText('Online', { exact: true }).waitFor();
      assert.equal(await status.getByRole('button', { name: 'Sign in' }).count(), 0, 'signed in: no sign-in button');
      await page.getByText("Online: each diagnosis first fetches the user's recent sign-ins from Entra.").waitFor();

      // Diagnose a user the cache has never seen: main fetches them from Graph first.
      const texts = await liveTextsDuring(page, async () => {
        await page.getByRole('combobox', { name: 'Find a user' }).fill(MARI);
        await page.keyboard.press('Enter');
        await page.locator('#verdict-title', { hasText: 'Mari Johansen' }).waitFor();
      });
      assert.ok(texts.some((t) => t.includes("Fetching this user's recent sign-ins from Entra…")), `the refresh is announced: ${JSON.stringify(texts)}`);
      assert.ok(texts.some((t) => /\b\d+ of \d+ — .*mari\.johansen@northwind-demo\.example/.test(t)), 'with the fetch job\'s progress');
      const banner = page.locator('section[aria-labelledby="verdict-title"]');
      assert.match(await banner.innerText(), /Locked out/);
      assert.match(await page.locator('article', { hasText: 'Blocks Jamf Connect' }).first().innerText(), CA010, 'the policy that blocks Jamf Connect');
      assert.match(await page.locator('.asof').innerText(), /^Diagnosed from sign-ins fetched from Entra at /);
      await page.screenshot({ path: join(shots, 'live-diagnosis.png'), fullPage: true });

      // The typeahead now answers from the cache the refresh filled.
      await page.getByRole('combobox', { name: 'Find a user' }).fill('mari');
      await page.getByRole('option', { name: /Mari Johansen/ }).waitFor();
      await page.keyboard.press('Escape');

      // A directory sync from the status bar: progress in the polite live region, then "last sync".
      const syncTexts = await liveTextsDuring(page, async () => {
        await status.getByRole('button', { name: 'Sync now' }).click();
        await status.getByText(/^Sync done/).waitFor();
      });
      assert.ok(syncTexts.some((t) => /^\w+: \d+ of \d+ — /.test(t)), `sync progress reached the status bar's live region: ${JSON.stringify(syncTexts)}`);
      await status.getByRole('button', { name: 'Sync now' }).waitFor();
      assert.doesNotMatch(await status.innerText(), /Last sync\s+never/);

      // Save the report where the operator chose.
      const reportPath = join(out, 'mari.md');
      h.dialogs.toSave.set('report', [reportPath]);
      await page.getByRole('button', { name: 'Save report (Markdown)…' }).click();
      await page.getByText('Saved to').waitFor();
      assert.equal(await page.locator('.saved .mono').innerText(), reportPath);
      assert.ok(existsSync(reportPath), 'the report file was written');
      const report = readFileSync(reportPath, 'utf8');
      assert.match(report, /mari\.johansen@northwind-demo\.example/);
      assert.match(report, /CA010 – macOS: require compliant device/, 'names the blocking policy (Markdown escapes its parentheses)');

      // A time-boxed exemption: the plan, the confirmation and the Exemptions view say when it ends.
      await page.locator('.rec').getByRole('button', { name: 'Exempt Jamf Connect from this policy' }).click();
      const dialog = page.getByRole('dialog', { name: 'Exempt Jamf Connect from a policy' });
      await dialog.getByRole('heading', { name: 'Preflight' }).waitFor();
      assert.match(await dialog.locator('.expiry').innerText(), /^Permanent/);
      // By keyboard: arrow from "Permanent" to "4 hours"; a new plan is made for that time box.
      await dialog.getByRole('radio', { name: 'Permanent until rolled back' }).focus();
      await page.keyboard.press('ArrowRight');
      await dialog.locator('.expiry', { hasText: 'Expires' }).waitFor();
      await dialog.getByRole('heading', { name: 'Preflight' }).waitFor();
      const fourHours = dialog.getByRole('radio', { name: '4 hours', exact: true });
      assert.equal(await fourHours.isChecked(), true);
      assert.equal(await fourHours.evaluate((el) => el === document.activeElement), true, 'focus stays on the choice while the plan is redone');
      const expiryText = await dialog.locator('.expiry').innerText();
      assert.match(expiryText, /Expires .+ \(4 hours\); Lockout Lens then rolls the change back/);
      const confirm = dialog.getByRole('checkbox', { name: /until .+ \(4 hours\), then rolled back automatically/ });
      await page.screenshot({ path: join(shots, 'live-exemption-time-boxed.png') });
      assert.deepEqual(await seriousViolations(page), [], 'the exemption panel with its time box: no serious or critical axe violation');
      await confirm.check();
      await dialog.getByRole('button', { name: 'Apply exemption' }).click();
      await dialog.getByRole('heading', { name: 'Verification' }).waitFor();
      assert.equal(await dialog.getByRole('button', { name: 'Simulate a Jamf Connect login' }).count(), 0, 'simulated logins stay demo-only');
      await dialog.getByRole('button', { name: 'Close' }).click();

      await page.getByRole('button', { name: 'Exemptions & audit' }).click();
      const row = page.getByRole('row', { name: CA010 });
      await row.getByText('applied', { exact: true }).waitFor();
      const rowText = await row.innerText();
      assert.match(rowText, /4 hours after it was applied/);
      assert.match(rowText, /in (4 hours|23\d min)/, 'and how long is left');
      await page.screenshot({ path: join(shots, 'live-exemptions-expiry.png'), fullPage: true });

      const auditPath = join(out, 'audit.csv');
      h.dialogs.toSave.set('auditLog', [auditPath]);
      await page.getByRole('button', { name: 'Export audit log (CSV)…' }).click();
      await page.locator('.saved', { hasText: auditPath }).waitFor();
      const csv = readFileSync(auditPath, 'utf8');
      assert.match(csv.split(/\r?\n/)[0] ?? '', /\baction\b.*\boutcome\b/, 'a CSV header');
      assert.match(csv, /exemption\.applied/);
      const jsonPath = join(out, 'audit.json');
      h.dialogs.toSave.set('auditLog', [jsonPath]);
      await page.getByRole('button', { name: 'Export audit log (JSON)…' }).click();
      await page.locator('.saved', { hasText: jsonPath }).waitFor();
      assert.match(readFileSync(jsonPath, 'utf8'), /exemption\.applied/);

      // Four hours later main's expiry timer rolls it back and says so (exemptionsChanged): the view
      // follows without being asked. The timer is main's; here the test runs one check at that time.
      const ports = h.app.ports as { now: () => Date };
      const realNow = ports.now;
      ports.now = () => new Date(realNow().getTime() + 4 * 3600_000 + 60_000);
      try {
        const check = await checkExpiredExemptions(h.app);
        assert.equal(check.rolledBack.length, 1, `the expired exemption was rolled back: ${JSON.stringify(check)}`);
      } finally {
        ports.now = realNow;
      }
      await page.getByText('A time-boxed exemption expired and was rolled back.').waitFor();
      await row.getByRole('button', { name: /Roll back/ }).waitFor({ state: 'detached' });
      assert.notEqual((await row.locator('.pill').innerText()).trim(), 'applied');

      // The tenant goes away: the next diagnosis answers from the cache, and says so.
      await emulator.stop();
      emulator = null;
      await page.getByRole('button', { name: 'Lockout diagnosis' }).click();
      await page.getByRole('combobox', { name: 'Find a user' }).fill(MARI);
      await page.keyboard.press('Enter');
      await page.getByText(/^Offline — the tenant cannot be reached/).waitFor();
      await page.locator('#verdict-title', { hasText: 'Mari Johansen' }).waitFor();
      await page.locator('.asof', { hasText: 'Diagnosed from cached data as of' }).waitFor();
      assert.match(await page.locator('section[aria-labelledby="pol-title"]').innerText(), CA010, 'the cached policies are still shown');
      await status.getByText('Offline', { exact: true }).waitFor();
      await page.screenshot({ path: join(shots, 'live-offline-diagnosis.png'), fullPage: true });
      // The typeahead still answers, from the cache.
      await page.getByRole('combobox', { name: 'Find a user' }).fill('mari');
      await page.getByRole('option', { name: /Mari Johansen/ }).waitFor();
      assert.deepEqual(h.problems, [], 'no page errors or CSP violations');
    } finally {
      await h?.close();
      await emulator?.stop();
      rmSync(out, { recursive: true, force: true });
    }
  });
  test('sign-in required is said with a Sign in button; Settings signs in and out, removes a profile only after a confirmation naming it', async () => {
    const live = await startLiveApp(suite, { colorScheme: 'dark' });
    try {
      const { h, page, operator } = live;
      // A profile that names its tenant by domain: its cache is keyed by the tenant id, known only after a sign-in.
      new ProfileStore(h.app.dataDir).save({ name: 'contoso', tenant: 'contoso.onmicrosoft.com', clientId: '11111111-2222-4333-8444-555555555555', cloud: 'public' });
      await page.reload();
      await page.waitForSelector('html[data-app-state="loaded"]');
      await page.getByRole('heading', { name: 'Your tenants' }).waitFor();
      await page.getByRole('button', { name: 'Open contoso' }).click();
      await page.getByRole('combobox', { name: 'Find a user' }).fill('adele@contoso.onmicrosoft.com');
      await page.keyboard.press('Enter');
      const note = page.locator('.note', { hasText: 'Sign-in required' });
      await note.waitFor();
      assert.match(await note.innerText(), /known only after the first sign-in/);
      await note.getByRole('button', { name: 'Sign in' }).waitFor(); // offered right where the problem is said
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByRole('button', { name: 'Close this tenant' }).click();
      await page.getByRole('button', { name: 'Open Northwind (emulator)' }).click();
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      const list = page.getByRole('list', { name: 'Tenant profiles' });
      const northwind = list.getByRole('listitem').filter({ hasText: 'Northwind (emulator)' });
      await northwind.getByText('Not signed in', { exact: false }).waitFor();
      await list.getByRole('button', { name: 'Sign in to Northwind (emulator)' }).click();
      await northwind.getByText(`Signed in as ${operator}`, { exact: false }).waitFor();
      const status = page.getByRole('contentinfo', { name: 'Status' });
      await status.getByText(operator).waitFor();
      await page.getByRole('button', { name: 'Sync directory now' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Sync directory now' }).isDisabled(), false, 'signed in and online: sync is offered');

      await list.getByRole('button', { name: 'Sign out of Northwind (emulator)' }).click();
      await status.getByText('not signed in').waitFor();
      await list.getByRole('button', { name: 'Sign in to Northwind (emulator)' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Sync directory now' }).isDisabled(), true, 'signed out: nothing to sync with');
      assert.equal(await page.getByText(/^Offline — the tenant cannot be reached/).count(), 0, 'signed out is not "unreachable"');

      // A sign-in log downloaded from the portal goes into this tenant's cache, from Settings.
      h.dialogs.toOpen.set('signInExport', [join(projectRoot, 'test/fixtures/imports/portal-download.json')]);
      await page.getByRole('button', { name: 'Import a sign-in export…' }).click();
      const imported = page.locator('.result', { hasText: 'Import a sign-in export:' });
      await imported.waitFor();
      assert.match(await imported.innerText(), /\d/, 'the summary says how much was imported');

      // Removing asks first, naming the profile; "Keep it" keeps it.
      await list.getByRole('button', { name: 'Remove Northwind (emulator)…' }).click();
      const confirm = page.getByRole('group', { name: 'Confirm removing Northwind (emulator)' });
      assert.match(await confirm.innerText(), /Remove the tenant profile “Northwind \(emulator\)” \(northwind\)\?/);
      assert.match(await confirm.innerText(), /the audit log is kept/);
      assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Keep it', 'focus lands on the safe choice');
      const violations = await seriousViolations(page);
      await page.screenshot({ path: join(shots, 'settings-tenants-dark.png'), fullPage: true });
      assert.deepEqual(violations, [], 'Settings with the tenant list and a confirmation: no serious or critical axe violation');
      await confirm.getByRole('button', { name: 'Keep it' }).click();
      await confirm.waitFor({ state: 'detached' });
      assert.equal(new ProfileStore(h.app.dataDir).list().profiles.some((p) => p.name === 'northwind'), true, 'kept');

      await list.getByRole('button', { name: 'Remove Northwind (emulator)…' }).click();
      await confirm.getByRole('button', { name: 'Remove “Northwind (emulator)”' }).click();
      // It was the open tenant: the app is back at the first-run screen, and the profile is gone.
      await page.getByRole('heading', { name: 'Welcome to Lockout Lens' }).waitFor();
      assert.equal(new ProfileStore(h.app.dataDir).list().profiles.some((p) => p.name === 'northwind'), false, 'removed');
      assert.equal(await page.getByRole('button', { name: 'Open Northwind (emulator)' }).count(), 0);
      assert.deepEqual(h.problems, [], 'no page errors or CSP violations');
    } finally {
      await live.close();
    }
  });

  test('an expired exemption that cannot be rolled back yet (tenant unreachable) stays listed as expired, with why, and can be rolled back by hand', async () => {
    const live = await startLiveApp(suite);
    const ports = live.h.app.ports as { now: () => Date };
    const realNow = ports.now;
    try {
      const { h, page } = live;
      await openAndSignIn(live);
      await page.getByRole('combobox', { name: 'Find a user' }).fill(MARI);
      await page.keyboard.press('Enter');
      await page.locator('#verdict-title', { hasText: 'Mari Johansen' }).waitFor();
      await page.locator('.rec').getByRole('button', { name: 'Exempt Jamf Connect from this policy' }).click();
      const dialog = page.getByRole('dialog', { name: 'Exempt Jamf Connect from a policy' });
      await dialog.getByRole('heading', { name: 'Preflight' }).waitFor();
      await dialog.getByRole('radio', { name: '24 hours', exact: true }).check();
      await dialog.getByRole('checkbox', { name: /until .+ \(24 hours\), then rolled back automatically/ }).check();
      await dialog.getByRole('button', { name: 'Apply exemption' }).click();
      await dialog.getByRole('heading', { name: 'Verification' }).waitFor();
      await dialog.getByRole('button', { name: 'Close' }).click();

      // A day later, with the tenant unreachable, main's expiry check cannot roll it back.
      await live.stopEmulator();
      ports.now = () => new Date(realNow().getTime() + 25 * 3600_000);
      const check = await checkExpiredExemptions(h.app);
      assert.equal(check.pending.length, 1, `still in the tenant: ${JSON.stringify(check)}`);
      await page.getByRole('button', { name: 'Exemptions & audit' }).click();
      const row = page.getByRole('row', { name: CA010 });
      await row.getByText('expired', { exact: true }).waitFor();
      const text = await row.innerText();
      assert.match(text, /still in the tenant, rollback pending/, 'says why it is still there');
      assert.match(text, /24 hours after it was applied/);
      assert.doesNotMatch(text, /\bin \d+ (min|hours|days)\b/, 'no time left is claimed for an expired exemption');
      await row.getByRole('button', { name: /Roll back the exemption from CA010/ }).waitFor();
      await page.screenshot({ path: join(shots, 'live-exemption-expired-pending.png'), fullPage: true });
      assert.deepEqual(h.problems, []);
    } finally {
      ports.now = realNow;
      await live.close();
    }
  });
});
