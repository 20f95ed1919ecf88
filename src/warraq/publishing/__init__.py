"""What a book needs to be published: ISBN-13 check digits (`isbn.py`),
EAN-13 and EAN-5 barcodes (`barcode.py`), printers' specifications (spine
width, wrap geometry, gutter, limits: `printspec.py`), the book's date, the
same on every clone (`dates.py`), and the pictures an author gives it,
checked before anything uses them (`images.py`: figures and the cover)."""
