"""The web benchmark's pages are real saved pages: the generated article
reads back whole, with its number, and none of the page's chrome."""

from __future__ import annotations

from bench.bench_web import GOLD, bench_page, gold_text
from bench.series import part_text

from tests.readers.test_web import CHROME, PAGES
from warraq.model import block_text
from warraq.readers import read_part


def test_generated_page_reads_back_its_article_and_number(tmp_path):
    for number in (3, 8):  # a UTF-8 page and the Windows-1256 one
        name, data, words = bench_page(number)
        (tmp_path / name).write_bytes(data)
        part = read_part(tmp_path / name, name, {})
        assert part.number == number and words > 1000
        read = "".join("\n".join(block_text(b) for b in part.blocks).split())
        for line in part_text(number).rstrip("\n").split("\n")[1:]:
            assert "".join(line.split()) in read


def test_gold_of_every_fixture_is_its_article():
    assert set(GOLD) == set(PAGES)
    for name, (_, _, _, _, first, last, _) in PAGES.items():
        gold = gold_text(name)
        assert first in gold and last in gold
        assert not [s for s in CHROME[name] if s in gold]
