"""The package's layout shows its architecture (DESIGN.md, "Third wave"):
a spine of a few modules at the top, subpackages named for a concern, the
print stage one package with every pinned patch of a dependency in
`writers/pdf/patches/`, and no module reaching into another's private
names."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import warraq

SRC = Path(warraq.__file__).parent


def _module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def _absolute(path: Path, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    name, is_package = _module_name(path)
    base = name.split(".") if is_package else name.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _is_module(dotted: str) -> bool:
    path = SRC.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _private(name: str) -> bool:
    # `_` is gettext's translation function (i18n.py), public by convention
    return name.startswith("_") and not name.startswith("__") and name != "_"


def private_reaches() -> list[str]:
    """Every place a module of the package uses another module's private
    name: `from .x import _y`, or `x._y` on a module it imported."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        modules: set[str] = set()  # local names bound to modules of the package
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                source = _absolute(path, node)
                if not source.startswith("warraq"):
                    continue
                for alias in node.names:
                    if _private(alias.name):
                        found.append(f"{path.relative_to(SRC)}:{node.lineno} imports {source}.{alias.name}")
                    elif _is_module(f"{source}.{alias.name}"):
                        modules.add(alias.asname or alias.name)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("warraq") and alias.asname:
                        modules.add(alias.asname)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in modules
                and _private(node.attr)
            ):
                found.append(f"{path.relative_to(SRC)}:{node.lineno} uses {node.value.id}.{node.attr}")
    return found


def test_no_module_reaches_into_another_modules_private_names():
    assert private_reaches() == []


def test_the_check_finds_a_private_import(tmp_path, monkeypatch):
    # the check itself can fail: a module importing a private name is found
    package = tmp_path / "warraq"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "a.py").write_text("_hidden = 1\n")
    (package / "b.py").write_text("from .sub.a import _hidden\nfrom .sub import a\nprint(a._hidden)\n")
    monkeypatch.setattr(sys.modules[__name__], "SRC", package)
    assert private_reaches() == ["b.py:1 imports warraq.sub.a._hidden", "b.py:3 uses a._hidden"]


def test_the_top_level_is_the_spine():
    modules = sorted(p.name for p in SRC.glob("*.py"))
    assert len(modules) <= 12, modules
    for spine in ("model.py", "config.py", "pipeline.py", "cli.py", "i18n.py", "errors.py"):
        assert spine in modules


def test_the_print_stage_is_one_package_with_its_patches():
    writers = SRC / "writers"
    assert not list(writers.glob("pdf_*.py"))
    assert not (writers / "pdf.py").exists() and not (writers / "pdfx.py").exists()
    patches = SRC / "writers" / "pdf" / "patches"
    names = sorted(p.stem for p in patches.glob("*.py") if p.stem != "__init__")
    assert {"text", "kashida", "footnotes", "leaders", "pagerefs", "tags"} <= set(names)
    for name in names:  # each pins its upstream through the one helper
        source = (patches / f"{name}.py").read_text("utf-8")
        assert "pin_mismatches(" in source, name
        assert "FINGERPRINTS" in source, name


def test_no_module_outside_patches_patches_a_dependency():
    # replacing a third-party function is a patch: it lives in patches/
    offenders = []
    for path in SRC.rglob("*.py"):
        if "patches" in path.parts:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if (
                        isinstance(target, ast.Attribute)
                        and isinstance(target.value, ast.Attribute | ast.Name)
                        and ast.unparse(target.value).split(".")[0] in {"weasyprint", "pydyf", "draw_text", "tags"}
                    ):
                        offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert offenders == []
