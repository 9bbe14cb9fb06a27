"""The gap report's PNG (t-SNE of real vs synthetic) and its small HTML page."""
from __future__ import annotations

import html
from typing import Any

import matplotlib

matplotlib.use("Agg")  # headless: workers and k8s Jobs have no display
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.decomposition import PCA  # noqa: E402
from sklearn.manifold import TSNE  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402


def tsne_plot(features: np.ndarray, y: np.ndarray, path: str, title: str, seed: int) -> None:
    z = StandardScaler().fit_transform(features)
    if z.shape[1] > 20:
        z = PCA(n_components=20, random_state=seed).fit_transform(z)
    perplexity = float(min(30, max(2, (z.shape[0] - 1) // 3)))
    emb = TSNE(n_components=2, perplexity=perplexity, init="pca", learning_rate="auto", random_state=seed).fit_transform(z)
    fig, ax = plt.subplots(figsize=(6, 5), dpi=100)
    ax.scatter(emb[y == 0, 0], emb[y == 0, 1], s=8, alpha=0.6, label="synthetic", c="tab:blue")
    ax.scatter(emb[y == 1, 0], emb[y == 1, 1], s=8, alpha=0.6, label="measured", c="tab:orange")
    ax.set_title(title, fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.legend(loc="best")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def html_page(report: dict[str, Any], png_name: str) -> str:
    def row(name: str, r: dict[str, Any]) -> str:
        lo, hi = r["aucCi95"]
        return f"<tr><td>{name}</td><td>{r['auc']:.3f}</td><td>[{lo:.3f}, {hi:.3f}]</td><td>{r['detectionScore']:.3f}</td></tr>"

    c = report["classifiers"]
    mmd = report["mmd"]
    standin = report["real"].get("standIn")
    banner = "<p><b>Measured set is a STAND-IN</b> (generated, not field data).</p>" if standin else ""
    depth = report.get("depthTstr")
    depth_html = (
        f"<p>Depth from maps, trained on {html.escape(report['synthetic']['stage'])} synthetic, tested on measured: "
        f"MAE {depth['mae']:.2f} %wt, RMSE {depth['rmse']:.2f} %wt (n={depth['n']}).</p>"
        if depth
        else "<p>No depth labels on the measured set: no train-on-synthetic/test-on-real check.</p>"
    )
    bins = "".join(
        f"<tr><td>{html.escape(b['parameter'])}</td><td>{b['low']:.3g} – {b['high']:.3g}</td><td>{b['count']}</td>"
        f"<td>{b['auc'] if b['auc'] is None else format(b['auc'], '.3f')}</td></tr>"
        for b in report["byParameterBin"]
    )
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>Gap report {html.escape(report['campaignId'])}</title>
<style>body{{font-family:sans-serif;max-width:50em;margin:2em auto}}td,th{{padding:2px 8px;border-bottom:1px solid #ddd}}</style></head>
<body><h1>Synthetic gap: {html.escape(report['campaignId'])} ({html.escape(report['synthetic']['stage'])})</h1>{banner}
<p>{report['synthetic']['count']} synthetic vs {report['real']['count']} measured maps. Detection score 1 = indistinguishable, 0 = fully separable.</p>
<table><tr><th>classifier</th><th>AUC</th><th>95% CI</th><th>detection score</th></tr>
{row('logistic regression (texture features)', c['logistic'])}{row('small CNN', c['cnn'])}</table>
<p>MMD² {mmd['mmd2']:.4g}, permutation p = {mmd['pValue']:.3g} ({mmd['permutations']} permutations).</p>
{depth_html}<img src="{html.escape(png_name)}" alt="t-SNE of measured and synthetic maps">
<h2>By parameter bin (CNN, synthetic bin vs all measured)</h2><table><tr><th>parameter</th><th>bin</th><th>synthetic maps</th><th>AUC</th></tr>{bins}</table>
</body></html>"""
