"""No user-facing message bypasses the catalogs: a WarraqError or a Finding
built from a literal or an f-string would reach an Arabic user in English.
(A static check of the source; the completeness of the catalogs themselves
is tests/test_i18n.py.)"""

from __future__ import annotations

import ast
from pathlib import Path

import warraq
from warraq import errors

SRC = Path(warraq.__file__).parent
ERRORS = {name for name, obj in vars(errors).items() if isinstance(obj, type) and issubclass(obj, errors.WarraqError)}


def _is_prose(node: ast.AST | None) -> bool:
    """A string made here, not through msg()/nmsg(): a literal, an f-string,
    a concatenation or a .format() of one."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and any(c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_prose(node.left) or _is_prose(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _is_prose(node.func.value)
    return False


def _name(func: ast.AST) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def violations(tree: ast.AST, path: str) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name in ERRORS:
            arg = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "message"), None)
        elif name == "Finding":
            arg = (
                node.args[2]
                if len(node.args) > 2
                else next((k.value for k in node.keywords if k.arg == "message"), None)
            )
        elif name in ("msg", "nmsg"):
            # a literal, or a name holding an N_()-marked msgid; never a string made here
            first = node.args[0] if node.args else None
            if (
                first is None
                or isinstance(first, (ast.JoinedStr, ast.BinOp))
                or (isinstance(first, ast.Call) and _name(first.func) == "format")
            ):
                found.append(f"{path}:{node.lineno}: {name}() needs a literal msgid (Babel extracts it)")
            continue
        else:
            continue
        if _is_prose(arg):
            found.append(f"{path}:{node.lineno}: {name}(...) with an untranslated message")
    return found


def test_every_error_and_finding_message_goes_through_the_catalogs():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        found += violations(ast.parse(path.read_text("utf-8")), str(path.relative_to(SRC)))
    assert not found, "\n".join(found)


def test_the_check_sees_an_f_string_message():
    tree = ast.parse('raise InputError(f"bad {x}", file)\nFinding("k", "r", "plain words")\nmsg(f"{a} b")')
    assert len(violations(tree, "x.py")) == 3
    assert not violations(ast.parse('raise InputError(msg("bad {x}", x=x), file)'), "x.py")
