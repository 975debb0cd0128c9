/**
 * Memory: peak RSS (VmHWM) of a core process — store + diagnosis, no renderer, no generator (the
 * warm cache is built by a separate process) — while diagnosing users against N cached sign-ins,
 * the heaviest user included. Baseline: the naive way the offline CLI works on a snapshot — every
 * sign-in in memory — measured as heap growth per 10,000 rows loaded and extrapolated to N, after
 * our figure is taken (so it cannot inflate it).
 */
import { defineCase, type BenchContext } from '../lib/case.js';
import { nowMs, procStatusMb, rng, round } from '../lib/measure.js';
import { appDiagnoser } from '../lib/app-diagnosis.js';
import { ensureWarmCache } from '../lib/warm-cache.js';

const DAYS = 30;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export default defineCase({
  async run(ctx: BenchContext) {
    const rows = ctx.scale(100_000, 1_000_000);
    const users = ctx.scale(1_000, 10_000);
    const { openStore } = await import('../../electron/core/store/index.js');
    const { manifest, path } = await ensureWarmCache({ rows, users, seed: 21 });
    ctx.param('cached sign-ins', manifest.rows);
    ctx.param('users', manifest.users);
    ctx.checkEqual('warm cache holds the generated sign-ins', manifest.rows, rows);
    gc();
    const floorMb = procStatusMb('VmRSS') ?? Number.NaN;

    const store = openStore(path);
    const end = new Date(manifest.end);
    const jamf = { clientIds: [manifest.jamfClientAppId], apiAppId: manifest.jamfApiAppId };
    const diagnoser = appDiagnoser(store, manifest.tenantId, null, jamf, () => end);
    // The heaviest user: the most cached rows of the Jamf Connect app.
    const heavy = store.db.prepare(`SELECT user_id AS id, count(*) AS n FROM sign_ins WHERE tenant_id = ? AND app_id = ?
      GROUP BY user_id ORDER BY n DESC LIMIT 1`).get(manifest.tenantId, manifest.jamfClientAppId.toLowerCase()) as { id: string; n: number };
    const pick = rng(7);
    const sample = ctx.scale(200, 1_000);
    const t = nowMs();
    let wrong = 0;
    const budgetMs = ctx.scale(20_000, 600_000);
    let done = 0;
    for (let i = 0; i <= sample && (i === 0 || nowMs() - t < budgetMs); i++) {
      done++;
      const userId = i === 0 ? heavy.id : manifest.userIds[Math.floor(pick() * manifest.userIds.length)]!;
      const d = await diagnoser.diagnose({ id: userId }, { days: DAYS, online: false });
      if (d.user.id !== userId) wrong++;
      if (i === 0) ctx.checkEqual('heaviest user: attempts diagnosed equal the cached rows', d.attempts.length, heavy.n);
    }
    ctx.checkEqual('every diagnosis is of the user asked for', wrong, 0);
    const peakMb = procStatusMb('VmHWM');
    ctx.check('the peak resident set could be read (/proc/self/status VmHWM)', peakMb !== null);
    const elapsed = nowMs() - t;

    // Naive: everything in memory. Heap growth for 10,000 rows, extrapolated linearly to N.
    gc();
    const before = process.memoryUsage().heapUsed;
    const loaded = store.signIns.forTenant({ tenantId: manifest.tenantId, limit: 10_000 });
    gc();
    const perRow = (process.memoryUsage().heapUsed - before) / loaded.length;
    ctx.checkEqual('naive load read 10,000 rows', loaded.length, 10_000);
    const naiveMb = (perRow * manifest.rows) / 2 ** 20 + floorMb;

    ctx.figure({
      name: `peak RSS diagnosing against ${manifest.rows.toLocaleString('en-US')} cached sign-ins`, value: round(peakMb ?? Number.NaN, 0), unit: 'MB', higherIsBetter: false,
      target: { op: '<=', value: 300, text: '≤ 300 MB' },
      baseline: { label: 'all sign-ins in memory (extrapolated)', value: round(naiveMb, 0), unit: 'MB' },
      noteIfMissed: 'see the floor figure: most of it is the runtime and the code loaded; SQLite keeps only its page cache',
    });
    ctx.figure({ name: 'RSS floor before opening the cache (runtime + code)', value: round(floorMb, 0), unit: 'MB', higherIsBetter: false });
    ctx.param('users diagnosed', done);
    ctx.note(`${done} diagnoses in ${round(elapsed / 1000, 1)} s; heaviest user ${heavy.n} rows; naive heap ${round(perRow / 1024, 1)} KB per sign-in`);
    store.close();
  },
});
