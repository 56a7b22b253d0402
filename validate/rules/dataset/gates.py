"""Quality-gate thresholds and the run-wide context the dataset rules share.

Layering (later wins, field by field)::

    rubric quality_gates  <  --platform ID (quality_control.settings)
                          <  [tool.rubricate.gates]  <  [tool.rubricate.gates.per-rubric.ID]
                          <  --gate KEY=VALUE        <  --gate RUBRIC:KEY=VALUE

A layer may set one field of a gate (``agreement.minimum``) and keep the others. A gate the
rubric does not declare can be switched on by a later layer; the agreement metric then
defaults to ``krippendorff_alpha``.

The :class:`DatasetContext` (effective gates per rubric, payload profiles, the ``--gold``
reference answers) is built once per run by the engine and read by the accumulators through
:func:`current_context` (set in every worker process), so the accumulators keep the
one-argument constructor of the dataset-rule contract and pickle without it.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from validate.rules.dataset.profile import Observation, ProfileCache
from validate.suggest import unknown_keys

GATE_NAMES = ("agreement", "gold_accuracy", "overlap", "min_seconds", "straight_lining")


class GateError(ValueError):
    """A gate override or platform cannot be used (exit 2); the message says why."""


def deep_merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``over`` laid on top, dicts merged key by key."""
    out = copy.deepcopy(dict(base))
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _validate(layer: Mapping[str, Any], where: str) -> None:
    if not layer:  # nothing to check (no --gate): spare every run the validator's import
        return
    from jsonschema import Draft202012Validator

    from validate.config import gate_override_schema

    errors = list(Draft202012Validator(gate_override_schema()).iter_errors(layer))
    if errors:
        error = errors[0]
        path = ".".join(str(p) for p in error.absolute_path) or "gates"
        unknown = unknown_keys(error)
        message = f"unknown key {', '.join(unknown)}" if unknown else error.message
        raise GateError(f"{where}: {path}: {message}")


def parse_gate_assignments(values: Iterable[str]) -> tuple[dict[str, Any], dict[str, dict]]:
    """``--gate`` values into ``(global layer, {rubric: layer})``.

    ``KEY=VALUE`` with a dotted key (``agreement.minimum=0.7``, ``min_seconds=5``,
    ``agreement.metric=fleiss_kappa``); ``RUBRIC:KEY=VALUE`` for one rubric. Values are read
    as JSON (numbers, ``true``, lists) and fall back to a plain string.
    """
    common: dict[str, Any] = {}
    per: dict[str, dict[str, Any]] = {}
    for raw in values:
        key, sep, text = raw.partition("=")
        if not sep or not key.strip():
            raise GateError(f"--gate {raw!r}: expected KEY=VALUE (e.g. agreement.minimum=0.7)")
        rubric, colon, key = key.strip().rpartition(":")
        try:
            value: Any = json.loads(text)
        except ValueError:
            value = text
        parts = key.split(".")
        if parts[0] not in GATE_NAMES:
            raise GateError(
                f"--gate {raw!r}: unknown gate {parts[0]!r} (one of {', '.join(GATE_NAMES)})"
            )
        target = per.setdefault(rubric, {}) if colon else common
        node = target
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    _validate(common, "--gate")
    for rubric, layer in per.items():
        _validate(layer, f"--gate {rubric}:")
    return common, per


PLATFORM_KEYS = {
    "min_judgements": ("overlap", "min_judgements"),
    "gold_accuracy": ("gold_accuracy", "minimum"),
    "min_seconds": ("min_seconds",),
}
"""``quality_control.settings`` of a platform profile -> quality-gate fields."""


def platform_gates(root: Path, platform: str) -> dict[str, Any]:
    """The gate layer of ``--platform ID``: its profile's ``quality_control.settings``
    (absent settings give an empty layer). :class:`GateError` for an unknown platform."""
    from validate.loading.yaml_source import load_yaml_source

    folder = Path(root) / "guidelines" / "platforms"
    path = folder / f"{platform}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
        raise GateError(
            f"unknown platform {platform!r} (--platform); this project has: "
            f"{', '.join(known) or 'none'}"
        )
    try:
        data = load_yaml_source(path).data
    except Exception as exc:  # a broken profile is a source error (exit 2)
        raise GateError(f"{path}: cannot read the platform profile: {exc}") from None
    qc = data.get("quality_control") if isinstance(data, dict) else None
    settings = qc.get("settings") if isinstance(qc, dict) else None
    layer: dict[str, Any] = {}
    for key, value in (settings or {}).items():
        target = PLATFORM_KEYS.get(key)
        if target is None:
            continue
        node = layer
        for part in target[:-1]:
            node = node.setdefault(part, {})
        node[target[-1]] = value
    return layer


