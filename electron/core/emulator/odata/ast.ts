/** The $filter syntax tree, and the error every OData problem becomes (Graph answers 400). */

export class ODataError extends Error {
  override readonly name = 'ODataError';
  /** Graph error code for the envelope (BadRequest for syntax, Request_UnsupportedQuery for directory). */
  constructor(message: string, readonly code = 'BadRequest') { super(message); }
}

export type Literal =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number; readonly text: string }
  | { readonly kind: 'datetime'; readonly value: number; readonly text: string }
  | { readonly kind: 'guid'; readonly value: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'null' };

/** A property path like `status/errorCode`, or the lambda variable (`t`) possibly followed by a path. */
export interface PathNode { readonly kind: 'path'; readonly segments: readonly string[]; readonly lambdaVar?: string }

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterNode =
  | { readonly kind: 'compare'; readonly op: CompareOp; readonly left: PathNode; readonly right: Literal }
  | { readonly kind: 'in'; readonly left: PathNode; readonly values: readonly Literal[] }
  | { readonly kind: 'call'; readonly fn: 'startswith' | 'endswith' | 'contains'; readonly target: PathNode; readonly arg: Literal }
  | { readonly kind: 'any' | 'all'; readonly collection: PathNode; readonly variable: string; readonly body: FilterNode }
  | { readonly kind: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly operand: FilterNode };
