/**
 * The Electron security checklist, item by item: the table in electron-checklist.ts names the test
 * pinning each item, and this file (a) checks every named test still exists under that name, and
 * (b) adds the source-level checks nobody else had: items 1, 4, 6/8/9/10, 11/12, 15, 16.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/csp.js';
import { figures } from '../../integration/reliability/figures.js';
import { CHECKLIST } from './electron-checklist.js';

const fig = figures('electron-checklist');
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function files(dir: string, exts: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : files(p, exts);
    return exts.test(name) ? [p] : [];
  });
}
const rendererSources = () => [...files(join(ROOT, 'renderer', 'src'), /\.(svelte|ts|js|css|html)$/), join(ROOT, 'renderer', 'index.html')];
const appSources = () => [...files(join(ROOT, 'electron'), /\.(ts|cts|mts)$/), ...rendererSources()];

test('the checklist table covers all 20 items, and every test it names exists under that exact name', () => {
  assert.deepEqual(CHECKLIST.map((c) => c.item), Array.from({ length: 20 }, (_, i) => i + 1));
  let references = 0;
  for (const c of CHECKLIST) {
    assert.ok(c.pinnedBy.length > 0 || c.note, `item ${c.item} has a test or a reason`);
    for (const ref of c.pinnedBy) {
      const path = join(ROOT, ref.file);
      assert.ok(existsSync(path), `item ${c.item}: ${ref.file} exists`);
      const src = readFileSync(path, 'utf8');
      // The name as written in the test source (single-quoted, double-quoted or template literal).
      const named = [`'${ref.test.replace(/'/g, "\\'")}'`, `"${ref.test}"`, `\`${ref.test}\``].some((q) => src.includes(q));
      assert.ok(named, `item ${c.item}: ${ref.file} has a test named ${JSON.stringify(ref.test)}`);
      references++;
    }
  }
  fig.add('checklist.items', CHECKLIST.length);
  fig.add('checklist.itemsWithTests', CHECKLIST.filter((c) => c.pinnedBy.length > 0).length);
  fig.add('checklist.testReferences', references);
  fig.note('checklist', CHECKLIST);
});

test('item 1: the renderer loads nothing over plain http; the CSP allows only self', () => {
  for (const f of rendererSources()) {
    const src = readFileSync(f, 'utf8');
    // Any http:// (not https) URL, and any remote https resource pulled in by markup or CSS. One text is exempt:
    // the app registration's redirect URI, "http://localhost" exactly (no port, no path), which the
    // add-tenant form tells the admin to enter — Entra requires that literal for MSAL's loopback.
    assert.doesNotMatch(src, /http:\/\/(?!www\.w3\.org\/|localhost(?![\w.:/-]))/, `${relative(ROOT, f)} references plain http`);
    assert.doesNotMatch(src, /<(script|link|img|iframe)[^>]+(src|href)=["']https?:\/\//i, `${relative(ROOT, f)} loads a remote resource`);
    assert.doesNotMatch(src, /@import\s+url\(["']?https?:/i, `${relative(ROOT, f)} imports remote CSS`);
  }
  for (const directive of CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim())) {
    assert.doesNotMatch(directive, /https?:|\*|wss?:/, `CSP directive ${directive} allows a remote origin`);
  }
});

test('item 4: the preload is one self-contained CommonJS bundle with no require() of Node modules', () => {
  // A sandboxed preload can require only 'electron' (and a few polyfills): follow its imports.
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/^\s*import\s+(?!type\b)[^'"]*from\s+['"]([^'"]+)['"]/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
        assert.ok(existsSync(target), `${relative(ROOT, file)} imports ${spec}`);
        visit(target);
      } else {
        assert.equal(spec, 'electron', `${relative(ROOT, file)} imports '${spec}' — a sandboxed preload cannot load it`);
      }
    }
  };
  visit(join(ROOT, 'electron', 'preload', 'preload.cts'));
  assert.ok(seen.size >= 2, [...seen].join(', '));
  const config = readFileSync(join(ROOT, 'build', 'vite.preload.config.ts'), 'utf8');
  assert.match(config, /format:\s*['"]cjs['"]/, 'bundled as CommonJS');
  assert.match(config, /external:\s*\[\s*['"]electron['"]\s*\]/, "only 'electron' stays external");
  assert.match(config, /noExternal:\s*true/, 'everything else is bundled in');
});

test('items 6, 8, 9, 10: no source turns off webSecurity or turns on insecure content, experimental or Blink features', () => {
  for (const f of appSources()) {
    const src = readFileSync(f, 'utf8');
    const where = relative(ROOT, f);
    assert.doesNotMatch(src, /webSecurity\s*:\s*false/, `${where}: webSecurity: false`);
    assert.doesNotMatch(src, /allowRunningInsecureContent\s*:\s*true/, `${where}: allowRunningInsecureContent: true`);
    assert.doesNotMatch(src, /experimentalFeatures\s*:\s*true/, `${where}: experimentalFeatures: true`);
    assert.doesNotMatch(src, /enableBlinkFeatures|disable-web-security|ignore-certificate-errors|allow-insecure-localhost/, `${where}: Blink feature or insecure switch`);
    assert.doesNotMatch(src, /nodeIntegration\s*:\s*true|contextIsolation\s*:\s*false|sandbox\s*:\s*false/, `${where}: a weakened webPreference`);
    assert.doesNotMatch(src, /NODE_TLS_REJECT_UNAUTHORIZED|rejectUnauthorized\s*:\s*false/, `${where}: TLS verification disabled`);
  }
});

test('items 11, 12: no <webview> anywhere in the renderer', () => {
  for (const f of rendererSources()) assert.doesNotMatch(readFileSync(f, 'utf8'), /<webview\b|allowpopups/i, relative(ROOT, f));
});

test('item 15: shell.openExternal is called only in security.main.ts, behind the allowlist', () => {
  const callers = appSources().filter((f) => /shell\.openExternal\s*\(/.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
  assert.deepEqual(callers, ['electron/main/security.main.ts']);
  const src = readFileSync(join(ROOT, 'electron/main/security.main.ts'), 'utf8');
  // Every call passes a URL the allowlist returned (verdict.url / decision.openExternally), never the raw input.
  for (const m of src.matchAll(/shell\.openExternal\(([^)]*)\)/g)) assert.match(m[1]!, /^(verdict\.url|decision\.openExternally)$/, `openExternal(${m[1]})`);
});

test('item 16: Electron is pinned to an exact, current major version', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const spec = pkg.devDependencies.electron!;
  assert.match(spec, /^\d+\.\d+\.\d+$/, `exact version, no range (${spec})`);
  const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
  assert.equal(installed.version, spec, 'the installed Electron is the pinned one');
  // 45 was the newest stable major when this was written (Dec 2026); a lower pin is a downgrade.
  assert.ok(Number(spec.split('.')[0]) >= 45, `Electron ${spec}`);
});
