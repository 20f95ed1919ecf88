"""The book's typefaces: Amiri, from the `fontpkg-amiri` package (OFL)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import fontpkg_amiri

FAMILY = "Amiri"


@dataclass(frozen=True)
class Face:
    file: Path
    weight: str  # "normal" or "bold"
    style: str  # "normal" or "italic"

    @property
    def name(self) -> str:
        return self.file.name


def faces() -> tuple[Face, ...]:
    root = Path(fontpkg_amiri.ROOT) / "files"
    return (
        Face(root / "Amiri-Regular.ttf", "normal", "normal"),
        Face(root / "Amiri-Bold.ttf", "bold", "normal"),
        Face(root / "Amiri-Italic.ttf", "normal", "italic"),
        Face(root / "Amiri-BoldItalic.ttf", "bold", "italic"),
    )


def font_face_css(url_prefix: str, used: tuple[Face, ...] | None = None) -> str:
    """@font-face rules pointing at `url_prefix + file name`."""
    rules = []
    for face in used or faces():
        rules.append(
            "@font-face {\n"
            f'  font-family: "{FAMILY}";\n'
            f'  src: url("{url_prefix}{face.name}") format("truetype");\n'
            f"  font-weight: {face.weight};\n"
            f"  font-style: {face.style};\n"
            "}"
        )
    return "\n".join(rules) + "\n"
