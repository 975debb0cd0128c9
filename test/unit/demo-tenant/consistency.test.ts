/**
 * The demo tenant's scripted sign-ins agree with the project's one CA evaluator: rebuilt from the
 * log row and the directory alone, each sign-in's context evaluates to the recorded error code,
 * audiences, and — per policy — the recorded result, satisfied / not-satisfied conditions and
 * grant strings. If this fails, either the story script or the evaluator misreads Microsoft's
 * semantics — both are written from the docs, independently.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../../../electron/core/policy/evaluate.js';
import { toAppliedPolicies } from '../../../electron/core/policy/applied-policies.js';
import type { GraphObject, TenantSnapshot } from '../../../electron/core/snapshot/types.js';
import { contextFromSignIn, demo, directoryAt, meta, policiesAt, userByUpn } from './demo-fixture.js';

const flags = (x: string) => x.split(',').sort().join(',');

/** Every disagreement between the recorded sign-ins and the evaluator, as readable lines. */
function disagreements(s: TenantSnapshot, rows: readonly GraphObject[]): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const applied = row.appliedConditionalAccessPolicies as Record<string, any>[];
    const at = String(row.createdDateTime);
    const who = `${row.userPrincipalName} ${row.clientAppUsed} ${at}`;
    const result = evaluate(policiesAt(s, at), contextFromSignIn(s, row), directoryAt(s, at));
    const code = (row.status as { errorCode: number }).errorCode;
    if (result.outcome.errorCode !== code) out.push(`${who}: log says ${code}, evaluator ${result.outcome.errorCode}`);
    if (JSON.stringify(result.audiences) !== JSON.stringify(row.conditionalAccessAudiences)) out.push(`${who}: audiences ${JSON.stringify(row.conditionalAccessAudiences)} vs ${JSON.stringify(result.audiences)}`);
    const graphShaped = toAppliedPolicies(result);
    for (const entry of applied) {
      const g = graphShaped.find((p) => p.id === entry.id);
      if (!g) {
        out.push(`${who} ${entry.displayName}: not evaluated`);
        continue;
      }
      if (g.result !== entry.result) out.push(`${who} ${entry.displayName}: log says ${entry.result}, evaluator ${g.result}`);
      for (const k of ['conditionsSatisfied', 'conditionsNotSatisfied'] as const) {
        if (flags(entry[k]) !== flags(g[k])) out.push(`${who} ${entry.displayName} ${k}: log ${entry[k]}, evaluator ${g[k]}`);
      }
      if (JSON.stringify(entry.enforcedGrantControls) !== JSON.stringify(g.enforcedGrantControls)) out.push(`${who} ${entry.displayName}: grant strings differ`);
    }
  }
  return out;
}

const evaluated = (x: GraphObject) => (x.appliedConditionalAccessPolicies as unknown[]).length > 0;

test('every CA-evaluated Jamf Connect sign-in of every story user matches the evaluator', async () => {
  const s = await demo();
  const ids = new Set((meta(s).stories as { userPrincipalName: string }[]).map((st) => userByUpn(s, st.userPrincipalName)!.id));
  // Sign-ins that failed before CA (password, account, client) have nothing to evaluate.
  const rows = s.signIns.filter((x) => ids.has(String(x.userId)) && x.authenticationProtocol === 'ropc' && evaluated(x));
  assert.ok(rows.length > 200, `expected the stories to have many CA-evaluated sign-ins, got ${rows.length}`);
  const d = disagreements(s, rows);
  assert.deepEqual(d.slice(0, 20), [], `${d.length} disagreements`);
});

test('background browser, desktop and legacy sign-ins match the evaluator too', async () => {
  const s = await demo();
  const rows = s.signIns.filter((x) => x.authenticationProtocol !== 'ropc' || !(meta(s).stories as any[]).some((st) => st.userId === x.userId));
  assert.ok(rows.length > 100);
  const d = disagreements(s, rows.filter(evaluated));
  assert.deepEqual(d.slice(0, 20), [], `${d.length} disagreements`);
});

test('the comparison notices a wrong record (so the two tests above can fail)', async () => {
  const s = await demo();
  const row = structuredClone(s.signIns.find((x) => (x.status as any).errorCode === 53000)!);
  (row.status as any).errorCode = 0;
  (row.appliedConditionalAccessPolicies as any[])[0].result = 'success';
  const d = disagreements(s, [row]);
  assert.ok(d.some((line) => /log says 0, evaluator 53000/.test(line)));
  assert.ok(d.some((line) => /log says success/.test(line)));
});
