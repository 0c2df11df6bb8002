import { lazy, Suspense } from 'react';
import type { RequestSpec } from '@shared/model/request-spec';
import type { SchemaRegistry } from '@shared/scim';
import type { TabRuntime } from '../../stores/runtime';
import type { OpenResourceTarget } from '../inspector/ResponseInspector';
import type { ResourceAction, ResourceTarget } from '../inspector/actions/resource-actions';

// the inspector is needed once there is a response: it loads then, not with the first paint
const ResponseInspector = lazy(async () => ({ default: (await import('../inspector/ResponseInspector')).ResponseInspector }));

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface ResponseAreaProps {
  runtime: TabRuntime;
  endpointId: string | undefined;
  /** the name of the endpoint the tab sends to now */
  endpointName?: string | undefined;
  registry: SchemaRegistry;
  onOpenResource(target: OpenResourceTarget): void;
  onResourceAction(action: ResourceAction, target: ResourceTarget): void;
  onSendPage(spec: RequestSpec): void;
}

/** The response half of a tab: the inspector once there is an answer, else what to do or what is happening. */
export function ResponseArea({ runtime, endpointId, endpointName, registry, onOpenResource, onResourceAction, onSendPage }: ResponseAreaProps) {
  if (runtime.sending) {
    const p = runtime.sending.progress;
    return (
      <div className="response-empty" role="status" aria-busy="true">
        <p>Waiting for the answer…{p ? ` ${p.phase}${p.receivedBytes ? `, ${size(p.receivedBytes)}` : ''}` : ''}</p>
        <p className="muted small">
          <kbd>Esc</kbd> cancels.
        </p>
      </div>
    );
  }
  if (!runtime.exchange) {
    return (
      <div className="response-empty">
        <p>Send the request to see the response here.</p>
        <p className="muted small">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> (<kbd>⌘</kbd>+<kbd>Enter</kbd>) sends from anywhere in the request.
        </p>
      </div>
    );
  }
  const from = runtime.exchange.endpointId;
  const elsewhere = from !== undefined && endpointId !== undefined && from !== endpointId;
  return (
    <>
      {elsewhere && (
        <p className="response-other-endpoint" role="note" aria-label="Response from another endpoint">
          ⚠ This response came from <strong>{runtime.exchange.endpointName ?? 'another endpoint'}</strong>; the tab now sends to <strong>{endpointName ?? 'another endpoint'}</strong>. Send again
          to see this endpoint’s answer.
        </p>
      )}
      <Suspense fallback={<p className="response-empty muted">Opening the response…</p>}>
        <ResponseInspector
          exchange={runtime.exchange}
          {...(runtime.sentSpec ? { spec: runtime.sentSpec } : {})}
          {...(elsewhere ? { endpointId: from } : endpointId ? { endpointId } : {})}
          {...(elsewhere ? {} : { registry })}
          onOpenResource={onOpenResource}
          onResourceAction={onResourceAction}
          onSendPage={onSendPage}
        />
      </Suspense>
    </>
  );
}
