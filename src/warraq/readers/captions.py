"""Caption lines: the line an author types above or below a table to name
it, «جدول ١: أسعار الكتب», «الجدول (٢) - مواعيد الرحلة», «جدول رقم 3. النتائج»
(the word, its number in either digits, then a colon, a dash or a full stop).
A line that merely begins with the word («جدول الأعمال …») is not one."""

from __future__ import annotations

import re

_TABLE_CAPTION = re.compile(r"^\s*(?:ال)?جدول\s*(?:رقم\s*)?[(\[]?\s*[0-9٠-٩]+\s*[)\]]?\s*[:：.\-–—]")
MAX_CAPTION_WORDS = 30


def table_caption_line(text: str) -> bool:
    """Does the line name a table by its number?"""
    return bool(_TABLE_CAPTION.match(text)) and len(text.split()) <= MAX_CAPTION_WORDS


__all__ = ["MAX_CAPTION_WORDS", "table_caption_line"]
