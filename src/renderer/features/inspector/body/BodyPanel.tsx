import { lazy, Suspense, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { BodyInfo } from '@shared/model/exchange';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { formatBytes, formatCount } from '../ui/format';
import type { BodyView, ViewLayout } from './body-document';
import { LargeTextView } from './LargeTextView';
import type { ResponseBody } from './use-response-body';
import type { OpenBody } from './load-body';
import type { BodyService } from '../worker/body-service';
import { BodyGate } from './BodyGate';
import { FindBar, type FindState } from './FindBar';
import type { BodyEditorHandle } from './MonacoBody';

const MonacoBody = lazy(() => import('./MonacoBody'));

/** Larger views go to the plain virtualized viewer: Monaco lays out its whole model on the main thread. */
export const MONACO_MAX_CHARS = 1536 * 1024;

function useViewLayout(service: BodyService, doc: string, view: BodyView): ViewLayout | undefined {
  const [layout, setLayout] = useState<{ key: string; value: ViewLayout }>();
  const key = `${doc}:${view}`;
  useEffect(() => {
    let live = true;
    void service.request({ op: 'layout', doc, view }).then((value) => live && setLayout({ key, value }));
    return () => {
      live = false;
    };
  }, [service, doc, view, key]);
  return layout?.key === key ? layout.value : undefined;
}

function useViewText(service: BodyService, doc: string, view: BodyView, enabled: boolean): string | undefined {
  const [text, setText] = useState<{ key: string; value: string }>();
  const key = `${doc}:${view}`;
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void service.request({ op: 'text', doc, view }).then((value) => live && setText({ key, value }));
    return () => {
      live = false;
    };
  }, [service, doc, view, key, enabled]);
  return text?.key === key ? text.value : undefined;
}

function CapNotice({ info }: { info: BodyInfo }) {
  const [copied, setCopied] = useState(false);
  if (info.cappedAt === undefined) return null;
  return (
    <div className="ins-callout ins-callout-warn" role="note" aria-label="Body over the size cap">
      <p>
        The body went over the {formatBytes(info.cappedAt)} size cap and was cut there: what is shown is its first {formatBytes(info.cappedAt)}, not the whole
        body, so it may not be valid JSON.
        {info.savedTo && (
          <>
            {' '}
            What arrived was saved to <code className="ins-wrap">{info.savedTo}</code>.
          </>
        )}{' '}
        Raise the body size cap in Settings to receive all of it.
      </p>
      {info.savedTo && (
        <button
          type="button"
          className="btn"
          onClick={() => {
            void navigator.clipboard?.writeText(info.savedTo!).then(() => setCopied(true));
          }}
        >
          {copied ? 'Path copied' : 'Copy file path'}
        </button>
      )}
    </div>
  );
}

/**
 * How the inspector asks the body panel to find (Ctrl/Cmd+F anywhere in it): `open` is set while a body is
 * shown; `pending` asks the next body shown to open its find at once.
 */
export interface BodyFinder {
  open?: (() => void) | undefined;
  pending: boolean;
}

