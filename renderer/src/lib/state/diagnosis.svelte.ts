/** The home view's state: the user search, the current diagnosis. */
import type { DiagnosisView, UserSummary } from '../../../../electron/contract/schemas.ts';
import type { ErrorInfo } from '../../../../electron/contract/envelope.ts';
import { call } from '../api.ts';

export const diagnosis = $state({
  query: '',
  suggestions: [] as UserSummary[],
  loading: false,
  result: null as DiagnosisView | null,
  error: null as ErrorInfo | null,
  days: 7,
  report: null as { fileName: string; text: string } | null,
  reportError: null as ErrorInfo | null,
});

let searchSeq = 0;

export async function searchUsers(query: string): Promise<void> {
  const seq = ++searchSeq;
  const r = await call('searchUsers', { query, limit: 8 });
  if (seq !== searchSeq) return; // a newer keystroke won
  diagnosis.suggestions = r.ok ? r.value : [];
}

export async function runDiagnosis(user: string): Promise<void> {
  diagnosis.loading = true;
  diagnosis.error = null;
  diagnosis.report = null;
  diagnosis.reportError = null;
  const r = await call('runDiagnosis', { user, days: diagnosis.days });
  diagnosis.loading = false;
  if (r.ok) diagnosis.result = r.value;
  else {
    diagnosis.result = null;
    diagnosis.error = r.error;
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
