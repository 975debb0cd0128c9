/**
 * What each file dialog offers (title, extensions). Pure, so the choices are testable without
 * Electron; dialogs.main.ts hands these to dialog.showOpenDialog / showSaveDialog.
 */
import type { FilePurpose } from '../app/context.js';

export interface DialogSpec {
  readonly title: string;
  readonly filters: ReadonlyArray<{ readonly name: string; readonly extensions: readonly string[] }>;
}

export const DIALOGS: Readonly<Record<FilePurpose, DialogSpec>> = {
  caseFile: { title: 'Open a case file', filters: [{ name: 'Lockout Lens case file', extensions: ['json'] }] },
  signInExport: {
    title: 'Import a sign-in log export',
    filters: [{ name: 'Sign-in export (Entra portal CSV or JSON, Graph JSON)', extensions: ['csv', 'json'] }],
  },
  jamfProfile: {
    title: 'Import a Jamf Connect configuration profile',
    filters: [{ name: 'Configuration profile or plist', extensions: ['mobileconfig', 'plist', 'xml'] }],
  },
  report: { title: 'Save the diagnosis report', filters: [{ name: 'Report', extensions: ['html', 'md'] }] },
  auditLog: { title: 'Export the audit log', filters: [{ name: 'Audit log', extensions: ['csv', 'json'] }] },
};
