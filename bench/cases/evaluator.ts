/**
 * Evaluator: 200 realistic policies × 10,000 sign-in contexts on one core.
 * Ours: the project's evaluate() — policies compiled once (WeakMap by object), rules parsed once.
 * Naive: a parse-every-time evaluator — each evaluation sees the policy as a fresh object (so it is
 * compiled again) and parses its filter rules again with the project's parser — measured on a
 * slice of the same contexts in the same run. Correctness: steady-state results equal the first
 * pass and the naive pass for every (policy, sign-in); no generated policy is "cannot evaluate".
 */
import os from 'node:os';
import { defineCase, type BenchContext } from '../lib/case.js';
import { contextFromSignIn } from '../lib/contexts.js';
import { cpuMs, nowMs, round } from '../lib/measure.js';
import { loadTenant } from '../lib/synthetic.js';
import type { SignInContext } from '../../electron/core/policy/types.js';

const POLICIES = 200;
const CONTEXTS = 10_000;

function ruleTexts(policy: Record<string, unknown>): { text: string; kind: 'application' | 'device' }[] {
  const cond = (policy['conditions'] ?? {}) as Record<string, Record<string, unknown> | null>;
  const out: { text: string; kind: 'application' | 'device' }[] = [];
  const app = cond['applications']?.['applicationFilter'] as { rule?: unknown } | null | undefined;
  if (typeof app?.rule === 'string') out.push({ text: app.rule, kind: 'application' });
  const dev = cond['devices']?.['deviceFilter'] as { rule?: unknown } | null | undefined;
  if (typeof dev?.rule === 'string') out.push({ text: dev.rule, kind: 'device' });
  return out;
}

