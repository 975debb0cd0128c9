/**
 * `lockout-lens evaluate` — one sign-in through the CA evaluator, offline on a snapshot file.
 * Contract and exit codes: docs/cli.md.
 */
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadSnapshotFile } from '../../core/snapshot/load.js';
import type { TenantSnapshot } from '../../core/snapshot/types.js';
import { evaluate } from '../../core/policy/evaluate.js';
import type { ClientAppType, DeviceProperties, DevicePlatform, RiskLevel, SignInContext } from '../../core/policy/types.js';
import { buildDirectory, DEFAULT_ROPG_SCOPES, membershipIds, resourceForScopes, signInUserOf, splitScopes } from '../../core/diagnosis/context.js';
import { baselineSetting, findUser } from '../../core/diagnosis/from-snapshot.js';
import { visibleText } from '../../core/diagnosis/escape.js';
import { evaluationJson } from '../../core/diagnosis/json-contract.js';
import type { CliCommand, CliIo } from '../command.js';
import { EXIT } from '../command.js';

const CLIENT_APP_TYPES: readonly ClientAppType[] = ['browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync', 'other'];
const PLATFORMS: readonly DevicePlatform[] = ['android', 'iOS', 'windows', 'windowsPhone', 'macOS', 'linux', 'unknown'];
const RISKS: readonly RiskLevel[] = ['none', 'low', 'medium', 'high'];

const HELP = `usage: lockout-lens evaluate (--snapshot FILE | --profile NAME) --user UPN|ID --app APPID [options] [--json]

Runs one sign-in through the Conditional Access evaluator on the snapshot's policies.
  --snapshot FILE          tenant snapshot (docs/snapshot-format.md)
  --profile NAME           a tenant profile: evaluates on its local cache (policies and the user's memberships as last synced)
  --config-dir DIR         with --profile: where profiles and the cache live (default: LOCKOUT_LENS_HOME or the OS app-data dir)
  --user UPN|ID            the signing-in user
  --app APPID              client app id (Jamf Connect: its OIDCROPGID)
  --resource APPID         resource app id (default: the one --scopes target, else Microsoft Graph)
  --scopes "…"             requested scopes, space/"+"-separated (default "openid profile email")
  --client-app-type T      ${CLIENT_APP_TYPES.join(' | ')} (default mobileAppsAndDesktopClients)
  --platform P             ${PLATFORMS.join(' | ')} (default macOS)
  --ip ADDR                IPv4 or IPv6 address
  --country CC             two-letter country of the IP
  --device FILE.json       device filter properties as JSON (default: unregistered device)
  --sign-in-risk L         ${RISKS.join(' | ')} (default none)
  --user-risk L            ${RISKS.join(' | ')} (default none)
  --json                   print the JSON contract (docs/cli.md)
Exit: 0 granted or MFA-only (Jamf Connect counts it as password-correct), 1 blocked, 2 usage, 3 input.
`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  const hit = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!hit) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
  return hit;
}

const deviceSchema = z.union([z.null(), z.record(z.string(), z.union([z.string(), z.boolean(), z.array(z.string()), z.null()]))]);

