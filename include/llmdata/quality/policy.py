"""Quality policies: governance as code. YAML files validated against a JSON Schema shipped in the repo."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from llmdata.errors import LlmdataError
from llmdata.ids import sha256_hex
from llmdata.quality.bias import BiasPolicy
from llmdata.quality.checks import Check, build_check
from llmdata.quality.drift import DriftPolicy
from llmdata.routing import PATHS, Routing

SCHEMA_PATH = Path(__file__).with_name("policy.schema.json")


class PolicyError(LlmdataError, ValueError):
    """A policy file is broken; the message names the file, line and field."""


@dataclass(frozen=True)
class Gate:
    """A named group of checks with one action (``block`` or ``filter``) at one pipeline stage.

    ``paths`` are the processing paths whose documents the gate checks (see :mod:`llmdata.routing`).
    """

    name: str
    stage: str
    action: str
    checks: tuple[Check, ...]
    paths: tuple[str, ...] = PATHS


@dataclass(frozen=True)
class Scoring:
    """How check scores combine into ``quality_score`` and the training-sampling ``weight``.

    ``weights`` maps a rule (``gate.check``) or a check name to its weight (default 1).
    """

    weights: dict[str, float] = field(default_factory=dict)
    min_weight: float = 0.05

    def quality_score(self, scores: dict[str, float]) -> float:
        """Weighted mean of ``scores`` (rule -> 0..1); 1.0 when nothing was scored."""
        total = norm = 0.0
        for rule, score in scores.items():
            w = self.weights.get(rule, self.weights.get(rule.split(".", 1)[-1], 1.0))
            total += w * score
            norm += w
        return round(total / norm, 4) if norm else 1.0

    def weight(self, quality_score: float) -> float:
        """Sampling weight of a document with ``quality_score``."""
        return round(max(self.min_weight, quality_score), 4)


@dataclass(frozen=True)
class ReviewPolicy:
    """Which documents a person reviews: a ``share`` of those whose quality_score lies within ``band``."""

    band: tuple[float, float] = (0.35, 0.65)
    share: float = 0.0
    seed: int = 0


@dataclass(frozen=True)
class Policy:
    """A validated quality policy; ``sha256`` is the content hash lineage records."""

    name: str
    version: str
    assumptions: str
    gates: tuple[Gate, ...]
    path: str
    sha256: str
    near_dedup: dict[str, Any] = field(default_factory=dict)
    routing: Routing = field(default_factory=Routing)
    scoring: Scoring = field(default_factory=Scoring)
    drift: DriftPolicy = field(default_factory=DriftPolicy)
    bias: BiasPolicy = field(default_factory=BiasPolicy)
    review: ReviewPolicy = field(default_factory=ReviewPolicy)
    # Profile name -> the policy's gates with that profile's check parameters.
    profiles: dict[str, tuple[Gate, ...]] = field(default_factory=dict)

    def gates_at(self, stage: str, profile: str | None = None) -> tuple[Gate, ...]:
        """The gates that run at ``stage`` (early, mid or late), with ``profile``'s parameters if given."""
        gates = self.profiles[profile] if profile else self.gates
        return tuple(g for g in gates if g.stage == stage)

    def describe(self) -> dict[str, Any]:
        """Policy identity and parameters for lineage (no data)."""
        return {
            "name": self.name,
            "version": self.version,
            "sha256": self.sha256,
            "assumptions": self.assumptions,
            "near_dedup": self.near_dedup,
            "routing": self.routing.describe(),
            "scoring": {"weights": self.scoring.weights, "min_weight": self.scoring.min_weight},
            "drift": vars(self.drift),
            "bias_groups": sorted(self.bias.groups),
            "review": vars(self.review),
            "gates": [
                {"name": g.name, "stage": g.stage, "action": g.action, "paths": list(g.paths),
                 "checks": [{"check": c.name, **c.params()} for c in g.checks]}
                for g in self.gates
            ],
        }


