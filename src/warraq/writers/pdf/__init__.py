"""The print stage: the book's HTML made into a print-ready PDF by WeasyPrint.

    print HTML (render/, one document per part, plus the front matter and
    the sheets)
        |  documents.py   the documents of a build and their cache keys;
        |                 worker processes, one per core
        v
    typeset.py      one document through WeasyPrint, with the patches of
        |           patches/ active (exact text, kashida, footnotes, tags,
        |           leaders, page references) and fetch.py serving only the
        |           project's files
        v
    cache.py        each typeset document kept under <out>/.cache/pdf/,
        |           keyed by everything that can change its bytes
        v
    merge.py        the documents assembled into one book with pikepdf:
        |           pages in order, folios drawn, outline, page labels,
        |           links, the structure tree and the exact text kept
        v
    pdfx.py         for the printer (`--profile print`, the cover): PDF/X,
                    CMYK output intent, no RGB

* `writer.py` — the "pdf" format's entry (`write_pdf`): both engines, the
  parallel one above and the one-pass reference ([print] engine = "single");
* `cover.py` — the full-wrap cover (the "cover" format) and the stores' JPEG;
* `poems.py` — each poem's halves measured once, for their common width;
* `figures.py` — pictures at their printed size: resolution checked, CMYK for print;
* `patches/` — every pinned patch of WeasyPrint and pydyf, one module each,
  checked against the upstream version and the sha256 of what it replaces.
"""
