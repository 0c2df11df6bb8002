import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { HttpExchange } from '@shared/model/exchange';
import type { RequestSpec } from '@shared/model/request-spec';
import { SchemaRegistry } from '@shared/scim';
import { useApi } from '../../app/api-context';
import { useDiscovery } from '../../stores/discovery';
import { ApiError } from '../../transport/client';
import { ResourceBar } from './actions/ResourceBar';
import type { ResourceAction, ResourceTarget } from './actions/resource-actions';
import { BodyGate } from './body/BodyGate';
import { BodyPanel, type BodyFinder } from './body/BodyPanel';
import { useResponseBody } from './body/use-response-body';
import { ChecksPanel } from './checks/ChecksPanel';
import { useChecks } from './checks/use-checks';
import { HeadersTable } from './headers/HeadersTable';
import { ErrorSummary } from './summary/ErrorSummary';
import { ResponseSummary } from './summary/ResponseSummary';
import { TimingPanel } from './summary/TimingPanel';
import { ListPanel, type OpenResourceTarget } from './table/ListPanel';
import { collectionPath } from './paging/paging-spec';
import { TabPanel, Tabs, type TabSpec } from './ui/Tabs';
import { formatCount } from './ui/format';
import './inspector.css';

export type { OpenResourceTarget } from './table/ListPanel';

// the diff brings Monaco's diff editor: loaded when Compare is first opened
const ComparePanel = lazy(async () => ({ default: (await import('./diff/ComparePanel')).ComparePanel }));

export interface ResponseInspectorProps {
  exchange: HttpExchange;
  /** the request that produced the exchange: paging, "Fetch all pages" and the checks use it */
  spec?: RequestSpec;
  /** whose schemas apply (default: the exchange's endpoint) */
  endpointId?: string;
  /** the schemas to check against (default: the endpoint's discovered registry, else RFC 7643 core) */
  registry?: SchemaRegistry;
  /** a table row was opened: the workbench opens that resource in a new tab */
  onOpenResource?(target: OpenResourceTarget): void;
  /** GET, PATCH, PUT or DELETE a resource of the response (a list row's, or the body's): the workbench opens it ready in a new tab */
  onResourceAction?(action: ResourceAction, target: ResourceTarget): void;
  /**
   * a paging control asks for another page: the workbench puts it in its request and sends it.
   * Without it, the inspector sends the page itself and shows it in place.
   */
  onSendPage?(spec: RequestSpec): void;
}

type TabId = 'body' | 'table' | 'headers' | 'checks' | 'timing' | 'compare';

let inspectorSeq = 0;

