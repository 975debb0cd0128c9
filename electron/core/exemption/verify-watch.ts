/**
 * Verification from real sign-ins: after an apply, watch new Jamf Connect sign-ins (of the user, or
 * of anyone) and report per policy whether it now shows the result the exemption should produce —
 * `notApplied` for an enforced policy, `reportOnlyNotApplied` for a report-only one (Jamf's test:
 * the Report-only tab shows "Not applied"). Polls gently: sign-in logs allow 5 requests per 10 s,
 * and the answer is minutes away anyway (CA changes take 5–15 min to propagate; sign-ins show up
 * 2–5 min after they happen). Reads need `Prefer: include-unknown-enum-members`, or report-only
 * results come back as unknownFutureValue (graph-facts §1.3).
 */
import type { GraphCaller } from './graph-caller.js';
import { GraphWriteError } from './graph-caller.js';
import { defaultSleep } from './ca-pacer.js';

export type ExpectedResult = 'notApplied' | 'reportOnlyNotApplied';

export interface VerificationRequest {
  /** Object id of the user to watch; omitted = any user's Jamf Connect sign-ins. */
  readonly userId?: string;
  /** appId of the Jamf Connect client that makes the ROPG check. */
  readonly clientAppId: string;
  /** Only sign-ins at or after this time count (the apply time). */
  readonly since: string;
  /** policy id → the result that proves the exemption works. */
  readonly expected: Readonly<Record<string, ExpectedResult>>;
  readonly timeoutMs?: number;
  /** Between polls; never below 2.5 s (5 requests / 10 s). Default 30 s. */
  readonly pollMs?: number;
}

export interface PolicyVerification {
  readonly policyId: string;
  readonly expected: ExpectedResult;
  readonly status: 'confirmed' | 'still-applies' | 'not-seen';
  /** The last result seen for the policy on a new sign-in, and that sign-in's id. */
  readonly lastResult: string | null;
  readonly signInId: string | null;
}

export interface VerificationProgress {
  readonly elapsedMs: number;
  readonly signInsSeen: number;
  readonly policies: readonly PolicyVerification[];
  readonly message: string;
}

export interface VerificationResult {
  readonly status: 'verified' | 'timeout' | 'cancelled' | 'error';
  readonly policies: readonly PolicyVerification[];
  readonly signInsSeen: number;
  readonly message: string;
}

export interface VerificationDeps {
  readonly graph: GraphCaller;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly onProgress?: (p: VerificationProgress) => void;
}

export const PROPAGATION_NOTE =
  'Conditional Access changes take 5–15 minutes to reach sign-ins, and a sign-in appears in the log 2–5 minutes after it happens.';

function filterFor(req: VerificationRequest): string {
  // Sign-in times have whole-second precision: floor `since`, or a sign-in in the same second is missed.
  const since = new Date(Math.floor(Date.parse(req.since) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const parts = [`createdDateTime ge ${since}`, `appId eq '${req.clientAppId.replace(/'/gu, "''")}'`];
  if (req.userId) parts.push(`userId eq '${req.userId.replace(/'/gu, "''")}'`);
  return parts.join(' and ');
}

export function nextSteps(req: VerificationRequest): string {
  return [
    `No new Jamf Connect sign-in since ${req.since} showed the expected result yet. Check, in order:`,
    '1. Has the user signed in since? Jamf Connect menu bar → "Connect…", or Jamf Connect Configuration → Test → ROPG.',
    `2. Time: ${PROPAGATION_NOTE} Try again in a few minutes.`,
    "3. The sign-in's resource: since mid-2026, baseline-scope requests (openid/profile/email only) are evaluated against Windows Azure Active Directory — if the sign-in's conditionalAccessAudiences shows 00000002-0000-0000-c000-000000000000, exempt the audience app (Jamf's Conditional Access Policy API app) instead.",
    '4. The Conditional Access tab of the newest failing sign-in: which policy still applies, and why.',
  ].join('\n');
}

export async function watchVerification(req: VerificationRequest, deps: VerificationDeps, signal?: AbortSignal): Promise<VerificationResult> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? defaultSleep;
  const timeout = req.timeoutMs ?? 20 * 60_000;
  const poll = Math.max(2500, req.pollMs ?? 30_000);
  const started = now();
  const state = new Map<string, PolicyVerification>(Object.entries(req.expected).map(([policyId, expected]) => [policyId, { policyId, expected, status: 'not-seen', lastResult: null, signInId: null }]));
  const seen = new Set<string>();
  const path = `/auditLogs/signIns?$filter=${encodeURIComponent(filterFor(req))}&$top=50`;
  const snapshot = () => [...state.values()];

  for (;;) {
    if (signal?.aborted) return { status: 'cancelled', policies: snapshot(), signInsSeen: seen.size, message: 'Verification stopped.' };
    const reply = await deps.graph.call('GET', path, undefined, { Prefer: 'include-unknown-enum-members' });
    if (reply.status === 429) {
      // Honour the reports throttle; the next poll is far enough away.
    } else if (reply.status < 200 || reply.status >= 300) {
      const e = GraphWriteError.from(reply, 'reading sign-in logs');
      return { status: 'error', policies: snapshot(), signInsSeen: seen.size, message: `${e.message}. Verification needs AuditLog.Read.All and a role that can read Conditional Access results in sign-ins.` };
    } else {
      const rows = ((reply.body as { value?: unknown[] } | null)?.value ?? []) as Record<string, unknown>[];
      // Oldest first, so the newest sign-in decides each policy's current status.
      rows.sort((a, b) => String(a.createdDateTime).localeCompare(String(b.createdDateTime)));
      for (const row of rows) {
        if (typeof row.id === 'string') seen.add(row.id);
        const applied = Array.isArray(row.appliedConditionalAccessPolicies) ? (row.appliedConditionalAccessPolicies as Record<string, unknown>[]) : null;
        if (!applied) continue;
        for (const entry of applied) {
          const cur = typeof entry.id === 'string' ? state.get(entry.id) : undefined;
          if (!cur) continue;
          const result = String(entry.result);
          state.set(cur.policyId, { ...cur, lastResult: result, signInId: typeof row.id === 'string' ? row.id : null, status: result === cur.expected ? 'confirmed' : 'still-applies' });
        }
      }
    }
    const policies = snapshot();
    const elapsed = now() - started;
    if (policies.every((p) => p.status === 'confirmed')) {
      return { status: 'verified', policies, signInsSeen: seen.size, message: `Verified on a real sign-in: ${policies.map((p) => `${p.policyId} → ${p.expected}`).join(', ')}.` };
    }
    const stillApplies = policies.filter((p) => p.status === 'still-applies');
    deps.onProgress?.({
      elapsedMs: elapsed,
      signInsSeen: seen.size,
      policies,
      message: stillApplies.length
        ? `A new sign-in still shows ${stillApplies.map((p) => `${p.policyId}: ${p.lastResult}`).join(', ')} — likely not propagated yet. ${PROPAGATION_NOTE}`
        : `Waiting for a new Jamf Connect sign-in (${seen.size} seen). ${PROPAGATION_NOTE}`,
    });
    if (elapsed + poll > timeout) {
      return { status: 'timeout', policies, signInsSeen: seen.size, message: nextSteps(req) };
    }
    try {
      await sleep(poll, signal);
    } catch {
      return { status: 'cancelled', policies: snapshot(), signInsSeen: seen.size, message: 'Verification stopped.' };
    }
  }
}
