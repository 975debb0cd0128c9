#!/usr/bin/env node
// Runs every test file under node's test runner. Node 20's --test does not expand globs, so the
// files are listed here explicitly; an empty list is an error, never a silent "0 tests".
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const suites = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const dirs = (suites.length ? suites : ['unit', 'integration', 'e2e']).map((s) => join(root, 'test', s));

function collect(dir, out) {
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries.sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

const files = dirs.flatMap((d) => collect(d, []));
if (files.length === 0) {
  console.error(`no test files found under ${dirs.join(', ')}`);
  process.exit(1);
}
// The browser suites (several files, each its own process) serve one renderer build made here, once.
const env = { ...process.env };
if (existsSync('/usr/bin/chromium') && files.some((f) => /test\/(e2e|integration)\//.test(f))) {
  const outDir = mkdtempSync(join(tmpdir(), 'll-dist-web-run-'));
  const vite = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'build/vite.renderer.config.ts',
    '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  if (vite.status !== 0) {
    console.error('renderer build failed: the browser tests cannot run');
    process.exit(1);
  }
  env.LL_RENDERER_DIST = outDir;
  process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));
}

const args = [
  '--import', 'tsx', '--test',
  `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`,
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/summary-reporter.mjs', '--test-reporter-destination=stdout',
  ...files,
];
const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env });
process.exit(run.status ?? 1);
