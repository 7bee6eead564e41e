"""`vnie scrape`: the command line over the crawler (also `python -m pipeline.scrape.command`)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from pipeline.locations import DEFAULT_SOURCES_FILE
from pipeline.logs import configure_logging
from pipeline.sources.catalog import SourcesError, load_sources

logger = logging.getLogger(__name__)


def scrape(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Keys of the sources to crawl (default: every source in the file)."),
    ] = None,
    sources_file: Annotated[
        Path, typer.Option("--sources", help="The sources file (YAML).")
    ] = DEFAULT_SOURCES_FILE,
    archive: Annotated[
        Path,
        typer.Option("--archive", help="Folder for WARC files, articles.jsonl, errors.csv."),
    ] = Path("corpus/archive"),
    max_pages: Annotated[
        int | None, typer.Option("--max-pages", help="Stop after fetching this many pages.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only articles published on or after DATE.")
    ] = None,
    check: Annotated[
        str | None,
        typer.Option("--check", help="Fetch one listing and one article of KEY live; report."),
    ] = None,
) -> None:
    """Crawl provincial papers into a WARC archive; resumable, polite, incremental."""
    from pipeline.scrape.crawl import run_crawl
    from pipeline.scrape.progress import CrawlProgress

    try:
        config = load_sources(sources_file)
        if check:
            from pipeline.scrape.check import check_source, print_report

            (source,) = config.select([check])
            report = check_source(source, config.settings)
            print_report(report)
            raise typer.Exit(0 if report.ok else 1)
        selected = config.select(sources or [])
        summary = run_crawl(selected, config.settings, archive, max_pages, since, CrawlProgress())
    except (SourcesError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if summary.pending:
        logger.warning(
            "stopped with %d URLs pending: run the same command to continue", summary.pending
        )


def main() -> None:
    """Entry point for `python -m pipeline.scrape.command`."""
    configure_logging()
    typer.run(scrape)


if __name__ == "__main__":
    main()