def yaml_line(text: str, path: list[Any]) -> int | None:
    """1-based line of the YAML node at ``path``, for error messages."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return None
    for part in path:
        if node is None:
            return None
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            break
    return node.start_mark.line + 1 if node is not None else None


def load_policy(path: Path) -> Policy:
    """Read, schema-validate and build the policy at ``path``; raise :class:`PolicyError` on any problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise PolicyError(f"{path}: cannot read policy ({error.strerror}); set LLMDATA_POLICY_FILE") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise PolicyError(f"{path}{where}: not valid YAML: {getattr(error, 'problem', error)}") from None
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(raw), key=lambda e: list(e.path))
    if errors:
        problems = []
        for error in errors:
            location = list(error.absolute_path)
            field = ".".join(map(str, location)) or "(top level)"
            problems.append(f"{path} line {yaml_line(text, location) or '?'}: field {field}: {error.message}")
        raise PolicyError("\n".join(problems))
    gates = []
    for g_index, gate in enumerate(raw["gates"]):
        checks = []
        for c_index, spec in enumerate(gate["checks"]):
            params = {k: v for k, v in spec.items() if k != "check"}
            try:
                checks.append(build_check(spec["check"], params))
            except (ValueError, TypeError) as error:
                line = yaml_line(text, ["gates", g_index, "checks", c_index])
                raise PolicyError(f"{path} line {line}: gates.{g_index}.checks.{c_index}: {error}") from None
        gates.append(Gate(gate["name"], gate["stage"], gate["action"], tuple(checks), tuple(gate.get("paths", PATHS))))
    profiles = _profiles(raw, tuple(gates), text, path)
    near = raw.get("near_dedup", {})
    if near and near.get("num_perm", 128) % near.get("bands", 16):
        line = yaml_line(text, ["near_dedup", "bands"])
        raise PolicyError(f"{path} line {line}: near_dedup.bands must divide near_dedup.num_perm")
    return Policy(raw["name"], raw["version"], raw["assumptions"].strip(), tuple(gates), str(path), sha256_hex(text),
                  near, Routing.from_policy(raw.get("routing")), Scoring(**raw.get("scoring", {})),
                  DriftPolicy(**raw.get("drift", {})), BiasPolicy(**raw.get("bias", {})),
                  ReviewPolicy(**{k: tuple(v) if isinstance(v, list) else v for k, v in raw.get("review", {}).items()}),
                  profiles)


def _profiles(raw: dict[str, Any], gates: tuple[Gate, ...], text: str, path: Path) -> dict[str, tuple[Gate, ...]]:
    """Each profile's gates: the policy's, with the check parameters the profile overrides."""
    by_rule = {f"{g.name}.{c.name}": c for g in gates for c in g.checks}
    profiles: dict[str, tuple[Gate, ...]] = {}
    for name, spec in (raw.get("profiles") or {}).items():
        replaced: dict[str, Check] = {}
        for rule, params in spec["overrides"].items():
            line = yaml_line(text, ["profiles", name, "overrides", rule])
            if rule not in by_rule:
                raise PolicyError(f"{path} line {line}: profiles.{name}: no check {rule!r} in the gates; known: "
                                  f"{', '.join(sorted(by_rule))}")
            try:
                replaced[rule] = build_check(by_rule[rule].name, {**by_rule[rule].params(), **params})
            except (ValueError, TypeError) as error:
                raise PolicyError(f"{path} line {line}: profiles.{name}.overrides.{rule}: {error}") from None
        profiles[name] = tuple(replace(g, checks=tuple(replaced.get(f"{g.name}.{c.name}", c) for c in g.checks))
                               for g in gates)
    for rule in (raw.get("routing") or {}).get("rules", []):
        if rule.get("profile") and rule["profile"] not in profiles:
            raise PolicyError(f"{path}: routing rule {rule['name']!r} names profile {rule['profile']!r}, which "
                              f"is not under profiles (known: {', '.join(sorted(profiles)) or 'none'})")
    return profiles
