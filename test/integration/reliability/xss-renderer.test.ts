/**
 * XSS payloads render inert in the real renderer (Debian Chromium via helper-6's harness: the built
 * Svelte app, the real IPC router and handlers, the production CSP). helper-6's hostile-and-scale e2e
 * covers user names and sign-in failure reasons; this adds the other two sources the brief names:
 * POLICY names (and named-location / app names inside them) shown in the policy view and the
 * diagnosis, and an IMPORTED file — the tenant is read from disk through the snapshot loader — plus
 * the exported HTML report opened as a page with scripts allowed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadShippedDemoSnapshot } from '../../../electron/app/demo.js';
import { diagnoseFromSnapshot, toHtml } from '../../../electron/core/diagnosis/index.js';
import { parseSnapshot } from '../../../electron/core/snapshot/load.js';
import type { TenantSnapshot } from '../../../electron/core/snapshot/types.js';
import { browserSkipReason, DEMO_NOW, openApp, useBrowserSuite } from '../../e2e/harness.js';
import { figures } from './figures.js';

const fig = figures('xss-renderer');
const skip = browserSkipReason();
if (skip) console.log(`# skipping the renderer XSS tests: ${skip}`);

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=\'img\'">',
  '<script>window.__pwned="script"</script>',
  '<svg onload="window.__pwned=\'svg\'"></svg>',
  '"><iframe srcdoc="<script>parent.__pwned=1</script>">',
  '{@html "<b id=pwnbold>x</b>"}',
  'javascript:window.__pwned="href"',
];
const USER = 'mari.johansen@northwind-demo.example';

/** The demo tenant with every policy, named location and app name replaced by a payload, written to a file and imported back. */
function hostileImport(demo: TenantSnapshot, dir: string): TenantSnapshot {
  const s = structuredClone(demo);
  s.conditionalAccessPolicies.forEach((p, i) => { p.displayName = `${PAYLOADS[i % PAYLOADS.length]} #${i}`; });
  s.namedLocations.forEach((l, i) => { l.displayName = `${PAYLOADS[(i + 1) % PAYLOADS.length]} loc${i}`; });
  s.servicePrincipals.forEach((sp, i) => { sp.displayName = `${PAYLOADS[(i + 2) % PAYLOADS.length]} app${i}`; });
  const file = join(dir, 'hostile-tenant.json');
  writeFileSync(file, JSON.stringify(s));
  const parsed = parseSnapshot(readFileSync(file, 'utf8'), 'hostile-tenant.json');
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.message);
  return parsed.snapshot;
}

const INJECTED = 'JSON.stringify({ img: document.querySelectorAll("main img, main svg[onload], main iframe").length, script: document.querySelectorAll("body script").length, bold: document.querySelectorAll("#pwnbold").length, pwned: window.__pwned ?? null })';

describe('XSS from policy names and imported files stays inert in the renderer', { skip }, () => {
  const suite = useBrowserSuite();
  let dir = '';
  let snapshot: TenantSnapshot;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'll-xss-'));
    snapshot = hostileImport(await loadShippedDemoSnapshot(DEMO_NOW), dir);
  });
  after(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('hostile policy, location and app names from an imported tenant show as text in the policy view and the diagnosis', async () => {
    const h = await openApp(suite.browser, suite.server, { snapshot });
    try {
      const { page } = h;
      await page.getByRole('button', { name: 'Open the demo tenant' }).click();
      const search = page.getByRole('combobox', { name: 'Find a user' });
      await search.fill(USER);
      await page.keyboard.press('Enter');
      await page.locator('#verdict-title').waitFor();
      const diagnosisText = await page.locator('main').innerText();
      assert.ok(PAYLOADS.some((p) => diagnosisText.includes(p)), 'a hostile policy name is shown literally in the diagnosis');
      assert.deepEqual(JSON.parse(String(await page.evaluate(INJECTED))), { img: 0, script: 0, bold: 0, pwned: null }, 'diagnosis: nothing injected, nothing ran');

      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Policies' }).click();
      await page.locator('main h2').first().waitFor();
      const headings = await page.locator('main h2').allInnerTexts();
      for (const [i, p] of PAYLOADS.entries()) assert.ok(headings.some((hd) => hd === `${p} #${i}`), `policy #${i} shown literally: ${headings.slice(0, 3).join(' | ')}`);
      assert.deepEqual(JSON.parse(String(await page.evaluate(INJECTED))), { img: 0, script: 0, bold: 0, pwned: null }, 'policy view: nothing injected, nothing ran');
      const links = await page.evaluate('Array.from(document.querySelectorAll("a[href]")).map((a) => a.getAttribute("href")).filter((h) => /^javascript:/i.test(h)).length');
      assert.equal(links, 0, 'no javascript: link was made from a name');
      assert.deepEqual(h.problems, [], 'no page error, CSP violation or dialog');
      fig.add('xss.payloads', PAYLOADS.length * 3);
      fig.add('xss.views', 2);
    } finally {
      await h.close();
    }
  });

  test('the exported HTML report of that tenant is inert even opened with scripts allowed', async () => {
    const diagnosis = diagnoseFromSnapshot(snapshot, USER, { days: 30, now: DEMO_NOW.toISOString() });
    const html = toHtml(diagnosis);
    for (const p of PAYLOADS.filter((x) => x.includes('<'))) assert.ok(!html.includes(p), `raw payload ${p.slice(0, 20)} is not in the report markup`);
    const context = await suite.browser.newContext({ javaScriptEnabled: true });
    try {
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
      await page.setContent(html, { waitUntil: 'load' });
      const result = JSON.parse(String(await page.evaluate('JSON.stringify({ img: document.querySelectorAll("img, svg[onload], iframe").length, script: document.querySelectorAll("script").length, bold: document.querySelectorAll("#pwnbold").length, pwned: window.__pwned ?? null })')));
      assert.deepEqual(result, { img: 0, script: 0, bold: 0, pwned: null });
      assert.deepEqual(dialogs, []);
      const text = await page.locator('body').innerText();
      assert.ok(PAYLOADS.some((p) => text.includes(p)), 'the names are in the report as text');
      fig.add('xss.reports', 1);
    } finally { await context.close(); }
  });
});
