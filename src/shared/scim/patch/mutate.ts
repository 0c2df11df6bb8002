import type { Filter } from '../filter/ast';
import { chainOperands } from '../filter/chain';
import { compileValueFilter } from '../filter/evaluate';
import { formatFilter } from '../filter/printer';
import { describeValue, findKey, getIgnoreCase, hasValue, isObject, jsonEqual, type JsonObject, type JsonValue } from '../json';
import type { ScimAttribute } from '../schema/types';
import { coerceFor, coerceSingle, coerceValues, onlyElement } from './coerce';
import type { PatchContext } from './context';
import { enforcePrimary, guardRemove, guardWrite } from './guards';
import { containerOf, dropEmptyExtension, type Target } from './target';

// Every object modified here is owned by the patch: the resource copy, `ctx.writable(…)` results, or
// values the patch created (coerced values are fresh copies).

const ENTRA = ' (Entra ID sends this unless its aadOptscim062020 flag is set; use lenient mode to accept it)';

function keyIn(obj: JsonObject, name: string, def: ScimAttribute | undefined): string {
  return findKey(obj, name) ?? def?.name ?? name;
}

/** Sets (or, for null, unassigns) one sub-attribute of an owned complex value. */
function setSub(ctx: PatchContext, obj: JsonObject, name: string, def: ScimAttribute | undefined, value: unknown, where: string): void {
  const key = keyIn(obj, name, def);
  if (value === null) {
    guardRemove(ctx, def, obj[key], where);
    delete obj[key];
    return;
  }
  const next = coerceFor(ctx, def, value, where);
  guardWrite(ctx, def, obj[key], next, where);
  obj[key] = next as JsonValue;
}

/** RFC 7644 §3.5.2.1/§3.5.2.3: the sub-attributes given replace or add; those not given stay. */
function mergeInto(ctx: PatchContext, obj: JsonObject, def: ScimAttribute | undefined, given: unknown, where: string): void {
  const value = def && !def.multiValued && Array.isArray(given) ? onlyElement(ctx, def, given, where) : given;
  const source = isObject(value) ? value : def ? coerceSingle(ctx, def, value, where) : value;
  if (!isObject(source)) ctx.fail('invalidValue', `"${where}" is complex: expected an object of sub-attributes, got ${describeValue(value)}`);
  for (const name of Object.keys(source)) {
    const sub = def ? ctx.registry.subAttribute(def, name) : undefined;
    if (def && !sub) ctx.departure('unknown-attribute', 'invalidPath', `"${where}.${name}" is not a sub-attribute of "${def.name}"`);
    setSub(ctx, obj, name, sub, source[name], `${where}.${name}`);
  }
}

/**
 * Whether a complex value holds a value in a sub-attribute a client can set (readOnly ones, like
 * `manager.displayName`, follow the others). A reference (`value` and `$ref`, like the manager) whose
 * `value` is empty holds none: its `$ref` only locates what `value` named.
 */
function hasClientValue(ctx: PatchContext, def: ScimAttribute | undefined, value: JsonValue | undefined): boolean {
  if (!isObject(value) || !def) return hasValue(value);
  const reference = ctx.registry.subAttribute(def, 'value') !== undefined && ctx.registry.subAttribute(def, '$ref') !== undefined;
  if (reference && !hasValue(getIgnoreCase(value, 'value') as JsonValue | undefined)) return false;
  for (const key of Object.keys(value)) {
    if (ctx.registry.subAttribute(def, key)?.mutability === 'readOnly') continue;
    if (hasValue(value[key])) return true;
  }
  return false;
}

/** Whether `existing` already holds everything in `candidate` (RFC 7644 §3.5.2.1: adding a value that exists changes nothing). */
function contains(existing: unknown, candidate: unknown): boolean {
  if (!isObject(existing) || !isObject(candidate)) return jsonEqual(existing, candidate);
  for (const key of Object.keys(candidate)) if (!jsonEqual(getIgnoreCase(existing, key), candidate[key])) return false;
  return true;
}

