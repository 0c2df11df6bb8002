import { describeJsonError, formatJson, lineStartsOf, type FormattedText, type JsonSyntaxError } from './json-format';
import { cellText, type ColumnSpec } from '../table/columns';
import { isRecord, keyOf, schemasOf } from './json-access';
import { listInfo, type ListInfo } from './list-info';
import { runChecks, type CheckInput, type CheckReport } from '../checks/run-checks';

export type BodyKind = 'empty' | 'list' | 'error' | 'resource' | 'json' | 'text';
export type BodyView = 'pretty' | 'raw';

/** What is known about a body once it has been read and parsed. */
export interface BodyAnalysis {
  kind: BodyKind;
  /** characters of the raw text */
  length: number;
  /** `JSON.parse` failed on text that looked like JSON */
  syntaxError?: JsonSyntaxError;
  /** lines of each view (pretty only for JSON) */
  lineCount: { raw: number; pretty?: number };
  /** characters of the pretty view */
  prettyLength?: number;
  list?: ListInfo;
}

/** One ListResponse resource as a table row. */
export interface TableRow {
  /** position in `Resources` (0-based) */
  index: number;
  id?: string;
  /** first URN of `schemas`, to find the resource type */
  schema?: string;
  /** `meta.resourceType` */
  resourceType?: string;
  /** `meta.location` */
  location?: string;
  cells: string[];
}

function looksLikeJson(text: string, contentType: string | undefined): boolean {
  if (contentType && /json/i.test(contentType)) return true;
  const first = /\S/.exec(text)?.[0];
  return first === '{' || first === '[';
}

const LIST_URN = 'urn:ietf:params:scim:api:messages:2.0:listresponse';
const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:error';

function kindOf(value: unknown): BodyKind {
  if (!isRecord(value)) return 'json';
  const schemas = schemasOf(value).map((s) => s.toLowerCase());
  if (schemas.includes(LIST_URN) || (Array.isArray(keyOf(value, 'Resources')) && keyOf(value, 'totalResults') !== undefined)) return 'list';
  if (schemas.includes(ERROR_URN)) return 'error';
  if (schemas.length > 0) return 'resource';
  return 'json';
}

/**
 * One response body held where it is processed (a Web Worker, or the page when workers are unavailable):
 * parsed once, laid out once per view, asked for line windows, table rows and the parsed value.
 */
export class BodyDocument {
  private readonly raw: string;
  private readonly contentType: string | undefined;
  private parsed: unknown;
  private parsedOk = false;
  private analysis: BodyAnalysis | undefined;
  private pretty: FormattedText | undefined;
  private rawLines: Uint32Array | undefined;

  constructor(text: string, contentType?: string) {
    this.raw = text;
    this.contentType = contentType;
  }

  analyze(): BodyAnalysis {
    if (this.analysis) return this.analysis;
    const text = this.raw;
    const base = { length: text.length, lineCount: { raw: this.lineStarts('raw').length } };
    if (text.trim() === '') return (this.analysis = { kind: 'empty', ...base });
    if (!looksLikeJson(text, this.contentType)) return (this.analysis = { kind: 'text', ...base });
    try {
      this.parsed = JSON.parse(text);
      this.parsedOk = true;
    } catch (error) {
      return (this.analysis = { kind: 'text', ...base, syntaxError: describeJsonError(error, text) });
    }
    const kind = kindOf(this.parsed);
    const pretty = this.formatted();
    return (this.analysis = {
      kind,
      ...base,
      lineCount: { raw: base.lineCount.raw, pretty: pretty.lineStarts.length },
      prettyLength: pretty.text.length,
      ...(kind === 'list' && isRecord(this.parsed) ? { list: listInfo(this.parsed) } : {}),
    });
  }

  /** The parsed JSON (undefined when the body is not JSON). */
  value(): unknown {
    this.analyze();
    return this.parsedOk ? this.parsed : undefined;
  }

  /** The whole text of a view. */
  text(view: BodyView): string {
    return view === 'pretty' && this.hasPretty() ? this.formatted().text : this.raw;
  }

  /** Lines `[from, to)` of a view (0-based), without their line breaks. */
  lines(view: BodyView, from: number, to: number): string[] {
    const text = this.text(view);
    const starts = this.lineStarts(view);
    const out: string[] = [];
    const stop = Math.min(to, starts.length);
    for (let i = Math.max(0, from); i < stop; i++) {
      const start = starts[i]!;
      let end = i + 1 < starts.length ? starts[i + 1]! - 1 : text.length;
      if (end > start && text.charCodeAt(end - 1) === 0x0d) end--;
      out.push(text.slice(start, end));
    }
    return out;
  }

  /** `Resources` of a ListResponse as rows of the given columns. */
  rows(columns: readonly ColumnSpec[]): TableRow[] {
    const resources = this.resources();
    const rows: TableRow[] = new Array(resources.length);
    for (let index = 0; index < resources.length; index++) {
      const resource = resources[index];
      if (!isRecord(resource)) {
        rows[index] = { index, cells: columns.map(() => '') };
        continue;
      }
      const id = keyOf(resource, 'id');
      const meta = keyOf(resource, 'meta');
      const resourceType = isRecord(meta) ? keyOf(meta, 'resourceType') : undefined;
      const location = isRecord(meta) ? keyOf(meta, 'location') : undefined;
      rows[index] = {
        index,
        ...(typeof id === 'string' ? { id } : {}),
        ...(schemasOf(resource)[0] ? { schema: schemasOf(resource)[0] } : {}),
        ...(typeof resourceType === 'string' ? { resourceType } : {}),
        ...(typeof location === 'string' ? { location } : {}),
        cells: columns.map((column) => cellText(resource, column)),
      };
    }
    return rows;
  }

  /** The SCIM checks of this body in its exchange. */
  check(input: CheckInput): CheckReport {
    const analysis = this.analyze();
    return runChecks(analysis.kind, this.value(), input);
  }

  /** `Resources` of a ListResponse (empty for anything else). */
  resources(): unknown[] {
    const value = this.value();
    if (!isRecord(value)) return [];
    const resources = keyOf(value, 'Resources');
    return Array.isArray(resources) ? resources : [];
  }

  private hasPretty(): boolean {
    this.analyze();
    return this.parsedOk;
  }

  private formatted(): FormattedText {
    this.pretty ??= formatJson(this.raw);
    return this.pretty;
  }

  private lineStarts(view: BodyView): Uint32Array {
    if (view === 'pretty' && this.hasPretty()) return this.formatted().lineStarts;
    this.rawLines ??= lineStartsOf(this.raw);
    return this.rawLines;
  }
}
