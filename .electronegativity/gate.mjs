#!/usr/bin/env node
// Electronegativity (Doyensec's Electron security scanner) over the app's sources, as a CI gate:
// fails only on a HIGH finding that allowlist.json does not explain. One scan covers the main/preload
// TypeScript and the renderer's HTML together, so its global checks (CSP, navigation limits,
// permission handler) see the whole app. The summary (every finding, and which HIGH ones are
// explained) goes to test-results/electronegativity/summary.json; scripts/reliability-report.ts reads it.
//   node .electronegativity/gate.mjs            scan and gate
import { createRequire } from 'node:module';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'test-results', 'electronegativity');
mkdirSync(outDir, { recursive: true });
const allowlist = JSON.parse(readFileSync(join(root, '.electronegativity', 'allowlist.json'), 'utf8'));
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

const scanDir = mkdtempSync(join(tmpdir(), 'll-eng-'));
try {
  cpSync(join(root, 'electron'), join(scanDir, 'electron'), { recursive: true });
  mkdirSync(join(scanDir, 'renderer'));
  cpSync(join(root, 'renderer', 'index.html'), join(scanDir, 'renderer', 'index.html'));
  // ENG_EXTRA_FILE: add one more file to the scan — how the gate itself is tested to fail on a new HIGH.
  if (process.env.ENG_EXTRA_FILE) cpSync(process.env.ENG_EXTRA_FILE, join(scanDir, 'electron', 'main', 'extra-under-test.ts'));
  // The programmatic runner (the CLI's CSV writer garbles multi-line samples). AvailableSecurityFixes
  // fetches Electron's release list from GitHub: offline it only prints "No connectivity?", and
  // Electron upgrades are tracked by the packaging work instead.
  const require = createRequire(import.meta.url);
  const run = require(join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'runner.js'));
  const quiet = console.log;
  console.log = () => {};
  let result;
  try {
    result = await run({ input: scanDir, isRelative: true, electronVersionOverride: electronVersion, isVerbose: false,
      customScan: [], excludeFromScan: ['availablesecurityfixesglobalcheck'], parserPlugins: [] }, false);
  } finally { console.log = quiet; }
  const parseErrors = result.errors.filter((e) => !e.tolerable);
  if (parseErrors.length) {
    for (const e of parseErrors) console.error(`electronegativity could not parse ${e.file}: ${e.message}`);
    process.exit(2);
  }
  const rows = result.issues.map((i) => ({ check: i.id, severity: i.severity.name, confidence: i.confidence.name, file: i.file, location: `${i.location.line}:${i.location.column}`, sample: String(i.sample ?? '').slice(0, 200) }));
  const matches = (entry, f) => entry.check === f.check && (entry.file === undefined || entry.file === f.file);
  const high = rows.filter((f) => f.severity === 'HIGH');
  const unexplained = high.filter((f) => !allowlist.entries.some((e) => matches(e, f)));
  const explained = high.filter((f) => allowlist.entries.some((e) => matches(e, f)));
  const stale = allowlist.entries.filter((e) => !rows.some((f) => matches(e, f)));
  const bySeverity = Object.fromEntries(['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'].map((s) => [s, rows.filter((f) => f.severity === s).length]));
  const summary = { electronVersion, findings: rows.length, bySeverity, highExplained: explained.length, highUnexplained: unexplained.length,
    staleAllowlistEntries: stale.map((e) => `${e.check} ${e.file ?? '*'}`), rows };
  writeFileSync(join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`electronegativity (Electron ${electronVersion}): ${rows.length} findings — ${JSON.stringify(bySeverity)}; HIGH explained ${explained.length}, unexplained ${unexplained.length}`);
  for (const f of explained) console.log(`  explained  ${f.check} ${f.file}:${f.location} — ${allowlist.entries.find((e) => matches(e, f)).reason}`);
  for (const e of stale) console.log(`  note: allowlist entry ${e.check} ${e.file ?? '*'} matched nothing (remove it once it stays gone)`);
  if (unexplained.length) {
    for (const f of unexplained) console.error(`  UNEXPLAINED HIGH ${f.check} ${f.file}:${f.location} (confidence ${f.confidence})`);
    console.error('Fix the finding, or add an entry with its reason to .electronegativity/allowlist.json.');
    process.exit(1);
  }
} finally {
  rmSync(scanDir, { recursive: true, force: true });
}
