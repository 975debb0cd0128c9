export { importFile, MAX_IMPORT_BYTES, type ImportOutcome } from './import-file.js';
export { importSnapshot } from './snapshot-import.js';
export { exportSnapshot, type ExportOptions } from './snapshot-export.js';
export { importSignInJson, parseSignInJson } from './graph-json-import.js';
export { importPortalCsv, parsePortalCsv } from './portal-csv-import.js';
export { parseJamfConnectProfile, applyJamfSettings, type JamfConnectSettings } from './jamf-profile-import.js';
export { detectImportKind } from './detect.js';
export { importRefused, type ImportResult, type ImportKind, type ImportPosition } from './import-error.js';
