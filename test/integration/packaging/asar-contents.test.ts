/**
 * The packaging check that can run on an offline machine: electron-builder builds the real config into an
 * unpacked Linux app, with a stand-in for the Electron binary (the real one cannot be downloaded here) and
 * without flipping fuses (there is no real binary to flip) or rebuilding natives (no Electron headers).
 * What it proves is the part that goes wrong in practice: what lands in app.asar, and what does not.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { listPackage } from '@electron/asar';
import { Arch, Platform, build } from 'electron-builder';
import releaseConfig from '../../../build/electron-builder.config.mjs';
import { projectRoot } from '../../../electron/core/paths.js';

let entries: string[] = [];
let unpackedDir = '';

function fakeElectronDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-electron-'));
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary"\n');
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), '45.5.0');
  writeFileSync(join(dir, 'LICENSE'), 'stand-in');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<p>stand-in</p>');
  return dir;
}

before(async () => {
  for (const script of ['build:renderer', 'build:electron']) {
    execFileSync('npm', ['run', '--silent', script], { cwd: projectRoot, stdio: 'inherit' });
  }
  const output = mkdtempSync(join(tmpdir(), 'lockout-lens-pack-'));
  const electronDist = fakeElectronDist();
  const release = releaseConfig as Record<string, any>;
  await build({
    projectDir: projectRoot,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: {
      ...release,
      electronDist,
      electronFuses: null,
      npmRebuild: false,
      afterSign: null,
      directories: { ...release.directories, output },
      linux: { ...release.linux, target: 'dir' },
    },
  });
  const resources = join(output, 'linux-unpacked', 'resources');
  entries = listPackage(join(resources, 'app.asar'), { isPack: false }).map((e) => e.replaceAll('\\', '/'));
  unpackedDir = join(resources, 'app.asar.unpacked');
  process.on('exit', () => {
    rmSync(output, { recursive: true, force: true });
    rmSync(electronDist, { recursive: true, force: true });
  });
});

test('the asar carries main, preload, the renderer bundle and the shipped data', () => {
  for (const required of [
    '/package.json',
    '/out/main/app.main.js',
    '/out/preload/preload.cjs',
    '/dist-web/index.html',
    '/resources/demo-tenant.json',
    '/resources/aadsts-catalogue.json',
    '/resources/icons/icon.png',
  ]) {
    assert.ok(entries.includes(required), `missing ${required}`);
  }
  assert.ok(entries.some((e) => /^\/dist-web\/assets\/.+\.js$/.test(e)), 'renderer JavaScript bundle present');
});

test('production dependencies are packed; the native SQLite binding is unpacked beside the asar', () => {
  for (const dep of ['@azure/msal-node', '@microsoft/microsoft-graph-client', 'zod', 'better-sqlite3']) {
    assert.ok(entries.some((e) => e.startsWith(`/node_modules/${dep}/`)), `${dep} packed`);
  }
  const binding = join(unpackedDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  assert.ok(existsSync(binding), `native binding unpacked at ${binding}`);
});

test('no sources, tests, source maps or dev tooling reach the asar', () => {
  const forbidden = entries.filter((e) =>
    /^\/(electron|renderer|test|bench|scripts|build|docs|\.github|\.ci)\//.test(e) ||
    /\.map$/.test(e) ||
    /^\/[^/]+\.ts$/.test(e) ||
    /^\/node_modules\/(typescript|vite|svelte|svelte-check|tsx|playwright-core|electron|electron-builder|fast-check|axe-core|@doyensec)\//.test(e),
  );
  assert.deepEqual(forbidden.slice(0, 20), [], `${forbidden.length} forbidden entries`);
});
