import type { BodyAnalysis, BodyView, TableRow } from '../body/body-document';
import type { ColumnSpec } from '../table/columns';
import type { CheckInput, CheckReport } from '../checks/run-checks';

/** Where a body comes from: text already in the page, or a URL the worker streams itself. */
export type BodySource = { kind: 'text'; text: string; contentType?: string } | { kind: 'url'; url: string; contentType?: string };

/** Requests to the body worker; each names the document it is about. */
export type BodyRequest =
  | { op: 'open'; doc: string; source: BodySource }
  /** start a document fed piece by piece with `append`, finished by `end` */
  | { op: 'begin'; doc: string; contentType?: string }
  | { op: 'append'; doc: string; text: string }
  | { op: 'end'; doc: string }
  | { op: 'text'; doc: string; view: BodyView }
  | { op: 'lines'; doc: string; view: BodyView; from: number; to: number }
  | { op: 'rows'; doc: string; columns: ColumnSpec[] }
  | { op: 'check'; doc: string; input: CheckInput }
  | { op: 'close'; doc: string };

export interface BodyAnswers {
  open: BodyAnalysis;
  begin: null;
  append: null;
  end: BodyAnalysis;
  text: string;
  lines: string[];
  rows: TableRow[];
  check: CheckReport;
  close: null;
}

export type WorkerMessage =
  | { seq: number; ok: true; value: unknown }
  | { seq: number; ok: false; message: string }
  | { progress: string; received: number; total?: number };
