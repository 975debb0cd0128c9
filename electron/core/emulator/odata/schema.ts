/**
 * What $filter may say about an entity: its properties, their types, and the operators Graph allows
 * on each (graph-facts §1.2 for signIn, §5 for directory objects). Checking a parsed filter against
 * the schema gives Graph's 400s: unknown property, unsupported operator, literal of the wrong type.
 */
import { ODataError, type FilterNode, type Literal, type PathNode } from './ast.js';

export type PropType = 'string' | 'int' | 'datetime' | 'bool' | 'enum' | 'stringCollection';
export type Operation = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'in' | 'startswith' | 'endswith' | 'contains' | 'any';

export interface PropertySpec {
  readonly type: PropType;
  readonly ops: readonly Operation[];
  /** For collections: operators allowed on the lambda variable. */
  readonly elementOps?: readonly Operation[];
}

export interface EntitySchema {
  /** `microsoft.graph.signIn` — used in error messages the way Graph phrases them. */
  readonly typeName: string;
  /** Keyed by path, segments joined with '/'. */
  readonly properties: Readonly<Record<string, PropertySpec>>;
}

const EDM: Record<PropType, string> = { string: 'Edm.String', int: 'Edm.Int32', datetime: 'Edm.DateTimeOffset', bool: 'Edm.Boolean', enum: 'Edm.Enum', stringCollection: 'Collection(Edm.String)' };
const LIT: Record<Literal['kind'], string> = { string: 'Edm.String', number: 'Edm.Int32', datetime: 'Edm.DateTimeOffset', guid: 'Edm.Guid', bool: 'Edm.Boolean', null: 'null' };
const OP_KIND: Record<string, string> = { eq: 'Equal', ne: 'NotEqual', gt: 'GreaterThan', ge: 'GreaterThanOrEqual', lt: 'LessThan', le: 'LessThanOrEqual' };

export interface CheckedPath { readonly canonical: string; readonly spec: PropertySpec }

function resolve(schema: EntitySchema, path: PathNode): CheckedPath {
  const wanted = path.segments.join('/').toLowerCase();
  for (const [name, spec] of Object.entries(schema.properties)) if (name.toLowerCase() === wanted) return { canonical: name, spec };
  const last = path.segments[path.segments.length - 1] ?? '';
  throw new ODataError(`Could not find a property named '${last}' on type '${schema.typeName}'.`);
}

function literalFits(type: PropType | 'element', lit: Literal): boolean {
  if (lit.kind === 'null') return true;
  switch (type) {
    case 'string': case 'enum': case 'element': return lit.kind === 'string';
    case 'int': return lit.kind === 'number' && Number.isInteger(lit.value);
    case 'datetime': return lit.kind === 'datetime';
    case 'bool': return lit.kind === 'bool';
    default: return false;
  }
}

function typeError(type: string, lit: Literal, op: string): never {
  throw new ODataError(`A binary operator with incompatible types was detected. Found operand types '${type}' and '${LIT[lit.kind]}' for operator kind '${OP_KIND[op] ?? op}'.`);
}

function unsupported(op: string, prop: string): never {
  throw new ODataError(`Invalid filter clause: the operator '${op}' is not supported for the property '${prop}'.`, 'Request_UnsupportedQuery');
}

/** Throws ODataError for anything Graph would reject; returns the set of canonical properties used. */
export function checkFilter(schema: EntitySchema, node: FilterNode, used = new Set<string>()): Set<string> {
  switch (node.kind) {
    case 'and': case 'or': checkFilter(schema, node.left, used); checkFilter(schema, node.right, used); break;
    case 'not': unsupported('not', '(expression)');
    // eslint-disable-next-line no-fallthrough
    case 'compare': case 'in': case 'call': {
      const path = node.kind === 'compare' || node.kind === 'in' ? node.left : node.target;
      if (path.lambdaVar !== undefined) throw new ODataError(`Invalid filter clause: the lambda variable '${path.lambdaVar}' is used outside its lambda.`);
      const { canonical, spec } = resolve(schema, path);
      used.add(canonical);
      const op = node.kind === 'compare' ? node.op : node.kind === 'in' ? 'in' : node.fn;
      if (!spec.ops.includes(op)) unsupported(op, canonical);
      const lits = node.kind === 'compare' ? [node.right] : node.kind === 'in' ? node.values : [node.arg];
      for (const lit of lits) if (!literalFits(spec.type, lit)) typeError(EDM[spec.type], lit, op);
      if (node.kind === 'call' && node.arg.kind !== 'string') typeError(EDM[spec.type], node.arg, node.fn);
      break;
    }
    case 'any': case 'all': {
      const { canonical, spec } = resolve(schema, node.collection);
      used.add(canonical);
      if (spec.type !== 'stringCollection' || !spec.ops.includes('any') || node.kind === 'all') unsupported(node.kind, canonical);
      checkLambdaBody(node.body, node.variable, canonical, spec.elementOps ?? ['eq']);
      break;
    }
  }
  return used;
}

function checkLambdaBody(node: FilterNode, variable: string, prop: string, ops: readonly Operation[]): void {
  switch (node.kind) {
    case 'and': case 'or': checkLambdaBody(node.left, variable, prop, ops); checkLambdaBody(node.right, variable, prop, ops); return;
    case 'compare': case 'call': {
      const path = node.kind === 'compare' ? node.left : node.target;
      if (path.lambdaVar !== variable || path.segments.length > 0) throw new ODataError(`Invalid filter clause: inside '${prop}/any' only the lambda variable '${variable}' can be compared.`);
      const op = node.kind === 'compare' ? node.op : node.fn;
      if (!ops.includes(op)) unsupported(op, prop);
      const lit = node.kind === 'compare' ? node.right : node.arg;
      if (!literalFits('element', lit)) typeError('Edm.String', lit, op);
      return;
    }
    default: throw new ODataError(`Invalid filter clause: unsupported expression inside '${prop}/any'.`);
  }
}

/** Names mentioned anywhere in the filter (canonical), e.g. to know whether signInEventTypes is filtered. */
export function filterMentions(schema: EntitySchema, node: FilterNode): Set<string> {
  return checkFilter(schema, node);
}
