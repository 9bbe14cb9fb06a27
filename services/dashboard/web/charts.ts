/// <reference lib="dom" />
// Chart.js charts as preact components: a line/bar chart and a heatmap (chartjs-chart-matrix).
// Each component keeps its chart and updates its data in place, so polling does not flicker.

import { Chart, registerables, type ChartConfiguration } from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { html } from 'htm/preact';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(...registerables, MatrixController, MatrixElement);

export function ChartView(props: { config: () => ChartConfiguration; deps: unknown; height?: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart>();
  useEffect(() => {
    const next = props.config();
    if (!chart.current) chart.current = new Chart(canvas.current!, { ...next, options: { animation: false, maintainAspectRatio: false, ...next.options } });
    else {
      chart.current.data = next.data;
      chart.current.update('none');
    }
  }, [props.deps]);
  useEffect(() => () => chart.current?.destroy(), []);
  return html`<div style=${`position:relative;height:${props.height ?? 220}px`}><canvas ref=${canvas} aria-label=${props.label} role="img"></canvas></div>`;
}

/** Blue-white-red for a signed field component, symmetric about zero. */
function diverging(v: number, max: number): string {
  const t = Math.max(-1, Math.min(1, v / (max || 1)));
  const a = Math.round(255 * (1 - Math.abs(t)));
  return t >= 0 ? `rgb(255,${a},${a})` : `rgb(${a},${a},255)`;
}

export function Heatmap(props: { title: string; values: number[]; axial: number; circumferential: number }) {
  const { values, axial, circumferential } = props;
  const max = values.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0);
  const config = (): ChartConfiguration => ({
    type: 'matrix',
    data: {
      datasets: [{
        label: props.title,
        data: values.map((v, i) => ({ x: i % circumferential, y: Math.floor(i / circumferential), v })),
        backgroundColor: (c: { raw?: unknown }) => diverging((c.raw as { v: number } | undefined)?.v ?? 0, max),
        width: ({ chart }: { chart: Chart }) => (chart.chartArea?.width ?? 0) / circumferential,
        height: ({ chart }: { chart: Chart }) => (chart.chartArea?.height ?? 0) / axial,
      }],
    },
    options: {
      plugins: { legend: { display: false }, title: { display: true, text: `${props.title}  (±${(max * 1e3).toFixed(3)} mT)` }, tooltip: { enabled: false } },
      scales: {
        x: { type: 'linear', min: -0.5, max: circumferential - 0.5, offset: false, title: { display: true, text: 'circumferential' }, ticks: { display: false }, grid: { display: false } },
        y: { type: 'linear', min: -0.5, max: axial - 0.5, offset: false, reverse: true, title: { display: true, text: 'axial' }, ticks: { display: false }, grid: { display: false } },
      },
    },
  });
  return html`<${ChartView} config=${config} deps=${values} height=${220} label=${props.title} />`;
}
