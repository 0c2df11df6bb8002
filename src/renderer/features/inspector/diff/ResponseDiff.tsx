import { lazy, Suspense, useEffect, useState } from 'react';
import type { HttpExchange } from '@shared/model/exchange';
import { useApi } from '../../../app/api-context';
import { loadBody } from '../body/load-body';
import { MONACO_MAX_CHARS } from '../body/BodyPanel';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { formatBytes } from '../ui/format';
import { bodyService } from '../worker/body-service';
import '../inspector.css';

const MonacoDiff = lazy(() => import('./MonacoDiff'));

export interface DiffSide {
  /** what it is, e.g. "12:03:11 · 200 OK" */
  label: string;
  exchange: HttpExchange;
}

type Loaded = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; before: string; after: string; json: boolean; partial: boolean };

function statusOf(exchange: HttpExchange): string {
  return exchange.response ? `${exchange.response.status} ${exchange.response.statusText}`.trim() : `no response (${exchange.error?.kind ?? 'failed'})`;
}

/** Both bodies, formatted when JSON (so a diff shows changed values, not changed spacing), read off the main thread. */
function useBothBodies(before: HttpExchange, after: HttpExchange): Loaded {
  const client = useApi();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    const docs: string[] = [];
    setLoaded({ status: 'loading' });
    void (async () => {
      const service = await bodyService();
      const read = async (exchange: HttpExchange) => {
        const body = exchange.response?.body;
        if (!body) return { text: '', json: false, partial: false };
        const opened = await loadBody(client, service, body);
        docs.push(opened.doc);
        const view = opened.analysis.json ? 'pretty' : 'raw';
        return { text: await service.request({ op: 'text', doc: opened.doc, view }), json: opened.analysis.json, partial: opened.partial !== 'none' };
      };
      try {
        const [a, b] = await Promise.all([read(before), read(after)]);
        if (live) setLoaded({ status: 'ready', before: a.text, after: b.text, json: a.json && b.json, partial: a.partial || b.partial });
      } catch (error) {
        if (live) setLoaded({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      } finally {
        for (const doc of docs) void service.request({ op: 'close', doc }).catch(() => undefined);
      }
    })();
    return () => {
      live = false;
    };
  }, [client, before, after]);
  return loaded;
}

/** Two responses side by side (or inline): status, size, and the bodies in Monaco's diff editor. */
export function ResponseDiff({ before, after }: { before: DiffSide; after: DiffSide }) {
  const loaded = useBothBodies(before.exchange, after.exchange);
  const [sideBySide, setSideBySide] = useState(true);
  const [changes, setChanges] = useState<number>();
  const sizeOf = (e: HttpExchange) => formatBytes(e.response?.body.size ?? 0);
  return (
    <div className="ins-diff">
      <div className="ins-toolbar ins-diff-head">
        <span className="ins-diff-side" data-testid="diff-before">
          <span className="ins-faint">Before</span> {before.label} · {statusOf(before.exchange)} · {sizeOf(before.exchange)}
        </span>
        <span aria-hidden="true">→</span>
        <span className="ins-diff-side" data-testid="diff-after">
          <span className="ins-faint">After</span> {after.label} · {statusOf(after.exchange)} · {sizeOf(after.exchange)}
        </span>
        <span className="ins-spacer" />
        {loaded.status === 'ready' && (
          <span className="ins-faint" aria-live="polite" data-testid="diff-changes">
            {loaded.before === loaded.after ? 'The bodies are the same' : changes === undefined ? '' : `${changes} change${changes === 1 ? '' : 's'}`}
          </span>
        )}
        <div role="group" aria-label="Diff layout" className="ins-segmented">
          <button type="button" aria-pressed={sideBySide} onClick={() => setSideBySide(true)}>
            Side by side
          </button>
          <button type="button" aria-pressed={!sideBySide} onClick={() => setSideBySide(false)}>
            Inline
          </button>
        </div>
      </div>
      {loaded.status === 'loading' && <p className="ins-faint ins-pad">Reading both bodies…</p>}
      {loaded.status === 'failed' && (
        <p className="ins-callout ins-callout-error" role="alert">
          The bodies could not be read: {loaded.message}
        </p>
      )}
      {loaded.status === 'ready' &&
        (loaded.before.length > MONACO_MAX_CHARS || loaded.after.length > MONACO_MAX_CHARS ? (
          <p className="ins-callout ins-callout-warn" role="note">
            These bodies are too large to compare here (over {formatBytes(MONACO_MAX_CHARS)} formatted). Export both and compare them with a diff tool.
          </p>
        ) : (
          <>
            {loaded.partial && (
              <p className="ins-callout ins-callout-warn" role="note">
                Only the part of a body still held is compared.
              </p>
            )}
            <ErrorBoundary fallback={(error) => <p className="ins-faint ins-pad">The diff editor could not load ({error.message}).</p>}>
              <Suspense fallback={<p className="ins-faint ins-pad">Loading the diff editor…</p>}>
                <MonacoDiff
                  original={loaded.before}
                  modified={loaded.after}
                  language={loaded.json ? 'json' : 'plaintext'}
                  sideBySide={sideBySide}
                  label={`Differences between the ${before.label} and the ${after.label} response bodies`}
                  onChanges={setChanges}
                />
              </Suspense>
            </ErrorBoundary>
          </>
        ))}
    </div>
  );
}
