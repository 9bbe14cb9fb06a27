import json
import os

import numpy as np
import torch

import gap_check
from conftest import LABELS, toy_maps, write_job
from synthflux_ml.gap import defect_groups, depth_tstr
from synthflux_ml.io import MapSet
from synthflux_ml.twosample import detection_score, out_of_fold


def test_detection_score_maps_auc_to_unit_interval():
    assert detection_score(0.5) == 1.0
    assert detection_score(0.3) == 1.0  # below chance counts as chance
    assert detection_score(1.0) == 0.0
    assert abs(detection_score(0.75) - 0.5) < 1e-12


def test_gap_check_writes_report_png_and_html(workdir):
    assert gap_check.main(["gap_check.py", write_job(workdir)]) == 0
    out = workdir / "out"
    report = json.loads((out / "report.json").read_text())
    assert report["seeds"] == [0, 1, 2]
    assert report["device"] == ("cuda" if torch.cuda.is_available() else "cpu")
    # Noise and gain make the toy measured maps easy to tell apart.
    assert report["classifiers"]["logistic"]["auc"] > 0.9
    for c in report["classifiers"].values():
        lo, hi = c["aucCi95"]
        assert len(c["perSeed"]) == 3 and abs(np.mean(c["perSeed"]) - c["auc"]) < 1e-12
        assert 0 <= lo <= c["auc"] <= hi <= 1
    assert report["auc"] == max(c["auc"] for c in report["classifiers"].values())
    assert set(report["mmd"]) >= {"mmd2", "pValue", "permutations", "bandwidth"} and 0 < report["mmd"]["pValue"] <= 1
    tstr = report["depthTstr"]
    assert tstr["n"] == 40 and tstr["units"] == "% of wall" and tstr["maeCi95"][0] <= tstr["mae"] <= tstr["maeCi95"][1]
    assert report["labelPreservation"] is None  # no realTrain in this job
    assert report["synthetic"] == {"stage": "raw", "count": 40, "method": None}
    assert report["real"]["standIn"] is True and report["real"]["heldOut"] is False
    assert report["files"] == {"report": "report.json", "tsne": "tsne.png", "html": "report.html", "mapsGrid": None}
    assert "byClass" not in report
    assert any(b["parameter"] == "defectDepth_percent" for b in report["byParameterBin"])
    assert (out / "tsne.png").read_bytes()[:4] == b"\x89PNG"
    assert "STAND-IN" in (out / "report.html").read_text()


def _field_verification_job(workdir, **overrides) -> str:
    """A refined-stage check of held-out measured maps with classes, a training split and a maps grid."""
    rng = np.random.default_rng(5)
    train, train_labels = toy_maps(30, rng, measured=True)
    np.save(workdir / "real_train.npy", train)
    np.save(workdir / "real_train_labels.npy", train_labels)
    for name in ("grid_raw", "grid_refined", "grid_real"):
        np.save(workdir / f"{name}.npy", np.load(workdir / "real.npy")[:4])
    classes = ["pitting"] * 25 + ["general"] * 14 + ["pinhole"]
    job = dict(
        synthetic={"maps": "synthetic.npy", "labels": "synthetic_labels.npy", "labelNames": LABELS, "stage": "refined", "method": "pix2pix", "classes": classes},
        real={"maps": "real.npy", "labels": "real_labels.npy", "labelNames": LABELS, "standIn": True, "classes": classes, "heldOut": True, "splitRule": "by defect id", "datasetId": "fv-1"},
        realTrain={"maps": "real_train.npy", "labels": "real_train_labels.npy", "labelNames": LABELS},
        grid={"raw": "grid_raw.npy", "refined": "grid_refined.npy", "real": "grid_real.npy", "ids": ["d1", "d2", "d3", "d4"]},
    )
    job.update(overrides)
    return write_job(workdir, **job)


def test_field_verification_check_reports_classes_label_preservation_and_grid(workdir):
    assert gap_check.main(["gap_check.py", _field_verification_job(workdir)]) == 0
    out = workdir / "out"
    report = json.loads((out / "report.json").read_text())
    assert report["synthetic"] == {"stage": "refined", "count": 40, "method": "pix2pix"}
    assert report["real"] == {"count": 40, "standIn": True, "heldOut": True, "splitRule": "by defect id", "datasetId": "fv-1"}
    lp = report["labelPreservation"]
    assert lp["n"] == 40 and lp["realMae"] > 0 and abs(lp["ratio"] - lp["mapsMae"] / lp["realMae"]) < 1e-12
    by_class = {c["defectClass"]: c for c in report["byClass"]}
    assert set(by_class) == {"pitting", "general", "pinhole"}
    assert by_class["pitting"]["real"] == 25 and by_class["pitting"]["synthetic"] == 25
    assert 0 <= by_class["general"]["cnnAuc"] <= 1 and by_class["general"]["depthMae"] > 0
    assert by_class["pinhole"]["cnnAuc"] is None  # one map of each: no AUC
    assert report["files"]["mapsGrid"] == "maps_grid.png"
    assert (out / "maps_grid.png").read_bytes()[:4] == b"\x89PNG"
    page = (out / "report.html").read_text()
    for text in ("pix2pix", "pitting", "Label preservation", "maps_grid.png", "by defect id", "per seed"):
        assert text in page


