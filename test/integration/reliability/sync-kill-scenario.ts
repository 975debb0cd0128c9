/**
 * One "faults + kills" sync scenario, shared by the CI test (small) and the soak (large):
 *  1. the real emulator with `count` bulk Jamf Connect sign-ins, short-lived access tokens (so MSAL
 *     refreshes mid-run) and a seeded storm of faults on the sign-in endpoint;
 *  2. the sync runs as a real child process, SIGKILLed `kills` times at seeded random progress points
 *     and restarted; at each kill the database must pass integrity_check and hold at least what the
 *     child had reported (progress never runs ahead of what is durable);
 *  3. a last child runs to completion; the cache must then hold exactly the emulator's sign-ins of the
 *     job period, ids AND content, and that run's reported rows must equal the rows of the windows it
 *     had left to do.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { cacheDatabasePath } from '../../../electron/core/profiles/config-dir.js';
import { FULL_SYNC_JOB_KEY } from '../../../electron/core/sync/full-sync.js';
import type { SyncProgress } from '../../../electron/core/sync/progress.js';
import type { FullSyncResult } from '../../../electron/core/sync/full-sync.js';
import { shapeSignIn } from '../../../electron/core/emulator/graph/signin-shape.js';
import type { FaultRuleInput } from '../../../electron/core/emulator/index.js';
import { openStore } from '../../../electron/core/store/store.js';
import { demoSnapshot, JAMF_CONNECT_APP, OPERATOR, startHarness } from '../data-path/harness.js';
import { withBulkSignIns } from '../data-path/bulk.js';
import { mulberry32 } from '../../../electron/core/emulator/random.js';

export interface ScenarioOptions {
  readonly count: number;
  readonly kills: number;
  readonly seed: number;
  readonly windowMs: number;
  /** Kill after between minEvents and maxEvents progress events of a child (seeded). */
  readonly minEvents?: number;
  readonly maxEvents?: number;
  /** Faults per kind (count-limited, so a storm ends); probability per matching request. */
  readonly faultCount?: number;
  readonly faultProbability?: number;
}

export interface ScenarioOutcome {
  readonly kills: number;
  readonly killedAtEvents: number[];
  readonly faultsFired: Record<string, number>;
  readonly faultsFiredTotal: number;
  readonly signIns: number;
  readonly childRuns: number;
  readonly tokenRefreshes: number;
  readonly cleanStops: number;
  readonly childMs: number[];
  readonly problems: string[];
}

/** Seeded PRNG (the emulator's mulberry32) so a seed reproduces the same kill points. */
export const prng = mulberry32;

const SIGN_INS = '/beta/auditLogs/signIns';

export function faultStorm(count: number, probability: number): FaultRuleInput[] {
  return [
    // 429 storms count double: they are the fault Graph's sign-in and CA endpoints really produce.
    { kind: 'throttle', pathPrefix: SIGN_INS, count: count * 2, probability, retryAfterSeconds: 1 },
    // The CA-endpoint kind of 429: no Retry-After at all; the client must pace itself.
    { kind: 'throttle', pathPrefix: SIGN_INS, count: count * 2, probability, retryAfterSeconds: null },
    { kind: 'status', pathPrefix: SIGN_INS, status: 503, count, probability },
    // 500 is not a transient status for Graph's retry handler (429/503/504 are): the run stops with a
    // clear error and the next run resumes — counted as an interruption like a kill.
    { kind: 'status', pathPrefix: SIGN_INS, status: 500, count: 1, probability },
    { kind: 'status', pathPrefix: SIGN_INS, status: 504, count, probability },
    { kind: 'reset', pathPrefix: SIGN_INS, count, probability },
    { kind: 'truncate', pathPrefix: SIGN_INS, count, probability },
    { kind: 'slow', pathPrefix: SIGN_INS, count, probability, chunkBytes: 16_384, chunkDelayMs: 15 },
    { kind: 'latency', pathPrefix: SIGN_INS, count, probability, latencyMs: 200, jitterMs: 200 },
  ];
}

interface ChildRun { events: SyncProgress[]; result: FullSyncResult | null; signal: string | null; code: number | null; stderr: string; ms: number }

/** A run that stopped on its own with the app's clear error (not a crash, not a hang). */
function stoppedCleanly(run: ChildRun): boolean {
  return run.code === 1 && /AppError: Microsoft Graph/.test(run.stderr) && !/timeout: killed by the test/.test(run.stderr);
}

