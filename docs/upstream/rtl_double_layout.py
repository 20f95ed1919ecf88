"""Minimal reproducer for docs/upstream/weasyprint-rtl-double-layout.md.

Needs only WeasyPrint (70.0 or main) and a font with Arabic (any: DejaVu
Sans, Noto Naskh Arabic, Amiri).  Counts `split_first_line` calls for the
same paragraph set left to right and right to left, and times a long fully
vocalized paragraph.

    python rtl_double_layout.py
"""

import time

from weasyprint import HTML
from weasyprint.layout import inline

WORDS = "the quick brown fox jumps over the lazy dog and runs away again "
ARABIC = "كان المسلمون يرسلون الرسائل إلى الملوك والأمراء يدعونهم إلى الإسلام "
VOWELLED = "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ الْحَمْدُ لِلَّهِ رَبِّ الْعَالَمِينَ "


def page(direction: str, text: str) -> str:
    return (
        f'<html dir="{direction}"><style>@page {{ size: A5; margin: 15mm }}'
        f"p {{ text-align: justify; font-size: 12pt }}</style><p>{text}</p></html>"
    )


calls = 0
split_first_line = inline.split_first_line


def counted(*args, **kwargs):
    global calls
    calls += 1
    return split_first_line(*args, **kwargs)


inline.split_first_line = counted
for text in (WORDS * 12, ARABIC * 12):
    for direction in ("ltr", "rtl"):
        calls = 0
        HTML(string=page(direction, text)).render()
        print(f"{direction}: {calls} split_first_line calls ({text[:12]}...)")
inline.split_first_line = split_first_line

for repeat in (50, 100, 200):
    text = VOWELLED * repeat
    start = time.process_time()
    HTML(string=page("rtl", text)).render()
    print(f"vocalized paragraph of {len(text)} characters: {time.process_time() - start:.2f} s")
