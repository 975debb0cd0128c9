/**
 * The long soak: the same faults-and-kills scenario as test/integration/reliability/sync-kills.test.ts,
 * bigger (20k sign-ins, 8 kills, a longer storm) and over several seeds. Not picked up by `npm test`
 * (the runner reads test/unit, test/integration, test/e2e only); run it with `npm run reliability -- --soak`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { figures } from '../integration/reliability/figures.js';
import { runKillScenario } from '../integration/reliability/sync-kill-scenario.js';

const fig = figures('soak');
const seeds = (process.env.LL_SOAK_SEEDS ?? '1,2,3').split(',').map(Number);

for (const seed of seeds) {
  test(`soak seed ${seed}: 20k sign-ins, 8 kills, fault storm — exact set, intact database, truthful progress`, { timeout: 30 * 60_000 }, async () => {
    const outcome = await runKillScenario({ count: 20_000, kills: 8, seed, windowMs: 2 * 3_600_000, minEvents: 2, maxEvents: 25, faultCount: 6, faultProbability: 0.1 });
    fig.add('kills.soak', outcome.kills);
    fig.add('resumes.soak', outcome.kills + outcome.cleanStops);
    fig.add('faults.soak.fired', outcome.faultsFiredTotal);
    for (const [k, n] of Object.entries(outcome.faultsFired)) fig.add(`faults.soak.${k}`, n);
    fig.add('signIns.soak.verified', outcome.signIns);
    fig.add('seeds.soak', 1);
    assert.deepEqual(outcome.problems, []);
    assert.equal(outcome.kills, 8);
  });
}
