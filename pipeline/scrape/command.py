"""`vnie scrape`: the command line over the crawler (also `python -m pipeline.scrape.command`)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from pipeline.locations import DEFAULT_SOURCES_FILE
from pipeline.logs import configure_logging
from pipeline.sources.catalog import SourcesError, SourcesFile, load_sources

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
        bool,
        typer.Option(
            "--check",
            help="With source keys: fetch one listing and one article of each live and report. "
            "Without: check the sources file offline (patterns, families, URL examples). "
            "Exits 1 when anything needs attention.",
        ),
    ] = False,
) -> None:
    """Crawl provincial papers into a WARC archive; resumable, polite, incremental."""
    from pipeline.scrape.crawl import run_crawl
    from pipeline.scrape.progress import CrawlProgress

    try:
        config = load_sources(sources_file)
        if check and not sources:
            raise typer.Exit(_check_offline(config))
        if check:
            from pipeline.scrape.check import check_source, print_report

            reports = [check_source(source, config.settings) for source in config.select(sources)]
            for report in reports:
                print_report(report)
            raise typer.Exit(0 if all(report.ok for report in reports) else 1)
        selected = config.select(sources or [])
        summary = run_crawl(selected, config.settings, archive, max_pages, since, CrawlProgress())
    except (SourcesError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if summary.pending:
        logger.warning(
            "stopped with %d URLs pending: run the same command to continue", summary.pending
        )


def _check_offline(config: SourcesFile) -> int:
    """Print the offline check of a sources file; 0 when it has no problem, else 1."""
    from collections import Counter

    from pipeline.sources.examples import file_problems

    problems = file_problems(config)
    for problem in problems:
        typer.echo(f"problem: {problem}", err=True)
    verified = Counter(source.verified for source in config.sources)
    families = sorted({source.family for source in config.sources if source.family})
    summary = ", ".join(f"{count} {how}" for how, count in sorted(verified.items()))
    typer.echo(
        f"{config.path}: {len(config.sources)} sources ({summary}), {len(families)} families: "
        + (f"{len(problems)} problems" if problems else "OK")
    )
    return 1 if problems else 0


def main() -> None:
    """Entry point for `python -m pipeline.scrape.command`."""
    configure_logging()
    typer.run(scrape)


if __name__ == "__main__":
    main()
