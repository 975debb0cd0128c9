/**
 * Benchmark runner: `npm run bench` (quick), `npm run bench -- --full` (large scales),
 * `--only NAME[,NAME]` (repeatable), `--write-md` (rewrite the figures section of BENCHMARKS.md),
 * `--strict` (a missed target also fails the exit code).
 *
 * Each case runs in its own child process (bench/child.ts) so peak RSS is per case and a crash
 * in one case is reported without hiding the others. Prints a table, writes bench/results/latest.json.
 * Exit code 1 when any case gives a wrong answer, throws or crashes.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleTable, markdownFigures, replaceBetweenMarkers, type RunRecord } from './lib/format.js';
import { machineInfo } from './lib/machine.js';
import type { CaseResult, Mode } from './lib/result.js';
import { CASES as REGISTRY, type CaseMeta } from './cases/index.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(benchDir);
const resultsFile = join(benchDir, 'results', 'latest.json');
const mdFile = join(root, 'BENCHMARKS.md');

const CASES = REGISTRY.map((c) => c.name);

interface Options {
  mode: Mode;
  only: string[];
  writeMd: boolean;
  strict: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = { mode: 'quick', only: [], writeMd: false, strict: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--full') opts.mode = 'full';
    else if (a === '--quick') opts.mode = 'quick';
    else if (a === '--write-md') opts.writeMd = true;
    else if (a === '--strict') opts.strict = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const value = a === '--only' ? argv[++i] : a.slice('--only='.length);
      if (!value) throw new Error('--only needs a case name');
      opts.only.push(...value.split(',').map((s) => s.trim()).filter(Boolean));
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(`usage: npm run bench [-- --full] [--only NAME[,NAME]] [--write-md] [--strict]\ncases: ${CASES.join(', ')}\n`);
      process.exit(0);
    } else throw new Error(`unknown option ${a} (try --help)`);
  }
  const unknown = opts.only.filter((n) => !CASES.includes(n));
  if (unknown.length) throw new Error(`unknown case ${unknown.join(', ')}; cases: ${CASES.join(', ')}`);
  return opts;
}

function runChild(meta: CaseMeta, mode: Mode): Promise<CaseResult> {
  const { name, title } = meta;
  const timeoutSeconds = meta.timeoutSeconds[mode];
  const dir = mkdtempSync(join(tmpdir(), `lockout-bench-${name}-`));
  const out = join(dir, 'result.json');
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...(meta.nodeFlags ?? []), '--import', 'tsx', join(benchDir, 'child.ts'), name, mode, out], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'pipe'],
      // Its own process group, so a timeout also ends what the case started (cache builder, browser).
      detached: true,
      // The case's scratch directory, deleted when the child ends (the warm cache lives elsewhere, see warm-cache.ts).
      env: { ...process.env, LOCKOUT_BENCH_TMP: dir },
    });
    let stderrTail = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk.toString()).slice(-4000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { child.kill('SIGKILL'); }
    }, timeoutSeconds * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let result: CaseResult | null = null;
      if (existsSync(out)) {
        try { result = JSON.parse(readFileSync(out, 'utf8')) as CaseResult; } catch { result = null; }
      }
      rmSync(dir, { recursive: true, force: true });
      if (result) return resolve(result);
      const why = timedOut ? `timed out after ${timeoutSeconds} s` : `child exited with ${signal ?? `code ${code}`}`;
      resolve({
        case: name, title, mode, status: 'crashed', reason: `${why}; last output: ${stderrTail.trim().split('\n').slice(-5).join(' | ')}`,
        figures: [], checks: [], params: {}, notes: [], peakRssMb: null, wallMs: Date.now() - started,
      });
    });
  });
}

function previousResults(): RunRecord['results'] {
  try {
    return (JSON.parse(readFileSync(resultsFile, 'utf8')) as RunRecord).results ?? [];
  } catch {
    return [];
  }
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const names = opts.only.length ? CASES.filter((c) => opts.only.includes(c)) : [...CASES];
  const machine = machineInfo();
  const startedAt = new Date().toISOString();
  process.stderr.write(`lockout-lens bench (${opts.mode}) on ${machine.cores}× ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadAverage1m}\n`);

  const results: (CaseResult & { ranAt: string })[] = [];
  for (const name of names) {
    const meta = REGISTRY.find((c) => c.name === name)!;
    process.stderr.write(`\n▶ ${name}: ${meta.title}\n`);
    const ranAt = new Date().toISOString();
    const r = await runChild(meta, opts.mode);
    process.stderr.write(`◀ ${name}: ${r.status} in ${(r.wallMs / 1000).toFixed(1)} s${r.reason && r.status !== 'ok' ? ` — ${r.reason.split('\n')[0]}` : ''}\n`);
    results.push({ ...r, ranAt });
  }

  // With --only, keep the other cases' last results so latest.json / BENCHMARKS.md stay complete.
  const merged = opts.only.length
    ? [...CASES].map((c) => results.find((r) => r.case === c) ?? previousResults().find((r) => r.case === c)).filter((r): r is CaseResult & { ranAt: string } => !!r)
    : results;
  const record: RunRecord = { startedAt, mode: opts.mode, machine, results: merged };
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, JSON.stringify(record, null, 2));

  process.stdout.write(`\n${consoleTable(results)}\n\n`);
  const failed = results.filter((r) => r.status === 'incorrect' || r.status === 'error' || r.status === 'crashed');
  const notYet = results.filter((r) => r.status === 'not-yet');
  const missed = results.flatMap((r) => r.figures.filter((f) => f.met === false).map((f) => `${r.case}/${f.name}`));
  process.stdout.write(`${results.length} cases: ${results.length - failed.length - notYet.length} ran correctly, `
    + `${failed.length} failed${failed.length ? ` (${failed.map((r) => `${r.case}: ${r.status}`).join(', ')})` : ''}, `
    + `${notYet.length} not yet${notYet.length ? ` (${notYet.map((r) => r.case).join(', ')})` : ''}; `
    + `${missed.length} target(s) missed${missed.length ? `: ${missed.join(', ')}` : ''}.\n`);
  // The quick run's budget is < 3 minutes on 2 cores (BENCHMARKS.md): print what this one took.
  process.stdout.write(`total ${((Date.now() - Date.parse(startedAt)) / 1000).toFixed(0)} s (${opts.mode}); results: ${resultsFile}\n`);

  if (opts.writeMd) {
    const doc = readFileSync(mdFile, 'utf8');
    writeFileSync(mdFile, replaceBetweenMarkers(doc, markdownFigures(record)));
    process.stdout.write(`updated the figures section of ${mdFile}\n`);
  }
  return failed.length || (opts.strict && missed.length) ? 1 : 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
