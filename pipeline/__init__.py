"""vnie: facts from Vietnamese provincial press, as tidy tables."""

__version__ = "0.1.0"
