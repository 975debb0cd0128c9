/**
 * The control API: what tests, the demo and e2e use to steer the emulator. In-process as
 * `EmulatorControl`; over HTTPS under `/_control/*` with the run's bearer token (constant-time
 * compare). Everything else under /_control is refused.
 */
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { parseSnapshot } from '../snapshot/load.js';
import type { GraphObject, TenantSnapshot } from '../snapshot/types.js';
import type { EmulatorContext } from './context.js';
import { tenantExtras, userExtras } from './extras.js';
import { plainJsonReply, readJson, header, type EmulatorRequest, type Reply } from './http.js';
import { faultRuleSchema, type ActiveFault, type FaultRuleInput } from './faults.js';
import { decideDeviceCode } from './identity/devicecode.js';
import { passwordGrant } from './identity/ropg.js';
import { clone, type RequestLogEntry } from './state.js';

export interface SimulateLoginInput {
  readonly userPrincipalName: string;
  /** Default: the password on the user's Mac (x-emulator.mac.localPassword), else the cloud password. */
  readonly password?: string;
  /** Default: x-emulator.mac.clientAppId, else x-emulator.jamfConnectClientId, else the app named "Jamf Connect…". */
  readonly clientId?: string;
  /** Default: x-emulator.mac.ropgScopes, else Jamf Connect's ROPG default `openid profile email`. */
  readonly scopes?: readonly string[] | string;
  readonly ipAddress?: string;
  readonly country?: string;
}

export interface SimulateLoginResult {
  /** true when a token was issued. Jamf Connect also treats 50076 (MFA required) as "password correct". */
  readonly ok: boolean;
  readonly status: number;
  /** 0 when a token was issued, else the AADSTS number. */
  readonly errorCode: number;
  /** The token endpoint's JSON answer. */
  readonly body: Record<string, unknown>;
  /** The sign-in record appended (visible to Graph after the ingestion delay), or null. */
  readonly signIn: GraphObject | null;
}

export interface EmulatorControl {
  loadSnapshot(snapshot: TenantSnapshot): void;
  /** The tenant as it is now (writes applied, all sign-ins including those not yet ingested). */
  state(): TenantSnapshot;
  now(): Date;
  advanceClock(seconds: number): Date;
  injectFaults(rules: readonly FaultRuleInput[]): readonly ActiveFault[];
  clearFaults(): void;
  faults(): readonly ActiveFault[];
  simulateJamfConnectLogin(input: SimulateLoginInput): SimulateLoginResult;
  approveDeviceCode(userCode: string, userPrincipalName?: string): void;
  declineDeviceCode(userCode: string): void;
  /** Sign-in records, newest last; with includePending also those still inside the ingestion delay. */
  listSignIns(opts?: { includePending?: boolean }): GraphObject[];
  requestLog(): readonly RequestLogEntry[];
  resetThrottle(): void;
}

function jamfConnectClientId(snapshot: TenantSnapshot): string | undefined {
  const configured = tenantExtras(snapshot).jamfConnectClientId;
  if (configured) return configured;
  const candidates = [...(snapshot.applications ?? []), ...snapshot.servicePrincipals];
  const app = candidates.find((a) => typeof a.displayName === 'string' && /jamf connect/i.test(a.displayName) && !/api|policy/i.test(a.displayName) && typeof a.appId === 'string');
  return app ? String(app.appId) : undefined;
}

export function createControl(ctx: EmulatorContext): EmulatorControl {
  return {
    loadSnapshot: (snapshot) => { ctx.state.load(snapshot); ctx.throttle.reset(); },
    state: () => ctx.state.export(),
    now: () => ctx.clock.now(),
    advanceClock: (seconds) => ctx.clock.advance(seconds),
    injectFaults: (rules) => rules.map((r) => ctx.faults.add(r)),
    clearFaults: () => ctx.faults.clear(),
    faults: () => ctx.faults.list(),
    simulateJamfConnectLogin: (input) => {
      const user = ctx.state.findUser(input.userPrincipalName);
      const extras = user ? userExtras(user) : {};
      // Defaults come from the user's Mac (x-emulator.mac): what Jamf Connect on it would send.
      const password = input.password ?? extras.mac?.localPassword ?? extras.password ?? tenantExtras(ctx.state.snapshot).defaultPassword ?? 'emulator-password';
      const clientId = input.clientId ?? extras.mac?.clientAppId ?? jamfConnectClientId(ctx.state.snapshot);
      if (!clientId) throw new Error('simulateJamfConnectLogin: no clientId given and the tenant has no app named "Jamf Connect…" (set x-emulator.jamfConnectClientId)');
      const scope = Array.isArray(input.scopes) ? input.scopes.join(' ') : (input.scopes as string | undefined) ?? extras.mac?.ropgScopes?.join(' ') ?? 'openid profile email';
      const id = ctx.random.guid();
      const r = passwordGrant(ctx, {
        clientId, username: input.userPrincipalName, password, scope, clientInfo: false,
        ipAddress: input.ipAddress, country: input.country, correlationId: id, traceId: ctx.random.guid(),
      });
      const codes = r.body.error_codes;
      return { ok: r.status === 200, status: r.status, errorCode: Array.isArray(codes) && typeof codes[0] === 'number' ? codes[0] : 0, body: r.body, signIn: r.signIn };
    },
    approveDeviceCode: (userCode, upn) => {
      const r = decideDeviceCode(ctx, userCode, upn, 'approve');
      if (!r.ok) throw new Error(`approveDeviceCode: ${r.reason}`);
    },
    declineDeviceCode: (userCode) => {
      const r = decideDeviceCode(ctx, userCode, undefined, 'decline');
      if (!r.ok) throw new Error(`declineDeviceCode: ${r.reason}`);
    },
    listSignIns: (opts) => {
      const now = ctx.clock.nowMs();
      return ctx.state.signIns.filter((e) => opts?.includePending || e.visibleAtMs <= now).map((e) => clone(e.record));
    },
    requestLog: () => [...ctx.state.requestLog],
    resetThrottle: () => ctx.throttle.reset(),
  };
}

