"""Transforms: plain functions `Book -> (Book, findings)`, run in order by the
pipeline.  Readers and transforms never import writers."""
