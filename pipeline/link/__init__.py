"""Across articles: the linking stage, run after extraction over all fact rows.

`bodies.py` gives every body mention a canonical key and a place (and the 2025 province, by
underthesea's address converter: `places.py`); `people.py` decides which mentions of a name are
one person; `posts.py` splits an official's posts; `stage.py` reads a finished run's tables and
writes `bodies`, `people`, `positions` and the fact tables' link columns.
"""

from pipeline.link.stage import link_outputs

__all__ = ["link_outputs"]
