import type { BodyAnalysis, BodyView, FindResult, ViewLayout } from '../body/body-document';
import type { ColumnSpec } from '../table/columns';
import type { TableRow, TableSort, TableSummary } from '../table/table-model';
import type { CheckInput, CheckReport } from '@shared/scim/checks/response/run';

/** Where a body comes from: text already in the page, or a URL the worker streams itself. */
export type BodySource = { kind: 'text'; text: string; contentType?: string } | { kind: 'url'; url: string; contentType?: string };

/** Requests to the body worker; each names the document (or table) it is about. */
export type BodyRequest =
  | { op: 'open'; doc: string; source: BodySource }
  /** start a document fed piece by piece with `append`, finished by `end` */
  | { op: 'begin'; doc: string; contentType?: string }
  | { op: 'append'; doc: string; text: string }
  | { op: 'end'; doc: string }
  | { op: 'layout'; doc: string; view: BodyView }
  | { op: 'text'; doc: string; view: BodyView }
  | { op: 'lines'; doc: string; view: BodyView; from: number; to: number }
  | { op: 'ids'; doc: string }
  /** where a text occurs in a view (any case), for the find bar */
  | { op: 'find'; doc: string; view: BodyView; query: string; limit: number }
  | { op: 'check'; doc: string; input: CheckInput }
  | { op: 'close'; doc: string }
  /** (re)builds a table over the resources of some ListResponse documents, filtered and sorted */
  | { op: 'table'; table: string; docs: string[]; columns: ColumnSpec[]; filter: string; sort?: TableSort }
  | { op: 'tableWindow'; table: string; from: number; to: number }
  | { op: 'closeTable'; table: string };

export interface BodyAnswers {
  open: BodyAnalysis;
  begin: null;
  append: null;
  end: BodyAnalysis;
  layout: ViewLayout;
  text: string;
  lines: string[];
  ids: (string | null)[];
  find: FindResult;
  check: CheckReport;
  close: null;
  table: TableSummary;
  tableWindow: TableRow[];
  closeTable: null;
}

export type WorkerMessage =
  | { seq: number; ok: true; value: unknown }
  | { seq: number; ok: false; message: string }
  | { progress: string; received: number; total?: number };