@dataclass
class GateLayers:
    """The override layers above the rubric's own ``quality_gates`` (see the module doc)."""

    platform: dict[str, Any] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)
    config_rubrics: dict[str, dict[str, Any]] = field(default_factory=dict)
    cli: dict[str, Any] = field(default_factory=dict)
    cli_rubrics: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        *,
        config: Mapping[str, Any] | None = None,
        gate_flags: Iterable[str] = (),
        platform: str | None = None,
        root: Path | None = None,
    ) -> GateLayers:
        """Layers from ``[tool.rubricate.gates]``, ``--gate`` flags and ``--platform``."""
        config = dict(config or {})
        per_rubric = config.pop("per-rubric", {}) or {}
        common, per = parse_gate_assignments(gate_flags)
        return cls(
            platform=platform_gates(root or Path.cwd(), platform) if platform else {},
            config=config,
            config_rubrics=dict(per_rubric),
            cli=common,
            cli_rubrics=per,
        )

    def effective(self, rubric: str, rubric_gates: Mapping[str, Any] | None) -> dict[str, Any]:
        """The gates that apply to ``rubric``."""
        gates = dict(rubric_gates or {})
        for layer in (
            self.platform,
            self.config,
            self.config_rubrics.get(rubric, {}),
            self.cli,
            self.cli_rubrics.get(rubric, {}),
        ):
            if layer:
                gates = deep_merge(gates, layer)
        agreement = gates.get("agreement")
        if isinstance(agreement, dict):
            agreement.setdefault("metric", "krippendorff_alpha")
            if "minimum" not in agreement:
                gates.pop("agreement")
        gold = gates.get("gold_accuracy")
        if isinstance(gold, dict) and "minimum" not in gold:
            gates.pop("gold_accuracy")
        return gates


@dataclass
class DatasetContext:
    """Run-wide state the dataset rules read (picklable; see the module doc)."""

    rubrics: Mapping[str, dict[str, Any]] = field(default_factory=dict)
    """Rubric source data by id (gates and payload profiles come from here)."""
    default_rubric: str | None = None
    layers: GateLayers = field(default_factory=GateLayers)
    gold: dict[tuple[str, str], tuple[Any, ...]] = field(default_factory=dict)
    """Reference answers from ``--gold`` files: ``(rubric, item_id) -> values``."""
    gold_where: dict[tuple[str, str], str] = field(default_factory=dict)
    """Where each ``--gold`` answer came from (``FILE:LINE``), for messages."""
    enabled: bool = True
    """False under ``--no-dataset``: the engine then makes no DST accumulators."""

    def __post_init__(self) -> None:
        self._profiles = ProfileCache(self.rubrics, self.default_rubric)
        self._gates: dict[str, dict[str, Any]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {
            "rubrics": self.rubrics,
            "default_rubric": self.default_rubric,
            "layers": self.layers,
            "gold": self.gold,
            "gold_where": self.gold_where,
            "enabled": self.enabled,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.__post_init__()

    @property
    def profiles(self) -> ProfileCache:
        """Payload profiles by rubric."""
        return self._profiles

    def gates(self, rubric: str) -> dict[str, Any]:
        """Effective gates of ``rubric`` (cached)."""
        found = self._gates.get(rubric)
        if found is None:
            data = self.rubrics.get(rubric) or {}
            found = self._gates[rubric] = self.layers.effective(rubric, data.get("quality_gates"))
        return found

    def observe(self, record: Mapping[str, Any]) -> Observation | None:
        """The record's observation (see :meth:`ProfileCache.observe`)."""
        return self._profiles.observe(record)

    def add_gold_records(self, records: Iterable[tuple[str, int, Mapping[str, Any]]]) -> int:
        """Take reference answers from a ``--gold`` file: ``(display, line, record)``.

        Every record counts as gold (``gold: true`` or not). The first answer for an item
        wins. Returns how many were taken.
        """
        taken = 0
        for display, line, record in records:
            obs = self._profiles.observe(record)
            if obs is None or obs.item is None:
                continue
            key = (obs.rubric, obs.item)
            if key not in self.gold:
                self.gold[key] = obs.values
                self.gold_where[key] = f"{display}:{line}"
                taken += 1
        return taken


_CURRENT: DatasetContext | None = None


def set_context(context: DatasetContext | None) -> None:
    """Make ``context`` the one the dataset rules of this process read."""
    global _CURRENT
    _CURRENT = context


def current_context() -> DatasetContext:
    """The run's context (an empty one when no run set it: the rules then find nothing)."""
    global _CURRENT
    if _CURRENT is None:
        _CURRENT = DatasetContext()
    return _CURRENT
