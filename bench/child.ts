/**
 * Runs ONE benchmark case in this process and writes its CaseResult JSON to the given file.
 * The runner starts one child per case so each case's peak RSS is its own and a crash in one
 * case cannot hide the others. Usage: node --import tsx bench/child.ts <case> <quick|full> <out.json>
 */
import { writeFileSync } from 'node:fs';
import { BenchContext, NotYet, type BenchCase } from './lib/case.js';
import { nowMs, procStatusMb } from './lib/measure.js';
import type { CaseResult, Mode, Status } from './lib/result.js';
import { CASES } from './cases/index.js';

const [name, modeArg, outFile] = process.argv.slice(2);
if (!name || !outFile || (modeArg !== 'quick' && modeArg !== 'full')) {
  process.stderr.write('usage: bench/child.ts <case> <quick|full> <out.json>\n');
  process.exit(2);
}
const mode: Mode = modeArg;

const started = nowMs();
const ctx = new BenchContext(mode);
let status: Status = 'ok';
let reason: string | undefined;
const title = CASES.find((c) => c.name === name)?.title ?? name;

try {
  const mod = (await import(`./cases/${name}.js`)) as { default: BenchCase };
  await mod.default.run(ctx);
  if (ctx.checks.some((c) => !c.ok)) status = 'incorrect';
  else if (ctx.checks.length === 0) {
    // A benchmark that proves nothing about its answer could be fast and wrong: refuse to call it ok.
    status = 'incorrect';
    reason = 'the case made no correctness checks';
  }
} catch (error) {
  if (error instanceof NotYet) {
    status = 'not-yet';
    reason = error.message;
  } else {
    status = 'error';
    reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
}

const result: CaseResult = {
  case: name,
  title,
  mode,
  status,
  ...(reason !== undefined ? { reason } : {}),
  figures: ctx.figures,
  checks: ctx.checks,
  params: ctx.params,
  notes: ctx.notes,
  peakRssMb: procStatusMb('VmHWM'),
  wallMs: nowMs() - started,
};
writeFileSync(outFile, JSON.stringify(result, null, 2));
// Servers, DB handles or timers a case forgot must not keep the child alive: the result is written.
process.exit(0);
