"""Gap check job: how well can a classifier tell measured maps from synthetic ones?

Usage: /usr/bin/python3 gap_check.py JOB_JSON
Reads the maps named in the job manifest (paths relative to it), writes report.json, tsne.png and
report.html into its outputDir. Exit 2: bad inputs (message on stderr); exit 1: anything else.
"""
from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from synthflux_ml.gap import run_gap_check  # noqa: E402
from synthflux_ml.io import EXIT_BAD_INPUT, InputError, read_job  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: gap_check.py JOB_JSON", file=sys.stderr)
        return EXIT_BAD_INPUT
    started = time.perf_counter()
    try:
        report = run_gap_check(read_job(argv[1]), os.path.dirname(os.path.abspath(argv[1])))
    except InputError as err:
        print(f"gap check: bad input: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    c = report["classifiers"]
    print(
        f"gap check done in {time.perf_counter() - started:.1f} s: AUC logistic {c['logistic']['auc']:.3f}, "
        f"cnn {c['cnn']['auc']:.3f}; MMD p={report['mmd']['pValue']:.3g}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
