"""Pure helpers over Arabic text: normalisation keys, digits and
punctuation (`arabic.py`), where a word may take a kashida (`kashida.py`),
and the characters XML forbids (`xmlchars.py`).  Functions of strings, with
no I/O and nothing of the pipeline."""
