/// <reference lib="dom" />
// Chart.js charts as preact components: a line/bar chart and a heatmap (chartjs-chart-matrix).
// Each component keeps its chart and updates its data in place, so polling does not flicker.

import { Chart, registerables, type ChartConfiguration, type Scale } from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { html } from 'htm/preact';
import { useEffect, useRef } from 'preact/hooks';
import { barColour, type ColourBar } from '../colour-scale';
import type { MapAxes, MapAxis } from '../map-axes';

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

/** A heatmap axis: sensor positions in mm with round ticks, or (spec unreadable) sensor numbers. */
function axisScale(axis: MapAxis | null, count: number, title: string, reverse: boolean) {
  const common = { type: 'linear' as const, offset: false, reverse, grid: { display: false } };
  if (!axis) return { ...common, min: -0.5, max: count - 0.5, title: { display: true, text: `${title} (sensor)` }, ticks: { display: false } };
  const labels = new Map(axis.ticks.map((t) => [t.value, t.label]));
  return {
    ...common,
    min: axis.minMm,
    max: axis.maxMm,
    title: { display: true, text: `${axis.title} (${axis.unit})` },
    // The ticks the API chose, not Chart.js's own: the same round values on every map.
    afterBuildTicks: (scale: Scale) => { scale.ticks = axis.ticks.map((t) => ({ value: t.value })); },
    ticks: { autoSkip: false, maxRotation: 0, callback: (v: number | string) => labels.get(Number(v)) ?? '' },
  };
}

export function Heatmap(props: { title: string; values: number[]; axial: number; circumferential: number; axes: MapAxes | null; bar: ColourBar }) {
  const { values, axial, circumferential, axes, bar } = props;
  // Cell centres: the sensor's position in mm, or its number when the axes are unknown.
  const xAt = (j: number): number => axes?.circumferential.positionsMm[j] ?? j;
  const yAt = (i: number): number => axes?.axial.positionsMm[i] ?? i;
  const config = (): ChartConfiguration => ({
    type: 'matrix',
    data: {
      datasets: [{
        label: props.title,
        data: values.map((v, i) => ({ x: xAt(i % circumferential), y: yAt(Math.floor(i / circumferential)), v })),
        backgroundColor: (c: { raw?: unknown }) => barColour(bar, (c.raw as { v: number } | undefined)?.v ?? 0),
        width: ({ chart }: { chart: Chart }) => (chart.chartArea?.width ?? 0) / circumferential,
        height: ({ chart }: { chart: Chart }) => (chart.chartArea?.height ?? 0) / axial,
      }],
    },
    options: {
      plugins: { legend: { display: false }, title: { display: true, text: props.title }, tooltip: { enabled: false } },
      scales: {
        x: axisScale(axes?.circumferential ?? null, circumferential, 'circumferential', false),
        y: axisScale(axes?.axial ?? null, axial, 'axial', true),
      },
    },
  });
  return html`<${ChartView} config=${config} deps=${values} height=${260} label=${props.title} />`;
}

/** The colour bar beside a heatmap: the scale's gradient from min (bottom) to max (top), with ticks. */
export function ColourBarView(props: { bar: ColourBar; label: string }) {
  const { bar } = props;
  const span = bar.max - bar.min;
  const at = (v: number): number => (span > 0 ? (100 * (v - bar.min)) / span : 50);
  const gradient = `linear-gradient(to top, ${bar.stops.map((s) => `${s.colour} ${(100 * s.at).toFixed(1)}%`).join(', ')})`;
  const range = bar.dataMin === null || bar.dataMax === null ? 'no data' : `${bar.dataMin.toFixed(3)} … ${bar.dataMax.toFixed(3)}`;
  return html`<div data-testid="colour-bar" aria-label=${`${props.label} colour scale, ${bar.minLabel} to ${bar.maxLabel} ${bar.unit}`}
      title=${`values ${range} ${bar.unit}`} style="display:flex;flex-direction:column;align-items:flex-start;font-size:11px;width:64px">
    <span>${bar.unit}</span><span data-testid="colour-max">${bar.maxLabel}</span>
    <div style="position:relative;height:180px;width:100%">
      <div style=${`position:absolute;left:4px;top:0;bottom:0;width:12px;border:1px solid #999;background:${gradient}`}></div>
      ${bar.ticks.map((t) => html`<span data-testid="colour-tick" style=${`position:absolute;left:20px;bottom:${at(t.value).toFixed(1)}%;transform:translateY(50%);white-space:nowrap`}>– ${t.label}</span>`)}
    </div>
    <span data-testid="colour-min">${bar.minLabel}</span>
  </div>`;
}
