import { ScimError, type ScimType } from '../errors';
import type { JsonObject } from '../json';
import type { SchemaRegistry } from '../schema/registry';
import type { ScimResourceType } from '../schema/types';
import type { PatchDeviation, PatchDeviationCode } from './types';

/** State shared by the steps of one `applyPatch` call. */
export class PatchContext {
  index = -1;
  readonly deviations: PatchDeviation[] = [];

  constructor(
    readonly resource: JsonObject,
    readonly registry: SchemaRegistry,
    readonly resourceType: ScimResourceType | undefined,
    readonly lenient: boolean,
  ) {}

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
