// Files in and out of the app through main's dialogs (answered by the harness from queued paths):
// a case file opens read-only and diagnoses; a cancelled dialog says nothing; a malformed file is
// refused with the reason and changes nothing; a Jamf Connect profile's client ids land in
// Settings; a diagnosis report is saved where the operator chose, and a cancelled save writes nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadShippedDemoSnapshot } from '../../electron/app/demo.js';
import { browserSkipReason, DEMO_NOW, openApp, projectRoot, useBrowserSuite } from './harness.js';

const skip = browserSkipReason();
if (skip) console.log(`# skipping browser e2e: ${skip}`);

const KARI = 'kari.dahl@northwind-demo.example';

/** Wait until main-side `done()` holds (what the page did reached the host), failing after 15 s. */
async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('files in and out of the browser harness', { skip }, () => {
  const suite = useBrowserSuite();
  const { shots } = suite;

  test('open a case file: read-only, diagnoses from what the file holds', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'll-files-e2e-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const caseFile = join(dir, 'northwind-case.json');
    writeFileSync(caseFile, JSON.stringify(await loadShippedDemoSnapshot(DEMO_NOW)));
    const h = await openApp(suite.browser, suite.server);
    try {
      const { page } = h;
      // A cancelled dialog is the operator's choice: no message of any kind.
      const ports = h.app.ports as { chooseFileToOpen: typeof h.app.ports.chooseFileToOpen };
      const choose = ports.chooseFileToOpen;
      const asked: string[] = [];
      ports.chooseFileToOpen = (purpose) => (asked.push(purpose), choose(purpose));
      await page.getByRole('button', { name: 'Import a sign-in export…' }).click();
      await until(() => asked.length > 0, 'the open dialog');
      assert.deepEqual(asked, ['signInExport']);
      // The buttons come back once main has answered.
      await page.waitForFunction(() => [...document.querySelectorAll('button')].every((b) => !b.disabled));
      assert.equal(await page.locator('.note').count(), 0, 'nothing reported for a cancelled dialog');
      assert.equal(await page.getByRole('alert').count(), 0);

      // A malformed file is refused with where and why; the first-run screen stays.
      h.dialogs.toOpen.set('caseFile', [join(projectRoot, 'test/fixtures/snapshots/truncated.json')]);
      await page.getByRole('button', { name: 'Open a case file…' }).click();
      const refusal = page.getByRole('alert');
      await refusal.waitFor();
      assert.match(await refusal.innerText(), /^Please check the input — import/);
      await page.getByRole('heading', { name: 'Welcome to Lockout Lens' }).waitFor();

      h.dialogs.toOpen.set('caseFile', [caseFile]);
      await page.getByRole('button', { name: 'Open a case file…' }).click();
      await page.getByRole('heading', { name: 'Lockout diagnosis' }).waitFor();
      const status = page.getByRole('contentinfo', { name: 'Status' });
      assert.match(await status.innerText(), /Northwind Trails AS \(case file, read-only\)/);
      assert.match(await status.innerText(), /Offline \(case file\)/);
      await page.getByText(/^Case file \(read-only\), captured /).waitFor();
      await page.getByRole('combobox', { name: 'Find a user' }).fill(KARI);
      await page.keyboard.press('Enter');
      await page.locator('#verdict-title', { hasText: 'Kari Dahl' }).waitFor();
      assert.match(await page.locator('section[aria-labelledby="verdict-title"]').innerText(), /Locked out/);
      assert.match(await page.locator('.asof').innerText(), /^Diagnosed from cached data as of /);
      assert.equal(await status.getByRole('button', { name: 'Sign in' }).count(), 0, 'a case file has nobody to sign in as');
      await page.getByRole('heading', { name: 'Recommended action' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Exempt Jamf Connect from this policy' }).count(), 0, 'no tenant writes from a read-only copy');
      await page.screenshot({ path: join(shots, 'case-file-diagnosis.png'), fullPage: true });
      assert.deepEqual(h.problems, []);
    } finally {
      await h.close();
    }
  });

  test('a Jamf Connect profile sets the client ids; a report is saved where chosen, a cancelled save writes nothing', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'll-files-e2e-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const h = await openApp(suite.browser, suite.server);
    try {
      const { page } = h;
      // Documentation opens by topic; main owns the URL and its allowlist lets it through.
      await page.getByRole('button', { name: 'Open the Entra admin center' }).click();
      await until(() => h.externalOpens.length > 0, 'the documentation link');
      assert.deepEqual(h.externalOpens, [{ url: 'https://entra.microsoft.com/', allowed: true }]);

      h.dialogs.toOpen.set('jamfProfile', [join(projectRoot, 'test/fixtures/imports/jamf-connect-login.mobileconfig')]);
      await page.getByRole('button', { name: 'Import a Jamf Connect profile…' }).click();
      const result = page.locator('.result', { hasText: 'Import a Jamf Connect profile:' });
      await result.waitFor();
      assert.ok((await result.innerText()).length > 'Import a Jamf Connect profile:'.length + 5, 'the import says what it read');
      await page.screenshot({ path: join(shots, 'first-run-jamf-import.png'), fullPage: true });

      await page.getByRole('button', { name: 'Open the demo tenant' }).click();
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      const ids = page.getByLabel(/Jamf Connect client ids \(one per line/);
      assert.match(await ids.inputValue(), /7d3f8a2b-9c4e-4f1a-8b6d-2e5c7a9f0b13/i, "the profile's OIDCROPGID is the configured client id");

      await page.getByRole('button', { name: 'Lockout diagnosis' }).click();
      await page.getByRole('combobox', { name: 'Find a user' }).fill(KARI);
      await page.keyboard.press('Enter');
      await page.locator('#verdict-title', { hasText: 'Kari Dahl' }).waitFor();

      // Cancelled: nothing written, nothing said.
      await page.getByRole('button', { name: 'Save report (HTML)…' }).click();
      await page.waitForFunction(() => document.querySelector('.saved') === null);
      assert.equal(h.dialogs.saveAsked.length, 1, 'the save dialog was shown');
      assert.match(h.dialogs.saveAsked[0]!.suggestedName, /\.html$/);
      assert.equal(await page.getByRole('alert').count(), 0);

      const target = join(dir, 'kari.html');
      h.dialogs.toSave.set('report', [target]);
      await page.getByRole('button', { name: 'Save report (HTML)…' }).click();
      await page.locator('.saved', { hasText: target }).waitFor();
      assert.ok(existsSync(target));
      const html = readFileSync(target, 'utf8');
      assert.match(html, /<html/i);
      assert.match(html, /kari\.dahl@northwind-demo\.example/);
      assert.deepEqual(h.problems, []);
    } finally {
      await h.close();
    }
  });
});
