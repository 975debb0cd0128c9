/** The home view's state: the user search, the current diagnosis, the report. */
import type { DiagnosisView, UserSummary } from '../../../../electron/contract/schemas.ts';
import type { ErrorInfo } from '../../../../electron/contract/envelope.ts';
import { call } from '../api.ts';
import { adoptState, app, noteError, shown } from './app.svelte.ts';

export const diagnosis = $state({
  query: '',
  suggestions: [] as UserSummary[],
  loading: false,
  /** True while main fetches this user's sign-ins from Entra before diagnosing. */
  refreshing: false,
  result: null as DiagnosisView | null,
  /** Whether `result` was diagnosed from sign-ins fetched just now, or from the cache. */
  fresh: false,
  error: null as ErrorInfo | null,
  /** Why a live refresh did not happen (offline, sign-in expired) while the cached diagnosis is shown. */
  refreshError: null as ErrorInfo | null,
  days: 7,
  report: null as { fileName: string; text: string } | null,
  reportError: null as ErrorInfo | null,
  /** Where "Save report…" wrote the file. */
  savedTo: null as string | null,
});

let searchSeq = 0;
let runSeq = 0;

/** Typeahead reads the cache only, so it keeps working offline. */
export async function searchUsers(query: string): Promise<void> {
  const seq = ++searchSeq;
  const r = await call('searchUsers', { query, limit: 8 });
  if (seq !== searchSeq) return; // a newer keystroke won
  diagnosis.suggestions = r.ok ? r.value : [];
}

/** A different tenant opened: nothing of the last one's diagnosis stays on screen. */
export function resetDiagnosis(): void {
  Object.assign(diagnosis, { query: '', suggestions: [], result: null, fresh: false, error: null, refreshError: null, report: null, reportError: null, savedTo: null });
}

/**
 * On a tenant profile someone is signed in to, main first fetches the user's recent sign-ins from
 * Entra — also while offline, since that attempt is how the app notices the tenant is back. When
 * the fetch cannot happen (offline, sign-in expired) the diagnosis still comes from the cache and
 * the view says how old it is: a stale answer with its date beats no answer on the phone.
 */
export async function runDiagnosis(user: string): Promise<void> {
  const seq = ++runSeq;
  const refresh = app.state?.mode === 'tenant' && app.state.operator !== null;
  Object.assign(diagnosis, { loading: true, refreshing: refresh, error: null, refreshError: null, report: null, reportError: null, savedTo: null });
  let r = await call('runDiagnosis', { user, days: diagnosis.days, ...(refresh ? { refresh: true } : {}) });
  let fresh = false;
  if (refresh && r.ok) {
    // Main answers from the cache when the tenant could not be reached; whether it was reached is
    // what the app state says now (and "last sync" may have moved).
    const st = await call('getAppState', {});
    if (st.ok) adoptState(st.value);
    fresh = st.ok && st.value.online;
  }
  if (!r.ok && refresh && (r.error.code === 'offline' || r.error.code === 'signInRequired')) {
    if (seq !== runSeq) return;
    diagnosis.refreshError = r.error;
    noteError(r.error);
    diagnosis.refreshing = false;
    r = await call('runDiagnosis', { user, days: diagnosis.days });
    fresh = false;
  }
  if (seq !== runSeq) return; // the agent already asked about someone else
  Object.assign(diagnosis, { loading: false, refreshing: false, fresh });
  if (r.ok) diagnosis.result = r.value;
  else {
    diagnosis.result = null;
    diagnosis.error = r.error;
    noteError(r.error);
  }
}

export async function exportReport(format: 'markdown' | 'html'): Promise<void> {
  const user = diagnosis.result?.user.id;
  if (!user) return;
  const r = await call('exportDiagnosisReport', { user, days: diagnosis.days, format });
  if (r.ok) {
    diagnosis.report = { fileName: r.value.fileName, text: r.value.text };
    diagnosis.reportError = null;
  } else diagnosis.reportError = r.error;
}

/** Main shows the save dialog and writes the file; cancelling is not an error. */
export async function saveReport(format: 'markdown' | 'html'): Promise<void> {
  const user = diagnosis.result?.user.id;
  if (!user) return;
  diagnosis.reportError = null;
  const r = await call('saveDiagnosisReport', { user, days: diagnosis.days, format });
  if (r.ok) diagnosis.savedTo = r.value.path;
  else diagnosis.reportError = shown(r.error);
}
