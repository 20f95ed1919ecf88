"""Pure helpers over Arabic text: normalisation keys, digits and
punctuation (`arabic.py`), where a word may take a kashida (`kashida.py`),
the characters XML forbids (`xmlchars.py`), Arabic collation for indexes
(`collation.py`) and list numbering in abjad, hijāʾī and the book's digits
(`listmarks.py`).  Functions of strings, with no I/O and nothing of the
pipeline."""
