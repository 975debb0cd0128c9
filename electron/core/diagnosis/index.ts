/** Public surface of the diagnosis engine. */
export { loadAadstsCatalogue, parseCatalogue, lookupUrl, AADSTS_CATEGORIES, NON_CA_FIXES } from './aadsts.js';
export type { AadstsCatalogue, AadstsCategory, AadstsEntry, NonCaFix } from './aadsts.js';
export { diagnose, DiagnosisInputError } from './diagnose.js';
export { diagnoseFromSnapshot, snapshotDiagnosisInput, inferJamfConfig, findUser, UserNotFoundError } from './from-snapshot.js';
export type { SnapshotDiagnosisOptions } from './from-snapshot.js';
export { whatIfExempt } from './what-if.js';
export type { WhatIfExemptOptions, WhatIfExemptResult, WhatIfChange } from './what-if.js';
export { evaluateNextCheck } from './prediction.js';
export { jamfCheckContext, buildDirectory, resourceForScopes, splitScopes, isBaselineOnly, DEFAULT_ROPG_SCOPES } from './context.js';
export { toMarkdown } from './report-markdown.js';
export { toHtml } from './report-html.js';
export { diagnosisJson, evaluationJson, DIAGNOSIS_JSON_VERSION, EVALUATION_JSON_VERSION } from './json-contract.js';
export type * from './types.js';
export { diagnoseFromStore, storeDiagnosisInput } from './from-store.js';
export type { StoreDiagnosisOptions } from './from-store.js';
export { inferJamfConfigFrom } from './from-snapshot.js';
