"""The typed configuration (SPEC 4), parsed from memberaudit.toml; unknown keys and wrong types are errors."""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from pathlib import Path

from memberaudit.model.config import CONFIG_NAME, SETTINGS, Config, Setting, Waiver
from memberaudit.model.errors import ConfigError

_SECTIONS = ("rules", "aliases", "marks", "mix", "waivers")  # parsed against what they name
_TABLES = {key.split(".")[0] for key in (s.key for s in SETTINGS) if "." in key}  # [calendar]
_TOP_KEYS = {s.key for s in SETTINGS if "." not in s.key} | set(_SECTIONS) | _TABLES


def find_config(explicit: str | Path | None) -> Path | None:
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError("config.missing", file=str(path))
        return path
    here = Path.cwd() / CONFIG_NAME
    return here if here.is_file() else None


def load_config(explicit: str | Path | None = None) -> Config:
    path = find_config(explicit)
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError("config.syntax", file=str(path), reason=str(exc)) from exc
    return parse_config(data, str(path))


def _expect(value, kind, key: str, file: str):
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind is date and isinstance(value, str):  # most people quote dates in TOML: "2026-12-31"
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    if kind is date and isinstance(value, datetime):
        return value.date()
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = {str: "text", int: "integer", float: "number", list: "list", dict: "table", bool: "true/false",
                 date: "date (YYYY-MM-DD)"}
        raise ConfigError("config.type", file=file, key=key, expected=names.get(kind, str(kind)))
    return value


def _setting(setting: Setting, value, file: str):
    """A plain key's value, of its kind and among its choices; a path is relative to the configuration file."""
    key = setting.key
    if setting.kind == "date":
        return _expect(value, date, key, file)
    if setting.kind == "bool":
        return _expect(value, bool, key, file)
    if setting.kind == "dates":
        return [_expect(v, date, f"{key}[]", file) for v in _expect(value, list, key, file)]
    if setting.kind in ("texts", "days"):
        texts = _strings(value, key, file)
        for text in texts:
            if setting.choices and text not in setting.choices:
                raise ConfigError("config.value", file=file, key=f"{key}[]", allowed=", ".join(setting.choices))
        if setting.kind == "days":
            for day in texts:
                try:
                    date(2024, int(day[:2]), int(day[3:]))  # a leap year, so 02-29 is allowed
                except ValueError:
                    raise ConfigError("config.type", file=file, key=f"{key}[]", expected="MM-DD") from None
            if not texts:
                raise ConfigError("config.type", file=file, key=key, expected="MM-DD list")
        return texts
    text = _expect(value, str, key, file)
    if setting.choices and text not in setting.choices:
        raise ConfigError("config.value", file=file, key=key, allowed=", ".join(setting.choices))
    return str(Path(file).parent / text) if setting.kind == "path" else text


def _strings(value, key, file) -> list[str]:
    items = _expect(value, list, key, file)
    return [_expect(v, str, f"{key}[]", file) for v in items]


def _string_tables(data: dict, section: str, allowed: dict[str, dict], file: str) -> dict[str, dict[str, list[str]]]:
    """`[section.KIND] NAME = ["…"]` tables: KIND and NAME must be known (allowed[KIND] holds the NAMEs)."""
    out: dict[str, dict[str, list[str]]] = {}
    for kind, table in _expect(data.get(section, {}), dict, section, file).items():
        if kind not in allowed:
            raise ConfigError("config.unknown_key", file=file, key=f"{section}.{kind}")
        for name, values in _expect(table, dict, f"{section}.{kind}", file).items():
            if name not in allowed[kind]:
                raise ConfigError("config.unknown_key", file=file, key=f"{section}.{kind}.{name}")
            out.setdefault(kind, {})[name] = _strings(values, f"{section}.{kind}.{name}", file)
    return out


def parse_config(data: dict, file: str = CONFIG_NAME) -> Config:
    from memberaudit.checks.registry import SEVERITIES as SEVERITIES_VALID
    from memberaudit.checks.registry import rules
    from memberaudit.model.vocab import ATTENDANCE_MARKS, COLUMN_ALIASES, DUES_MARKS, OCCUPATION_GROUPS

    for key in data:
        if key not in _TOP_KEYS:
            raise ConfigError("config.unknown_key", file=file, key=key)
    cfg = Config()
    for table in _TABLES:
        known = {s.key.split(".", 1)[1] for s in SETTINGS if s.key.startswith(f"{table}.")}
        for key in _expect(data.get(table, {}), dict, table, file):
            if key not in known:
                raise ConfigError("config.unknown_key", file=file, key=f"{table}.{key}")
    for setting in SETTINGS:
        table, _, name = setting.key.rpartition(".")
        holder = data.get(table, {}) if table else data
        if name in holder:
            setattr(cfg, setting.attr, _setting(setting, holder[name], file))
    registry = rules()
    for code, table in _expect(data.get("rules", {}), dict, "rules", file).items():
        rule = registry.get(code.upper())
        if rule is None:
            raise ConfigError("config.unknown_key", file=file, key=f"rules.{code}")
        table = _expect(table, dict, f"rules.{code}", file)
        params = {}
        for name, value in table.items():
            key = f"rules.{code}.{name}"
            if name == "severity":
                if value not in SEVERITIES_VALID:
                    raise ConfigError("config.value", file=file, key=key, allowed=", ".join(SEVERITIES_VALID))
                cfg.severities[rule.code] = value
                continue
            if name not in rule.params:
                raise ConfigError("config.unknown_key", file=file, key=key)
            default = rule.params[name]
            if isinstance(default, list):
                params[name] = [_expect(v, type(default[0]), f"{key}[]", file) for v in _expect(value, list, key, file)]
            else:
                params[name] = _expect(value, type(default), key, file)
        cfg.rule_params[rule.code] = params
    cfg.aliases = _string_tables(data, "aliases", COLUMN_ALIASES, file)
    cfg.marks = _string_tables(data, "marks", {"attendance": ATTENDANCE_MARKS, "dues": DUES_MARKS}, file)
    mix = _expect(data.get("mix", {}), dict, "mix", file)
    for key in mix:
        if key != "min_share":
            raise ConfigError("config.unknown_key", file=file, key=f"mix.{key}")
    if "min_share" in mix:
        shares = _expect(mix["min_share"], dict, "mix.min_share", file)
        cfg.min_share = {}
        for group, share in shares.items():
            if group not in OCCUPATION_GROUPS:
                raise ConfigError("config.unknown_key", file=file, key=f"mix.min_share.{group}")
            cfg.min_share[group] = _expect(share, float, f"mix.min_share.{group}", file)
    for i, item in enumerate(_expect(data.get("waivers", []), list, "waivers", file)):
        item = _expect(item, dict, f"waivers[{i}]", file)
        for key in item:
            if key not in ("member_id", "rule", "reason", "until"):
                raise ConfigError("config.unknown_key", file=file, key=f"waivers[{i}].{key}")
        missing = [k for k in ("member_id", "rule", "reason", "until") if k not in item]
        if missing:
            raise ConfigError("config.missing_key", file=file, key=f"waivers[{i}].{missing[0]}")
        cfg.waivers.append(Waiver(str(item["member_id"]), _expect(item["rule"], str, f"waivers[{i}].rule", file).upper(),
                                  _expect(item["reason"], str, f"waivers[{i}].reason", file),
                                  _expect(item["until"], date, f"waivers[{i}].until", file)))
    return cfg
