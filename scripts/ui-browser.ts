/**
 * `npm run ui:browser` — the app's real renderer in Debian Chromium, with the preload emulated by
 * the browser harness (the real IPC router, handler table and demo tenant).
 *
 * With a DISPLAY: opens a visible window for a person and keeps serving until Ctrl-C.
 * Headless (no DISPLAY, or --screenshots): walks every view and writes screenshots to
 * test-results/ui-browser/, then exits.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildRenderer, launchBrowser, openApp, projectRoot, startStaticServer } from '../test/e2e/harness.js';

const headed = Boolean(process.env.DISPLAY) && !process.argv.includes('--screenshots');
const outDir = join(projectRoot, 'test-results', 'ui-browser');

const dist = await buildRenderer(join(projectRoot, 'dist-web'));
const server = await startStaticServer(dist);
const browser = await launchBrowser({ headed });
console.log(`serving ${dist} at ${server.origin} (${headed ? 'headed' : 'headless'})`);

async function shutdown(code: number): Promise<never> {
  await browser.close().catch(() => {});
  await server.close();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));

try {
  for (const colorScheme of headed ? (['light'] as const) : (['light', 'dark'] as const)) {
    const h = await openApp(browser, server, { colorScheme, now: new Date() });
    const { page } = h;
    if (headed) {
      console.log('Chromium is open; press Ctrl-C here to stop.');
      await new Promise(() => {});
    }
    mkdirSync(outDir, { recursive: true });
    const shot = async (name: string) => {
      const path = join(outDir, `${name}-${colorScheme}.png`);
      await page.screenshot({ path });
      console.log(`wrote ${path}`);
    };
    await shot('first-run');
    await page.getByRole('button', { name: 'Open the demo tenant' }).click();
    await page.getByRole('combobox', { name: 'Find a user' }).fill('mari.johansen@northwind-demo.example');
    await page.keyboard.press('Enter');
    await page.locator('#verdict-title').waitFor();
    await shot('diagnosis');
    for (const [label, name] of [['Sign-ins', 'sign-ins'], ['Policies', 'policies'], ['Exemptions & audit', 'exemptions'], ['Settings', 'settings']] as const) {
      await page.getByRole('button', { name: label, exact: true }).click();
      await page.waitForTimeout(300);
      await shot(name);
    }
    if (h.problems.length) console.log(`page problems:\n${h.problems.join('\n')}`);
    await h.close();
  }
  await shutdown(0);
} catch (error) {
  console.error(error);
  await shutdown(1);
}
