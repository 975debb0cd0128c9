export { createGraphClient, GraphClient, type GraphClientOptions, type TokenProvider, type Page, type RequestOptions } from './client.js';
export { GraphResources, PREFER_UNKNOWN_ENUMS, type GraphObject, type SignIn, type SignInListOptions } from './resources.js';
export { odata, quote, literal, encodeQueryValue, userPath, type Filter } from './odata.js';
export { mapGraphError, networkCode, type ErrorContext } from './errors.js';
export { AppError, isAppError, type AppErrorCode } from './app-error.js';
export { REQUIREMENTS, type GraphResource, type Requirement } from './permissions.js';
export { GRAPH_BUDGETS, PacingMiddleware, bucketFor, type Budgets, type Budget } from './pacing.js';
export { StatusRetryMiddleware, RETRIED_SERVER_ERRORS, type StatusRetryOptions } from './status-retry.js';
