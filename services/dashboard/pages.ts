// The two HTML documents: the login form and the app shell that loads the bundled script.

const STYLE = `
body{font:14px system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d232b}
header{background:#1d3557;color:#fff;padding:10px 20px;display:flex;gap:16px;align-items:center}
header a{color:#fff;text-decoration:none;font-weight:600}
main{padding:16px 20px;max-width:1400px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{padding:6px 8px;border-bottom:1px solid #e3e6ea;text-align:left;white-space:nowrap}
th{background:#eef1f4;font-weight:600}
.bar{background:#e3e6ea;border-radius:3px;height:10px;width:160px;display:inline-block;vertical-align:middle}
.bar>span{display:block;height:100%;background:#2a9d8f;border-radius:3px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px}
.card{background:#fff;border:1px solid #e3e6ea;border-radius:6px;padding:12px}
.card h3{margin:0 0 8px;font-size:15px}
.state-RUNNING{color:#1d6fd8}.state-COMPLETED{color:#2a9d8f}.state-FAILED{color:#c0392b}.state-CANCELLED{color:#888}
.kv{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px}
.maps{display:grid;grid-template-columns:repeat(3,1fr);gap:8px}
.err{color:#c0392b;font-family:monospace;font-size:12px;white-space:pre-wrap}
button.sim{margin:2px;padding:2px 8px}
`;

export function appPage(temporalUiUrl: string, namespace: string): string {
  const config = JSON.stringify({ temporalUiUrl, namespace }).replace(/</g, '\\u003c');
  return `<!doctype html><html><head><meta charset="utf-8"><title>synthflux dashboard</title><style>${STYLE}</style></head>
<body><div id="app">loading…</div><script>window.SYNTHFLUX=${config}</script><script type="module" src="/app.js"></script></body></html>`;
}

export function loginPage(failed: boolean): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>synthflux login</title><style>${STYLE}</style></head>
<body><header><span>synthflux dashboard</span></header><main><form method="post" action="/login" class="card" style="max-width:420px">
<h3>Sign in with an API token</h3>${failed ? '<p class="err">invalid token</p>' : ''}
<input name="token" type="password" autocomplete="off" style="width:100%" placeholder="sfx_…" aria-label="token">
<p><button type="submit">Sign in</button></p></form></main></body></html>`;
}
