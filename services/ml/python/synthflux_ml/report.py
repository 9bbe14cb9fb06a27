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
    # PCA to at most 20 dimensions, and never more than a small check's map count allows.
    components = min(20, z.shape[0], z.shape[1])
    if z.shape[1] > components:
        z = PCA(n_components=components, random_state=seed).fit_transform(z)
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


CHANNEL_NAMES = ("Bx", "By", "Bz")


def maps_grid_plot(grid: dict[str, Any], path: str, picked: list[int], rows: int) -> None:
    """Raw / refined / measured maps of the same defects side by side, channels `picked`
    (one colour scale per defect and channel, so the three stages compare)."""
    n = min(rows, grid["raw"].shape[0])
    stages = (("raw", "raw simulated"), ("refined", "refined"), ("real", "measured"))
    cols = len(stages) * len(picked)
    fig, axes = plt.subplots(n, cols, figsize=(1.6 * cols, 2.4 * n), dpi=90, squeeze=False)
    for r in range(n):
        for ci, c in enumerate(picked):
            lim = max(float(np.abs(grid[key][r, c]).max()) for key, _ in stages) or 1.0
            for si, (key, title) in enumerate(stages):
                ax = axes[r][si * len(picked) + ci]
                ax.imshow(grid[key][r, c], cmap="RdBu_r", vmin=-lim, vmax=lim, aspect="auto", interpolation="nearest")
                ax.set_xticks([])
                ax.set_yticks([])
                if r == 0:
                    ax.set_title(f"{title} {CHANNEL_NAMES[c]}", fontsize=7)
                if si == 0 and ci == 0:
                    ax.set_ylabel(grid["ids"][r][:14], fontsize=6)
    fig.suptitle("same defects: raw simulated / refined / measured (axial down, circumferential across)", fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _num(v: Any, fmt: str = ".3f") -> str:
    return "–" if v is None else format(v, fmt)


def _ci(v: Any, fmt: str = ".3f") -> str:
    return "" if not v else f"[{format(v[0], fmt)}, {format(v[1], fmt)}]"


def html_page(report: dict[str, Any]) -> str:
    def row(name: str, r: dict[str, Any]) -> str:
        seeds = ", ".join(f"{a:.3f}" for a in r["perSeed"])
        return f"<tr><td>{name}</td><td>{r['auc']:.3f}</td><td>{_ci(r['aucCi95'])}</td><td>{seeds}</td><td>{r['detectionScore']:.3f}</td></tr>"

    c = report["classifiers"]
    mmd = report["mmd"]
    syn, real = report["synthetic"], report["real"]
    stage = html.escape(syn["stage"]) + (f" ({html.escape(str(syn['method']))})" if syn.get("method") else "")
    banner = "<p><b>Measured set is a STAND-IN</b> (generated, not field data).</p>" if real.get("standIn") else ""
    held = (
        f"<p>The measured maps are held out from every training step (split rule: {html.escape(str(real.get('splitRule') or 'not given'))}).</p>"
        if real.get("heldOut") else "<p>The measured maps were <b>not</b> declared held out from training.</p>"
    )
    depth = report.get("depthTstr")
    depth_html = (
        f"<p>Depth sizer trained on the {stage} synthetic maps, tested on the measured maps: "
        f"MAE {depth['mae']:.2f} %wt {_ci(depth['maeCi95'], '.2f')}, RMSE {depth['rmse']:.2f}, bias {depth['bias']:+.2f} %wt (n={depth['n']}).</p>"
        if depth else "<p>No depth labels on both sets: no train-on-synthetic/test-on-real check.</p>"
    )
    lp = report.get("labelPreservation")
    lp_html = (
        f"<p>Label preservation: a depth regressor trained on {lp['nTrain']} measured training maps errs by {lp['realMae']:.2f} %wt on the "
        f"held-out measured maps and by {lp['mapsMae']:.2f} %wt on these {stage} maps (ratio {_num(lp['ratio'], '.2f')}; at most 1 when the signal is kept).</p>"
        if lp else "<p>No label-preservation check (no measured training maps with depth labels).</p>"
    )
    classes = report.get("byClass")
    class_html = (
        "<h2>By POF defect class</h2><table><tr><th>class</th><th>measured</th><th>synthetic</th><th>CNN AUC</th><th>depth MAE (TSTR)</th></tr>"
        + "".join(
            f"<tr><td>{html.escape(k['defectClass'])}</td><td>{k['real']}</td><td>{k['synthetic']}</td><td>{_num(k['cnnAuc'])}</td><td>{_num(k['depthMae'], '.2f')}</td></tr>"
            for k in classes
        ) + "</table>"
        if classes else ""
    )
    bins = "".join(
        f"<tr><td>{html.escape(b['parameter'])}</td><td>{b['low']:.3g} – {b['high']:.3g}</td><td>{b['count']}</td><td>{_num(b['auc'])}</td></tr>"
        for b in report["byParameterBin"]
    )
    files = report["files"]
    tsne = f'<h2>t-SNE of texture features</h2><img src="{html.escape(files["tsne"])}" alt="t-SNE of measured and synthetic maps">' if files.get("tsne") else ""
    grid = f'<h2>Same defects: raw, refined, measured</h2><img src="{html.escape(files["mapsGrid"])}" alt="maps grid" style="max-width:100%">' if files.get("mapsGrid") else ""
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>Gap report {html.escape(report['campaignId'])}</title>
<style>body{{font-family:sans-serif;max-width:56em;margin:2em auto}}td,th{{padding:2px 8px;border-bottom:1px solid #ddd}}</style></head>
<body><h1>Synthetic gap: {html.escape(report['campaignId'])} ({stage})</h1>{banner}{held}
<p>{syn['count']} synthetic vs {real['count']} measured maps{' (dataset ' + html.escape(str(real['datasetId'])) + ')' if real.get('datasetId') else ''}. Classifier seeds {', '.join(str(s) for s in report['seeds'])}, {report['folds']}-fold out-of-fold scores.
Detection score 1 = indistinguishable, 0 = fully separable. Intervals: 95 %, bootstrap over maps of the seed-mean AUC.</p>
<table><tr><th>classifier</th><th>AUC (seed mean)</th><th>95% CI</th><th>per seed</th><th>detection score</th></tr>
{row('logistic regression (texture features)', c['logistic'])}{row('small CNN', c['cnn'])}</table>
<p>MMD² {mmd['mmd2']:.4g} (texture features, RBF bandwidth {mmd['bandwidth']:.3g}), permutation p = {mmd['pValue']:.3g} ({mmd['permutations']} permutations).</p>
{depth_html}{lp_html}{class_html}{grid}{tsne}
<h2>By parameter bin (CNN, synthetic bin vs all measured)</h2><table><tr><th>parameter</th><th>bin</th><th>synthetic maps</th><th>AUC</th></tr>{bins}</table>
</body></html>"""
