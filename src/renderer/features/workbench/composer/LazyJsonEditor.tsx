import { lazy, Suspense } from 'react';
import type { JsonEditorProps } from '../../../monaco/JsonEditor';

const JsonEditor = lazy(() => import('../../../monaco/JsonEditor'));

/** Monaco, loaded on first use so it stays out of the first paint. */
export function LazyJsonEditor(props: JsonEditorProps) {
  return (
    <Suspense fallback={<div className="editor-loading muted small">Loading editor…</div>}>
      <JsonEditor {...props} />
    </Suspense>
  );
}
