import { test } from 'node:test';
import assert from 'node:assert/strict';
import { figures } from './figures.js';
import { runKillScenario } from './sync-kill-scenario.js';

const fig = figures('sync-kills');
const SEED = Number(process.env.LL_RELIABILITY_SEED ?? 20261201);

test('sync under a seeded fault storm, SIGKILLed at random points and restarted, ends with exactly the emulator\'s sign-ins (ids and content), an intact database and truthful progress', async () => {
  const outcome = await runKillScenario({ count: 4000, kills: 3, seed: SEED, windowMs: 86_400_000, minEvents: 2, maxEvents: 10, faultCount: 1, faultProbability: 0.15 });
  fig.add('kills.sync', outcome.kills);
  fig.add('resumes.sync', outcome.kills);
  fig.add('childRuns.sync', outcome.childRuns);
  fig.add('faults.sync.fired', outcome.faultsFiredTotal);
  for (const [k, n] of Object.entries(outcome.faultsFired)) fig.add(`faults.sync.${k}`, n);
  fig.add('tokenRefreshes.sync', outcome.tokenRefreshes);
  fig.add('signIns.sync.verified', outcome.signIns);
  fig.note('sync.seed', SEED);
  fig.note('sync.killedAtEvents', outcome.killedAtEvents);
  fig.add("cleanStops.sync", outcome.cleanStops);
  console.log(`child run times (ms): ${outcome.childMs.join(", ")}; faults: ${JSON.stringify(outcome.faultsFired)}`);
  assert.deepEqual(outcome.problems, []);
  assert.equal(outcome.kills, 3);
  assert.ok(outcome.faultsFiredTotal >= 5, `faults fired: ${JSON.stringify(outcome.faultsFired)}`);
  assert.ok(outcome.tokenRefreshes >= 1, 'access tokens expired and were refreshed during the runs');
});