/** Everything about one response: summary, body, ListResponse table, headers, SCIM checks, timing and TLS. */
export function ResponseInspector(props: ResponseInspectorProps) {
  const client = useApi();
  const [page, setPage] = useState<{ for: HttpExchange; exchange: HttpExchange; spec: RequestSpec }>();
  const [pageBusy, setPageBusy] = useState<{ requestId: string } | undefined>();
  const [pageError, setPageError] = useState<string>();
  // a page the inspector fetched itself stands in for the exchange it was given, until a new one comes
  const own = page && page.for === props.exchange ? page : undefined;
  const exchange = own?.exchange ?? props.exchange;
  const spec = own?.spec ?? props.spec;
  const endpointId = props.endpointId ?? exchange.endpointId ?? spec?.endpointId;
  const discovery = useDiscovery(endpointId);
  const registry = props.registry ?? discovery?.registry ?? SchemaRegistry.core();
  const body = useResponseBody(exchange);
  const ready = body.state.status === 'ready' ? body.state : undefined;
  const checks = useChecks(exchange, spec, registry, ready?.body, ready?.service);
  const [selected, setSelected] = useState<TabId>();
  const idPrefix = useRef(`inspector-${++inspectorSeq}`).current;
  const finder = useRef<BodyFinder>({ pending: false }).current;

  const kind = ready?.body.analysis.kind;
  const isList = kind === 'list';
  const fallbackTab: TabId = isList ? 'table' : 'body';
  const tab: TabId = selected === 'table' && !isList ? fallbackTab : (selected ?? fallbackTab);

  useEffect(() => setPageError(undefined), [props.exchange]);

  const sendPage = useCallback(
    (next: RequestSpec) => {
      if (props.onSendPage) return props.onSendPage(next);
      const requestId = `inspector-page-${Date.now().toString(36)}-${++inspectorSeq}`;
      const forExchange = props.exchange;
      setPageBusy({ requestId });
      setPageError(undefined);
      client.call('http.send', { requestId, spec: next }).then(
        (result) => {
          setPageBusy(undefined);
          setPage({ for: forExchange, exchange: result, spec: next });
        },
        (error: unknown) => {
          setPageBusy(undefined);
          setPageError(error instanceof ApiError ? error.error.message : String(error));
        },
      );
    },
    [client, props],
  );

  const schemasNote = !endpointId
    ? undefined
    : discovery?.status === 'ready' && discovery.discovery?.usesCoreSchemas
      ? 'Checked against the RFC 7643 core schemas: this server serves no usable /Schemas.'
      : discovery?.status === 'failed'
        ? `Checked against the RFC 7643 core schemas: this server’s schemas could not be read (${discovery.error?.message ?? 'discovery failed'}).`
        : (!discovery || discovery.status === 'loading') && !props.registry
          ? 'Checked against the RFC 7643 core schemas while this server’s schemas load.'
          : undefined;

  const response = exchange.response;
  const tabs: TabSpec<TabId>[] = [
    { id: 'body', label: 'Body' },
    ...(isList ? [{ id: 'table' as const, label: 'Table', badge: formatCount(ready!.body.analysis.list!.resourceCount) }] : []),
    { id: 'headers', label: 'Headers', badge: response ? response.headers.length : 0 },
    {
      id: 'checks',
      label: 'SCIM checks',
      ...(checks
        ? checks.counts.error > 0
          ? { badge: checks.counts.error, tone: 'error' as const, ariaLabel: `SCIM checks, ${checks.counts.error} errors` }
          : checks.counts.warning > 0
            ? { badge: checks.counts.warning, tone: 'warn' as const, ariaLabel: `SCIM checks, ${checks.counts.warning} warnings` }
            : { badge: '✓', tone: 'ok' as const, ariaLabel: 'SCIM checks, no problems' }
        : {}),
    },
    { id: 'timing', label: 'Timing' },
    ...(response ? [{ id: 'compare' as const, label: 'Compare', ariaLabel: 'Compare with the previous response' }] : []),
  ];

  // Ctrl/Cmd+F anywhere in the inspector finds in the body (Monaco's find, or the find bar of the plain view)
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'f' || !response) return;
    event.preventDefault();
    if (tab === 'body' && finder.open) finder.open();
    else {
      finder.pending = true;
      setSelected('body');
    }
  };

  return (
    <section className="ins-root" aria-label="Response inspector" onKeyDown={onKeyDown}>
      <ResponseSummary exchange={exchange} onShowTiming={() => setSelected('timing')} />
      <ErrorSummary exchange={exchange} />
      {own && (
        <p className="ins-banner" role="status">
          Showing the page fetched with <code>{own.spec.path}</code>.{' '}
          <button type="button" className="btn-link" onClick={() => setPage(undefined)}>
            Back to the original response
          </button>
        </p>
      )}
      {pageBusy && (
        <p className="ins-banner" role="status" aria-busy="true">
          Loading the page…{' '}
          <button type="button" className="btn-link" onClick={() => void client.call('http.cancel', { requestId: pageBusy.requestId })}>
            Cancel
          </button>
        </p>
      )}
      {pageError && (
        <p className="ins-banner ins-banner-error" role="alert">
          The page could not be fetched: {pageError}
        </p>
      )}
      {exchange.error && (
        <div className="ins-callout ins-callout-error" role="alert">
          <strong>{response ? 'The response was not read to the end' : 'No response'}:</strong> {exchange.error.message}
          {exchange.error.hint && <p className="ins-faint">{exchange.error.hint}</p>}
        </div>
      )}
 {ready && props.onResourceAction && ready.body.analysis.kind === 'resource' && (
        <ResourceBar
          body={ready.body}
          service={ready.service}
          registry={registry}
          fallbackEndpoint={spec ? collectionPath(spec) : undefined}
          onAction={props.onResourceAction}
        />
      )}
      <Tabs<TabId> label="Response views" idPrefix={idPrefix} tabs={tabs} selected={tab} onSelect={setSelected} />
      {tab === 'body' && (
        <TabPanel idPrefix={idPrefix} id="body">
          {response ? <BodyPanel info={response.body} body={body} finder={finder} /> : <p className="ins-empty">No response arrived, so there is no body.</p>}
        </TabPanel>
      )}
      {tab === 'table' && ready && (
        <TabPanel idPrefix={idPrefix} id="table">
          <ListPanel
            body={ready.body}
            service={ready.service}
            registry={registry}
            {...(spec ? { spec } : {})}
            pageBusy={pageBusy !== undefined}
            onSendPage={sendPage}
            {...(props.onOpenResource ? { onOpenResource: props.onOpenResource } : {})}
            {...(props.onResourceAction ? { onResourceAction: props.onResourceAction } : {})}
          />
        </TabPanel>
      )}
      {tab === 'headers' && (
        <TabPanel idPrefix={idPrefix} id="headers">
          <HeadersTable response={response?.headers ?? []} request={exchange.request.headers} />
        </TabPanel>
      )}
      {tab === 'checks' && (
        <TabPanel idPrefix={idPrefix} id="checks">
          {!response ? (
            <p className="ins-empty">No response arrived, so there is nothing to check.</p>
          ) : ready ? (
            checks ? <ChecksPanel report={checks} {...(schemasNote ? { schemasNote } : {})} /> : <p className="ins-faint ins-pad">Checking…</p>
          ) : (
            <BodyGate info={response.body} body={body} what="the body and check it" />
          )}
        </TabPanel>
      )}
      {tab === 'timing' && (
        <TabPanel idPrefix={idPrefix} id="timing">
          <TimingPanel exchange={exchange} />
        </TabPanel>
      )}
      {tab === 'compare' && (
        <TabPanel idPrefix={idPrefix} id="compare">
          <Suspense fallback={<p className="ins-faint ins-pad">Loading…</p>}>
            <ComparePanel exchange={exchange} />
          </Suspense>
        </TabPanel>
      )}
    </section>
  );
}
