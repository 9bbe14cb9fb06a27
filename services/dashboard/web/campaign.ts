/// <reference lib="dom" />
// One campaign: progress over time, throughput, failures by reason, shards, solver pool, POF class
// mix, refinements (gap checks, method, maps grid, reports), signal maps beside the defect's depth
// map, with links to the Temporal Web UI.

import type { ChartConfiguration } from 'chart.js';
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { duration, getJson, workflowLink, type CampaignDetail, type PoolView, type SignalMaps } from './api';
import type { ColourBar } from '../colour-scale';
import { ChartView, ColourBarView, Heatmap } from './charts';
import { ProgressBar } from './list';
import { RefinementView } from './refinement';

function progressChart(d: CampaignDetail): ChartConfiguration {
  const t0 = new Date(d.status.createdAt).getTime();
  return {
    type: 'line',
    data: { datasets: [{ label: 'simulations done', data: d.timeline.map((p) => ({ x: (p.t - t0) / 1000, y: p.done })), borderColor: '#1d6fd8', pointRadius: 0, stepped: true }] },
    options: { scales: { x: { type: 'linear', title: { display: true, text: 'seconds since submit' } }, y: { min: 0, max: d.status.total } } },
  };
}

/** Simulations per second in each interval between batch completions (smoothed over 3). */
function throughputChart(d: CampaignDetail): ChartConfiguration {
  const t0 = new Date(d.status.createdAt).getTime();
  const pts = d.timeline.map((p, i) => {
    const j = Math.max(0, i - 3);
    const dt = (p.t - (i === 0 ? t0 : d.timeline[j]!.t)) / 1000;
    return { x: (p.t - t0) / 1000, y: dt > 0 ? (p.done - (i === 0 ? 0 : d.timeline[j]!.done)) / dt : 0 };
  });
  return { type: 'line', data: { datasets: [{ label: 'sim/s', data: pts, borderColor: '#2a9d8f', pointRadius: 0 }] }, options: { scales: { x: { type: 'linear' }, y: { min: 0 } } } };
}

function failuresChart(d: CampaignDetail): ChartConfiguration {
  return { type: 'bar', data: { labels: d.failures.map((f) => f.reason), datasets: [{ label: 'failed simulations', data: d.failures.map((f) => f.count), backgroundColor: '#c0392b' }] }, options: { indexAxis: 'y' } };
}

