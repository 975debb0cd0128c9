// Every view, light and dark: axe-core finds no serious or critical violation, and a screenshot is
// written to test-results/screenshots/. axe is injected through the DevTools protocol
// (page.evaluate of its source), which the page's CSP does not govern — the app's CSP stays as shipped.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe.js';
import { browserSkipReason, openApp, useBrowserSuite } from './harness.js';

const skip = browserSkipReason();
if (skip) console.log(`# skipping browser e2e: ${skip}`);

const VIEWS: Array<{ name: string; open: (page: Page) => Promise<void> }> = [
  {
    name: 'diagnosis',
    open: async (page) => {
      await page.getByRole('button', { name: 'Lockout diagnosis' }).click();
      await page.getByRole('combobox', { name: 'Find a user' }).fill('kari.dahl@northwind-demo.example');
      await page.keyboard.press('Enter');
      await page.locator('#verdict-title').waitFor();
      await page.locator('article', { hasText: 'Blocks Jamf Connect' }).first().getByRole('button').first().click();
    },
  },
  {
    name: 'sign-ins',
    open: async (page) => {
      await page.getByRole('button', { name: 'Sign-ins', exact: true }).click();
      await page.locator('[role="row"][aria-rowindex="2"] button').click();
      await page.getByRole('complementary', { name: 'Sign-in details' }).waitFor();
    },
  },
  {
    name: 'policies',
    open: async (page) => {
      await page.getByRole('button', { name: 'Policies', exact: true }).click();
      await page.getByRole('heading', { name: /CA010/ }).waitFor();
    },
  },
  {
    name: 'exemptions',
    open: async (page) => {
      await page.getByRole('button', { name: 'Exemptions & audit' }).click();
      await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    },
  },
  {
    name: 'settings',
    open: async (page) => {
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByRole('button', { name: 'Save settings' }).waitFor();
    },
  },
];

describe('every view is accessible in light and dark', { skip }, () => {
  const suite = useBrowserSuite();
  const { shots } = suite;

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`${colorScheme}: first run and each view`, async () => {
      const h = await openApp(suite.browser, suite.server, { colorScheme });
      try {
        const { page } = h;
        await page.getByRole('heading', { name: 'Welcome to Lockout Lens' }).waitFor();
        const found: string[] = (await seriousViolations(page)).map((v) => `first-run: ${v}`);
        await page.screenshot({ path: join(shots, `first-run-${colorScheme}.png`) });
        await page.getByRole('button', { name: 'Open the demo tenant' }).click();
        for (const view of VIEWS) {
          await view.open(page);
          found.push(...(await seriousViolations(page)).map((v) => `${view.name}: ${v}`));
          await page.screenshot({ path: join(shots, `${view.name}-${colorScheme}.png`) });
        }
        assert.deepEqual(found, [], 'no serious or critical axe violations');
        // The probe itself works: an unlabelled text field is a critical "label" violation.
        await page.evaluate('document.querySelector("main").insertAdjacentHTML("beforeend", "<input type=text class=axe-probe>")');
        assert.ok((await seriousViolations(page)).some((v) => v.includes(' label:')), 'axe reports a planted violation');
        assert.deepEqual(h.problems, [], 'no page errors or CSP violations');
      } finally {
        await h.close();
      }
    });
  }
});
