"""`warraq inspect` on the default book, pinned by a golden file.

The golden file was read line by line against the seed (manuscript/parts/
04-buqat-daw.txt) before it was committed; the explicit checks below restate
the issue's requirements so the golden file cannot drift unnoticed.
"""

from pathlib import Path

from .conftest import run_cli

GOLDEN = Path(__file__).parent / "cases" / "default-book.inspect.txt"
SECTIONS = [
    "الدعوة الإسلامية:",
    "الدولة الإسلامية الوليدة:",
    "فتح الشام وفلسطين:",
    "حوار خالد بن الوليد مع القائد الأرمني جرجة جورياه قبل معركة…",
    "خطاب خالد بن الوليد لجيشه:",
]


def test_inspect_matches_golden():
    result = run_cli("inspect")
    assert result.code == 0, result.err
    assert result.out == GOLDEN.read_text("utf-8")


def test_inspect_shows_what_the_issue_requires():
    lines = run_cli("inspect").out.splitlines()
    assert lines[1] == "part 4: بقعة ضوء (٤) [manuscript/parts/04-buqat-daw.txt:1]"
    headings = [line.split("heading h2: ", 1)[1] for line in lines if "heading h2: " in line]
    assert headings == SECTIONS * 2  # nothing is removed yet: each section twice
    tabari = [line for line in lines if line.lstrip().startswith(("19-21 ", "61-63 "))]
    assert len(tabari) == 2 and all("quotation «» (3 paragraphs): «كان عمر" in t for t in tabari)
    verses = [line for line in lines if " verse quran ﴿﴾ ref محمد 47:7" in line]
    assert [v.split()[0] for v in verses] == ["29", "71"] and all('typed "7 محمد"' in v for v in verses)
    braces = [line for line in lines if "quran {} no reference: إنك ميت وإنهم ميتون" in line]
    assert len(braces) == 2
    attributions = [line.split()[0] for line in lines if "paragraph (attribution):" in line]
    assert attributions == ["18", "23", "31", "32", "34", "40", "60", "65", "73", "74", "76", "82"]
    assert "35      quotation unmarked (1 paragraph): أنها أول هزيمة للجيش الروماني" in "\n".join(lines)
    assert [line.split()[0] for line in lines if "sign-off:" in line] == ["43", "85"]
    # the poem closing each copy: its attribution, then two bayts (issue 23)
    assert [line.split()[0] for line in lines if "poem (2 bayts)" in line] == ["41-42", "83-84"]