function ReadyBody({ body, service, info, finder }: { body: OpenBody; service: BodyService; info: BodyInfo; finder?: BodyFinder | undefined }) {
  const { analysis, doc } = body;
  const json = analysis.json;
  const [view, setView] = useState<BodyView>(json ? 'pretty' : 'raw');
  const layout = useViewLayout(service, doc, view);
  const useMonaco = layout !== undefined && layout.length <= MONACO_MAX_CHARS;
  const text = useViewText(service, doc, view, useMonaco);
  const [copied, setCopied] = useState(false);
  const editor = useRef<BodyEditorHandle | undefined>(undefined);
  const [finding, setFinding] = useState(false);
  const [found, setFound] = useState<FindState>();
  const onFound = useCallback((state: FindState | undefined) => setFound(state), []);
  const closeFind = () => {
    setFinding(false);
    setFound(undefined);
  };

  /** Monaco's own find widget in the editor; the find bar over the plain view (a find asked before either is ready waits for it) */
  const openFind = () => {
    if (useMonaco && editor.current) editor.current.find();
    else if (layout && !useMonaco) setFinding(true);
    else if (finder) finder.pending = true;
  };
  useEffect(() => {
    if (!finder) return;
    finder.open = openFind;
    if (finder.pending && layout && (!useMonaco || editor.current)) {
      finder.pending = false;
      openFind();
    }
    return () => {
      if (finder.open === openFind) finder.open = undefined;
    };
  });
  // Ctrl/Cmd+F in the body panel (inside Monaco, Monaco answers it itself); the inspector around it does the same
  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      event.stopPropagation();
      openFind();
    }
  };

  if (analysis.kind === 'empty') return <p className="ins-empty">The response has no body.</p>;
  const label = `Response body (${view === 'pretty' ? 'formatted' : 'as received'})`;
  const plain = layout && (
    <LargeTextView service={service} doc={doc} view={view} lineCount={layout.lines} label={label} markLine={view === 'raw' ? analysis.syntaxError?.line : undefined} find={finding ? found : undefined} />
  );
  return (
    <div className="ins-body" onKeyDown={onKeyDown}>
      <div className="ins-toolbar">
        {json && (
          <div role="group" aria-label="Body view" className="ins-segmented">
            <button type="button" aria-pressed={view === 'pretty'} onClick={() => setView('pretty')}>
              Pretty
            </button>
            <button type="button" aria-pressed={view === 'raw'} onClick={() => setView('raw')}>
              Raw
            </button>
          </div>
        )}
        <span className="ins-faint">
          {layout ? `${formatCount(layout.lines)} lines · ` : ''}
          {formatBytes(info.size)}
          {info.contentType ? ` · ${info.contentType}` : ''}
        </span>
        <span className="ins-spacer" />
        <button type="button" className="btn btn-quiet" disabled={!layout} onClick={openFind} title="Find in the body (Ctrl+F / ⌘F)">
          Find
        </button>
        {useMonaco && (
          <button
            type="button"
            className="btn btn-quiet"
            disabled={text === undefined}
            onClick={() => {
              if (text !== undefined) void navigator.clipboard?.writeText(text).then(() => setCopied(true));
            }}
          >
            {copied ? 'Copied' : 'Copy body'}
          </button>
        )}
      </div>
      {body.partial === 'capped' && <CapNotice info={info} />}
      {body.partial === 'preview' && (
        <p className="ins-callout ins-callout-warn" role="note">
          Only the first {formatBytes(analysis.length)} are shown: the whole body is no longer held in memory. Send the request again to see all of it.
        </p>
      )}
      {analysis.syntaxError && body.partial === 'none' && (
        <p className="ins-callout ins-callout-error" role="alert">
          The body is not valid JSON: {analysis.syntaxError.message}
          {analysis.syntaxError.line !== undefined && ` (line ${analysis.syntaxError.line}, column ${analysis.syntaxError.column})`}.
        </p>
      )}
      {finding && !useMonaco && layout && <FindBar service={service} doc={doc} view={view} onChange={onFound} onClose={closeFind} />}
      {!layout ? (
        <p className="ins-faint ins-pad">Laying out the body…</p>
      ) : !useMonaco ? (
        plain
      ) : text === undefined ? (
        <p className="ins-faint ins-pad">Laying out the body…</p>
      ) : (
        <ErrorBoundary
          fallback={(error) => (
            <>
              <p className="ins-faint ins-pad">The editor could not load ({error.message}); showing plain text.</p>
              {plain}
            </>
          )}
        >
          <Suspense fallback={<p className="ins-faint ins-pad">Loading editor…</p>}>
            <MonacoBody
              value={text}
              language={view === 'pretty' || json ? 'json' : 'plaintext'}
              label={label}
              onReady={(handle) => {
                editor.current = handle;
                if (finder?.pending) {
                  finder.pending = false;
                  handle.find();
                }
              }}
            />
          </Suspense>
        </ErrorBoundary>
      )}
    </div>
  );
}

/** The body tab: asks before a large body, shows progress while it is read, then the body itself. */
export function BodyPanel({ info, body, finder }: { info: BodyInfo; body: ResponseBody; finder?: BodyFinder }) {
  const { state } = body;
  if (state.status !== 'ready') return <BodyGate info={info} body={body} what="the body" />;
  return <ReadyBody key={state.body.doc} body={state.body} service={state.service} info={info} finder={finder} />;
}

