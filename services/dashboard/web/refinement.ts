/// <reference lib="dom" />
// One refinement of a campaign: method, measured set (STAND-IN said plainly), the raw and refined
// gap checks with their intervals, the per-class table, the raw / refined / measured maps grid and
// the t-SNE plots, and the report page.

import { html } from 'htm/preact';
import { workflowLink } from './api';
import type { GapCheckResult } from '../../control/refinements';
import { STAND_IN_TEXT, aucText, classComparison, gapCheckNotes, labelPreservationText, maeText, measuredSetText, methodText, pValueText, syntheticText, type RefinementPanel } from '../refinement-view';

function GapRow(props: { stage: string; g: GapCheckResult | undefined }) {
  const g = props.g;
  if (!g) return null;
  if (g.status !== 'SUCCEEDED') return html`<tr data-stage=${props.stage}><td>${props.stage}</td><td colspan="7" class=${g.error ? 'err' : ''}>${g.status}${g.error ? `: ${g.error}` : ''}</td></tr>`;
  return html`<tr data-stage=${props.stage}><td>${props.stage}</td>
    <td data-testid="cnn-auc">${aucText(g.cnnAuc, g.cnnAucCi95)}</td><td data-testid="logistic-auc">${aucText(g.logisticAuc, g.logisticAucCi95)}</td>
    <td data-testid="mmd-p">${pValueText(g.mmdPValue)}</td><td data-testid="depth-mae">${maeText(g.depthMae)}</td>
    <td data-testid="label-preservation">${labelPreservationText(g)}</td><td>${g.realCount ?? '-'}</td><td>${g.sampled ?? '-'}</td></tr>`;
}

export function RefinementView(props: { r: RefinementPanel }) {
  const r = props.r;
  const classes = classComparison(r.raw, r.refined);
  const pair = (x: { raw: number | null; refined: number | null }, f: (v: number | null) => string): string => `${f(x.raw)} → ${f(x.refined)}`;
  const figure = (testId: string, src: string | undefined, caption: string) =>
    src ? html`<figure data-testid=${testId} style="margin:0"><img alt=${caption} style="max-width:100%" src=${src} /><figcaption>${caption}</figcaption></figure>` : null;
  return html`<div data-testid="refinement" data-workflow=${r.workflowId} style="margin-bottom:16px">
    <h4><a href=${workflowLink(r.workflowId)} target="_blank" rel="noopener">${r.workflowId}</a>
      ${r.live ? ` (${r.live.status}${r.live.phase ? `, ${r.live.phase}` : ''}${r.live.totalBatches ? `, ${r.live.refinedBatches}/${r.live.totalBatches} batches refined` : ''})` : ` (started ${r.startedAt})`}</h4>
    <div class="kv">
      <span>method</span><span data-testid="refinement-method">${methodText(r)}</span>
      <span>measured</span><span data-testid="measured-set">${measuredSetText(r)}${r.standIn === true
        ? html`, <b data-testid="stand-in" style="color:#c0392b">${STAND_IN_TEXT}</b>` : r.standIn === false ? ', measured field data' : null}</span>
      ${r.refining && r.refining.status !== 'SUCCEEDED' ? html`<span>refining</span><span>${r.refining.status}${r.refining.error ? `: ${r.refining.error}` : ''}</span>` : null}
      ${r.files.report ? html`<span>report</span><span><a data-testid="report-link" href=${r.files.report} target="_blank" rel="noopener">report.html</a></span>` : null}
    </div>
    ${r.raw || r.refined ? html`<table data-testid="gap-table" style="margin-top:8px"><thead><tr><th>gap check</th><th>cnn AUC [95 % CI]</th><th>logistic AUC [95 % CI]</th><th>MMD p</th>
        <th>TSTR depth MAE</th><th>label preservation: real / maps</th><th>measured maps</th><th>synthetic maps</th></tr></thead>
      <tbody><${GapRow} stage="raw" g=${r.raw} /><${GapRow} stage="refined" g=${r.refined} /></tbody></table>
      ${gapCheckNotes(r.refined?.seeds ?? r.raw?.seeds).map((n) => html`<p style="font-size:12px;color:#555;margin:4px 0">${n}</p>`)}` : null}
    ${classes.length === 0 ? null : html`<table data-testid="class-table"><thead><tr><th>POF class</th><th>measured</th><th>synthetic</th><th>cnn AUC raw → refined</th><th>TSTR depth MAE raw → refined</th></tr></thead>
      <tbody>${classes.map((c) => html`<tr data-class=${c.defectClass}><td>${c.defectClass.replace(/-/g, ' ')}</td><td>${c.real}</td><td>${syntheticText(c.synthetic)}</td>
        <td>${pair(c.cnnAuc, (v) => aucText(v))}</td><td>${pair(c.depthMae, maeText)}</td></tr>`)}</tbody></table>`}
    <div style="margin-top:8px">${figure('maps-grid', r.files.mapsGrid, 'raw / refined / measured maps of the same defects')}</div>
    <div class="maps" style="margin-top:8px">
      ${figure('tsne-raw', r.files.tsneRaw, 't-SNE, measured vs raw')}
      ${figure('tsne-refined', r.files.tsneRefined, 't-SNE, measured vs refined')}
    </div></div>`;
}