function runChild(env: Record<string, string>, killAfterEvents: number | null, timeoutMs: number): Promise<ChildRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./sync-child.ts', import.meta.url))], {
    env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started = Date.now();
  const run: ChildRun = { events: [], result: null, signal: null, code: null, stderr: '', ms: 0 };
  let buffer = '';
  child.stderr.on('data', (d) => { run.stderr += String(d); });
  child.stdout.on('data', (d) => {
    buffer += String(d);
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      let msg: { progress?: SyncProgress; result?: FullSyncResult };
      try { msg = JSON.parse(line); } catch { continue; }
      if (msg.progress) run.events.push(msg.progress);
      if (msg.result) run.result = msg.result;
      // SIGKILL straight from the data handler: the child is somewhere past this event, mid-page or mid-commit.
      if (killAfterEvents !== null && run.events.length >= killAfterEvents && child.exitCode === null) child.kill('SIGKILL');
    }
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => { run.stderr += '\n[timeout: killed by the test]'; child.kill('SIGKILL'); }, timeoutMs);
    child.on('exit', (code, signal) => { clearTimeout(timer); run.ms = Date.now() - started; run.code = code; run.signal = signal; resolve(run); });
  });
}

export async function runKillScenario(o: ScenarioOptions): Promise<ScenarioOutcome> {
  const random = prng(o.seed);
  const problems: string[] = [];
  // MSAL refreshes an access token once it is within 5 minutes of expiry, so a 300 s token is due at once:
  // every child run (and every request in it) goes through the refresh path, however fast the machine is.
  // A longer lifetime made the refresh depend on how long a run took — a timing race, not a test.
  const h = await startHarness({ snapshot: withBulkSignIns(demoSnapshot(), o.count), accessTokenLifetimeSeconds: 300, seed: o.seed });
  try {
    const injected = h.emulator.control.injectFaults(faultStorm(o.faultCount ?? 4, o.faultProbability ?? 0.12));
    const env = {
      LL_ENDPOINT: JSON.stringify({ origin: h.emulator.origin, tenantId: h.emulator.tenantId, caCertPem: h.emulator.caCertPem }),
      LL_CONFIG_DIR: h.configDir, LL_OPERATOR: OPERATOR, LL_APP: JAMF_CONNECT_APP, LL_WINDOW_MS: String(o.windowMs),
    };
    const dbPath = cacheDatabasePath(h.configDir);
    const tenantId = h.emulator.tenantId;
    const killedAtEvents: number[] = [];
    let kills = 0;
    let childRuns = 0;
    let cleanStops = 0;
    const childMs: number[] = [];
    for (let k = 0; k < o.kills; k++) {
      const min = o.minEvents ?? 2;
      const max = o.maxEvents ?? 8;
      const at = min + Math.floor(random() * (max - min + 1));
      const run = await runChild(env, at, 180_000);
      childRuns++;
      childMs.push(run.ms);
      // A clear stop is an interruption like a kill: restart, but never loop forever on it.
      if (stoppedCleanly(run) && cleanStops < 5) { cleanStops++; k--; continue; }
      if (run.result) { problems.push(`child ${k} finished before its kill point (${at} events); use more sign-ins or narrower windows`); break; }
      if (run.signal !== 'SIGKILL') { problems.push(`child ${k} did not die by SIGKILL (code ${run.code}, signal ${run.signal}): ${run.stderr.slice(-2000)}`); break; }
      kills++;
      killedAtEvents.push(run.events.length);
      // The database the killed child left behind: intact, and at least as far as the child claimed.
      const db = new Database(dbPath, { readonly: true, fileMustExist: true });
      try {
        const check = db.pragma('integrity_check', { simple: true });
        if (check !== 'ok') problems.push(`after kill ${k}: integrity_check = ${String(check)}`);
      } finally { db.close(); }
      const store = openStore(dbPath);
      try {
        const job = store.syncState.get<{ jobId: string }>(tenantId, FULL_SYNC_JOB_KEY);
        const last = run.events.at(-1);
        if (!job) { problems.push(`after kill ${k}: the job record is gone`); continue; }
        const windows = store.syncState.windows(tenantId, job.jobId);
        const durable = windows.filter((w) => w.doneAt).length;
        if (last && durable < last.windowsDone) problems.push(`after kill ${k}: progress said ${last.windowsDone} windows done, the database holds ${durable}`);
        if (last && windows.length !== last.windowsTotal) problems.push(`after kill ${k}: progress said ${last.windowsTotal} windows in total, the job has ${windows.length}`);
      } finally { store.close(); }
    }

    // Before the last run: which windows are left, so its reported rows can be checked exactly.
    const pendingWindows = () => {
      const store = openStore(dbPath);
      try {
        const job = store.syncState.get<{ jobId: string }>(tenantId, FULL_SYNC_JOB_KEY);
        return job ? store.syncState.windows(tenantId, job.jobId).filter((w) => !w.doneAt) : [];
      } finally { store.close(); }
    };
    let pending = pendingWindows();
    let final = await runChild(env, null, 300_000);
    childRuns++;
    childMs.push(final.ms);
    while (stoppedCleanly(final) && cleanStops < 5) {
      cleanStops++;
      pending = pendingWindows();
      final = await runChild(env, null, 300_000);
      childRuns++;
      childMs.push(final.ms);
    }
    if (!final.result || final.code !== 0) {
      problems.push(`the final run did not complete (code ${final.code}, signal ${final.signal}): ${final.stderr.slice(-2000)}`);
      return { kills, killedAtEvents, faultsFired: {}, faultsFiredTotal: 0, signIns: 0, childRuns, tokenRefreshes: 0, cleanStops, childMs, problems };
    }
    const result = final.result;
    if (result.status !== 'completed') problems.push(`final status ${result.status}`);
    if ((kills > 0 || cleanStops > 0) && !result.resumed) problems.push('the final run did not resume the killed job');
    const lastEvent = final.events.at(-1);
    if (!lastEvent || lastEvent.windowsDone !== lastEvent.windowsTotal) problems.push(`final progress ${JSON.stringify(lastEvent)} is not all windows done`);

    const since = Date.parse(result.since);
    const until = Date.parse(result.until);
    const emulatorSet = h.emulator.control.listSignIns()
      .filter((s) => String(s.appId).toLowerCase() === JAMF_CONNECT_APP)
      .filter((s) => { const t = Date.parse(String(s.createdDateTime)); return t >= since && t <= until + 999; });
    if (kills > 0 || cleanStops > 0) {
      // Windows are [start, end] with ge/le, so a sign-in exactly on a boundary is fetched by both windows.
      const expectedRows = pending.reduce((n, w) => n + emulatorSet.filter((s) => {
        const t = Date.parse(String(s.createdDateTime)); return t >= Date.parse(w.start) && t <= Date.parse(w.end);
      }).length, 0);
      if (result.rows !== expectedRows) problems.push(`the final run reported ${result.rows} rows; the ${pending.length} windows it had left hold ${expectedRows}`);
      if (lastEvent && lastEvent.rows !== result.rows) problems.push(`last progress event says ${lastEvent.rows} rows, the result ${result.rows}`);
    }

    const check = openStore(dbPath);
    try {
      const integrity = check.db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') problems.push(`final integrity_check = ${String(integrity)}`);
      const ids = check.signIns.ids(tenantId);
      const expectedIds = emulatorSet.map((s) => String(s.id)).sort();
      if (ids.length !== new Set(ids).size) problems.push('duplicate sign-in ids in the cache');
      const missing = expectedIds.filter((id) => !ids.includes(id));
      const extra = ids.filter((id) => !expectedIds.includes(id));
      if (missing.length || extra.length) problems.push(`cache vs emulator: ${missing.length} missing (${missing.slice(0, 3).join(', ')}), ${extra.length} extra (${extra.slice(0, 3).join(', ')})`);
      // Content, not just ids: each cached raw JSON equals what Graph (beta, with CA visible and
      // unknown enum members requested) serves for that record.
      let differ = 0;
      for (const s of emulatorSet) {
        const cached = check.signIns.get(tenantId, String(s.id));
        const served = shapeSignIn(s, { version: 'beta', canSeeConditionalAccess: true, includeUnknownEnumMembers: true });
        if (JSON.stringify(sortKeys(cached)) !== JSON.stringify(sortKeys(served))) {
          if (differ++ < 2) problems.push(`content of ${String(s.id)} differs: cached ${JSON.stringify(cached).slice(0, 300)} vs served ${JSON.stringify(served).slice(0, 300)}`);
        }
      }
      if (differ > 2) problems.push(`…and ${differ - 2} more sign-ins with different content`);
    } finally { check.close(); }

    const faultsFired: Record<string, number> = {};
    for (const f of injected) {
      const key = f.kind === 'throttle' ? (f.retryAfterSeconds === null ? 'throttle429NoRetryAfter' : 'throttle429RetryAfter') : f.kind === 'status' ? `http${f.status}` : f.kind;
      faultsFired[key] = (faultsFired[key] ?? 0) + f.fired;
    }
    const tokenRefreshes = h.emulator.control.requestLog().filter((r) => /\/token$/.test(r.path) && r.note === 'grant:refresh_token' && r.status === 200).length;
    return {
      kills, killedAtEvents, faultsFired, faultsFiredTotal: Object.values(faultsFired).reduce((a, b) => a + b, 0),
      signIns: emulatorSet.length, childRuns, tokenRefreshes, cleanStops, childMs, problems,
    };
  } finally {
    await h.close();
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}
