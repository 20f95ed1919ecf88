"""Amiri subset to the characters a book uses, for embedding in the EPUB.

Arabic needs more than the glyphs of the characters typed: the contextual
forms (init, medi, fina), ligatures (lam-alef) and mark positioning come from
the GSUB and GPOS tables.  Subsetting *by text* with every layout feature kept
makes fontTools compute the GSUB closure, so every form a shaper can reach
from those characters stays in the font.

Subsetting Amiri takes most of a second per face, so results are cached by
content (font bytes, character set, fontTools version) under the user's cache
directory; the output is the same bytes either way (no timestamp is written).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import fontTools

from ..render.fonts import Face
from .cache import cached

# Always kept, whatever the text: digits of both styles, the punctuation a
# reading system or a stylesheet may generate (note markers, `* * *`), ASCII.
ALWAYS = (
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "\u00a0\u00ab\u00bb\u200c\u200d\u200e\u200f\u2013\u2014\u2018\u2019\u201c\u201d\u2026"
    + "٠١٢٣٤٥٦٧٨٩،؛؟ـ﴾﴿"
)
# name records kept: copyright, family, style, unique id, full name, version,
# PostScript name, and the OFL licence text and URL, which must travel with it
NAME_IDS = (0, 1, 2, 3, 4, 5, 6, 13, 14)


@dataclass(frozen=True)
class SubsetFont:
    face: Face
    data: bytes


def subset_font(face: Face, characters: str) -> bytes:
    """`face` reduced to what shaping `characters` can produce."""
    from fontTools import subset  # slow to import; not needed when cached
    from fontTools.ttLib import TTFont

    opts = subset.Options()
    opts.layout_features = ["*"]  # keep every feature: shaping, ligatures, marks
    opts.name_IDs = list(NAME_IDS)
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.hinting = False  # TrueType hints matter little in reading systems
    opts.glyph_names = False
    font = TTFont(face.file, recalcTimestamp=False)  # no build time in `head`
    subsetter = subset.Subsetter(opts)
    subsetter.populate(unicodes=sorted({ord(c) for c in characters}))
    subsetter.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def subset_faces(faces: tuple[Face, ...], text: str) -> list[SubsetFont]:
    """Each face subset to the characters of `text` plus `ALWAYS`, cached."""
    characters = "".join(sorted(set(text + ALWAYS)))
    out = []
    for face in faces:
        key = [f"fonttools {fontTools.version}; ids {NAME_IDS}".encode(), face.file.read_bytes(), characters.encode()]
        data = cached("fonts", face.file.name, key, lambda face=face: subset_font(face, characters))
        out.append(SubsetFont(face, data))
    return out