/** `add` / `replace` of a target that names an attribute. */
export function addOrReplace(ctx: PatchContext, op: 'add' | 'replace', t: Target, value: unknown): void {
  if (t.filter) return filtered(ctx, op, t, t.filter, value);
  const container = containerOf(t, ctx, true)!;
  const key = keyIn(container, t.name!, t.def);
  const existing = container[key];
  if (t.subAttr !== undefined) {
    if (Array.isArray(existing)) {
      // no filter: every value of the multi-valued attribute
      const list = ctx.writable<JsonValue[]>(container, key);
      for (let i = 0; i < list.length; i++) if (isObject(list[i])) setSub(ctx, ctx.writable<JsonObject>(list, i), t.subAttr, t.subDef, value, t.text);
      enforcePrimary(ctx, t.def, list, list, t.text);
    } else if (isObject(existing)) setSub(ctx, ctx.writable<JsonObject>(container, key), t.subAttr, t.subDef, value, t.text);
    else if (value !== null) {
      const made = ctx.adopt<JsonObject>({});
      setSub(ctx, made, t.subAttr, t.subDef, value, t.text);
      guardWrite(ctx, t.def, existing, made, t.text);
      container[key] = t.def?.multiValued ? ctx.adopt([made]) : made;
    }
    return;
  }
  if (value === null) {
    // RFC 7643 §2.5: null is unassigned
    guardRemove(ctx, t.def, existing, t.text);
    delete container[key];
    if (t.extension) dropEmptyExtension(ctx, t.extension);
    return;
  }
  const multiValued = t.def ? t.def.multiValued : Array.isArray(existing) || Array.isArray(value);
  if (multiValued) {
    const values = coerceValues(ctx, t.def, value, t.text) as JsonValue[];
    const before = Array.isArray(existing) ? existing : existing === undefined || existing === null ? [] : [existing];
    let next: JsonValue[];
    if (op === 'add') {
      next = before.slice();
      for (const v of values) if (!next.some((e) => contains(e, v))) next.push(v);
    } else next = values;
    guardWrite(ctx, t.def, existing === undefined ? undefined : before, next, t.text);
    ctx.adopt(next);
    enforcePrimary(ctx, t.def, next, values, t.text);
    // RFC 7643 §2.5: an empty multi-valued attribute is unassigned
    if (next.length) container[key] = next;
    else delete container[key];
    if (!next.length && t.extension) dropEmptyExtension(ctx, t.extension);
    return;
  }
  const complex = t.def ? t.def.type === 'complex' : isObject(value) && (isObject(existing) || existing === undefined);
  if (complex) {
    if (isObject(existing)) mergeInto(ctx, ctx.writable<JsonObject>(container, key), t.def, value, t.text);
    else {
      const made = ctx.adopt<JsonObject>({});
      mergeInto(ctx, made, t.def, value, t.text);
      guardWrite(ctx, t.def, existing, made, t.text);
      container[key] = made;
    }
    // RFC 7643 §2.5: a complex value left with no assigned sub-attribute (`{"value": ""}`, Entra ID's way of
    // clearing a manager) is no value: the attribute is unassigned, with what the server derived from it
    if (!hasClientValue(ctx, t.def, container[key])) {
      guardRemove(ctx, t.def, existing, t.text);
      delete container[key];
      if (t.extension) dropEmptyExtension(ctx, t.extension);
    }
    return;
  }
  const next = coerceFor(ctx, t.def, value, t.text);
  guardWrite(ctx, t.def, existing, next, t.text);
  container[key] = next as JsonValue;
}

const compiledFilters = new WeakMap<Filter, { registry: unknown; def: unknown; strict: boolean; test: (value: unknown) => boolean }>();

function valueFilter(filter: Filter, def: ScimAttribute | undefined, ctx: PatchContext): (value: unknown) => boolean {
  const hit = compiledFilters.get(filter);
  if (hit && hit.registry === ctx.registry && hit.def === def && hit.strict === !ctx.lenient) return hit.test;
  const test = compileValueFilter(filter, ctx.registry, def, !ctx.lenient);
  compiledFilters.set(filter, { registry: ctx.registry, def, strict: !ctx.lenient, test });
  return test;
}

/** Where the values a value filter selects are: their indices in the attribute's array (or the one complex value). */
interface Selection {
  key: string | undefined;
  /** the attribute's array, not yet copied; undefined when it holds a single object or nothing */
  list: JsonValue[] | undefined;
  indices: number[];
  /** a single (non-array) complex value that matched */
  single: boolean;
}

