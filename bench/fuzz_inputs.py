"""A seeded fuzzer of warraq's readers through the real CLI (issue 29):
real inputs of every kind a part can be (the seed text part, a Markdown
part with a table, a list, a figure and a poem fence, a saved web page, a
Word file) are mutated (truncated, bytes flipped, NULs, bidi controls, a
huge line, deep nesting, UTF-16 / BOM / CP1256) and each is checked with
`warraq check` or built with `warraq build -f html -f epub` (print is left
out: minutes a case) in a fresh project.  Every run must end with exit 0, or a
one-line error naming the part's file; a traceback, or exit 70 (warraq's
"please report"), is a defect.

`python -m bench.fuzz_inputs [CASES] [SEED]` prints every defect and a
summary; each case is run in-process through `cli.main` (the same code as
the `warraq` command, without an interpreter start per case).
"""

from __future__ import annotations

import contextlib
import io
import random
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from tests.readers import docx_fixtures as word

ROOT = Path(__file__).resolve().parent.parent
BIDI = "\u202e\u202d\u2066\u2067\u2068\u2069\u200f\u200e\u061c"
BOOK = '[book]\ntitle = "سلسلة"\nauthor = "كاتب"\nlanguage = "ar"\nslug = "t"\nidentifier = "urn:x"\n'

MARKDOWN = """# سلسلة (٢)

فقرة أولى فيها «اقتباس من كتاب طويل بعض الشيء» وحاشية[^1].

| العمود | القيمة |
|:--|--:|
| أ | ١ |
| ب | ٢ |

- بند أول
  - بند فرعي
- بند ثان

1. أول
2. ثان

![صورة حقل](field.png "تعليق الصورة")

```شعر
على قدر أهل العزم تأتي العزائم *** وتأتي على قدر الكرام المكارم
وتعظم في عين الصغير صغارها *** وتصغر في عين العظيم العظائم
```

[^1]: نص الحاشية.
"""


def seeds() -> dict[str, bytes]:
    text = next((ROOT / "manuscript" / "parts").glob("*.txt")).read_bytes()
    web = (ROOT / "tests" / "readers" / "data" / "web" / "alquds.html").read_bytes()
    return {
        "01.txt": text,
        "02.md": MARKDOWN.encode(),
        "03.html": web,
        "04.docx": word.docx_bytes(word.sample_article()),
    }


def _picture() -> bytes:
    """The Markdown part's figure: a small PNG (parts/field.png)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (600, 400), (200, 180, 120)).save(out, "PNG")
    return out.getvalue()


def _text_mutation(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    kind = rng.choice(
        ["truncate", "flip", "nul", "bidi", "huge-line", "nest", "utf16", "bom", "cp1256", "crlf", "splice"]
    )
    n = len(data)
    if kind == "truncate":
        return kind, data[: rng.randrange(max(n, 1))]
    if kind == "flip":
        b = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            b[rng.randrange(n)] = rng.randrange(256)
        return kind, bytes(b)
    if kind == "nul":
        b = bytearray(data)
        for _ in range(rng.randint(1, 5)):
            b.insert(rng.randrange(n), 0)
        return kind, bytes(b)
    text = data.decode("utf-8", "replace")
    pos = rng.randrange(len(text) + 1)
    if kind == "bidi":
        for _ in range(rng.randint(1, 10)):
            pos = rng.randrange(len(text) + 1)
            text = text[:pos] + rng.choice(BIDI) * rng.randint(1, 3) + text[pos:]
        return kind, text.encode()
    if kind == "huge-line":
        return kind, (text[:pos] + "كلمة " * rng.choice([50_000, 200_000]) + text[pos:]).encode()
    if kind == "nest":
        depth = rng.choice([200, 2_000, 20_000])
        opener = rng.choice(["> ", "- ", "  - ", "<div>", "<b>", "«", "[", "(", "<table><tr><td>", "*"])
        return kind + ":" + opener.strip(), (text[:pos] + "\n" + opener * depth + "نص\n" + text[pos:]).encode()
    if kind == "utf16":
        return kind, text.encode(rng.choice(["utf-16", "utf-16-le", "utf-16-be"]))
    if kind == "bom":
        return kind, b"\xef\xbb\xbf" + data
    if kind == "cp1256":
        return kind, text.encode("cp1256", "replace")
    if kind == "crlf":
        return kind, text.replace("\n", rng.choice(["\r\n", "\r", "\u2028", "\x0b", "\x0c"])).encode()
    a, b = sorted(rng.randrange(len(text) + 1) for _ in range(2))
    return kind, (text[:pos] + text[a:b] * rng.randint(2, 50) + text[pos:]).encode()


def _docx_mutation(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    if rng.random() < 0.3:
        return _text_mutation(rng, data)  # the zip itself: truncated, flipped …
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        members = {i.filename: zin.read(i) for i in zin.infolist()}
    name = rng.choice([m for m in members if m.endswith(".xml") or m.endswith(".rels")])
    kind, members[name] = _text_mutation(rng, members[name])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for member, content in members.items():
            zout.writestr(member, content)
    return f"{name}:{kind}", out.getvalue()


CHECK = ("check",)
BUILD = ("build", "-q", "-f", "html", "-f", "epub")


def run_case(name: str, data: bytes, command: tuple[str, ...] = CHECK) -> tuple[int, str]:
    """`warraq check` (or `command`) on a project of this one part: exit
    code and stderr."""
    from warraq import cli

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "parts").mkdir()
        (root / "book.toml").write_text(BOOK, encoding="utf-8")
        (root / "parts" / name).write_bytes(data)
        (root / "parts" / "field.png").write_bytes(_picture())
        err, out = io.StringIO(), io.StringIO()
        argv, sys.argv = sys.argv, ["warraq", *command, "-m", str(root), "-o", str(root / "build")]
        if command == CHECK:
            sys.argv = sys.argv[:-2]
        code = 0
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
                cli.main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        finally:
            sys.argv = argv
            shutil.rmtree(root / "build", ignore_errors=True)
        return code, err.getvalue()


def verdict(name: str, code: int, err: str) -> str | None:
    """What is wrong with a run, or None."""
    if "Traceback" in err:
        return "traceback"
    if code == 70 or "please report" in err:
        return "internal error (exit 70)"
    if code == 0:
        return None
    errors = [line for line in err.splitlines() if line.startswith("warraq: error:")]
    if len(errors) != 1:
        return f"{len(errors)} error lines"
    if name not in errors[0] and "book.toml" not in errors[0]:
        return "the error does not name the file"
    return None


def fuzz(cases: int = 200, seed: int = 29, out=print) -> list[tuple[str, str, str, str]]:
    rng = random.Random(seed)
    inputs = seeds()
    defects = []
    for k in range(cases):
        name = rng.choice(sorted(inputs))
        mutate = _docx_mutation if name.endswith(".docx") else _text_mutation
        kind, data = mutate(rng, inputs[name])
        command = rng.choice([CHECK, BUILD])
        code, err = run_case(name, data, command)
        wrong = verdict(name, code, err)
        if wrong:
            last = err.strip().splitlines()[-1] if err.strip() else ""
            defects.append((name, kind, wrong, last))
            out(f"case {k}: {command[0]} {name} {kind}: {wrong}: {last[:300]}")
    return defects


def main() -> None:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 29
    defects = fuzz(cases, seed)
    print(f"{cases} cases (seed {seed}): {len(defects)} defects")


if __name__ == "__main__":
    main()
