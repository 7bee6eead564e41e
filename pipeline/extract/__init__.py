"""The extractors: the normalizers that rule files name, the per-article resolvers of each
table, and the lexicon they read (`lexicon/`); `registry.py` lists them all.

A normalizer turns one pattern match into normalized values (or turns it down with a named
reason). A resolver sees all of one table's candidates of an article at once: it links short
references to full ones, attaches places, merges repetitions.
"""
