/**
 * Odd policies through evaluate + diagnose, property-based. helper-5's robustness test pins a few
 * hand-made cases (null policy, no users block, malformed filter); this mutates the demo tenant's
 * real policies at random — unknown enum values, nulls, empty or missing blocks, wrong types — and
 * random sign-in enum values, then diagnoses its locked-out users. Properties: never a throw; the
 * diagnosis serialises and renders (Markdown, HTML); a policy the engine could not read is named in a
 * warning, never silently dropped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadShippedDemoSnapshot } from '../../../electron/app/demo.js';
import { diagnoseFromSnapshot, toHtml, toMarkdown } from '../../../electron/core/diagnosis/index.js';
import { diagnosisJson } from '../../../electron/core/diagnosis/json-contract.js';
import type { TenantSnapshot } from '../../../electron/core/snapshot/types.js';
import { figures } from '../../integration/reliability/figures.js';

const fig = figures('odd-policies-fuzz');
const SEED = Number(process.env.LL_RELIABILITY_SEED ?? 20261201);
const RUNS = Math.max(20, Math.floor(Number(process.env.LL_FUZZ_RUNS ?? 300) / 6));

const PATHS = [
  ['state'], ['conditions'], ['conditions', 'users'], ['conditions', 'users', 'includeUsers'], ['conditions', 'users', 'excludeGroups'],
  ['conditions', 'applications'], ['conditions', 'applications', 'includeApplications'], ['conditions', 'applications', 'applicationFilter'],
  ['conditions', 'applications', 'applicationFilter', 'mode'], ['conditions', 'applications', 'applicationFilter', 'rule'],
  ['conditions', 'clientAppTypes'], ['conditions', 'platforms'], ['conditions', 'platforms', 'includePlatforms'], ['conditions', 'locations'],
  ['conditions', 'locations', 'includeLocations'], ['conditions', 'devices'], ['conditions', 'authenticationFlows'], ['conditions', 'signInRiskLevels'],
  ['grantControls'], ['grantControls', 'operator'], ['grantControls', 'builtInControls'], ['grantControls', 'authenticationStrength'], ['sessionControls'],
] as const;
const ODD_VALUES: unknown[] = [null, undefined, {}, [], '', 'unknownFutureValue', 'someNewEnumMember2027', ['unknownFutureValue'], ['All', null], 42, true,
  { '@odata.type': '#microsoft.graph.somethingNew' }, 'x'.repeat(5000), ['00000000-0000-0000-0000-000000000000'], { mode: 'sideways', rule: 'device.x -eq' }];

function setPath(obj: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let cur: Record<string, unknown> = obj;
  for (const key of path.slice(0, -1)) {
    const next = cur[key];
    if (!next || typeof next !== 'object' || Array.isArray(next)) cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  const last = path.at(-1)!;
  if (value === undefined) delete cur[last]; else cur[last] = value;
}

test('randomly mutated policies and sign-in enums: every diagnosis completes, serialises, renders, and names what it could not read', async () => {
  const demo = await loadShippedDemoSnapshot(new Date('2026-11-30T12:00:00Z'));
  const locked = [...new Set(demo.signIns.filter((s) => (s.status as { errorCode?: number } | undefined)?.errorCode && (s.status as { errorCode: number }).errorCode !== 0)
    .map((s) => String(s.userPrincipalName)))].slice(0, 4);
  assert.ok(locked.length >= 2, 'the demo tenant has locked-out users to diagnose');
  const mutation = fc.record({
    edits: fc.array(fc.tuple(fc.nat(demo.conditionalAccessPolicies.length - 1), fc.constantFrom(...PATHS), fc.constantFrom(...ODD_VALUES)), { minLength: 1, maxLength: 8 }),
    replaceWhole: fc.option(fc.tuple(fc.nat(demo.conditionalAccessPolicies.length - 1), fc.constantFrom<unknown>(null, 'policy?', 7, [], {})), { nil: undefined }),
    resultEnum: fc.constantFrom('unknownFutureValue', 'reportOnlySomethingNew', null, 42, 'failure'),
    user: fc.constantFrom(...locked),
  });
  let runs = 0;
  await fc.assert(fc.asyncProperty(mutation, async (m) => {
    runs++;
    const s = structuredClone(demo) as TenantSnapshot;
    for (const [i, path, value] of m.edits) setPath(s.conditionalAccessPolicies[i]!, path, structuredClone(value));
    if (m.replaceWhole) (s.conditionalAccessPolicies as unknown[])[m.replaceWhole[0]] = m.replaceWhole[1];
    for (const si of s.signIns) {
      const applied = si.appliedConditionalAccessPolicies;
      if (Array.isArray(applied) && applied[0] && typeof applied[0] === 'object') (applied[0] as Record<string, unknown>).result = m.resultEnum;
    }
    const d = diagnoseFromSnapshot(s, m.user, { days: 30, now: '2026-11-30T12:00:00Z' });
    assert.equal(typeof d.verdict.lockedOut, 'boolean');
    assert.doesNotThrow(() => JSON.stringify(diagnosisJson(d)));
    assert.ok(toMarkdown(d).length > 0);
    assert.ok(toHtml(d).length > 0);
    if (m.replaceWhole && typeof m.replaceWhole[1] !== 'object') {
      // A policy the engine cannot read is reported, never silently counted as "no policy".
      assert.ok(d.warnings.length > 0, `a non-object policy left no warning: ${JSON.stringify(d.warnings)}`);
    }
  }), { seed: SEED, numRuns: RUNS });
  fig.add('inputs.parser.oddPolicies', runs);
});
