// The exemption end to end on the demo tenant: plan with its diff, preflight, confirmation naming
// tenant and policy, apply through the emulator (real MSAL sign-in, real Graph PATCH with read-back),
// verification that turns green only after a simulated Jamf Connect login, rollback, and the cached
// diagnosis still shown with an offline banner once the emulator is stopped.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { stopDemoEmulator } from '../../electron/app/exemption-workflow.js';
import { browserSkipReason, openApp, useBrowserSuite } from './harness.js';

const skip = browserSkipReason();
if (skip) console.log(`# skipping browser e2e: ${skip}`);

describe('exemption workflow in the browser harness', { skip }, () => {
  const suite = useBrowserSuite();
  const { shots } = suite;

  test('exempt, verify after a Jamf Connect login, roll back, then work offline', async () => {
    const h = await openApp(suite.browser, suite.server);
    try {
      const { page } = h;
      page.setDefaultTimeout(60_000); // CA requests are paced at one per second, as Graph requires
      await page.getByRole('button', { name: 'Open the demo tenant' }).click();
      await page.getByRole('combobox', { name: 'Find a user' }).fill('mari.johansen@northwind-demo.example');
      await page.keyboard.press('Enter');
      await page.locator('#verdict-title').waitFor();
      await page.locator('.rec').getByRole('button', { name: 'Exempt Jamf Connect from this policy' }).click();

      const dialog = page.getByRole('dialog', { name: 'Exempt Jamf Connect from a policy' });
      await dialog.getByRole('heading', { name: 'Preflight' }).waitFor();
      const planText = await dialog.innerText();
      assert.match(planText, /Northwind Trails AS/, 'names the tenant');
      assert.match(planText, /CA010 – macOS: require compliant device \(pilot\)/, 'names the policy');
      // Jamf's documented fix: Cloud apps → Exclude → filter on the custom security attribute.
      assert.match(await dialog.locator('.diff pre').nth(1).innerText(), /"mode": "exclude"[\s\S]*CustomSecurityAttribute\.JamfConnect_isExemptMFA -eq \\"Exempt\\"/);
      assert.match(await dialog.locator('.diff pre').nth(0).innerText(), /"applicationFilter": null/);
      await page.screenshot({ path: join(shots, 'exemption-plan.png') });

      const applyButton = dialog.getByRole('button', { name: 'Apply exemption' });
      assert.equal(await applyButton.isDisabled(), true, 'nothing is written before the confirmation');
      await dialog.getByRole('checkbox', { name: /CA010 – macOS: require compliant device \(pilot\).*Northwind Trails AS/ }).check();
      await applyButton.click();
      await dialog.getByRole('heading', { name: 'Verification' }).waitFor();
      assert.match(await dialog.locator('.verify').innerText(), /Waiting/, 'not verified before any new sign-in');

      await dialog.getByRole('button', { name: 'Simulate a Jamf Connect login' }).click();
      await dialog.locator('.verify.verified').waitFor();
      assert.match(await dialog.locator('.verify').innerText(), /Verified on a real sign-in/);
      await page.screenshot({ path: join(shots, 'exemption-verified.png') });

      await dialog.getByRole('button', { name: 'Close' }).click();
      const banner = page.locator('section[aria-labelledby="verdict-title"]');
      await banner.getByText('Not locked out', { exact: true }).waitFor();

      await page.getByRole('button', { name: 'Exemptions & audit' }).click();
      const row = page.getByRole('row', { name: /CA010/ });
      await row.getByText('applied', { exact: true }).waitFor();
      await page.getByRole('cell', { name: 'exemption.applied' }).first().waitFor();
      await page.screenshot({ path: join(shots, 'exemptions-applied.png') });
      await row.getByRole('button', { name: /Roll back/ }).click();
      await row.getByText('rolled-back', { exact: true }).waitFor();

      // The tenant becomes unreachable: the cached diagnosis still answers, and says it is offline.
      await stopDemoEmulator(h.app);
      await page.getByText(/^Offline — the tenant cannot be reached/).waitFor();
      await page.getByRole('button', { name: 'Lockout diagnosis' }).click();
      await page.getByRole('combobox', { name: 'Find a user' }).fill('kari.dahl@northwind-demo.example');
      await page.keyboard.press('Enter');
      await page.locator('#verdict-title', { hasText: 'Kari Dahl' }).waitFor();
      assert.match(await page.locator('section[aria-labelledby="verdict-title"]').innerText(), /Locked out/);
      await page.screenshot({ path: join(shots, 'offline-diagnosis.png') });
      assert.deepEqual(h.problems, []);
    } finally {
      await h.close();
    }
  });
});
