"""warraq (وَرّاق): turn an Arabic author's serialized column into a book."""

__version__ = "0.1.0"