function select(ctx: PatchContext, t: Target, filter: Filter, container: JsonObject | undefined): Selection {
  const key = container ? findKey(container, t.name!) : undefined;
  const current = container && key !== undefined ? container[key] : undefined;
  const test = valueFilter(filter, t.def, ctx);
  const indices: number[] = [];
  if (Array.isArray(current)) {
    for (let i = 0; i < current.length; i++) if (isObject(current[i]) && test(current[i])) indices.push(i);
    return { key, list: current, indices, single: false };
  }
  return { key, list: undefined, indices, single: isObject(current) && test(current) };
}

/** The sub-attribute values an `eq`-only filter pins down (`type eq "work" and …`), to create a value from. */
function seedOf(filter: Filter): JsonObject | undefined {
  // a chain of any length: walked as a list, never recursively (see chainOperands)
  const seed: JsonObject = {};
  for (const term of filter.type === 'and' ? chainOperands(filter) : [filter]) {
    if (term.type !== 'compare' || term.op !== 'eq' || term.path.uri || term.path.subAttr || term.value === null) return undefined;
    seed[term.path.name] = term.value;
  }
  return seed;
}

function filtered(ctx: PatchContext, op: 'add' | 'replace', t: Target, filter: Filter, value: unknown): void {
  const apply = (item: JsonObject) => {
    if (t.subAttr !== undefined) setSub(ctx, item, t.subAttr, t.subDef, value, t.text);
    else mergeInto(ctx, item, t.def, value, t.text);
  };
  let container = containerOf(t, ctx, false);
  const selection = select(ctx, t, filter, container);
  if (selection.single) {
    apply(ctx.writable<JsonObject>(container!, selection.key!));
    return;
  }
  if (selection.indices.length === 0) {
    const seed = seedOf(filter);
    const section = op === 'add' ? '3.5.2.1' : '3.5.2.3';
    const message = `no value of "${t.name}" matches [${formatFilter(filter)}]`;
    if (!ctx.lenient || !seed) ctx.fail('noTarget', `${message} (RFC 7644 §${section}: 400 noTarget)`);
    ctx.deviate('filter-created-value', `${message}; created ${describeValue(seed)} for it (RFC 7644 §${section} answers 400 noTarget; Entra ID expects the value to be created)`);
    container = containerOf(t, ctx, true)!;
    const key = keyIn(container, t.name!, t.def);
    const made = ctx.adopt(coerceSingle(ctx, t.def, seed, t.text) as JsonObject);
    const current = container[key];
    const list = ctx.adopt(Array.isArray(current) ? [...current] : current === undefined || current === null ? [] : [current]);
    list.push(made);
    container[key] = list;
    apply(made);
    enforcePrimary(ctx, t.def, list, [made], t.name!);
    return;
  }
  const list = ctx.writable<JsonValue[]>(container!, selection.key!);
  const touched = selection.indices.map((i) => {
    const item = ctx.writable<JsonObject>(list, i);
    apply(item);
    return item;
  });
  enforcePrimary(ctx, t.def, list, touched, t.name!);
}

/** `remove` of a target that names an attribute. */
export function remove(ctx: PatchContext, t: Target, value: unknown): void {
  const container = containerOf(t, ctx, false);
  if (value !== undefined && value !== null) {
    const multiValued = t.def ? t.def.multiValued : Array.isArray(container?.[findKey(container, t.name!) ?? '']);
    if (ctx.lenient && multiValued && !t.filter && t.subAttr === undefined && (Array.isArray(value) || isObject(value))) {
      removeListed(ctx, t, container, value);
      return;
    }
    const hint = multiValued ? `; to remove particular values use a filter: "path": "${t.name}[value eq \\"…\\"]"` : '';
    ctx.fail('invalidSyntax', `"remove" takes no "value" (RFC 7644 §3.5.2.2)${hint}${multiValued ? ENTRA : ''}`);
  }
  if (t.filter) removeFiltered(ctx, t, t.filter, container);
  else if (container) {
    const key = findKey(container, t.name!);
    if (key === undefined) return;
    const existing = container[key];
    if (t.subAttr !== undefined) {
      const removeSub = (item: JsonObject) => {
        const subKey = findKey(item, t.subAttr!);
        if (subKey === undefined) return;
        guardRemove(ctx, t.subDef, item[subKey], t.text);
        delete item[subKey];
      };
      if (Array.isArray(existing)) {
        const list = ctx.writable<JsonValue[]>(container, key);
        for (let i = 0; i < list.length; i++) if (isObject(list[i]) && findKey(list[i] as JsonObject, t.subAttr) !== undefined) removeSub(ctx.writable<JsonObject>(list, i));
      } else if (isObject(existing)) removeSub(ctx.writable<JsonObject>(container, key));
    } else {
      guardRemove(ctx, t.def, existing, t.text);
      delete container[key];
    }
  }
  if (t.extension) dropEmptyExtension(ctx, t.extension);
}