async function readDevice(path: string): Promise<DeviceProperties | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read --device ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`--device ${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = deviceSchema.safeParse(json);
  if (!parsed.success) throw new InputError(`--device ${path}: expected null or an object of device properties (strings, booleans, string lists), e.g. {"isCompliant": "True", "trustType": "AzureAD"}`);
  return parsed.data;
}

export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Shared by the snapshot-reading commands: a snapshot file or a clear input error. */
export async function loadSnapshotOrThrow(path: string) {
  const loaded = await loadSnapshotFile(path);
  if (!loaded.ok) throw new InputError(loaded.error.message);
  return loaded.snapshot;
}

/** Turns thrown usage / input errors into exit codes; anything else is the dispatcher's (internal). */
export async function withExitCodes(io: CliIo, name: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`lockout-lens ${name}: ${(error as Error).message}\n(lockout-lens ${name} --help)\n`);
      return EXIT.usage;
    }
    if (error instanceof InputError) {
      io.stderr(`lockout-lens ${name}: ${error.message}\n`);
      return EXIT.input;
    }
    throw error;
  }
}

/** The snapshot to evaluate on: a file, or the user's slice of a profile's cache (loaded lazily: MSAL and SQLite). */
async function sourceSnapshot(values: { snapshot?: string; profile?: string; user: string; 'config-dir'?: string }, io: CliIo): Promise<{ snapshot: TenantSnapshot; name: string }> {
  if (values.snapshot !== undefined) return { snapshot: await loadSnapshotOrThrow(values.snapshot), name: values.snapshot };
  const [{ userSnapshotFromCache }, common, { AppError }] = await Promise.all([
    import('../../core/profiles/cache-snapshot.js'), import('./data-path-common.js'), import('../../core/graph/app-error.js'),
  ]);
  const flags = { profile: values.profile, ...(values['config-dir'] ? { 'config-dir': values['config-dir'] } : {}) };
  try {
    const snapshot = await userSnapshotFromCache({ configDir: common.configDirOf(flags, io), profileName: values.profile!, user: values.user, env: io.env });
    return { snapshot, name: `the cache of profile '${values.profile}'` };
  } catch (error) {
    if (error instanceof AppError) throw new InputError(error.message);
    throw error;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      snapshot: { type: 'string' }, profile: { type: 'string' }, 'config-dir': { type: 'string' }, user: { type: 'string' }, app: { type: 'string' },
      resource: { type: 'string' }, scopes: { type: 'string' }, 'client-app-type': { type: 'string' }, platform: { type: 'string' },
      ip: { type: 'string' }, country: { type: 'string' }, device: { type: 'string' }, 'sign-in-risk': { type: 'string' },
      'user-risk': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) { io.stdout(HELP); return EXIT.ok; }
  if (values.profile !== undefined && values.snapshot !== undefined) throw new UsageError('give either --snapshot or --profile, not both');
  if (values.snapshot === undefined && values.profile === undefined) throw new UsageError('--snapshot FILE or --profile NAME is required');
  if (!values.user) throw new UsageError('--user UPN|ID is required');
  if (!values.app) throw new UsageError('--app APPID is required (Jamf Connect: its OIDCROPGID / ROPGID)');
  const clientAppType = oneOf('client-app-type', values['client-app-type'], CLIENT_APP_TYPES, 'mobileAppsAndDesktopClients');
  const platform = oneOf('platform', values.platform, PLATFORMS, 'macOS');
  const signInRisk = oneOf('sign-in-risk', values['sign-in-risk'], RISKS, 'none');
  const userRisk = oneOf('user-risk', values['user-risk'], RISKS, 'none');
  if (values.ip !== undefined && isIP(values.ip) === 0) throw new UsageError(`--ip '${values.ip}' is not an IPv4 or IPv6 address`);
  if (values.country !== undefined && !/^[A-Za-z]{2}$/.test(values.country)) throw new UsageError(`--country must be a two-letter code like NO (got '${values.country}')`);
  const scopes = values.scopes !== undefined ? splitScopes(values.scopes) : [...DEFAULT_ROPG_SCOPES];

  const { snapshot, name: sourceName } = await sourceSnapshot({ ...values, user: values.user }, io);
  const device = values.device !== undefined ? await readDevice(values.device) : null;
  const user = findUser(snapshot, values.user);
  if (!user) throw new InputError(`no user '${values.user}' in ${sourceName}`);
  const userId = String(user['id']);
  const { groupIds, roleTemplateIds } = membershipIds(snapshot.transitiveMemberOf[userId] ?? []);
  const ctx: SignInContext = {
    user: signInUserOf(user),
    groupIds,
    roleTemplateIds,
    clientAppId: values.app,
    resourceAppId: values.resource ?? resourceForScopes(scopes, snapshot.servicePrincipals),
    scopes,
    clientAppType,
    platform,
    ipAddress: values.ip ?? null,
    country: values.country ? values.country.toUpperCase() : null,
    device,
    signInRisk,
    userRisk,
    authenticationFlow: null,
    capabilities: { interactive: clientAppType === 'browser', mfaSatisfied: false, approvedClientApp: false, compliantClientApp: false },
  };
  const result = evaluate(snapshot.conditionalAccessPolicies, ctx, buildDirectory(snapshot.servicePrincipals, snapshot.namedLocations, baselineSetting(snapshot)));
  const json = evaluationJson(result);
  if (values.json) {
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    // Tenant strings may carry terminal escape sequences or bidi overrides: made visible.
    const out = (line: string) => io.stdout(`${visibleText(line)}\n`);
    for (const p of json.policies) {
      out(`${p.result.padEnd(22)} ${p.displayName || '(unnamed)'} (${p.id})${p.cannotEvaluate ? ` — cannot evaluate: ${p.cannotEvaluate}` : ''}`);
      for (const c of p.conditions) out(`    ${c.matched ? '✓' : '✗'} ${c.condition}: ${c.reason}`);
    }
    const o = json.outcome;
    io.stdout(`\noutcome: ${o.access}${o.errorCode ? ` (AADSTS${o.errorCode})` : ''}${o.decidingPolicyIds.length ? ` — deciding: ${o.decidingPolicyIds.join(', ')}` : ''}; audiences: ${json.audiences.join(', ') || '—'}\n`);
  }
  return result.outcome.access === 'blocked' ? EXIT.finding : EXIT.ok;
}

const command: CliCommand = {
  name: 'evaluate',
  summary: 'run one sign-in through the Conditional Access evaluator (offline, on a snapshot or a profile\'s cache)',
  run: (argv, io) => withExitCodes(io, 'evaluate', () => run(argv, io)),
};
export default command;
