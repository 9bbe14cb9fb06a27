"""Job manifests and input validation.

Every input problem raises InputError with a message that names the file and what is wrong; the
entry points turn it into exit code 2, which the orchestrator treats as not worth retrying.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Optional

import numpy as np

EXIT_BAD_INPUT = 2
CHANNELS = ("Bx", "By", "Bz")


class InputError(ValueError):
    """Inputs that no retry can fix: wrong shape, empty, non-finite, inconsistent labels."""


@dataclass
class MapSet:
    name: str
    maps: np.ndarray  # [N, C, A, Y] float32, tesla
    labels: Optional[np.ndarray]  # [N, P] float64 or None
    label_names: list[str]
    classes: Optional[list[str]] = None  # POF defect class per map

    def rows(self, idx: np.ndarray) -> "MapSet":
        return MapSet(
            self.name, self.maps[idx], None if self.labels is None else self.labels[idx], self.label_names,
            None if self.classes is None else [self.classes[i] for i in idx],
        )


def read_job(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as f:
            job = json.load(f)
    except FileNotFoundError as err:
        raise InputError(f"job manifest {path} does not exist") from err
    except json.JSONDecodeError as err:
        raise InputError(f"job manifest {path} is not valid JSON: {err}") from err
    if not isinstance(job, dict):
        raise InputError(f"job manifest {path} must be a JSON object")
    return job


def _resolve(base: str, rel: str) -> str:
    return rel if os.path.isabs(rel) else os.path.join(base, rel)


def load_map_set(base: str, spec: dict[str, Any], name: str, channels: int | None = None) -> MapSet:
    if not isinstance(spec, dict) or "maps" not in spec:
        raise InputError(f"{name}: the job manifest needs {name}.maps (an .npy file)")
    path = _resolve(base, spec["maps"])
    try:
        maps = np.load(path, allow_pickle=False)
    except FileNotFoundError as err:
        raise InputError(f"{name}: {spec['maps']} does not exist") from err
    except ValueError as err:
        raise InputError(f"{name}: {spec['maps']} is not a readable .npy array: {err}") from err
    labels = None
    label_names = list(spec.get("labelNames") or [])
    if spec.get("labels"):
        labels = np.load(_resolve(base, spec["labels"]), allow_pickle=False).astype(np.float64)
    validate_maps(maps, name, channels)
    if labels is not None:
        if labels.ndim != 2 or labels.shape[0] != maps.shape[0]:
            raise InputError(f"{name}: labels have shape {list(labels.shape)}, expected [{maps.shape[0]}, P] (one row per map)")
        if label_names and len(label_names) != labels.shape[1]:
            raise InputError(f"{name}: {len(label_names)} labelNames for {labels.shape[1]} label columns")
    classes = spec.get("classes")
    if classes is not None:
        if not isinstance(classes, list) or not all(isinstance(c, str) and c for c in classes):
            raise InputError(f"{name}.classes: expected a list of POF defect class names (non-empty strings), one per map")
        if len(classes) != maps.shape[0]:
            raise InputError(f"{name}.classes: {len(classes)} classes for {maps.shape[0]} maps (one per map)")
    return MapSet(name=name, maps=maps.astype(np.float32, copy=False), labels=labels, label_names=label_names, classes=classes)


def validate_maps(maps: np.ndarray, name: str, channels: int | None = None) -> None:
    if maps.ndim != 4:
        raise InputError(f"{name}: maps have shape {list(maps.shape)}, expected [N, channels, axial, circumferential]")
    if maps.shape[0] == 0:
        raise InputError(f"{name}: the set is empty (0 maps)")
    if channels is not None and maps.shape[1] != channels:
        raise InputError(f"{name}: {maps.shape[1]} channels, expected {channels} ({', '.join(CHANNELS[:channels])})")
    if not np.issubdtype(maps.dtype, np.floating):
        raise InputError(f"{name}: maps are {maps.dtype}, expected float32 tesla")
    bad = ~np.isfinite(maps.reshape(maps.shape[0], -1)).all(axis=1)
    if bad.any():
        rows = np.flatnonzero(bad)
        shown = ", ".join(str(r) for r in rows[:10]) + (" ..." if rows.size > 10 else "")
        raise InputError(f"{name}: {rows.size} of {maps.shape[0]} maps contain NaN or infinite values (rows {shown})")
    peak = float(np.abs(maps).max())
    if peak > 10.0:
        raise InputError(f"{name}: peak |B| is {peak:.3g}, expected tesla (leakage fields are well below 1 T); wrong units?")


def check_same_grid(a: MapSet, b: MapSet) -> None:
    if a.maps.shape[1:] != b.maps.shape[1:]:
        raise InputError(
            f"shape mismatch: {a.name} maps are {list(a.maps.shape[1:])} but {b.name} maps are {list(b.maps.shape[1:])} "
            "(channels, axial, circumferential must match the campaign's sensor grid)"
        )


def label_column(s: MapSet, name: str) -> Optional[np.ndarray]:
    if s.labels is None or name not in s.label_names:
        return None
    col = s.labels[:, s.label_names.index(name)]
    return col if np.isfinite(col).all() else None


def write_json(path: str, value: Any) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2, allow_nan=False)
    os.replace(tmp, path)


def option(job: dict[str, Any], key: str, default: Any) -> Any:
    return (job.get("options") or {}).get(key, default)
