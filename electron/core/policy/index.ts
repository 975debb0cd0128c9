/** Public surface of the Conditional Access evaluator (pure functions, no I/O). */
export { evaluate, evaluatePolicy } from './evaluate.js';
export { toAppliedPolicies, toAppliedPolicy, type AppliedConditionalAccessPolicy } from './applied-policies.js';
export { whatIf, type WhatIfAnalysisResult } from './what-if.js';
export { parseRule } from './rule-parser.js';
export { evaluateRule, explainRule, type RuleLookup, type RuleValue } from './rule-eval.js';
export type { ParseResult, RuleAst, RuleError, RuleKind } from './rule-ast.js';
export { MAX_RULE_LENGTH } from './rule-ast.js';
export { parseCidr, parseIp, cidrContains } from './cidr.js';
export { BASELINE_SCOPES, profileScopes } from './scopes.js';
export * from './types.js';
export { signInContextFromWhatIfBody, whatIfBodySchema, type WhatIfBody, type WhatIfUser, type WhatIfContextResult } from './what-if-body.js';
