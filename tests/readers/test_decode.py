import codecs

import pytest

from warraq.errors import InputError
from warraq.readers.decode import MAX_BYTES, _misread_runs, decode, decode_lines

ARABIC = "بقعة ضوء (4)\nالدعوة الإسلامية:\nهذا هو الحق والحقيقة، في العالم كله.\n"


def test_utf8_with_and_without_bom():
    assert decode(ARABIC.encode("utf-8"), "a.txt") == (ARABIC, "utf-8")
    text, enc = decode(codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "a.txt")
    assert text == ARABIC and enc == "utf-8-sig"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(encoding):
    data = ARABIC.encode(encoding)
    if encoding != "utf-16":  # add the BOM by hand for the explicit-endian codecs
        bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + data
    assert decode(data, "a.txt")[0] == ARABIC


def test_windows_1256_is_recognised():
    text, enc = decode(ARABIC.encode("cp1256"), "a.txt")
    assert (text, enc) == (ARABIC, "windows-1256")


def test_latin1_text_is_not_taken_for_windows_1256():
    # Western European text in Latin-1: not UTF-8, and not Arabic either
    with pytest.raises(InputError, match="unknown encoding") as exc:
        decode("Café crème, déjà vu à Noël\n".encode("latin-1"), "b.txt")
    assert exc.value.file == "b.txt" and exc.value.line == 1


def test_binary_file():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "c.txt")


def test_empty_and_blank_files():
    for data in (b"", b"  \n\n \t\n"):
        with pytest.raises(InputError, match="empty file"):
            decode(data, "d.txt")


def test_newlines_and_nfc():
    # CRLF and CR become LF; a decomposed alef with hamza (ا + U+0654) becomes أ
    text, _ = decode("سطر\r\nا\u0654ول\rثالث".encode(), "e.txt")
    assert text == "سطر\nأول\nثالث"


def test_size_limit_is_a_clear_error():
    with pytest.raises(InputError, match="limit"):
        decode(b"a" * (MAX_BYTES + 1), "big.txt")


def test_garbled_runs_inside_a_line_are_put_right_one_by_one():
    g = "سطر".encode().decode("cp1256")  # ط³ط·ط±
    fixed, notes = _misread_runs(f"أول {g} ثم نص سليم ثم {g}-{g}.")
    assert fixed == "أول سطر ثم نص سليم ثم سطر-سطر."
    assert len(notes) == 2 and all("repaired" in n for n in notes)
    # real Arabic, its ط and ظ before a comma or a letter of bytes 80-BF, stays
    for real in ("ضغط، وظهر الظلم فقط؛ ثم ظ،", "نص عربي بلا شيء"):
        assert _misread_runs(real) == (real, [])


def test_a_run_that_does_not_come_back_cleanly_is_reported_and_kept():
    latin = "سطر".encode().decode("cp1252")  # Ø³Ø·Ø±: another code page
    truncated = "نص ط³ط·àپپ و"  # a three-byte lead whose bytes are not UTF-8
    for line in (f"نص {latin} آخر", truncated):
        fixed, notes = _misread_runs(line)
        assert fixed == line and len(notes) == 1 and "left as typed" in notes[0]


def test_windows_1256_line_with_utf8_bytes_at_its_end():
    data = "سلسلة (1)\nنص الحلقة الأولى هنا.\nفقرة ".encode("cp1256") + "سطر منسوخ".encode() + b"\n"
    text, encoding, repaired = decode_lines(data, "a.txt")
    assert encoding == "windows-1256" and text.endswith("فقرة سطر منسوخ\n")
    assert [no for no, _ in repaired] == [3]
