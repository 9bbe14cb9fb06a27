/// <reference lib="dom" />
// Browser-side: JSON fetches, formatting and the Temporal Web UI links.

import type { CampaignDetail, CampaignSummary } from '../data';
import type { SignalMaps } from '../maps';
import type { PoolView } from '../pool';

export type { CampaignDetail, CampaignSummary, PoolView, SignalMaps };

declare global {
  interface Window {
    SYNTHFLUX: { temporalUiUrl: string; namespace: string };
  }
}

export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin' });
  if (res.status === 401) window.location.href = '/login';
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export const workflowLink = (workflowId: string): string =>
  `${window.SYNTHFLUX.temporalUiUrl}/namespaces/${encodeURIComponent(window.SYNTHFLUX.namespace)}/workflows/${encodeURIComponent(workflowId)}`;

export function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '–';
  if (seconds < 60) return `${Math.round(seconds)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.round((seconds % 3600) / 60)).padStart(2, '0')}m`;
}
