"""`vnie page FILE_OR_URL`: what the extractor reads from one page, and what produced each field.

For a researcher adding a paper: title, time, author, section, lead, body and captions, each
with the selector or fallback that gave it (site selector, visible headline, JSON-LD, printed
date line, known container, text density, trafilatura…), and what was taken out of the body
(related boxes, link lists, captions, lines above the article). With `--source KEY` the
paper's selectors from the sources file are applied, as in a crawl.

Every vnie command imports this module for the command's signature, so the fetcher, the page
reader and rich are imported where they are used: a tenth of a second off `vnie try`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlsplit

import typer

from pipeline.sources.catalog import CrawlSettings, Source, SourcesError, load_sources

if TYPE_CHECKING:
    from rich.console import Console

    from pipeline.scrape.fetch import Fetched
    from pipeline.sources.article_html import PageReading

FIELDS = ("title", "published_at", "author", "section", "lead")


async def _fetch(url: str, source: Source, settings: CrawlSettings) -> Fetched:
    from pipeline.scrape.fetch import Fetcher, FetchError

    async with Fetcher(settings) as fetcher:
        if not await fetcher.allowed(url, source):
            unreadable = fetcher.robots_problem(url)
            why = f"robots.txt could not be fetched ({unreadable})" if unreadable else None
            raise FetchError(url, "robots", why or "disallowed by robots.txt")
        return await fetcher.fetch(url, source)


def read_target(
    target: str, source: Source | None, settings: CrawlSettings
) -> tuple[PageReading, str]:
    """Read a saved page (a path) or a live one (an http(s) URL): (reading, where it came from)."""
    import asyncio

    from pipeline.sources.article_html import read_page

    selectors = dict(source.selectors) if source else {}
    if target.startswith(("http://", "https://")):
        host = urlsplit(target).hostname or ""
        fetch_as = source or Source(key="page", name=host, base_url=f"https://{host}/")
        fetched = asyncio.run(_fetch(target, fetch_as, settings))
        if fetched.status != 200:
            raise ValueError(f"{target}: HTTP status {fetched.status} {fetched.reason}")
        return read_page(fetched.body, fetched.url, fetched.content_type, selectors), fetched.url
    path = Path(target)
    try:
        body = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"{path}: cannot read the page: {exc.strerror}") from None
    return read_page(body, None, None, selectors), str(path)


def show(reading: PageReading, origin: str, console: Console, max_paragraphs: int) -> None:
    """Print the fields with how each was found, the body's paragraphs, captions, what went."""
    from rich.table import Table

    record = reading.record
    console.print(f"[bold]{origin}[/]")
    table = Table("field", "value", "found by", show_lines=False)
    for name in FIELDS:
        value = record.get(name)
        table.add_row(name, str(value) if value else "[red]—[/]", reading.how.get(name, ""))
    paragraphs = record["text"].split("\n\n")
    body_note = f"{len(paragraphs)} paragraphs, {len(record['text'])} characters"
    table.add_row("text", body_note, reading.how.get("text", ""))
    table.add_row("captions", str(len(record["captions"])), reading.how.get("captions", ""))
    console.print(table)
    console.print("[bold]body[/]")
    for number, paragraph in enumerate(paragraphs[:max_paragraphs], 1):
        console.print(f"  {number:>3}  {paragraph}", highlight=False, markup=False)
    if len(paragraphs) > max_paragraphs:
        console.print(f"  … {len(paragraphs) - max_paragraphs} more (--paragraphs N)")
    for caption in record["captions"]:
        console.print(f"  [dim]caption:[/] {caption}", highlight=False)
    if reading.dropped:
        console.print("[bold]left out of the body[/]")
        for item in reading.dropped:
            console.print(f"  [dim]{item}[/]", highlight=False)


def page(
    target: Annotated[str, typer.Argument(help="A saved HTML page, or an http(s) URL.")],
    source_key: Annotated[
        str | None, typer.Option("--source", help="Apply this paper's selectors (a key).")
    ] = None,
    sources_file: Annotated[
        Path, typer.Option("--sources", help="The sources file (YAML).")
    ] = Path("rules/sources.yml"),
    paragraphs: Annotated[
        int, typer.Option("--paragraphs", help="How many body paragraphs to print.")
    ] = 200,
) -> None:
    """Show what the extractor reads from one page and which selector or fallback gave each."""
    from rich.console import Console

    from pipeline.scrape.fetch import FetchError

    try:
        source, settings = None, CrawlSettings()
        if source_key:
            config = load_sources(sources_file)
            settings, source = config.settings, config.select([source_key])[0]
        reading, origin = read_target(target, source, settings)
    except (SourcesError, FetchError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    show(reading, origin, Console(), paragraphs)
