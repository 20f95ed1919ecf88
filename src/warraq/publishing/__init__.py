"""What a book needs to be published, as pure functions: ISBN-13 check
digits (`isbn.py`), EAN-13 and EAN-5 barcodes (`barcode.py`), printers'
specifications (spine width, wrap geometry, gutter, limits: `printspec.py`)
and the book's date, the same on every clone (`dates.py`)."""
