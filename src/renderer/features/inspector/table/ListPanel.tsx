import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RequestSpec } from '@shared/model/request-spec';
import type { SchemaRegistry } from '@shared/scim';
import { useApi } from '../../../app/api-context';
import type { TableRow, TableSummary } from './table-model';
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
import { ListTable, type RowAction, type SortState } from './ListTable';
import { RESOURCE_ACTIONS, type ResourceAction, type ResourceTarget } from '../actions/resource-actions';

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
  /** a row's GET, PATCH, PUT or DELETE button */
  onResourceAction?(action: ResourceAction, target: ResourceTarget): void;
}

interface FetchAllRun {
  controller: AbortController;
  report: FetchAllReport;
}

let tableSeq = 0;

/** A ListResponse as a table, with paging controls and "Fetch all pages". */
export function ListPanel({ body, service, registry, spec, pageBusy, onSendPage, onOpenResource, onResourceAction }: ListPanelProps) {
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

  const [run, setRun] = useState<FetchAllRun>();
  const [sort, setSort] = useState<SortState>();
  const [quickFilter, setQuickFilter] = useState('');
  const [filter, setFilter] = useState('');
  const runRef = useRef<FetchAllRun | undefined>(undefined);
  useEffect(() => {
    runRef.current = run;
  }, [run]);
  const tableId = useRef(`table-${++tableSeq}`).current;
  const [table, setTable] = useState<{ version: string; summary: TableSummary }>();

  // the quick filter applies once typing pauses
  useEffect(() => {
    const timer = setTimeout(() => setFilter(quickFilter), 150);
    return () => clearTimeout(timer);
  }, [quickFilter]);

  const finished = run && run.report.state !== 'running' && run.report.pages.length > 0 ? run : undefined;
  const docs = useMemo(() => (finished ? finished.report.pages.map((p) => p.doc) : [body.doc]), [finished, body.doc]);
  const sortColumn = sort ? columns.findIndex((c) => c.key === sort.key) : -1;
  useEffect(() => {
    let live = true;
    const request = { op: 'table' as const, table: tableId, docs, columns, filter, ...(sort && sortColumn >= 0 ? { sort: { column: sortColumn, direction: sort.direction } } : {}) };
    service.request(request).then(
      (summary) => live && setTable({ version: `${docs.join(',')}|${columnsKey}|${filter}|${sortColumn}|${sort?.direction ?? ''}|${++tableSeq}`, summary }),
      () => undefined,
    );
    return () => {
      live = false;
    };
    // columnsKey stands for columns
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [service, tableId, docs, columnsKey, filter, sort, sortColumn]);
  useEffect(() => () => void service.request({ op: 'closeTable', table: tableId }).catch(() => undefined), [service, tableId]);
  const fetchRows = useCallback((from: number, to: number) => service.request({ op: 'tableWindow', table: tableId, from, to }), [service, tableId]);

  const discard = useCallback(() => {
    const current = runRef.current;
    if (!current) return;
    current.controller.abort();
    for (const page of current.report.pages) void service.request({ op: 'close', doc: page.doc }).catch(() => undefined);
    runRef.current = undefined;
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
      report: { state: 'running', mode, pages: [], fetched: 0, totalsSeen: [], uniqueIds: 0, duplicates: [], moreDuplicates: 0, withoutId: 0, problems: [], ...(list.totalResults !== undefined ? { totalResults: list.totalResults } : {}) },
    };
    runRef.current = initial;
    setRun(initial);
    const update = (report: FetchAllReport) => setRun((r) => (r && r.controller === controller ? { ...r, report } : r));
    void fetchAllPages({ client, service, spec, mode, ...(count !== undefined ? { count } : {}), signal: controller.signal, onUpdate: update }).then(update);
  };

  const onSort = (key: string) =>
    setSort((s) => (s?.key !== key ? { key, direction: 'ascending' } : s.direction === 'ascending' ? { key, direction: 'descending' } : undefined));

  const targetOf = (row: TableRow): OpenResourceTarget | undefined => {
    if (!row.id) return undefined;
    const rt = (row.schema && registry.resourceTypes.find((r) => r.schema.toLowerCase() === row.schema!.toLowerCase())) || (row.resourceType && registry.resourceType(row.resourceType)) || resourceType;
    const endpoint = rt?.endpoint ?? (spec ? collectionPath(spec) : '/');
    return { resourceTypeEndpoint: endpoint, id: row.id, ...(row.location ? { location: row.location } : {}) };
  };
  const open = onOpenResource
    ? (row: TableRow) => {
        const target = targetOf(row);
        if (target) onOpenResource(target);
      }
    : undefined;
  const rowActions: RowAction[] | undefined = onResourceAction
    ? RESOURCE_ACTIONS.map(({ action, method, label }) => ({
        key: action,
        text: method,
        label,
        run: (row: TableRow) => {
          const target = targetOf(row);
          if (target) onResourceAction(action, target);
        },
      }))
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
      {table === undefined ? (
        <p className="ins-faint ins-pad">Reading the resources…</p>
      ) : table.summary.total === 0 ? (
        <p className="ins-empty">The list is empty{list.totalResults ? ` on this page (totalResults is ${formatCount(list.totalResults)})` : ''}.</p>
      ) : (
        <ListTable
          label={`${resourceType?.name ?? 'Resources'}${finished ? ' (all pages)' : ''}`}
          columns={columns}
          rowCount={table.summary.shown}
          fetchRows={fetchRows}
          version={table.version}
          sort={sort}
          onSort={onSort}
          onOpen={open}
          openHint="Open in a new tab"
          {...(rowActions ? { rowActions } : {})}
        />
      )}
      {filter && table && (
        <p className="ins-faint ins-pad-x" aria-live="polite">
          {formatCount(table.summary.shown)} of {formatCount(table.summary.total)} rows match “{filter}”.
        </p>
      )}
    </div>
  );
}
