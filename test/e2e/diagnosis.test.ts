// E2E in Debian Chromium: the real renderer build, the real router and handler table, the shipped
// demo tenant. Expectations come from the demo tenant's stories (resources/demo-tenant.json meta.stories),
// which are written from Microsoft's documented semantics, not from the engine's output.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { browserSkipReason, openApp, useBrowserSuite } from './harness.js';

const skip = browserSkipReason();
if (skip) console.log(`# skipping browser e2e: ${skip}`);

describe('lockout diagnosis in the browser harness', { skip }, () => {
  const suite = useBrowserSuite();
  const { shots } = suite;

  test('first run offers the demo tenant; a locked-out user shows the blocking policy and cause', async () => {
    const h = await openApp(suite.browser, suite.server);
    try {
      const { page } = h;
      await page.getByRole('heading', { name: 'Welcome to Lockout Lens' }).waitFor();
      await page.screenshot({ path: join(shots, 'first-run.png') });
      await page.getByRole('button', { name: 'Open the demo tenant' }).click();
      await page.getByRole('heading', { name: 'Lockout diagnosis' }).waitFor();

      // Story: Mari Johansen is locked out since CA010 (macOS compliant device, pilot) was switched On — 53000.
      const search = page.getByRole('combobox', { name: 'Find a user' });
      await search.fill('mari');
      await page.getByRole('option', { name: /Mari Johansen/ }).click();
      const banner = page.locator('section[aria-labelledby="verdict-title"]');
      await banner.waitFor();
      assert.match(await banner.innerText(), /Locked out/);
      assert.match(await banner.innerText(), /AADSTS53000/);
      assert.match(await banner.innerText(), /compliant or registered device/);
      const blocking = page.locator('article', { hasText: 'Blocks Jamf Connect' });
      assert.equal(await blocking.count(), 1);
      assert.match(await blocking.innerText(), /CA010 – macOS: require compliant device \(pilot\)/);
      // The trace expands with the keyboard.
      const toggle = blocking.getByRole('button', { name: /CA010/ });
      await toggle.focus();
      await page.keyboard.press('Enter');
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      assert.ok((await blocking.locator('.trace li').count()) > 0, 'the condition trace is listed');
      await page.getByRole('heading', { name: 'Recommended action' }).waitFor();
      await page.screenshot({ path: join(shots, 'diagnosis-locked-out.png'), fullPage: true });
      assert.deepEqual(h.problems, [], 'no page errors, console errors or CSP violations');
    } finally {
      await h.close();
    }
  });

  test('MFA-only answers are reported as noise, not a lockout', async () => {
    const h = await openApp(suite.browser, suite.server);
    try {
      const { page } = h;
      await page.getByRole('button', { name: 'Open the demo tenant' }).click();
      // Story: Tor Ivar Haugen gets 50076 from CA003; Jamf Connect counts that as "password correct".
      await page.getByRole('combobox', { name: 'Find a user' }).fill('torivar.haugen@northwind-demo.example');
      await page.keyboard.press('Enter');
      const banner = page.locator('section[aria-labelledby="verdict-title"]');
      await banner.waitFor();
      const text = await banner.innerText();
      assert.doesNotMatch(text, /^Locked out/m);
      assert.match(text, /Not locked out/);
      assert.deepEqual(h.problems, []);
    } finally {
      await h.close();
    }
  });

  test('an unknown user gets a plain not-found message', async () => {
    const h = await openApp(suite.browser, suite.server);
    try {
      const { page } = h;
      await page.getByRole('button', { name: 'Open the demo tenant' }).click();
      await page.getByRole('combobox', { name: 'Find a user' }).fill('nobody@northwind-demo.example');
      await page.keyboard.press('Enter');
      await page.getByText('Not found').waitFor();
      assert.match(await page.getByRole('alert').innerText(), /No user nobody@northwind-demo\.example in the demo tenant/);
    } finally {
      await h.close();
    }
  });
});
