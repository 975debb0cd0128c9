/**
 * From raw sign-in rows to Jamf Connect attempts: keep the user's rows for the configured client
 * ids inside the window, drop duplicate ids, group by correlation id (one request can produce several
 * rows — risk republish, MFA aggregation, several CA policies), and read each group as one answer.
 */
import type { AadstsCatalogue } from './aadsts.js';
import { bool, isObj, nonEmpty, num, obj, objList, sameId, str, strList, timeOf } from './read.js';
import type { AppliedPolicyEvidence, Attempt, DiagnosisConfig, DiagnosisInput, RawJson } from './types.js';

export interface AttemptScope {
  readonly userId: string;
  readonly userPrincipalName: string | null;
  readonly fromMs: number;
  readonly toMs: number;
  readonly config: DiagnosisConfig;
}

function isUsersJamfRow(row: RawJson, scope: AttemptScope): boolean {
  const appId = str(row, 'appId');
  if (!scope.config.jamfConnectAppIds.some((id) => sameId(id, appId))) return false;
  // The object id is authoritative (UPNs get renamed and reused); the UPN — stored lower-case by
  // Graph, compared case-insensitively — only when a row has no user id.
  const userId = nonEmpty(row, 'userId');
  if (userId ? !sameId(userId, scope.userId) : !sameId(str(row, 'userPrincipalName'), scope.userPrincipalName)) return false;
  const t = timeOf(str(row, 'createdDateTime'));
  return t !== null && t >= scope.fromMs && t <= scope.toMs;
}

function readAppliedPolicies(row: RawJson): AppliedPolicyEvidence[] | null {
  const list = objList(row, 'appliedConditionalAccessPolicies');
  if (list === null) return null;
  return list.map((p) => {
    const rules = (key: string) => {
      const r = objList(p, key);
      return r?.map((x) => ({ condition: str(x, 'conditionalAccessCondition') ?? '', rule: str(x, 'ruleSatisfied') ?? '' }));
    };
    const entry: AppliedPolicyEvidence = {
      id: str(p, 'id') ?? '',
      displayName: str(p, 'displayName') ?? '',
      result: str(p, 'result') ?? 'unknown',
      enforcedGrantControls: strList(p, 'enforcedGrantControls') ?? [],
      ...(str(p, 'conditionsSatisfied') !== null ? { conditionsSatisfied: str(p, 'conditionsSatisfied')! } : {}),
      ...(str(p, 'conditionsNotSatisfied') !== null ? { conditionsNotSatisfied: str(p, 'conditionsNotSatisfied')! } : {}),
      ...(rules('includeRulesSatisfied') ? { includeRulesSatisfied: rules('includeRulesSatisfied')! } : {}),
      ...(rules('excludeRulesSatisfied') ? { excludeRulesSatisfied: rules('excludeRulesSatisfied')! } : {}),
    };
    return entry;
  });
}

/**
 * Which row of a correlation group speaks for the attempt: the newest; on a tie, a lockout answer
 * before a password-proving one (so a duplicate success row cannot hide a block).
 */
function representative(rows: RawJson[], rank: (row: RawJson) => number): RawJson {
  return [...rows].sort((a, b) => {
    const dt = (timeOf(str(b, 'createdDateTime')) ?? 0) - (timeOf(str(a, 'createdDateTime')) ?? 0);
    return dt !== 0 ? dt : rank(b) - rank(a);
  })[0]!;
}

export function collectAttempts(signIns: readonly unknown[], scope: AttemptScope, catalogue: AadstsCatalogue): Attempt[] {
  const successCodes = new Set([0, ...(scope.config.ropgSuccessCodes ?? [])]);
  const codeOf = (row: RawJson) => num(obj(row, 'status'), 'errorCode') ?? 0;
  const rank = (row: RawJson) => (catalogue.lookup(codeOf(row)).isLockoutCause && !successCodes.has(codeOf(row)) ? 1 : 0);

  const seenIds = new Set<string>();
  const groups = new Map<string, RawJson[]>();
  for (const raw of signIns) {
    if (!isObj(raw) || !isUsersJamfRow(raw, scope)) continue;
    const id = str(raw, 'id') ?? '';
    if (id && seenIds.has(id)) continue;
    if (id) seenIds.add(id);
    const key = nonEmpty(raw, 'correlationId') ?? nonEmpty(raw, 'originalRequestId') ?? `id:${id}`;
    const list = groups.get(key) ?? [];
    list.push(raw);
    groups.set(key, list);
  }

  const attempts: Attempt[] = [];
  for (const [key, rows] of groups) {
    const row = representative(rows, rank);
    const code = codeOf(row);
    const entry = catalogue.lookup(code);
    const passwordCorrect = successCodes.has(code) || entry.jamfConnect.countsAsPasswordCorrect;
    const device = obj(row, 'deviceDetail');
    attempts.push({
      correlationId: key.startsWith('id:') ? '' : key,
      signInIds: rows.map((r) => str(r, 'id') ?? '').filter((s) => s.length > 0),
      signInId: str(row, 'id') ?? '',
      createdDateTime: str(row, 'createdDateTime') ?? '',
      appId: str(row, 'appId') ?? '',
      resourceId: nonEmpty(row, 'resourceId'),
      resourceDisplayName: nonEmpty(row, 'resourceDisplayName'),
      conditionalAccessAudiences: strList(row, 'conditionalAccessAudiences'),
      isInteractive: bool(row, 'isInteractive'),
      errorCode: code,
      errorName: entry.name,
      category: entry.category,
      failureReason: nonEmpty(obj(row, 'status'), 'failureReason'),
      passwordCorrect,
      lockoutCause: !passwordCorrect && entry.isLockoutCause,
      ipAddress: nonEmpty(row, 'ipAddress'),
      country: nonEmpty(obj(row, 'location'), 'countryOrRegion'),
      device: nonEmpty(device, 'deviceId')
        ? {
            deviceId: nonEmpty(device, 'deviceId')!,
            displayName: nonEmpty(device, 'displayName'),
            operatingSystem: nonEmpty(device, 'operatingSystem'),
            isCompliant: bool(device, 'isCompliant'),
            isManaged: bool(device, 'isManaged'),
            trustType: nonEmpty(device, 'trustType'),
          }
        : null,
      appliedPolicies: readAppliedPolicies(row),
    });
  }
  // Newest first, as Graph lists them and the helpdesk reads them.
  return attempts.sort((a, b) => (timeOf(b.createdDateTime) ?? 0) - (timeOf(a.createdDateTime) ?? 0));
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The attempts of a DiagnosisInput's user and window (an unparsable `now` yields none). */
export function attemptsForInput(input: DiagnosisInput, catalogue: AadstsCatalogue): Attempt[] {
  const toMs = timeOf(input.now);
  const userId = str(input.user, 'id');
  if (toMs === null || !userId) return [];
  return collectAttempts(
    input.signIns,
    { userId, userPrincipalName: str(input.user, 'userPrincipalName'), fromMs: toMs - input.days * DAY_MS, toMs, config: input.config },
    catalogue,
  );
}