function SignalMapView(props: { campaignId: string; index: number }) {
  const [maps, setMaps] = useState<SignalMaps | null>(null);
  useEffect(() => {
    setMaps(null);
    getJson<SignalMaps>(`/api/campaigns/${encodeURIComponent(props.campaignId)}/maps/${props.index}`).then(setMaps, () => undefined);
  }, [props.campaignId, props.index]);
  if (!maps) return html`<p>loading map ${props.index}…</p>`;
  const { axes } = maps;
  const panel = (testId: string, title: string, values: number[], bar: ColourBar) => html`<div data-testid=${testId} style="display:flex;align-items:center;gap:4px">
      <div style="flex:1;min-width:0"><${Heatmap} title=${title} values=${values} axial=${maps.axial} circumferential=${maps.circumferential} axes=${axes} bar=${bar} /></div>
      <${ColourBarView} bar=${bar} label=${title} /></div>`;
  const row = (label: string, set: number[][], bars: ColourBar[]) => html`<h4>${label}</h4><div class="maps">${set.map((v, c) => {
    const ch = maps.channelInfo[c];
    return panel('heatmap', ch ? `${ch.name} (${ch.direction}, ${ch.unit}) ${label} #${maps.index}` : `${label} #${maps.index}`, v, bars[c]!);
  })}</div>`;
  // The geometry the maps were simulated from, on the same sensor cells and axes.
  const depth = maps.depth
    ? html`<h4>defect</h4><div class="maps">${panel('depth-map', `depth (mm, mean per sensor cell) #${maps.index}`, maps.depth.values, maps.depth.colourBar)}</div>`
    : html`<p data-testid="no-depth-map">no depth map: this dataset was written before depth maps were stored</p>`;
  return html`<div data-testid="signal-map">
    <table data-testid="param-table" style="width:auto"><tbody>${maps.table.map((r) => html`<tr data-param=${r.key}><th>${r.label}</th><td style="text-align:right">${r.value}</td><td>${r.unit ?? ''}</td></tr>`)}</tbody></table>
    <p data-testid="sensor-grid">${axes
      ? `${maps.axial} × ${maps.circumferential} sensors (axial × circumferential) at ${axes.axial.pitchMm} × ${axes.circumferential.pitchMm} mm pitch, ${axes.liftOffMm} mm lift-off, centred on the defect`
      : `${maps.axial} × ${maps.circumferential} sensors (axial × circumferential); sensor grid unknown`}</p>
    ${depth}${row('raw', maps.raw, maps.colourBars.raw)}${maps.refined && maps.colourBars.refined ? row('refined', maps.refined, maps.colourBars.refined) : null}</div>`;
}

export function CampaignPage(props: { detail: CampaignDetail; pool: PoolView | null }) {
  const d = props.detail;
  const s = d.status;
  const [mapIndex, setMapIndex] = useState<number | null>(null);
  return html`<div data-testid="campaign-page">
    <h2>${s.campaignId} <span class=${`state-${s.state}`}>${s.state}${s.paused ? ' (paused)' : ''}</span></h2>
    <div class="grid">
      <div class="card"><h3>Status</h3><div class="kv">
        <span>progress</span><span data-testid="campaign-progress"><${ProgressBar} percent=${s.percent} /> ${s.succeeded + s.failed}/${s.total}</span>
        <span>batches</span><span>${s.batchesDone}/${s.batchesTotal}</span>
        <span>rate / ETA</span><span>${s.ratePerSecond === null ? '–' : `${s.ratePerSecond.toFixed(1)} sim/s`} / ${duration(s.etaSeconds)}</span>
        <span>failed</span><span>${s.failed}</span><span>core-hours</span><span>${s.coreHours.toFixed(4)}</span>
        <span>dataset</span><span>${d.datasetUrl}</span>
        <span>workflow</span><span><a href=${workflowLink(s.workflowId)} target="_blank" rel="noopener">${s.workflowId}</a> (${s.workflowStatus}${d.phase ? `, ${d.phase}` : ''})</span>
        ${d.refinement ? html`<span>refinement</span><span><a href=${workflowLink(d.refinement.workflowId)} target="_blank" rel="noopener">${d.refinement.workflowId}</a> (${d.refinement.status})</span>` : null}
      </div></div>
      <div class="card"><h3>Solver pool</h3>${props.pool ? html`<div class="kv" data-testid="pool">
        <span>endpoints</span><span>${props.pool.size}</span><span>capacity</span><span>${props.pool.capacity}</span>
        <span>in flight</span><span>${props.pool.inFlight}</span>
        <span>utilisation</span><span>${props.pool.utilisation === null ? '–' : html`<${ProgressBar} percent=${100 * props.pool.utilisation} />`}</span>
        <span>workers</span><span>${props.pool.workers}${props.pool.errors.length ? ` (${props.pool.errors.join('; ')})` : ''}</span></div>` : '–'}</div>
      <div class="card"><h3>Progress over time</h3><${ChartView} config=${() => progressChart(d)} deps=${d.timeline.length} label="progress over time" /></div>
      <div class="card"><h3>Throughput</h3><${ChartView} config=${() => throughputChart(d)} deps=${d.timeline.length} label="throughput" /></div>
      <div class="card"><h3>Failures by reason</h3>${d.failures.length === 0 ? html`<p>none</p>` : html`<${ChartView} config=${() => failuresChart(d)} deps=${d.failures} height=${140} label="failures" />
        ${d.failures.map((f) => html`<p><b>${f.reason}</b> ×${f.count} (e.g. #${f.indexes.join(', #')})</p>${f.samples.map((e) => html`<div class="err">${e}</div>`)}`)}`}</div>
      <div class="card"><h3>Shards ${d.shardsInFlight === null ? '' : `(${d.shardsInFlight} in flight)`}</h3><table><tbody>${d.shards.map((sh) => html`<tr>
        <td><a href=${workflowLink(sh.workflowId)} target="_blank" rel="noopener">shard ${sh.index}</a></td><td><${ProgressBar} percent=${(100 * sh.batchesDone) / Math.max(1, sh.batchesTotal)} /></td><td>${sh.batchesDone}/${sh.batchesTotal} batches</td></tr>`)}</tbody></table></div>
      <div class="card"><h3>POF defect classes</h3>${d.classMix.length === 0 ? html`<p>none yet</p>` : html`<table data-testid="class-mix"><thead><tr><th>class</th><th>simulations</th><th>share</th>${d.classMix[0]!.quota === null ? null : html`<th>quota</th>`}</tr></thead><tbody>${d.classMix.map((c) => html`<tr>
        <td>${c.defectClass.replace(/-/g, ' ')}</td><td>${c.count}</td><td>${(100 * c.share).toFixed(1)} %</td>${c.quota === null ? null : html`<td>${(100 * c.quota).toFixed(1)} %</td>`}</tr>`)}</tbody></table>`}</div>
    </div>
    <div class="card" style="margin-top:16px" data-testid="refinements"><h3>Refinements</h3>${d.refinements.length === 0 ? html`<p>none yet</p>` : d.refinements.map((r) => html`<${RefinementView} r=${r} />`)}</div>
    <div class="card" style="margin-top:16px"><h3>Signal maps</h3>
      ${d.sampleIndexes.map((i) => html`<button class="sim" data-testid="open-map" onClick=${() => setMapIndex(i)}>simulation #${i}</button>`)}
      ${mapIndex === null ? null : html`<${SignalMapView} campaignId=${s.campaignId} index=${mapIndex} />`}
    </div>
  </div>`;
}
