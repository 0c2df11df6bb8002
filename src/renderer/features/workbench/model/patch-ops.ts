import { URN, type JsonObject } from '@shared/scim';

/** One PATCH operation as the builder edits it; `value` is JSON text (edited in Monaco). */
export interface PatchOpDraft {
  op: string;
  path: string;
  /** JSON text of the value; '' when the operation has none */
  value: string;
  /** members other than op/path/value, kept as they were */
  extra: JsonObject;
}

export type ParsedPatchBody =
  | { ok: true; ops: PatchOpDraft[]; schemas: unknown; extra: JsonObject }
  | { ok: false; reason: string };

/**
 * Reads a PatchOp body into the builder's list. The body stays the source of truth: a body the
 * builder cannot represent (not JSON, Operations not a list) is reported, never rewritten.
 */
export function parsePatchBody(body: string): ParsedPatchBody {
  if (body.trim() === '') return { ok: true, ops: [], schemas: [URN.patchOp], extra: {} };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    return { ok: false, reason: `The body is not valid JSON (${(error as Error).message}).` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, reason: 'The body is not a JSON object.' };
  const { schemas, Operations, ...extra } = json as JsonObject;
  const operations = Operations ?? [];
  if (!Array.isArray(operations)) return { ok: false, reason: '"Operations" is not a list.' };
  const ops: PatchOpDraft[] = [];
  for (const [i, raw] of operations.entries()) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: `Operation ${i + 1} is not an object.` };
    const { op, path, value, ...rest } = raw as JsonObject;
    ops.push({
      op: typeof op === 'string' ? op : '',
      path: typeof path === 'string' ? path : '',
      value: value === undefined ? '' : JSON.stringify(value, null, 2),
      extra: rest,
    });
  }
  return { ok: true, ops, schemas: schemas ?? [URN.patchOp], extra };
}

/** The value text as JSON, or why it is not. */
export function readValue(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/**
 * Writes the builder's list back into the body, keeping every other member. A value that is not
 * valid JSON yet is written as the text it is, so nothing typed is lost (the editor flags it).
 */
export function writePatchBody(schemas: unknown, extra: JsonObject, ops: PatchOpDraft[]): string {
  const Operations = ops.map((draft) => {
    const out: JsonObject = { op: draft.op };
    if (draft.path.trim() !== '') out.path = draft.path;
    const value = readValue(draft.value);
    if (value.ok) {
      if (value.value !== undefined) out.value = value.value as JsonObject;
    } else {
      out.value = draft.value;
    }
    return { ...out, ...draft.extra };
  });
  return `${JSON.stringify({ schemas, ...extra, Operations }, null, 2)}\n`;
}
