"""Offline checks of a sources file: the checks `vnie scrape --check` runs with no key.

Loading the file already checks its shape (patterns compile, selectors parse, families
resolve). Here each source's URL examples are held to its article pattern and hosts, and a
source must have some way to find articles.
"""

from __future__ import annotations

from urllib.parse import urljoin

from pipeline.sources.catalog import Source, SourcesFile


def source_problems(source: Source) -> list[str]:
    """What is wrong with one source, each problem naming the source and its line."""
    where = source.origin or source.key
    problems: list[str] = []
    if not (source.feeds or source.sitemaps or source.listings):
        problems.append(f"{where}: no feeds, sitemaps or listings: nothing to start a crawl from")
    if source.listings and not source.article_pattern:
        problems.append(
            f"{where}: listings without an article_pattern: links on a listing cannot be told "
            "from menus"
        )
    for example in source.article_examples:
        url = urljoin(source.base_url, example)
        if not source.owns(url):
            problems.append(f"{where}: article example {example} is not on the source's hosts")
        elif not source.is_article(url):
            problems.append(
                f"{where}: article_pattern {source.article_pattern!r} misses the example {example}"
            )
    for example in source.not_articles:
        if source.article_pattern and source.is_article(urljoin(source.base_url, example)):
            problems.append(
                f"{where}: article_pattern {source.article_pattern!r} accepts {example}, "
                "which is not an article"
            )
    if source.article_pattern and not source.article_examples:
        problems.append(f"{where}: article_pattern has no article_examples to test it on")
    return problems


def file_problems(config: SourcesFile) -> list[str]:
    """Every problem of every source of the file."""
    return [problem for source in config.sources for problem in source_problems(source)]