function removeFiltered(ctx: PatchContext, t: Target, filter: Filter, container: JsonObject | undefined): void {
  const selection = select(ctx, t, filter, container);
  if (selection.indices.length === 0 && !selection.single) {
    const message = `no value of "${t.name}" matches [${formatFilter(filter)}]`;
    if (!ctx.lenient) ctx.fail('noTarget', `${message} (RFC 7644 §3.5.2.2: 400 noTarget)`);
    ctx.deviate('no-target', `${message}; nothing removed (RFC 7644 §3.5.2.2 answers 400 noTarget)`);
    return;
  }
  const key = selection.key!;
  if (t.subAttr !== undefined) {
    const items = selection.single ? [ctx.writable<JsonObject>(container!, key)] : selection.indices.map((i) => ctx.writable<JsonObject>(ctx.writable<JsonValue[]>(container!, key), i));
    for (const item of items) {
      const subKey = findKey(item, t.subAttr);
      if (subKey === undefined) continue;
      guardRemove(ctx, t.subDef, item[subKey], t.text);
      delete item[subKey];
    }
  } else if (selection.single) {
    guardRemove(ctx, t.def, container![key], t.text);
    delete container![key];
  } else {
    const doomed = new Set(selection.indices);
    const kept = selection.list!.filter((_, i) => !doomed.has(i));
    guardWrite(ctx, t.def, selection.list, kept, t.text);
    if (kept.length) container![key] = ctx.adopt(kept);
    else delete container![key];
  }
  if (t.extension) dropEmptyExtension(ctx, t.extension);
}

/** Lenient: Entra ID's `{"op":"Remove","path":"members","value":[{"value":"id"}]}` removes the listed values. */
function removeListed(ctx: PatchContext, t: Target, container: JsonObject | undefined, value: unknown): void {
  const listed = Array.isArray(value) ? value : [value];
  const key = container ? findKey(container, t.name!) : undefined;
  const current = container && key !== undefined ? container[key] : undefined;
  const list = Array.isArray(current) ? current : [];
  const valueDef = t.def ? ctx.registry.subAttribute(t.def, 'value') : undefined;
  const same = (a: unknown, b: unknown) =>
    typeof a === 'string' && typeof b === 'string' && !(valueDef?.caseExact ?? false) ? a.toLowerCase() === b.toLowerCase() : jsonEqual(a, b);
  const doomed = (item: JsonValue) =>
    listed.some((wanted) => {
      const id = isObject(wanted) ? getIgnoreCase(wanted, 'value') : undefined;
      return id !== undefined && isObject(item) ? same(getIgnoreCase(item, 'value'), id) : jsonEqual(item, wanted);
    });
  const kept = list.filter((item) => !doomed(item));
  const removed = list.length - kept.length;
  if (removed > 0) guardWrite(ctx, t.def, list, kept, t.text);
  ctx.deviate(
    'remove-with-value',
    `"remove" with a "value" is not RFC 7644 §3.5.2.2 (remove takes a path such as ${t.name}[value eq "…"]); removed the ${removed} of ${listed.length} listed value(s) of "${t.name}" that were present`,
  );
  if (container && key !== undefined) {
    if (kept.length) container[key] = ctx.adopt(kept);
    else delete container[key];
  }
  if (t.extension) dropEmptyExtension(ctx, t.extension);
}
