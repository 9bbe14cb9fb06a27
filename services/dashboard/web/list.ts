/// <reference lib="dom" />
// The campaigns list: state, progress, rate, ETA, failures and core-hours, refreshed every 2 s.

import { html } from 'htm/preact';
import { duration, workflowLink, type CampaignSummary } from './api';

export function ProgressBar(props: { percent: number }) {
  return html`<span class="bar"><span style=${`width:${Math.min(100, props.percent).toFixed(1)}%`}></span></span> ${props.percent.toFixed(1)}%`;
}

export function CampaignList(props: { campaigns: CampaignSummary[] }) {
  return html`<table data-testid="campaigns">
    <thead><tr><th>campaign</th><th>state</th><th>progress</th><th>done</th><th>rate</th><th>ETA</th><th>failed</th><th>core-hours</th><th>workflow</th></tr></thead>
    <tbody>${props.campaigns.map((c) => html`<tr data-campaign=${c.campaignId}>
      <td><a href=${`#/c/${encodeURIComponent(c.campaignId)}`}>${c.campaignId}</a></td>
      <td class=${`state-${c.state}`}>${c.state}${c.paused ? ' (paused)' : ''}</td>
      <td><${ProgressBar} percent=${c.percent} /></td>
      <td data-testid="done">${c.succeeded + c.failed}/${c.total}</td>
      <td>${c.ratePerSecond === null ? '–' : `${c.ratePerSecond.toFixed(1)} sim/s`}</td>
      <td>${duration(c.etaSeconds)}</td>
      <td>${c.failed}</td>
      <td>${c.coreHours.toFixed(4)}</td>
      <td><a href=${workflowLink(c.workflowId)} target="_blank" rel="noopener">Temporal</a></td>
    </tr>`)}</tbody></table>`;
}
