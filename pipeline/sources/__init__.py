"""Where articles come from: the papers' catalog (`rules/sources.yml`), their URL shapes,
and reading one saved article page into an article record."""