def test_classes_must_match_the_maps(workdir, capsys):
    job = _field_verification_job(workdir)
    spec = json.loads(open(job).read())
    spec["synthetic"]["classes"] = spec["synthetic"]["classes"][:10]
    open(job, "w").write(json.dumps(spec))
    assert gap_check.main(["gap_check.py", job]) == 2
    assert "synthetic.classes: 10 classes for 40 maps" in capsys.readouterr().err


def test_grid_rows_must_match(workdir, capsys):
    job = _field_verification_job(workdir)
    np.save(workdir / "grid_refined.npy", np.load(workdir / "real.npy")[:3])
    assert gap_check.main(["gap_check.py", job]) == 2
    assert "grid.refined: row counts differ" in capsys.readouterr().err


def test_depth_sizer_learns_from_a_few_dozen_maps():
    """A field verification check trains the TSTR sizer on its held-out defects' maps (33 of a 100-pair
    set): it must read depth from them, not fall back to predicting the mean depth."""
    rng = np.random.default_rng(7)
    syn, syn_l = toy_maps(33, rng, measured=False)
    real, real_l = toy_maps(33, rng, measured=False)
    tstr, err = depth_tstr(MapSet("synthetic", syn, syn_l, LABELS), MapSet("real", real, real_l, LABELS), 1e-3, 0, rng)
    mean_predictor = np.abs(real_l[:, 1] - syn_l[:, 1].mean()).mean()
    assert err is not None and np.unique(np.round(err + real_l[:, 1], 9)).size > 1
    assert tstr["mae"] < 0.5 * mean_predictor


def test_folds_keep_a_defects_maps_together():
    """Simulated and measured maps of one defect (identical label rows) never sit on both sides of a split."""
    rng = np.random.default_rng(0)
    labels = rng.uniform(0, 1, (30, 2))
    syn = MapSet("synthetic", np.zeros((30, 3, 4, 4), np.float32), labels, ["a", "b"])
    real = MapSet("real", np.zeros((30, 3, 4, 4), np.float32), labels[::-1].copy(), ["a", "b"])
    groups = defect_groups(syn, real)
    y = np.r_[np.zeros(30, int), np.ones(30, int)]
    seen = []

    def fit_predict(train, test):
        seen.append((set(groups[train]), set(groups[test])))
        return np.zeros(test.size)

    out_of_fold(y, 5, 0, fit_predict, groups)
    assert len(seen) == 5 and all(not (a & b) for a, b in seen)
    first = [b for _, b in seen]
    seen.clear()
    out_of_fold(y, 5, 1, fit_predict, groups)
    assert [b for _, b in seen] != first  # another seed, other folds


def test_shape_mismatch_is_rejected_with_exit_2(workdir, capsys):
    np.save(workdir / "real.npy", np.zeros((5, 3, 16, 9), dtype=np.float32))
    np.save(workdir / "real_labels.npy", np.zeros((5, 2)))
    assert gap_check.main(["gap_check.py", write_job(workdir)]) == 2
    assert "shape mismatch" in capsys.readouterr().err


def test_empty_set_is_rejected(workdir, capsys):
    np.save(workdir / "synthetic.npy", np.zeros((0, 3, 16, 8), dtype=np.float32))
    np.save(workdir / "synthetic_labels.npy", np.zeros((0, 2)))
    assert gap_check.main(["gap_check.py", write_job(workdir)]) == 2
    assert "empty" in capsys.readouterr().err


def test_nan_maps_are_rejected_naming_rows(workdir, capsys):
    maps = np.load(workdir / "real.npy")
    maps[3, 1, 2, 2] = np.nan
    np.save(workdir / "real.npy", maps)
    assert gap_check.main(["gap_check.py", write_job(workdir)]) == 2
    err = capsys.readouterr().err
    assert "NaN" in err and "rows 3" in err


def test_wrong_units_are_rejected(workdir, capsys):
    np.save(workdir / "real.npy", np.load(workdir / "real.npy") * 1e6)  # microtesla, not tesla
    assert gap_check.main(["gap_check.py", write_job(workdir)]) == 2
    assert "units" in capsys.readouterr().err


def test_missing_job_file_is_a_bad_input(tmp_path):
    assert gap_check.main(["gap_check.py", os.path.join(tmp_path, "nope.json")]) == 2
