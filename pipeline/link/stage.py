"""The linking stage over a finished run: read the fact tables, resolve every body and person,
write `bodies`, `people` and `positions`, and fill the link columns of the fact tables.

It reads only the tables the run wrote, in their order (input order), so its output is the same
whatever the worker count or engine, and a resumed or incremental run links its whole output.
It reads them article by article (`stream`) and keeps only per-body and per-sighting
aggregates (`linker`): the link values go to files of its own in the run's private generation
(`.link/`, removed when it ends), from which the fact tables are rewritten a batch at a time.
Its memory follows the number of bodies and people, not of rows.

Filling a fact table's link columns (`outputs.tables.replace_columns`) needs only its own file
of link values: given the run's process pool, the stage hands each table to a worker as soon as
its values are complete (all but officials once every article is read, officials once people
are clustered) and goes on with bodies and people on its own core meanwhile.
"""

from __future__ import annotations

import gc
import shutil
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable, Iterator
from concurrent.futures import Executor, Future, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.link.bodies import Kind, stable_id
from pipeline.link.linker import Linker
from pipeline.link.people import SIGHTINGS, cluster_people
from pipeline.link.rows import most_common, people_and_positions
from pipeline.link.stream import BATCH_ROWS, ColumnsWriter, by_article, read_batches
from pipeline.outputs.tables import (
    LINK_COLUMNS,
    TABLE_COLUMNS,
    TableWriter,
    read_parquet,
    replace_columns,
)

T = TypeVar("T")
#: the gazetteers of rules/gazetteers/ the linking stage reads
GAZETTEERS = (
    "linking",
    "place_levels",
    "abbreviations",
    "titles",
    "title_prefixes",
    "source_provinces",
)

#: rows of the organizations table counted at a time by `_kinds` (a few megabytes of Arrow)
_KIND_BATCH_ROWS = 50_000
#: the columns the stage reads from each table the run wrote
_READ = {
    "articles": ("article_id", "source", "url", "published_at", "province"),
    "organizations": ("article_id", "text", "name", "location"),
    "officials": ("article_id", "text", "person", "title", "organization"),
    "documents": ("article_id", "issuer"),
    "models": ("article_id", "owner"),
}
#: an official row as the stage keeps it until people are clustered (`Linker.article`)
OFFICIAL_ROWS = pa.schema(
    [
        ("sighting", pa.int64()),
        ("body_id", pa.string()),
        ("article_id", pa.string()),
        ("person", pa.string()),
        ("published_on", pa.date32()),
        ("order", pa.int64()),
        (
            "posts",
            pa.list_(
                pa.struct(
                    [
                        (column, pa.string())
                        for column in ("title", "organization", "body_id", "where", "province")
                    ]
                )
            ),
        ),
    ]
)


#: a body's row as the stage keeps it until every body is known (`Linker.article`)
BODY_ROWS = pa.schema(
    [
        *(
            (column, typ)
            for column, (typ, _) in TABLE_COLUMNS["bodies"].items()
            if column != "parent_body_id"
        ),
        ("sort_name", pa.string()),
        ("parent_keys", pa.list_(pa.string())),
    ]
)


def link_outputs(
    out_dir: Path,
    gazetteers: dict[str, Any],
    csv_options: dict[str, bool] | None = None,
    executor: Executor | None = None,
) -> dict[str, Any]:
    """Link a finished run in `out_dir`: write bodies, people, positions and fill the fact
    tables' link columns (CSV + Parquet, atomically), on `executor`'s workers when given (a
    local process pool: they see `out_dir`). Returns row counts and seconds."""
    clock = time.perf_counter()
    out_dir, csv_options = Path(out_dir), csv_options or {}
    excel = csv_options.get("excel", False)
    handed: list[_Handed[Any]] = []  # what workers are doing: none reads `work` when it goes
    work = out_dir / ".link"
    work.mkdir(exist_ok=True)
    # Arrow's default allocator keeps what the stage's reading batches freed; the system's
    # gives it back (a quarter of the stage's memory at 60,000 articles)
    pool = pa.default_memory_pool()
    pool.release_unused()  # what the run's table writers freed
    pa.set_memory_pool(pa.system_memory_pool())
    # the stage makes no reference cycles (its rows, aggregates and caches are freed as they
    # go), so the collector's full passes over its growing aggregates and caches find nothing
    # to free: they were a fifth of its time
    collecting = gc.isenabled()
    gc.disable()
    try:
        links = {
            table: ColumnsWriter(
                work / f"{table}.parquet", pa.schema([(c, pa.string()) for c in columns])
            )
            for table, columns in LINK_COLUMNS.items()
        }
        officials = ColumnsWriter(work / "officials-rows.parquet", OFFICIAL_ROWS)
        bodies = ColumnsWriter(work / "bodies-rows.parquet", BODY_ROWS)
        sightings = ColumnsWriter(work / "sightings.parquet", SIGHTINGS)
        spills = {"officials": officials, "bodies": bodies, "sightings": sightings}
        n_articles = pq.ParquetFile(out_dir / "articles.parquet").metadata.num_rows
        linker = Linker(gazetteers, _kinds(out_dir), n_articles)
        for group in by_article(out_dir, _READ):
            for table, rows in linker.article(group).items():
                (spills[table] if table in spills else links[table]).extend(rows)
        officials.close()
        filling = []  # the tables' link columns being filled
        for table in ("organizations", "documents", "models"):  # their link values are all in
            links[table].close()
            filling.append(_on(executor, handed, _fill, out_dir, table, links[table].path, excel))
        parents = linker.parents()
        sightings.close()
        # people are clustered on a worker while this process keeps the bodies' rows
        clustering = (sightings.path, linker.n_sightings, linker.related(parents))
        people = _on(executor, handed, cluster_people, *clustering)
        for key, entry in linker.bodies.items():
            bodies.add(linker.kept_row(entry, [parents[key]] if key in parents else []))
        bodies.close()
        known = linker.bodies.keys() | linker.article_keys
        writing = _on(executor, handed, _write_bodies, out_dir, bodies.path, known, csv_options)
        del linker  # the bodies are kept: only the people are left to gather
        person_ids = people.result()
        people_rows, position_rows = people_and_positions(
            _with_people(officials.path, person_ids, links["officials"])
        )
        links["officials"].close()
        path = links["officials"].path
        filling.append(_on(executor, handed, _fill, out_dir, "officials", path, excel))
        counts = {"people": _write(out_dir, "people", people_rows, csv_options)}
        counts["positions"] = _write(out_dir, "positions", position_rows, csv_options)
        for fill in filling:
            fill.result()
        counts["bodies"] = writing.result()
    finally:
        wait([task.future for task in handed])  # none still reading `work` when it goes
        if collecting:
            gc.enable()
        pa.set_memory_pool(pool)
        shutil.rmtree(work, ignore_errors=True)
    return {"rows": counts, "seconds": round(time.perf_counter() - clock, 3)}


