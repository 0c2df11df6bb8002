import { useConformance } from '../../stores/conformance';
import { CompareView } from './CompareView';
import { RunForm } from './RunForm';
import { RunResults } from './RunResults';
import '../history/history.css';
import './conformance.css';

/** The main pane of the Conformance view: a new run (or the one in progress), a kept run, or a comparison. */
export function ConformanceView() {
  const page = useConformance((s) => s.page);
  const run = useConformance((s) => s.run);
  const comparison = useConformance((s) => s.comparison);
  const error = useConformance((s) => s.pageError);

  if (error && page.kind !== 'new') {
    return (
      <div className="page">
        <div className="callout callout-error" role="alert">
          {error.message}
        </div>
      </div>
    );
  }
  if (page.kind === 'run') return run && run.runId === page.runId ? <RunResults key={run.runId} run={run} /> : <div className="page muted">Loading the run…</div>;
  if (page.kind === 'compare') return comparison ? <CompareView comparison={comparison} /> : <div className="page muted">Comparing…</div>;
  return <RunForm />;
}
