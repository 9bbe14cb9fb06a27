import json
import os

import numpy as np

import gap_check
from conftest import write_job
from synthflux_ml.twosample import detection_score


def test_detection_score_maps_auc_to_unit_interval():
    assert detection_score(0.5) == 1.0
    assert detection_score(0.3) == 1.0  # below chance counts as chance
    assert detection_score(1.0) == 0.0
    assert abs(detection_score(0.75) - 0.5) < 1e-12


def test_gap_check_writes_report_png_and_html(workdir):
    assert gap_check.main(["gap_check.py", write_job(workdir)]) == 0
    out = workdir / "out"
    report = json.loads((out / "report.json").read_text())
    # Noise and gain make the toy measured maps easy to tell apart.
    assert report["classifiers"]["logistic"]["auc"] > 0.9
    lo, hi = report["classifiers"]["cnn"]["aucCi95"]
    assert 0 <= lo <= report["classifiers"]["cnn"]["auc"] <= hi <= 1
    assert 0 < report["mmd"]["pValue"] <= 1
    assert report["depthTstr"]["n"] == 40
    assert any(b["parameter"] == "defectDepth_percent" for b in report["byParameterBin"])
    assert (out / "tsne.png").read_bytes()[:4] == b"\x89PNG"
    assert "STAND-IN" in (out / "report.html").read_text()


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
