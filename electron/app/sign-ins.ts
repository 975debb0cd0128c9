/**
 * The sign-in browser over an in-memory list of raw Graph sign-ins (a snapshot or a case file).
 *
 * Sorted newest first once; a filter's matching row indices are cached so scrolling a 100k-row
 * list asks only for a page (offset/limit) and never re-filters. The raw JSON is kept untouched and
 * only leaves as pretty-printed text in the detail view.
 */
import type { SignInDetail, SignInPage, SignInQuery, SignInRow } from '../contract/schemas.js';

type Raw = Readonly<Record<string, unknown>>;

const asString = (v: unknown): string => (typeof v === 'string' ? v : '');
const asObject = (v: unknown): Raw | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : null);

export function toSignInRow(raw: Raw): SignInRow {
  const status = asObject(raw.status);
  const errorCode = typeof status?.errorCode === 'number' && Number.isInteger(status.errorCode) ? status.errorCode : 0;
  return {
    id: asString(raw.id),
    createdDateTime: asString(raw.createdDateTime),
    userPrincipalName: asString(raw.userPrincipalName),
    userDisplayName: asString(raw.userDisplayName),
    appDisplayName: asString(raw.appDisplayName),
    appId: asString(raw.appId),
    errorCode,
    failureReason: asString(status?.failureReason),
    conditionalAccessStatus: asString(raw.conditionalAccessStatus) || 'unknown',
    isInteractive: typeof raw.isInteractive === 'boolean' ? raw.isInteractive : null,
    ipAddress: asString(raw.ipAddress),
  };
}

type FilterKey = Omit<SignInQuery, 'offset' | 'limit'>;

function matcher(filter: FilterKey): (row: SignInRow, raw: Raw) => boolean {
  const user = filter.user?.trim().toLowerCase();
  const app = filter.app?.trim().toLowerCase();
  const from = filter.from ? Date.parse(filter.from) : NaN;
  const to = filter.to ? Date.parse(filter.to) : NaN;
  return (row, raw) => {
    if (user && !row.userPrincipalName.toLowerCase().includes(user) && !row.userDisplayName.toLowerCase().includes(user) && asString(raw.userId).toLowerCase() !== user) return false;
    if (app && !row.appDisplayName.toLowerCase().includes(app) && row.appId.toLowerCase() !== app) return false;
    if (filter.errorCode !== undefined && row.errorCode !== filter.errorCode) return false;
    if (filter.caStatus && row.conditionalAccessStatus !== filter.caStatus) return false;
    if (!Number.isNaN(from) || !Number.isNaN(to)) {
      const at = Date.parse(row.createdDateTime);
      if (!Number.isNaN(from) && !(at >= from)) return false;
      if (!Number.isNaN(to) && !(at <= to)) return false;
    }
    return true;
  };
}

export class SignInIndex {
  readonly #raw: readonly Raw[];
  readonly #rows: readonly SignInRow[];
  readonly #byId = new Map<string, number>();
  #lastFilter: { key: string; indices: readonly number[] } | null = null;

  constructor(rawSignIns: readonly unknown[]) {
    const raws = rawSignIns.map(asObject).filter((r): r is Raw => r !== null);
    const rows = raws.map(toSignInRow);
    const order = rows.map((_, i) => i).sort((a, b) => (rows[b]!.createdDateTime < rows[a]!.createdDateTime ? -1 : rows[b]!.createdDateTime > rows[a]!.createdDateTime ? 1 : 0));
    this.#raw = order.map((i) => raws[i]!);
    this.#rows = order.map((i) => rows[i]!);
    this.#rows.forEach((row, i) => this.#byId.set(row.id, i));
  }

  get size(): number {
    return this.#rows.length;
  }

  /** Raw rows, newest first (for diagnosis input). */
  raw(): readonly Raw[] {
    return this.#raw;
  }

  page(query: SignInQuery): SignInPage {
    const { offset, limit, ...filter } = query;
    const key = JSON.stringify(filter);
    if (this.#lastFilter?.key !== key) {
      const match = matcher(filter);
      const indices: number[] = [];
      for (let i = 0; i < this.#rows.length; i++) if (match(this.#rows[i]!, this.#raw[i]!)) indices.push(i);
      this.#lastFilter = { key, indices };
    }
    const indices = this.#lastFilter.indices;
    return { total: indices.length, offset, rows: indices.slice(offset, offset + limit).map((i) => this.#rows[i]!) };
  }

  detail(id: string): SignInDetail | null {
    const i = this.#byId.get(id);
    if (i === undefined) return null;
    const raw = this.#raw[i]!;
    const applied = Array.isArray(raw.appliedConditionalAccessPolicies) ? raw.appliedConditionalAccessPolicies : [];
    return {
      row: this.#rows[i]!,
      appliedPolicies: applied
        .map(asObject)
        .filter((p): p is Raw => p !== null)
        .map((p) => ({
          id: asString(p.id),
          displayName: asString(p.displayName) || `unknown policy ${asString(p.id)}`,
          result: asString(p.result) || 'unknown',
          enforcedGrantControls: Array.isArray(p.enforcedGrantControls) ? p.enforcedGrantControls.filter((c): c is string => typeof c === 'string') : [],
        })),
      rawJson: JSON.stringify(raw, null, 2),
    };
  }
}
