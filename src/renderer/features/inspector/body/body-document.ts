import { describeJsonError, formatParsedJson, lineStartsOf, type FormattedText, type JsonSyntaxError } from './json-format';
import { isRecord, keyOf, schemasOf } from './json-access';
import { listInfo, type ListInfo } from './list-info';

export type BodyKind = 'empty' | 'list' | 'error' | 'resource' | 'json' | 'text';
export type BodyView = 'pretty' | 'raw';

/** What is known about a body once it has been read and parsed (laying it out comes later, on demand). */
export interface BodyAnalysis {
  kind: BodyKind;
  /** characters of the raw text */
  length: number;
  /** `JSON.parse` failed on text that looked like JSON */
  syntaxError?: JsonSyntaxError;
  /** the body parsed as JSON, so it has a pretty view */
  json: boolean;
  list?: ListInfo;
}

/** One place a search found in a view: 0-based line, and the column and length in that line. */
export interface FindMatch {
  line: number;
  column: number;
  length: number;
}

export interface FindResult {
  matches: FindMatch[];
  /** more matches than `limit` were there */
  more: boolean;
}

/** A view's size, known once it is laid out. */
export interface ViewLayout {
  length: number;
  lines: number;
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
 * parsed once, laid out once per view when a view is asked for, asked for line windows and resources.
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
    const base = { length: text.length, json: false };
    if (text.trim() === '') return (this.analysis = { kind: 'empty', ...base });
    if (!looksLikeJson(text, this.contentType)) return (this.analysis = { kind: 'text', ...base });
    try {
      this.parsed = JSON.parse(text);
      this.parsedOk = true;
    } catch (error) {
      return (this.analysis = { kind: 'text', ...base, syntaxError: describeJsonError(error, text) });
    }
    const kind = kindOf(this.parsed);
    return (this.analysis = { kind, ...base, json: true, ...(kind === 'list' && isRecord(this.parsed) ? { list: listInfo(this.parsed) } : {}) });
  }

  /** The parsed JSON (undefined when the body is not JSON). */
  value(): unknown {
    this.analyze();
    return this.parsedOk ? this.parsed : undefined;
  }

  /** Lays a view out (once) and says how big it is. */
  layout(view: BodyView): ViewLayout {
    return { length: this.text(view).length, lines: this.lineStarts(view).length };
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

  /** Where `query` occurs in a view, ignoring case, in order; at most `limit` places. */
  find(view: BodyView, query: string, limit: number): FindResult {
    if (query === '') return { matches: [], more: false };
    const text = this.text(view);
    const starts = this.lineStarts(view);
    const pattern = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
    const matches: FindMatch[] = [];
    let line = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (matches.length === limit) return { matches, more: true };
      // lines only move forward: advance from the last one (binary search would restart each time)
      while (line + 1 < starts.length && starts[line + 1]! <= m.index) line++;
      matches.push({ line, column: m.index - starts[line]!, length: m[0].length });
      if (m[0].length === 0) pattern.lastIndex++;
    }
    return { matches, more: false };
  }

  /** `Resources` of a ListResponse (empty for anything else). */
  resources(): unknown[] {
    const value = this.value();
    if (!isRecord(value)) return [];
    const resources = keyOf(value, 'Resources');
    return Array.isArray(resources) ? resources : [];
  }

  /** The `id` of each resource of a ListResponse (null where a resource has no string id). */
  ids(): (string | null)[] {
    return this.resources().map((r) => {
      const id = isRecord(r) ? keyOf(r, 'id') : undefined;
      return typeof id === 'string' ? id : null;
    });
  }

  private hasPretty(): boolean {
    this.analyze();
    return this.parsedOk;
  }

  private formatted(): FormattedText {
    this.pretty ??= formatParsedJson(this.raw, this.parsed);
    return this.pretty;
  }

  private lineStarts(view: BodyView): Uint32Array {
    if (view === 'pretty' && this.hasPretty()) return this.formatted().lineStarts;
    this.rawLines ??= lineStartsOf(this.raw);
    return this.rawLines;
  }
}
