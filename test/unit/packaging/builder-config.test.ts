import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as plist from 'plist';
import releaseConfig, { releaseFuses } from '../../../build/electron-builder.config.mjs';
import e2eConfig from '../../../build/electron-builder.e2e.config.mjs';

// The configs are typed as electron-builder's Configuration (checked by tsc via JSDoc); the tests read
// concrete values, so they look at them as the plain objects they are.
const release = releaseConfig as Record<string, any>;
const e2e = e2eConfig as Record<string, any>;

test('release fuses: no run-as-node, no NODE_OPTIONS, no inspector, asar-only with integrity, cookies encrypted', () => {
  assert.deepEqual(release.electronFuses, {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  });
});

test('the e2e build differs from the release build only in the inspect fuse and its targets', () => {
  assert.equal(e2e.electronFuses.enableNodeCliInspectArguments, true);
  assert.deepEqual({ ...e2e.electronFuses, enableNodeCliInspectArguments: false }, releaseFuses);
  assert.deepEqual(e2e.files, release.files);
  assert.deepEqual(e2e.asarUnpack, release.asarUnpack);
  assert.notEqual(e2e.directories.output, release.directories.output, 'test builds must not overwrite release artifacts');
});

test('the asar holds compiled code, the renderer bundle and resources — never sources or source maps', () => {
  assert.equal(release.asar, true);
  for (const include of ['out/**/*', 'dist-web/**/*', 'resources/**/*']) assert.ok(release.files.includes(include), include);
  for (const exclude of ['!**/*.map', '!**/*.ts']) assert.ok(release.files.includes(exclude), exclude);
  assert.ok(!release.files.some((f: string) => /^(test|bench|electron|renderer|scripts)\//.test(f)), 'no source folders listed');
  assert.deepEqual(release.asarUnpack, ['**/node_modules/better-sqlite3/**']);
});

test('installers: per-user NSIS without elevation, hardened macOS runtime with minimal entitlements, Linux AppImage + deb', () => {
  assert.equal(release.nsis.perMachine, false);
  assert.equal(release.nsis.allowElevation, false);
  assert.equal(release.mac.hardenedRuntime, true);
  const entitlements = plist.parse(readFileSync(release.mac.entitlements, 'utf8')) as Record<string, unknown>;
  assert.deepEqual(Object.keys(entitlements).sort(), ['com.apple.security.cs.allow-jit', 'com.apple.security.network.client']);
  assert.deepEqual(release.linux.target, ['AppImage', 'deb']);
});

test('every icon the config names exists, and the Linux icon folder has the standard sizes', () => {
  for (const path of [release.mac.icon, release.win.icon]) assert.ok(existsSync(path), path);
  for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
    const png = readFileSync(`${release.linux.icon}/${size}x${size}.png`);
    assert.equal(png.readUInt32BE(16), size, `${size}x${size}.png has width ${png.readUInt32BE(16)}`);
    assert.equal(png.readUInt32BE(20), size);
  }
  const icns = readFileSync(release.mac.icon);
  assert.equal(icns.toString('ascii', 0, 4), 'icns');
  assert.equal(icns.readUInt32BE(4), icns.length, 'icns length header matches the file');
  const ico = readFileSync(release.win.icon);
  assert.equal(ico.readUInt16LE(2), 1, 'ICO type');
  assert.ok(ico.readUInt16LE(4) >= 6, 'ICO carries several sizes');
});

test('auto-update is off unless a feed URL is configured at build time', () => {
  const publishWith = (url: string | undefined) =>
    execFileSync(process.execPath, ['--input-type=module', '-e',
      "const m = await import('./build/electron-builder.config.mjs'); console.log(JSON.stringify(m.default.publish))"],
      { env: { ...process.env, LOCKOUT_LENS_UPDATE_URL: url ?? '' }, encoding: 'utf8' }).trim();
  assert.equal(publishWith(undefined), 'null');
  assert.deepEqual(JSON.parse(publishWith('https://updates.example/lockout-lens')), [
    { provider: 'generic', url: 'https://updates.example/lockout-lens' },
  ]);
});
