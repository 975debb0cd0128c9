// The real Electron app through Playwright's _electron, for machines that have the Electron binary
// (release machines; `npx install-electron` there). Here the binary is found WITHOUT requiring the
// 'electron' package, whose index.js would try to download it; when it is missing the suite is
// skipped with the reason printed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp.js';
import { projectRoot } from './harness.js';

function electronBinary(): { path: string; packaged?: boolean } | { missing: string } {
  // Release CI points this at the packaged e2e build (release-e2e/…): the suite then tests the shipped
  // asar, fuses and all, instead of the sources.
  const packagedApp = process.env.LOCKOUT_LENS_PACKAGED_APP;
  if (packagedApp) {
    return existsSync(packagedApp) ? { path: packagedApp, packaged: true } : { missing: `LOCKOUT_LENS_PACKAGED_APP does not exist (${packagedApp})` };
  }
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    return existsSync(p) ? { path: p } : { missing: `ELECTRON_OVERRIDE_DIST_PATH has no electron binary (${p})` };
  }
  const pkg = join(projectRoot, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return { missing: 'the Electron binary was never downloaded (node_modules/electron/path.txt is absent; Electron ≥ 42 downloads it on first run, which needs github.com)' };
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { missing: `the Electron binary is missing at ${binary}` };
}

const found = electronBinary();
const skip = 'missing' in found ? `no Electron binary on this machine: ${found.missing}` : false;
if (skip) console.log(`# skipping Electron e2e: ${skip}`);

if (skip) test('the packaged shell in real Electron', { skip }, () => {});
else describe('the packaged shell in real Electron', () => {
  let electronApp: ElectronApplication;
  let page: Page;
  let userData = '';
  before(async () => {
    const binary = found as { path: string; packaged?: boolean };
    if (!binary.packaged) {
      const build = spawnSync('npm', ['run', '-s', 'build:renderer'], { cwd: projectRoot, stdio: 'inherit' });
      assert.equal(build.status, 0, 'renderer build');
      const buildMain = spawnSync('npm', ['run', '-s', 'build:electron'], { cwd: projectRoot, stdio: 'inherit' });
      assert.equal(buildMain.status, 0, 'main/preload build');
    }
    userData = mkdtempSync(join(tmpdir(), 'll-electron-userdata-'));
    electronApp = await _electron.launch({
      executablePath: binary.path,
      // A packaged app loads its own app.asar; a bare Electron binary is given the project folder.
      args: binary.packaged ? [`--user-data-dir=${userData}`] : [projectRoot, `--user-data-dir=${userData}`],
      cwd: projectRoot,
    });
    page = await electronApp.firstWindow();
    await page.waitForSelector('html[data-app-state="loaded"]');
  });
  after(async () => {
    await electronApp?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('the window runs sandboxed, isolated, without Node, from app://', async () => {
    assert.equal(new URL(page.url()).protocol, 'app:');
    const csp = await page.evaluate('fetch(location.href).then((r) => r.headers.get("content-security-policy"))');
    assert.equal(csp, CONTENT_SECURITY_POLICY, 'the app:// handler sends the CSP header');
    assert.equal(await page.evaluate('typeof require'), 'undefined');
    assert.equal(await page.evaluate('typeof process'), 'undefined');
    const keys = await page.evaluate('Object.keys(window.lockoutLens).sort().join(",")');
    assert.match(String(keys), /^applyExemption,.*getAppState,.*on,.*runDiagnosis/);
  });

  test('the demo tenant opens on first start and diagnoses a locked-out user', async () => {
    await page.getByRole('combobox', { name: 'Find a user' }).fill('mari.johansen@northwind-demo.example');
    await page.keyboard.press('Enter');
    await page.locator('article', { hasText: 'Blocks Jamf Connect' }).waitFor();
  });

  test('navigation away from the app is refused', async () => {
    const before = page.url();
    await page.evaluate('location.href = "https://example.com/"').catch(() => {});
    await page.waitForTimeout(300);
    assert.equal(page.url(), before);
  });
});
