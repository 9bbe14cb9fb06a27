"""Refiner training job: SimGAN refiner trained on a campaign sample and the measured set, exported to ONNX.

Usage: /usr/bin/python3 refine_train.py JOB_JSON
Writes refiner.onnx, curves.json, curves.png, training.json and an ONNX probe into outputDir.
Exit 2: bad inputs (message on stderr); exit 1: anything else.
"""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from synthflux_ml.io import EXIT_BAD_INPUT, InputError, read_job  # noqa: E402
from synthflux_ml.refine import train_refiner  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: refine_train.py JOB_JSON", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        summary = train_refiner(read_job(argv[1]), os.path.dirname(os.path.abspath(argv[1])))
    except InputError as err:
        print(f"refiner training: bad input: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"refiner trained: {summary['steps']} steps, {summary['secondsPerStep']:.3f} s/step, {summary['refinerParameters']} parameters", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