@dataclass(frozen=True)
class _Handed(Generic[T]):
    """`task(*args)` handed to a worker: its future, and what to run here if the worker is
    lost (each task writes its files anew, or only returns a value)."""

    future: Future[T]
    task: Callable[..., T]
    args: tuple[Any, ...]

    def result(self) -> T:
        try:
            return self.future.result()
        except Exception:  # a broken pool; an error of the task's own comes again here
            return self.task(*self.args)


def _on(
    executor: Executor | None, handed: list[_Handed[Any]], task: Callable[..., T], *args: Any
) -> _Handed[T]:
    """`task(*args)` on `executor` (kept in `handed`), or here when there is none or it is
    broken."""
    future: Future[T] | None = None
    if executor is not None:
        try:
            future = executor.submit(task, *args)
        except Exception:  # a broken or closed pool: here instead
            future = None
    if future is None:
        future = Future()
        future.set_result(task(*args))
    handed.append(_Handed(future, task, args))
    return handed[-1]


def _fill(out_dir: Path, table: str, links: Path, excel: bool) -> None:
    """Fill the table's link columns from the file `links` (a task for a worker)."""
    replace_columns(out_dir, table, links, excel=excel)


def _kinds(out_dir: Path) -> dict[str, Kind]:
    """Case-folded body name → its most common (org_type, level) in the organizations table.
    Counted in Arrow a batch at a time, per distinct (name, org_type, level): names repeat."""
    kinds: dict[str, Counter[Kind]] = defaultdict(Counter)
    keys = ["name", "org_type", "level"]
    source = read_parquet(out_dir / "organizations.parquet")
    for batch in source.iter_batches(_KIND_BATCH_ROWS, columns=keys, use_threads=False):
        counted = pa.Table.from_batches([batch]).group_by(keys, use_threads=False)
        counted = counted.aggregate([([], "count_all")])
        for name, org_type, level, count in zip(
            *(counted.column(key).to_pylist() for key in [*keys, "count_all"]), strict=True
        ):
            kinds[name.casefold()][(org_type, level)] += count
    return {name: most_common(counter) for name, counter in kinds.items()}


def _write_bodies(
    out_dir: Path, rows: Path, known: Container[str], csv_options: dict[str, bool]
) -> int:
    """The bodies table from the rows kept: each body's parent is the first of its possible
    parents that the run named; sorted by name (case aside) and id. Sorted in Arrow: the rows
    are columns there, a few bytes a cell."""
    batches = []
    for batch in read_batches(rows):
        parents = [
            next((stable_id("body", key) for key in keys if key in known), None)
            for keys in batch.column("parent_keys").to_pylist()
        ]
        batch = batch.drop_columns(["parent_keys"])
        batches.append(batch.append_column("parent_body_id", pa.array(parents, pa.string())))
    schema = BODY_ROWS.remove(BODY_ROWS.get_field_index("parent_keys"))
    table = pa.Table.from_batches(batches, schema.append(pa.field("parent_body_id", pa.string())))
    table = table.sort_by([("sort_name", "ascending"), ("body_id", "ascending")])
    rows_sorted = (row for batch in table.to_batches(BATCH_ROWS) for row in batch.to_pylist())
    return _write(out_dir, "bodies", rows_sorted, csv_options)


def _with_people(
    path: Path, person_ids: list[str], links: ColumnsWriter
) -> Iterator[tuple[Any, ...]]:
    """The official rows kept by the stage, each as (person id, article id, person, date,
    order, posts); their link columns written to `links` as they go by, in Arrow."""
    ids = pa.array(person_ids, pa.string())
    columns = ["article_id", "person", "published_on", "order", "posts"]
    for batch in read_batches(path):
        people = ids.take(batch.column("sighting"))  # a row without a sighting: null
        links.write(pa.table([people, batch.column("body_id")], schema=links.schema))
        values = (batch.column(column).to_pylist() for column in columns)
        yield from zip(people.to_pylist(), *values, strict=True)


def _write(
    out_dir: Path, table: str, rows: Iterable[dict[str, Any]], csv_options: dict[str, bool]
) -> int:
    writer = TableWriter(Path(out_dir), table, **csv_options)
    for row in rows:
        writer.add(row)
    writer.close()
    return writer.count
