/**
 * The documentation the app can open. The renderer names a topic; main owns the URL, and every
 * one of these still passes the openExternal allowlist (electron/main/external-links.ts).
 */
import type { DocTopic } from '../contract/schemas.js';

export const DOC_LINKS: Readonly<Record<DocTopic, string>> = {
  jamfConnectConditionalAccess: 'https://learn.jamf.com/en-US/bundle/jamf-connect-documentation-current/page/Microsoft_Entra_ID_Conditional_Access.html',
  customSecurityAttributes: 'https://learn.microsoft.com/en-us/entra/fundamentals/custom-security-attributes-overview',
  appFilterConditionalAccess: 'https://learn.microsoft.com/en-us/entra/identity/conditional-access/concept-filter-for-applications',
  signInLogs: 'https://learn.microsoft.com/en-us/entra/identity/monitoring-health/concept-sign-ins',
  aadstsErrorLookup: 'https://login.microsoftonline.com/error',
  entraAdminCenter: 'https://entra.microsoft.com/',
};
