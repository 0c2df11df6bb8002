import { instantOf, parseDateTime } from '../datetime';
import { ScimError } from '../errors';
import { hasValue } from '../json';
import { SchemaRegistry } from '../schema/registry';
import type { ScimAttribute, ScimResourceType } from '../schema/types';
import type { AttributePath, CompareFilter, CompareOperator, Filter, LogicalFilter } from './ast';
import { chainOperands } from './chain';
import { findInExtensions } from './extension-lookup';
import { parseFilter } from './parser';

/** A filter compiled to a predicate over resources (or, inside `[…]`, over values of a multi-valued attribute). */
export type CompiledFilter = (resource: unknown) => boolean;

/** Options for `compileFilter`. */
export interface CompileFilterOptions {
  /** attribute characteristics (`caseExact`, types); default: RFC 7643 core. Passing one also turns on operator/type errors. */
  registry?: SchemaRegistry;
  /** the resource type filtered, for resolving unqualified names; default: any resource type's base schema */
  resourceType?: string | ScimResourceType;
}

type Leaf = (value: unknown) => boolean;
/** Calls `test` on each candidate value; 1 if one passed, 0 if none did, -1 if there were no candidates. */
type Visitor = (node: unknown, test: Leaf) => number;

interface Context {
  registry: SchemaRegistry;
  strict: boolean;
  resourceType: ScimResourceType | undefined;
  /** inside `attr[…]`: the multi-valued attribute (undefined if unknown) */
  parent: ScimAttribute | undefined;
  inValueFilter: boolean;
}

/** `obj[name]` ignoring case: exact spelling first, then the schema's spelling, then a scan. */
function lookup(obj: unknown, name: string, canonical: string, lower: string): unknown {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return undefined;
  const record = obj as Record<string, unknown>;
  let v = record[name];
  if (v !== undefined && typeof v !== 'function') return v;
  if (canonical !== name) {
    v = record[canonical];
    if (v !== undefined && typeof v !== 'function') return v;
  }
  const length = lower.length;
  for (const key in record) if (key.length === length && key.toLowerCase() === lower) return record[key];
  return undefined;
}

function step(name: string, def: ScimAttribute | undefined): (obj: unknown) => unknown {
  const canonical = def?.name ?? name;
  const lower = name.toLowerCase();
  return (obj) => lookup(obj, name, canonical, lower);
}

/** Visits leaves of `value`: arrays element by element; objects in arrays through `value` when `viaValue`. */
function visitLeaves(value: unknown, test: Leaf, viaValue: boolean): number {
  if (value === undefined || value === null) return -1;
  if (Array.isArray(value)) {
    let seen = -1;
    for (let i = 0; i < value.length; i++) {
      let item = value[i];
      if (viaValue && typeof item === 'object' && item !== null && !Array.isArray(item)) item = lookup(item, 'value', 'value', 'value');
      if (item === undefined || item === null) continue;
      if (test(item)) return 1;
      seen = 0;
    }
    return seen;
  }
  // a single complex value (the enterprise `manager`) compares through its "value" too
  if (viaValue && typeof value === 'object') {
    const inner = lookup(value, 'value', 'value', 'value');
    return inner === undefined || inner === null ? -1 : test(inner) ? 1 : 0;
  }
  return test(value) ? 1 : 0;
}

interface Access {
  visit: Visitor;
  /** definition of the compared value (the sub-attribute, or `value` for multi-valued complex) */
  def: ScimAttribute | undefined;
}

