/// <reference lib="dom" />
// The dashboard app: hash routes (#/ and #/c/<id>), polling the JSON API every 2 s.

import { html } from 'htm/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getJson, type CampaignDetail, type CampaignSummary, type PoolView } from './api';
import { CampaignPage } from './campaign';
import { CampaignList } from './list';

const POLL_MS = 2000;

function usePolling<T>(path: string | null): { data: T | null; error: string | null } {
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  useEffect(() => {
    if (!path) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = (): void => {
      getJson<T>(path).then(
        (data) => !stopped && setState({ data, error: null }),
        (err: unknown) => !stopped && setState((s) => ({ data: s.data, error: String(err) })),
      ).finally(() => { if (!stopped) timer = setTimeout(tick, POLL_MS); });
    };
    tick();
    return () => { stopped = true; clearTimeout(timer); };
  }, [path]);
  return state;
}

function useRoute(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const on = (): void => setHash(window.location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function App() {
  const route = useRoute();
  const campaignId = /^#\/c\/(.+)$/.exec(route)?.[1];
  const list = usePolling<CampaignSummary[]>(campaignId ? null : '/api/campaigns');
  const detail = usePolling<CampaignDetail>(campaignId ? `/api/campaigns/${campaignId}` : null);
  const pool = usePolling<PoolView>(campaignId ? '/api/pool' : null);
  const error = list.error ?? detail.error;
  return html`<header><a href="#/">synthflux</a><span>campaigns dashboard</span>
      <a href=${window.SYNTHFLUX.temporalUiUrl} target="_blank" rel="noopener" style="margin-left:auto;font-weight:400">Temporal Web UI</a></header>
    <main>${error ? html`<p class="err">${error}</p>` : null}
      ${campaignId
        ? detail.data ? html`<${CampaignPage} detail=${detail.data} pool=${pool.data} />` : html`<p>loading…</p>`
        : list.data ? html`<h2>Campaigns</h2><${CampaignList} campaigns=${list.data} />` : html`<p>loading…</p>`}
    </main>`;
}

const root = document.getElementById('app')!;
root.textContent = ''; // preact diffs against existing children: drop the static 'loading…'
render(html`<${App} />`, root);
