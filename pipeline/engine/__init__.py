"""The rule engine: rule files read, checked and compiled; the contracts between rules and
the Python that normalizes their matches; matching one article."""