export default defineCase({
  async run(ctx: BenchContext) {
    const { evaluate, evaluatePolicy, parseRule } = await import('../../electron/core/policy/index.js');
    const { buildDirectory } = await import('../../electron/core/diagnosis/context.js');
    const tg = nowMs();
    const tenant = await loadTenant(ctx, { users: 2_000, signIns: CONTEXTS + 500, policies: POLICIES, seed: 7 });

    ctx.log(`generated the tenant in ${round(nowMs() - tg, 0)} ms`);
    const policies = tenant.conditionalAccessPolicies;
    ctx.checkEqual('policies generated', policies.length, POLICIES);
    const dir = buildDirectory(tenant.servicePrincipals, tenant.namedLocations);
    const contexts: SignInContext[] = [];
    for (const row of tenant.signIns) {
      const c = contextFromSignIn(row, tenant.contextSource);
      if (c) contexts.push(c);
      if (contexts.length === CONTEXTS) break;
    }
    ctx.checkEqual('sign-in contexts built', contexts.length, CONTEXTS);
    const evaluations = policies.length * contexts.length;
    ctx.param('policies', policies.length);
    ctx.param('contexts', contexts.length);

    // Results are kept only as compact codes: holding 2,000,000 full evaluations (with their traces)
    // would make the garbage collector, not the evaluator, the thing measured.
    const RESULT_CODES = new Map<string, number>();
    const codeOf = (r: string): number => {
      let c = RESULT_CODES.get(r);
      if (c === undefined) RESULT_CODES.set(r, (c = RESULT_CODES.size + 1));
      return c;
    };
    const tally = new Map<string, number>();
    let blocked = 0;
    let granted = 0;
    const cannot = new Set<string>();
    const runPass = (record: boolean): { codes: Uint8Array; outcomes: Int32Array; ms: number; cpu: number } => {
      const codes = new Uint8Array(evaluations);
      const outcomes = new Int32Array(contexts.length);
      const cpu0 = cpuMs();
      const t = nowMs();
      for (let i = 0; i < contexts.length; i++) {
        const r = evaluate(policies, contexts[i]!, dir);
        outcomes[i] = r.outcome.errorCode;
        const base = i * policies.length;
        for (let j = 0; j < r.policies.length; j++) {
          const pe = r.policies[j]!;
          codes[base + j] = codeOf(pe.result);
          if (record) {
            tally.set(pe.result, (tally.get(pe.result) ?? 0) + 1);
            if (pe.cannotEvaluate) cannot.add(`${pe.displayName}: ${pe.cannotEvaluate}`);
          }
        }
        if (record) {
          if (r.outcome.access === 'blocked') blocked++;
          else if (r.outcome.access === 'granted') granted++;
        }
      }
      return { codes, outcomes, ms: nowMs() - t, cpu: cpuMs() - cpu0 };
    };

    // First pass: every policy compiled and every rule parsed on first sight.
    const first = runPass(true);
    ctx.log(`first pass ${round(first.ms, 0)} ms wall, ${round(first.cpu, 0)} ms CPU`);

    // Steady state: the same work again, compiled policies and parsed rules reused. Best pass counts.
    const passes = ctx.scale(3, 6);
    let steady = { ms: Number.POSITIVE_INFINITY, cpu: Number.POSITIVE_INFINITY };
    let mismatches = 0;
    for (let pass = 0; pass < passes; pass++) {
      const again = runPass(false);
      if (Math.min(again.ms, again.cpu) < Math.min(steady.ms, steady.cpu)) steady = { ms: again.ms, cpu: again.cpu };
      for (let k = 0; k < evaluations; k++) if (again.codes[k] !== first.codes[k]) mismatches++;
      for (let i = 0; i < contexts.length; i++) if (again.outcomes[i] !== first.outcomes[i]) mismatches++;
    }
    ctx.log(`best steady pass ${round(steady.ms, 0)} ms wall, ${round(steady.cpu, 0)} ms CPU`);
    ctx.checkEqual('steady-state results equal the first pass', mismatches, 0);

    ctx.check('every generated policy can be evaluated', cannot.size === 0,
      [...cannot].slice(0, 3).join('; ') || `${policies.length} evaluable`);
    // A fast evaluator that says "notApplied" to everything is wrong: the mix must show real verdicts.
    const summary = [...tally].map(([k, v]) => `${k}=${v}`).join(', ');
    ctx.check('results are a real mix (success, failure and notApplied all occur)',
      (tally.get('success') ?? 0) > 0 && (tally.get('failure') ?? 0) > 0 && (tally.get('notApplied') ?? 0) > 0, summary);
    ctx.check('outcomes include granted and blocked sign-ins', blocked > 0 && granted > 0, `granted=${granted}, blocked=${blocked}, of ${contexts.length}`);

    // Naive: compile + parse on every evaluation, on a slice (it is much slower).
    const slice = contexts.slice(0, ctx.scale(500, 2_000));
    const naiveCpu0 = cpuMs();
    const t1 = nowMs();
    let naiveMismatch = 0;
    for (let i = 0; i < slice.length; i++) {
      for (let j = 0; j < policies.length; j++) {
        const policy = policies[j]!;
        for (const r of ruleTexts(policy)) parseRule(r.text, r.kind);
        const fresh = { ...policy }; // a new identity defeats the compile cache, as a re-reading evaluator would
        const e = evaluatePolicy(fresh, slice[i]!, dir);
        if (codeOf(e.result) !== first.codes[i * policies.length + j]) naiveMismatch++;
      }
    }
    const naiveMs = nowMs() - t1;
    const naiveCpu = cpuMs() - naiveCpu0;
    ctx.log(`naive slice ${round(naiveMs, 0)} ms`);
    ctx.checkEqual('naive re-parse results equal ours', naiveMismatch, 0);
    const naiveRate = (slice.length * policies.length) / (Math.min(naiveMs, naiveCpu) / 1000);

    // Parse cost on its own: every rule text of the 200 policies, parsed repeatedly.
    const rules = policies.flatMap(ruleTexts);
    const reps = 200;
    const t2 = nowMs();
    for (let k = 0; k < reps; k++) for (const r of rules) parseRule(r.text, r.kind);
    const parseUs = rules.length ? ((nowMs() - t2) * 1000) / (reps * rules.length) : 0;
    ctx.param('filter rules', rules.length);

    // One core's worth of time: on an oversubscribed machine wall time also counts the neighbours
    // (CPU < wall); on a quiet one the process CPU also counts GC helper threads running beside the
    // evaluating thread (CPU > wall). The smaller of the two is the better estimate either way.
    const coreMs = (p: { ms: number; cpu: number }) => Math.min(p.ms, p.cpu);
    const steadyRate = evaluations / (coreMs(steady) / 1000);
    const firstRate = evaluations / (coreMs(first) / 1000);
    ctx.figure({
      name: 'steady-state policy evaluations/s (one core)', value: round(steadyRate, 0), unit: 'eval/s', higherIsBetter: true,
      target: { op: '>=', value: 1_000_000, text: '≥ 1,000,000 eval/s' },
      baseline: { label: 'naive compile+parse every time', value: round(naiveRate, 0), unit: 'eval/s' },
      noteIfMissed: `rates also fall when the cores are oversubscribed (SMT siblings, shared caches; 1-minute load ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores at the end of this case), so compare with a quiet run first. If it stays below: every evaluation builds all 11 condition traces with reason strings for every policy; deciding applies/result first and building traces only for the policies a caller shows would close it`,
    });
    ctx.figure({
      name: 'steady-state evaluations per wall-second', value: round(evaluations / (steady.ms / 1000), 0), unit: 'eval/s', higherIsBetter: true,
    });
    ctx.figure({
      name: 'first pass (cold: compile + parse)', value: round(firstRate, 0), unit: 'eval/s', higherIsBetter: true,
      baseline: { label: 'steady state', value: round(steadyRate, 0), unit: 'eval/s' },
    });
    ctx.figure({ name: 'rule parse cost', value: round(parseUs, 2), unit: 'µs/rule', higherIsBetter: false });
    ctx.note(`first pass ${round(first.ms, 0)} ms wall / ${round(first.cpu, 0)} ms CPU for ${evaluations.toLocaleString('en-US')} evaluations; `
      + `best of ${passes} steady passes ${round(steady.ms, 0)} ms wall / ${round(steady.cpu, 0)} ms CPU; results: ${summary}`);
  },
});