function accessor(path: AttributePath, ctx: Context, forPresence: boolean): Access {
  const { registry } = ctx;
  let top: ScimAttribute | undefined;
  let container: (obj: unknown) => unknown = (obj) => obj;
  if (ctx.inValueFilter) {
    top = ctx.parent ? registry.subAttribute(ctx.parent, path.name) : undefined;
  } else {
    const resolved = registry.attribute({ ...(path.uri ? { uri: path.uri } : {}), name: path.name }, ctx.resourceType);
    top = resolved?.top;
    if (path.uri) container = schemaContainer(path.uri, registry, ctx.resourceType);
    else if (!resolved) {
      const ext = unqualifiedExtension(path.name, ctx);
      if (ext) {
        top = ext.attribute;
        container = schemaContainer(ext.uri, registry, ctx.resourceType);
      }
    }
  }
  const getTop = step(path.name, top);
  if (path.subAttr !== undefined) {
    const subDef = top ? registry.subAttribute(top, path.subAttr) : undefined;
    const getSub = step(path.subAttr, subDef);
    const visit: Visitor = (node, test) => {
      const value = getTop(container(node));
      if (value === undefined || value === null) return -1;
      if (Array.isArray(value)) {
        let seen = -1;
        for (let i = 0; i < value.length; i++) {
          const r = visitLeaves(getSub(value[i]), test, false);
          if (r === 1) return 1;
          if (r === 0) seen = 0;
        }
        return seen;
      }
      return visitLeaves(getSub(value), test, false);
    };
    return { visit, def: subDef };
  }
  // RFC 7644 §3.4.2.2: a filter on a multi-valued complex attribute compares its "value" sub-attribute
  const viaValue = !forPresence && (top === undefined || top.type === 'complex');
  const def = top?.type === 'complex' ? registry.subAttribute(top, 'value') : top;
  return { visit: (node, test) => visitLeaves(getTop(container(node)), test, viaValue), def };
}

/** An unqualified name the base schema lacks, found in a schema extension (RFC 7644 §3.10); ambiguous names stay unresolved. */
function unqualifiedExtension(name: string, ctx: Context): { uri: string; attribute: ScimAttribute } | undefined {
  const found = findInExtensions(ctx.registry, name, ctx.resourceType);
  return found && !('ambiguous' in found) ? found : undefined;
}

/** Where the attributes of schema `uri` live: the resource itself for a base schema, else under the URN key. */
function schemaContainer(uri: string, registry: SchemaRegistry, rt: ScimResourceType | undefined): (obj: unknown) => unknown {
  const lower = uri.toLowerCase();
  const base = rt ? rt.schema.toLowerCase() === lower : registry.isBaseSchema(uri);
  if (base) return (obj) => obj;
  if (registry.schema(uri)) return (obj) => lookup(obj, uri, uri, lower);
  // unknown URN: an extension object if the resource has one, else the resource if it lists the URN in "schemas"
  return (obj) => {
    const ext = lookup(obj, uri, uri, lower);
    if (ext !== undefined) return ext;
    const schemas = lookup(obj, 'schemas', 'schemas', 'schemas');
    return Array.isArray(schemas) && schemas.some((s) => typeof s === 'string' && s.toLowerCase() === lower) ? obj : undefined;
  };
}

type Kind = 'string' | 'number' | 'boolean' | 'dateTime' | 'binary' | 'unknown';

function kindOf(def: ScimAttribute | undefined): Kind {
  switch (def?.type) {
    case 'string':
    case 'reference':
      return 'string';
    case 'binary':
      return 'binary';
    case 'integer':
    case 'decimal':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'dateTime':
      return 'dateTime';
    default:
      return 'unknown';
  }
}

const ORDERING = new Set<CompareOperator>(['gt', 'ge', 'lt', 'le']);

function orderingTest(op: CompareOperator): (c: number) => boolean {
  switch (op) {
    case 'gt':
      return (c) => c > 0;
    case 'ge':
      return (c) => c >= 0;
    case 'lt':
      return (c) => c < 0;
    default:
      return (c) => c <= 0;
  }
}

