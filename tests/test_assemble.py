import pytest

from warraq.assemble import assemble, read_parts
from warraq.config import load_config
from warraq.errors import AssemblyError


def test_parts_are_ordered_by_number_not_file_name(make_book):
    root = make_book({"a.txt": "سلسلة (2)\nثانية.", "b.txt": "سلسلة (1)\nأولى.", "c.txt": "سلسلة (3)\nثالثة."})
    config = load_config(root)
    book, findings = assemble(read_parts(config), config)
    assert [p.number for p in book.parts] == [1, 2, 3]
    assert [p.source_path.rsplit("/", 1)[-1] for p in book.parts] == ["b.txt", "a.txt", "c.txt"]
    assert findings == []


def test_two_parts_with_one_number_name_both_files(make_book):
    root = make_book({"a.txt": "سلسلة (2)\nنص.", "b.txt": "\nسلسلة (٢)\nنص."})
    config = load_config(root)
    with pytest.raises(AssemblyError) as exc:
        assemble(read_parts(config), config)
    msg = str(exc.value)
    assert "a.txt" in msg and "b.txt" in msg and exc.value.line == 2


def test_a_gap_is_a_warning(make_book):
    root = make_book({"1.txt": "س (1)\nنص.", "2.txt": "س (2)\nنص.", "4.txt": "س (4)\nنص."})
    config = load_config(root)
    book, findings = assemble(read_parts(config), config)
    assert len(book.parts) == 3
    (gap,) = findings
    assert gap.level == "warning" and "3" in gap.message and gap.prov.file.endswith("4.txt")


def test_order_table_numbers_unnumbered_parts(make_book):
    root = make_book({"intro.txt": "تمهيد\nنص.", "2.txt": "س (2)\nنص."}, extra='[order]\n"intro.txt" = 1\n')
    config = load_config(root)
    book, _ = assemble(read_parts(config), config)
    assert [p.number for p in book.parts] == [1, 2]