// ---- HTTP binding ---------------------------------------------------------------------------

const simulateSchema = z.strictObject({
  userPrincipalName: z.string().min(1), password: z.string().optional(), clientId: z.string().optional(),
  scopes: z.union([z.string(), z.array(z.string())]).optional(), ipAddress: z.string().optional(), country: z.string().length(2).optional(),
});
const advanceSchema = z.strictObject({ seconds: z.number().min(0).max(10 * 365 * 24 * 3600) });
const deviceSchema = z.strictObject({ userCode: z.string().min(1), userPrincipalName: z.string().optional() });
const faultsSchema = z.union([faultRuleSchema, z.strictObject({ rules: z.array(faultRuleSchema) })]);

function tokenOk(req: EmulatorRequest, expected: string): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(header(req, 'authorization') ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1]!);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const err = (status: number, code: string, message: string) => plainJsonReply(status, { error: { code, message } });

export function routeControl(ctx: EmulatorContext, control: EmulatorControl, controlToken: string, req: EmulatorRequest): Reply | null {
  const path = req.url.pathname;
  if (!path.startsWith('/_control/') && path !== '/_control') return null;
  if (!tokenOk(req, controlToken)) return err(401, 'Unauthorized', 'The control API needs the emulator\'s control token as a bearer token.');
  const route = `${req.method} ${path.replace(/\/+$/, '')}`;
  let body: unknown;
  try { body = readJson(req); } catch { return err(400, 'BadRequest', 'The request body is not valid JSON.'); }
  const parse = <T>(schema: z.ZodType<T>): T | Reply => {
    const r = schema.safeParse(body ?? {});
    return r.success ? r.data : err(400, 'BadRequest', r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
  };
  const isReply = (v: unknown): v is Reply => !!v && typeof v === 'object' && 'status' in v && 'headers' in v && 'body' in v;
  switch (route) {
    case 'GET /_control/state': return plainJsonReply(200, control.state());
    case 'PUT /_control/snapshot': case 'POST /_control/snapshot': {
      const parsed = parseSnapshot(req.body.toString('utf8'), 'request body');
      if (!parsed.ok) return err(400, 'InvalidSnapshot', parsed.error.message);
      control.loadSnapshot(parsed.snapshot);
      return plainJsonReply(200, { loaded: true, tenantId: ctx.state.tenantId, warnings: parsed.warnings });
    }
    case 'GET /_control/clock': return plainJsonReply(200, { now: control.now().toISOString() });
    case 'POST /_control/clock/advance': {
      const v = parse(advanceSchema);
      return isReply(v) ? v : plainJsonReply(200, { now: control.advanceClock(v.seconds).toISOString() });
    }
    case 'GET /_control/faults': return plainJsonReply(200, { rules: control.faults() });
    case 'POST /_control/faults': {
      const v = parse(faultsSchema);
      if (isReply(v)) return v;
      const rules = 'rules' in v ? v.rules : [v];
      return plainJsonReply(200, { rules: control.injectFaults(rules as FaultRuleInput[]) });
    }
    case 'DELETE /_control/faults': control.clearFaults(); return plainJsonReply(200, { cleared: true });
    case 'POST /_control/simulate/jamf-connect-login': {
      const v = parse(simulateSchema);
      if (isReply(v)) return v;
      try {
        return plainJsonReply(200, control.simulateJamfConnectLogin(v as SimulateLoginInput));
      } catch (e) {
        return err(400, 'BadRequest', e instanceof Error ? e.message : String(e));
      }
    }
    case 'POST /_control/device-codes/approve': case 'POST /_control/device-codes/decline': {
      const v = parse(deviceSchema);
      if (isReply(v)) return v;
      try {
        if (route.endsWith('approve')) control.approveDeviceCode(v.userCode, v.userPrincipalName); else control.declineDeviceCode(v.userCode);
        return plainJsonReply(200, { done: true });
      } catch (e) {
        return err(400, 'BadRequest', e instanceof Error ? e.message : String(e));
      }
    }
    case 'GET /_control/sign-ins': return plainJsonReply(200, { value: control.listSignIns({ includePending: req.url.searchParams.get('includePending') === 'true' }) });
    case 'GET /_control/requests': return plainJsonReply(200, { value: control.requestLog() });
    case 'POST /_control/throttle/reset': control.resetThrottle(); return plainJsonReply(200, { reset: true });
    default: return err(404, 'NotFound', `No control operation '${route}'.`);
  }
}
