"""The package tree is the pipeline: an import never points upstream (STYLE.md, issue 15).

model → read → normalize → assemble → checks → reports → the application (app, config, guard, demo) → cli.
A module may import its own stage and any stage before it, never one after it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "memberaudit"
STAGES = ["model", "read", "normalize", "assemble", "checks", "reports", "app", "cli"]
APPLICATION = {"app", "config", "guard", "demo", "helptext"}  # top-level modules of the application stage


def stage_of(module: str) -> int:
    """The stage of a dotted module name below `memberaudit`."""
    parts = module.split(".")
    if parts[0] in ("", "__init__", "__version__"):
        return 0  # the package itself holds only the version
    if parts[0] in APPLICATION:
        return STAGES.index("app")
    if parts[0] in ("cli", "__main__"):
        return STAGES.index("cli")
    return STAGES.index(parts[0])


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module below memberaudit) of every import in a file, at any depth (lazy imports count)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("memberaudit"):
            base = node.module.removeprefix("memberaudit").lstrip(".")
            names = [base] if base else [a.name for a in node.names]
            found += [(node.lineno, n) for n in names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name.removeprefix("memberaudit.")) for a in node.names
                      if a.name.startswith("memberaudit.")]
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def test_every_module_belongs_to_a_stage():
    for path in MODULES:
        stage_of(".".join(path.relative_to(PACKAGE).with_suffix("").parts))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_import_points_upstream(path):
    own = stage_of(".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    upstream = [f"line {line}: {module} ({STAGES[stage_of(module)]})" for line, module in imports_of(path)
                if stage_of(module) > own]
    assert not upstream, f"{path.relative_to(PACKAGE)} ({STAGES[own]}) imports downstream stages: {upstream}"


def test_the_check_sees_an_upstream_import(tmp_path):
    """The walker itself can fail: a lazy import of a later stage inside a function is found."""
    sample = tmp_path / "x.py"
    sample.write_text("def f():\n    from memberaudit.checks.registry import rules\n")
    assert [stage_of(m) for _, m in imports_of(sample)] == [STAGES.index("checks")]
