#!/usr/bin/env node
// `npm run dist [-- --e2e]`: builds the renderer and main bundles, then electron-builder for this OS.
// Runs electron-builder with npm's `nodedir` setting removed from the environment: inherited, it makes
// @electron/rebuild silently compile better-sqlite3 against Node's headers instead of Electron's, and the
// packaged app then fails to load the module (see docs/packaging.md).
import { spawnSync } from 'node:child_process';

const e2e = process.argv.includes('--e2e');
const env = { ...process.env };
for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_nodedir') delete env[key];

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npm', ['run', 'build:renderer']);
run('npm', ['run', 'build:electron']);
// The CLI is started with node directly: `npx` would re-read ~/.npmrc and put nodedir back.
run(process.execPath, ['node_modules/electron-builder/cli.js', '--config', e2e ? 'build/electron-builder.e2e.config.mjs' : 'build/electron-builder.config.mjs', '--publish', 'never']);