function leafFor(filter: CompareFilter, def: ScimAttribute | undefined, ctx: Context): Leaf {
  const { op, value } = filter;
  const kind = kindOf(def);
  if (ctx.strict && (kind === 'boolean' || kind === 'binary') && (ORDERING.has(op) || op === 'co' || op === 'sw' || op === 'ew')) {
    throw new ScimError(
      'invalidFilter',
      `"${op}" cannot be applied to the ${kind} attribute "${def!.name}": ${kind} attributes support only eq, ne and pr (RFC 7644 §3.4.2.2)`,
    );
  }
  const caseExact = def ? def.caseExact || kind === 'binary' : false;
  if (typeof value === 'string') {
    const instant = kind === 'dateTime' || kind === 'unknown' ? parseDateTime(value) : undefined;
    const wanted = caseExact ? value : value.toLowerCase();
    const norm = caseExact ? (s: string) => s : (s: string) => s.toLowerCase();
    if (instant !== undefined && (kind === 'dateTime' || ORDERING.has(op))) {
      const test = op === 'eq' || op === 'ne' ? (c: number) => c === 0 : orderingTest(op);
      if (op === 'eq' || op === 'ne' || ORDERING.has(op)) {
        return (v) => {
          if (typeof v !== 'string') return false;
          const t = instantOf(v);
          if (t !== t) return kind === 'dateTime' ? false : test(compareStrings(norm(v), wanted));
          return test(t - instant);
        };
      }
    }
    switch (op) {
      case 'eq':
      case 'ne':
        return caseExact ? (v) => v === value : (v) => typeof v === 'string' && (v === value || v.toLowerCase() === wanted);
      case 'co':
        return (v) => typeof v === 'string' && norm(v).includes(wanted);
      case 'sw':
        return (v) => typeof v === 'string' && norm(v).startsWith(wanted);
      case 'ew':
        return (v) => typeof v === 'string' && norm(v).endsWith(wanted);
      default: {
        const test = orderingTest(op);
        return (v) => typeof v === 'string' && test(compareStrings(norm(v), wanted));
      }
    }
  }
  if (typeof value === 'number') {
    if (op === 'eq' || op === 'ne') return (v) => v === value;
    if (ORDERING.has(op)) {
      const test = orderingTest(op);
      return (v) => typeof v === 'number' && test(v - value);
    }
    return () => false;
  }
  // booleans: only equality is defined
  if (op === 'eq' || op === 'ne') return (v) => v === value;
  return () => false;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compileNode(filter: Filter, ctx: Context): CompiledFilter {
  switch (filter.type) {
    case 'and':
    case 'or':
      return compileChain(filter, ctx);
    case 'not': {
      const inner = compileNode(filter.filter, ctx);
      return (node) => !inner(node);
    }
    case 'present': {
      const { visit } = accessor(filter.path, ctx, true);
      return (node) => visit(node, hasValue) === 1;
    }
    case 'valuePath': {
      const resolved = ctx.inValueFilter ? undefined : ctx.registry.attribute(filter.path, ctx.resourceType);
      const ext = ctx.inValueFilter || resolved || filter.path.uri ? undefined : unqualifiedExtension(filter.path.name, ctx);
      const parent = resolved?.attribute ?? ext?.attribute;
      const getAttr = step(filter.path.name, parent);
      const uri = ctx.inValueFilter ? undefined : (filter.path.uri ?? ext?.uri);
      const container = uri ? schemaContainer(uri, ctx.registry, ctx.resourceType) : (obj: unknown) => obj;
      const inner = compileNode(filter.filter, { ...ctx, parent, inValueFilter: true });
      return (node) => {
        const value = getAttr(container(node));
        if (Array.isArray(value)) {
          for (let i = 0; i < value.length; i++) if (inner(value[i])) return true;
          return false;
        }
        return typeof value === 'object' && value !== null && inner(value);
      };
    }
    case 'compare':
      return compileCompare(filter, ctx);
  }
}

/**
 * A whole `and` or `or` chain as one loop over its operands: the parser accepts chains of any length
 * and builds them as trees as deep as they are long, which nested closures would walk recursively.
 */
function compileChain(filter: LogicalFilter, ctx: Context): CompiledFilter {
  const parts = chainOperands(filter).map((operand) => compileNode(operand, ctx));
  const count = parts.length;
  if (filter.type === 'and') {
    if (count === 2) {
      const [a, b] = parts as [CompiledFilter, CompiledFilter];
      return (node) => a(node) && b(node);
    }
    return (node) => {
      for (let i = 0; i < count; i++) if (!parts[i]!(node)) return false;
      return true;
    };
  }
  if (count === 2) {
    const [a, b] = parts as [CompiledFilter, CompiledFilter];
    return (node) => a(node) || b(node);
  }
  return (node) => {
    for (let i = 0; i < count; i++) if (parts[i]!(node)) return true;
    return false;
  };
}

function compileCompare(filter: CompareFilter, ctx: Context): CompiledFilter {
  if (filter.value === null) {
    // RFC 7643 §2.5: null is "unassigned", so `eq null` holds when the attribute has no value
    const { visit } = accessor(filter.path, ctx, true);
    const wantPresent = filter.op === 'ne';
    if (filter.op !== 'eq' && filter.op !== 'ne') return () => false;
    return (node) => (visit(node, hasValue) === 1) === wantPresent;
  }
  const { visit, def } = accessor(filter.path, ctx, false);
  const leaf = leafFor(filter, def, ctx);
  if (filter.op === 'ne') {
    // "any value matches": some value differs, or there is no value at all
    const differs: Leaf = (v) => !leaf(v);
    return (node) => visit(node, differs) !== 0;
  }
  return (node) => visit(node, leaf) === 1;
}

/**
 * Compiles a filter once into a predicate: attribute names case-insensitive, string comparison by each
 * attribute's `caseExact`, dateTimes compared as instants, multi-valued attributes matching when any
 * value does, missing attributes simply not matching. With an explicit `registry`, comparing a boolean
 * or binary attribute with gt/ge/lt/le/co/sw/ew throws `ScimError` (400 invalidFilter).
 */
export function compileFilter(filter: Filter | string, options: CompileFilterOptions = {}): CompiledFilter {
  const registry = options.registry ?? SchemaRegistry.core();
  const ast = typeof filter === 'string' ? parseFilter(filter, options.registry ? { registry } : {}) : filter;
  const resourceType = typeof options.resourceType === 'string' ? registry.resourceType(options.resourceType) : options.resourceType;
  return compileNode(ast, { registry, strict: options.registry !== undefined, resourceType, parent: undefined, inValueFilter: false });
}

/**
 * Compiles the filter of a value path (`emails[type eq "work"]`) into a predicate over one value of the
 * multi-valued attribute `parent`. For PATCH paths.
 */
export function compileValueFilter(filter: Filter, registry: SchemaRegistry, parent: ScimAttribute | undefined, strict: boolean): CompiledFilter {
  return compileNode(filter, { registry, strict, resourceType: undefined, parent, inValueFilter: true });
}

const compiledByAst = new WeakMap<Filter, { registry: SchemaRegistry | undefined; fn: CompiledFilter }>();
const compiledByText = new Map<string, { registry: SchemaRegistry | undefined; fn: CompiledFilter }>();

function cached(filter: Filter | string, registry: SchemaRegistry | undefined): CompiledFilter {
  const hit = typeof filter === 'string' ? compiledByText.get(filter) : compiledByAst.get(filter);
  if (hit && hit.registry === registry) return hit.fn;
  const fn = compileFilter(filter, registry ? { registry } : {});
  if (typeof filter === 'string') {
    if (compiledByText.size >= 512) compiledByText.clear();
    compiledByText.set(filter, { registry, fn });
  } else compiledByAst.set(filter, { registry, fn });
  return fn;
}

/**
 * Whether `resource` matches `filter` (an AST or filter text), per RFC 7644 §3.4.2.2. Compiles each
 * filter once and caches it. Never throws for missing attributes; see `compileFilter` for semantics.
 */
export function matchesFilter(resource: unknown, filter: Filter | string, registry?: SchemaRegistry): boolean {
  return cached(filter, registry)(resource);
}
