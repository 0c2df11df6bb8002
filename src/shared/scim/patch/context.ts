import { ScimError, type ScimType } from '../errors';
import type { JsonObject, JsonValue } from '../json';
import type { SchemaRegistry } from '../schema/registry';
import type { ScimResourceType } from '../schema/types';
import type { PatchDeviation, PatchDeviationCode } from './types';

/**
 * State shared by the steps of one `applyPatch` call. The result is built copy-on-write: `resource` is a
 * shallow copy of the input, and every object or array on the way to a change is copied (once) before it
 * is modified, so the input is never touched and unchanged parts are shared.
 */
export class PatchContext {
  index = -1;
  readonly deviations: PatchDeviation[] = [];
  readonly resource: JsonObject;
  private readonly owned = new Set<object>();

  constructor(
    input: JsonObject,
    readonly registry: SchemaRegistry,
    readonly resourceType: ScimResourceType | undefined,
    readonly lenient: boolean,
    /** attribute paths as keys of a no-path value are read as those attributes (`ApplyPatchOptions.pathKeys`) */
    readonly pathKeys = false,
  ) {
    this.resource = { ...input };
    this.owned.add(this.resource);
  }

  /** `parent[key]` (an object or array), copied into `parent` the first time this patch needs to change it. */
  writable<T extends JsonObject | JsonValue[]>(parent: JsonObject | JsonValue[], key: string | number): T {
    const child = (parent as Record<string | number, JsonValue>)[key] as unknown as T;
    if (this.owned.has(child)) return child;
    const copy = (Array.isArray(child) ? child.slice() : { ...child }) as T;
    (parent as Record<string | number, unknown>)[key] = copy;
    this.owned.add(copy);
    return copy;
  }

  /** Marks a value this patch created as safe to modify. */
  adopt<T extends object>(value: T): T {
    this.owned.add(value);
    return value;
  }

  private where(): string {
    return this.index < 0 ? 'PATCH request' : `Operations[${this.index}]`;
  }

  /** Throws a `ScimError` whose message starts with the operation it concerns. */
  fail(scimType: ScimType, message: string): never {
    throw new ScimError(scimType, `${this.where()}: ${message}`);
  }

  deviate(code: PatchDeviationCode, message: string): void {
    this.deviations.push({ operation: this.index, code, message });
  }

  /** In lenient mode records the deviation; in strict mode fails with `scimType` and the same message plus `strictHint`. */
  departure(code: PatchDeviationCode, scimType: ScimType, message: string, strictHint = ''): void {
    if (this.lenient) this.deviate(code, message);
    else this.fail(scimType, `${message}${strictHint}`);
  }
}
