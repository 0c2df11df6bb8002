import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RequestSpec } from '@shared/model/request-spec';
import type { SchemaRegistry } from '@shared/scim';
import { useApi } from '../../../app/api-context';
import type { TableRow } from '../body/body-document';
import type { OpenBody } from '../body/load-body';
import { fetchAllPages, type FetchAllReport, type PagingMode } from '../paging/fetch-all';
import { FetchAllStatus } from '../paging/FetchAllStatus';
import { PagingBar } from '../paging/PagingBar';
import { collectionPath, pagingOf } from '../paging/paging-spec';
import { formatCount } from '../ui/format';
import type { BodyService } from '../worker/body-service';
import { ColumnPicker } from './ColumnPicker';
import { chooseColumns, type ColumnSpec } from './columns';
import { useColumnPrefs } from './column-prefs';
import { ListTable, type SortState } from './ListTable';

/** What a click on a table row asks the workbench to open. */
export interface OpenResourceTarget {
  /** the resource type's endpoint, e.g. `/Users` */
  resourceTypeEndpoint: string;
  id: string;
  /** `meta.location`, when the server gave one */
  location?: string;
}

interface ListPanelProps {
  body: OpenBody;
  service: BodyService;
  registry: SchemaRegistry;
  spec?: RequestSpec;
  pageBusy: boolean;
  onSendPage(spec: RequestSpec): void;
  onOpenResource?(target: OpenResourceTarget): void;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

interface FetchAllRun {
  controller: AbortController;
  report: FetchAllReport;
  /** column keys the report's rows were made with */
  columnsKey: string;
}

/** A ListResponse as a table, with paging controls and "Fetch all pages". */
export function ListPanel({ body, service, registry, spec, pageBusy, onSendPage, onOpenResource }: ListPanelProps) {
  const client = useApi();
  const list = body.analysis.list!;
  const resourceType = useMemo(() => {
    const bySchema = list.firstSchema ? registry.resourceTypes.find((rt) => rt.schema.toLowerCase() === list.firstSchema!.toLowerCase()) : undefined;
    return bySchema ?? (list.firstResourceType ? registry.resourceType(list.firstResourceType) : undefined) ?? (spec ? registry.resourceType(collectionPath(spec)) : undefined);
  }, [registry, list, spec]);
  const choice = useMemo(() => chooseColumns(registry, resourceType), [registry, resourceType]);
  const typeKey = resourceType?.name ?? '(unknown)';
  const picked = useColumnPrefs((s) => s.byType[typeKey.toLowerCase()]);
  const chooseKeys = useColumnPrefs((s) => s.choose);
  const resetKeys = useColumnPrefs((s) => s.reset);
  const columns: ColumnSpec[] = useMemo(() => {
    const keys = picked?.length ? picked : choice.defaults;
    const byKey = new Map(choice.available.map((c) => [c.key, c]));
    const chosen = keys.map((k) => byKey.get(k)).filter((c): c is ColumnSpec => c !== undefined);
    return chosen.length ? chosen : choice.defaults.map((k) => byKey.get(k)!).filter(Boolean);
  }, [picked, choice]);
  const columnsKey = columns.map((c) => c.key).join('\n');

  const [pageRows, setPageRows] = useState<TableRow[]>();
  const [run, setRun] = useState<FetchAllRun>();
  const [sort, setSort] = useState<SortState>();
  const [quickFilter, setQuickFilter] = useState('');
  const runRef = useRef<FetchAllRun | undefined>(undefined);
  runRef.current = run;

  useEffect(() => {
    let live = true;
    void service.request({ op: 'rows', doc: body.doc, columns }).then((rows) => live && setPageRows(rows));
    return () => {
      live = false;
    };
    // columnsKey stands for columns
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [service, body.doc, columnsKey]);

  // after "Fetch all pages", other columns are read again from every page the worker still holds
  useEffect(() => {
    if (!run || run.report.state === 'running' || run.columnsKey === columnsKey) return;
    let live = true;
    void (async () => {
      const rows: TableRow[] = [];
      for (const page of run.report.pages) {
        const pageRows = await service.request({ op: 'rows', doc: page.doc, columns });
        for (const row of pageRows) rows.push({ ...row, index: rows.length });
      }
      if (live) setRun((r) => (r === run ? { ...r, columnsKey, report: { ...r.report, rows } } : r));
    })();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run, columnsKey, service]);

  const discard = useCallback(() => {
    const current = runRef.current;
    if (!current) return;
    current.controller.abort();
    for (const page of current.report.pages) void service.request({ op: 'close', doc: page.doc }).catch(() => undefined);
    setRun(undefined);
  }, [service]);
  useEffect(() => discard, [discard, body.doc]);

  const mode: PagingMode = (spec && pagingOf(spec).cursor !== undefined) || list.nextCursor || list.previousCursor ? 'cursor' : 'index';
  const startFetchAll = () => {
    if (!spec) return;
    discard();
    const controller = new AbortController();
    const asked = pagingOf(spec).count;
    const count = asked ?? (list.itemsPerPage && list.totalResults !== undefined && list.itemsPerPage < list.totalResults ? list.itemsPerPage : undefined);
    const initial: FetchAllRun = {
      controller,
      columnsKey,
      report: { state: 'running', mode, pages: [], rows: [], totalsSeen: [], uniqueIds: 0, duplicates: [], moreDuplicates: 0, withoutId: 0, problems: [], ...(list.totalResults !== undefined ? { totalResults: list.totalResults } : {}) },
    };
    setRun(initial);
    const update = (report: FetchAllReport) => setRun((r) => (r && r.controller === controller ? { ...r, report } : r));
    void fetchAllPages({ client, service, spec, mode, ...(count !== undefined ? { count } : {}), columns, signal: controller.signal, onUpdate: update }).then(update);
  };

  const baseRows = useMemo(() => (run ? (run.columnsKey === columnsKey ? run.report.rows : []) : pageRows), [run, columnsKey, pageRows]);
  const shownRows = useMemo(() => {
    if (!baseRows) return undefined;
    const needle = quickFilter.trim().toLowerCase();
    let rows = needle ? baseRows.filter((r) => r.cells.some((c) => c.toLowerCase().includes(needle)) || r.id?.toLowerCase().includes(needle)) : baseRows;
    if (sort) {
      const at = columns.findIndex((c) => c.key === sort.key);
      if (at >= 0) {
        const sign = sort.direction === 'ascending' ? 1 : -1;
        rows = [...rows].sort((a, b) => sign * collator.compare(a.cells[at] ?? '', b.cells[at] ?? ''));
      }
    }
    return rows;
  }, [baseRows, quickFilter, sort, columns]);

  const onSort = (key: string) =>
    setSort((s) => (s?.key !== key ? { key, direction: 'ascending' } : s.direction === 'ascending' ? { key, direction: 'descending' } : undefined));

  const open = onOpenResource
    ? (row: TableRow) => {
        if (!row.id) return;
        const rt = (row.schema && registry.resourceTypes.find((r) => r.schema.toLowerCase() === row.schema!.toLowerCase())) || (row.resourceType && registry.resourceType(row.resourceType)) || resourceType;
        const endpoint = rt?.endpoint ?? (spec ? collectionPath(spec) : '/');
        onOpenResource({ resourceTypeEndpoint: endpoint, id: row.id, ...(row.location ? { location: row.location } : {}) });
      }
    : undefined;

  const running = run?.report.state === 'running';
  return (
    <div className="ins-list">
      <div className="ins-toolbar">
        {!run && <PagingBar list={list} mode={mode} spec={spec} busy={pageBusy} onSendPage={onSendPage} />}
        <span className="ins-spacer" />
        <input type="search" className="ins-input ins-input-small" placeholder="Filter rows" aria-label="Filter rows" value={quickFilter} onChange={(e) => setQuickFilter(e.target.value)} />
        <ColumnPicker available={choice.available} chosen={columns.map((c) => c.key)} onChange={(keys) => chooseKeys(typeKey, keys)} onReset={() => resetKeys(typeKey)} />
        <button type="button" className="btn" disabled={!spec || running || pageBusy} onClick={startFetchAll} title={spec ? undefined : 'The request that produced this list is not known'}>
          Fetch all pages
        </button>
      </div>
      {run && <FetchAllStatus report={run.report} onCancel={() => run.controller.abort()} onDiscard={discard} />}
      {shownRows === undefined ? (
        <p className="ins-faint ins-pad">Reading the resources…</p>
      ) : list.resourceCount === 0 && !run ? (
        <p className="ins-empty">The list is empty{list.totalResults ? ` on this page (totalResults is ${formatCount(list.totalResults)})` : ''}.</p>
      ) : (
        <ListTable
          label={`${resourceType?.name ?? 'Resources'}${run ? ' (all pages)' : ''}`}
          columns={columns}
          rows={shownRows}
          sort={sort}
          onSort={onSort}
          onOpen={open}
          openHint="Open in a new tab"
        />
      )}
      {quickFilter && shownRows && baseRows && (
        <p className="ins-faint ins-pad-x" aria-live="polite">
          {formatCount(shownRows.length)} of {formatCount(baseRows.length)} rows match “{quickFilter}”.
        </p>
      )}
    </div>
  );
}
