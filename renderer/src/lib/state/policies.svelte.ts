/** The Policies view's state. */
import type { PolicySummary } from '../../../../electron/contract/schemas.ts';
import type { ErrorInfo } from '../../../../electron/contract/envelope.ts';
import { call } from '../api.ts';

export const policies = $state({
  list: null as PolicySummary[] | null,
  error: null as ErrorInfo | null,
  loading: false,
});

export async function loadPolicies(): Promise<void> {
  policies.loading = true;
  const r = await call('listPolicies', {});
  policies.loading = false;
  if (r.ok) {
    policies.list = r.value;
    policies.error = null;
  } else policies.error = r.error;
}
