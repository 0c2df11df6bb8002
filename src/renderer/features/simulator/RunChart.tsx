import type { RunReport } from '@shared/idp';

const W = 640;
const H = 180;
const PAD = { left: 44, right: 44, top: 12, bottom: 26 };

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((s) => s * power >= value)!;
  return step * power;
}

/**
 * Requests per second (bars, left axis) and latency (median and slowest per second, lines, right axis)
 * over the run, with the target rate as a dashed line: plain SVG, readable at a glance.
 */
export function RunChart({ report }: { report: RunReport }) {
  const series = report.stats.series;
  if (series.length === 0) return <p className="muted small">No requests were sent.</p>;
  const seconds = series.length;
  const rateMax = niceMax(Math.max(report.settings.rate, ...series.map((p) => p.requests)));
  const latencyMax = niceMax(Math.max(...series.map((p) => p.max)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (second: number) => PAD.left + (second / seconds) * plotW;
  const barW = Math.max(1, plotW / seconds - 1);
  const yRate = (v: number) => PAD.top + plotH - (v / rateMax) * plotH;
  const yLatency = (v: number) => PAD.top + plotH - (v / latencyMax) * plotH;
  const line = (pick: (p: (typeof series)[number]) => number) => series.map((p, i) => `${i === 0 ? 'M' : 'L'}${(x(p.second) + barW / 2).toFixed(1)},${yLatency(pick(p)).toFixed(1)}`).join(' ');
  const description = `${report.stats.requests} requests over ${seconds} s; ${report.stats.achievedRate} requests/s achieved${report.settings.rate ? ` against ${report.settings.rate} targeted` : ' (unpaced)'}; median latency ${report.stats.latency.p50} ms, slowest ${report.stats.latency.max} ms.`;
  return (
    <figure className="sim-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Rate and latency over the run: ${description}`}>
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} className="sim-axis" />
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + plotH * (1 - f)} y2={PAD.top + plotH * (1 - f)} className="sim-grid-line" />
            <text x={PAD.left - 6} y={PAD.top + plotH * (1 - f) + 4} textAnchor="end" className="sim-tick">
              {Math.round(rateMax * f)}
            </text>
            <text x={W - PAD.right + 6} y={PAD.top + plotH * (1 - f) + 4} className="sim-tick">
              {Math.round(latencyMax * f)}
            </text>
          </g>
        ))}
        {series.map((p) => (
          <rect key={p.second} x={x(p.second)} y={yRate(p.requests)} width={barW} height={PAD.top + plotH - yRate(p.requests)} className={p.errors ? 'sim-bar sim-bar-error' : 'sim-bar'}>
            <title>{`second ${p.second}: ${p.requests} requests${p.errors ? `, ${p.errors} errors` : ''}; median ${p.p50} ms, slowest ${p.max} ms`}</title>
          </rect>
        ))}
        {report.settings.rate > 0 && <line x1={PAD.left} x2={W - PAD.right} y1={yRate(report.settings.rate)} y2={yRate(report.settings.rate)} className="sim-target" />}
        <path d={line((p) => p.max)} className="sim-line-max" />
        <path d={line((p) => p.p50)} className="sim-line-p50" />
        <text x={PAD.left} y={H - 6} className="sim-tick">
          0 s
        </text>
        <text x={W - PAD.right} y={H - 6} textAnchor="end" className="sim-tick">
          {seconds} s
        </text>
        <text x={PAD.left - 6} y={PAD.top - 2} textAnchor="end" className="sim-tick">
          req/s
        </text>
        <text x={W - PAD.right + 6} y={PAD.top - 2} className="sim-tick">
          ms
        </text>
      </svg>
      <figcaption className="muted small">
        <span className="sim-key sim-key-bar" /> requests per second{report.settings.rate ? <> (<span className="sim-key sim-key-target" /> target {report.settings.rate}/s)</> : null} · <span className="sim-key sim-key-p50" /> median latency ·{' '}
        <span className="sim-key sim-key-max" /> slowest · {description}
      </figcaption>
    </figure>
  );
}
