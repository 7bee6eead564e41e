"""`vnie`: a thin command line over the library (also `python -m pipeline`)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated, Any

import typer

from pipeline import __version__
from pipeline.engine.rule_files import RuleError
from pipeline.engine.ruleset import RuleSet
from pipeline.locations import DEFAULT_RULES_DIR, copy_default_rules
from pipeline.logs import configure_logging
from pipeline.outputs.generations import OutputBusy, OutputError, output_lock, prepare_output
from pipeline.scrape.command import scrape
from pipeline.scrape.page_view import page

CHECKOUT = Path(__file__).resolve().parent.parent
#: Where `vnie run` finds corpus/ and writes outputs/: the repository when vnie runs from a
#: checkout, else the current folder (never site-packages, where a wheel puts the code)
PROJECT = CHECKOUT if (CHECKOUT / "pyproject.toml").is_file() else Path()
DEFAULT_CORPUS = PROJECT / "corpus" / "articles"
DEFAULT_GOLD = PROJECT / "corpus" / "gold"
#: articles the gold annotates that ../shared/corpus does not hold (corpus/gold/vietnews_unseen.py)
GOLD_ARTICLES = DEFAULT_GOLD / "articles"
DEFAULT_OUT = PROJECT / "outputs"

app = typer.Typer(
    help="Facts from Vietnamese provincial press, as tidy tables.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(
    help="Check and test the rule files; copy the default ones to edit.", no_args_is_help=True
)
app.add_typer(rules_app, name="rules")
app.command("scrape")(scrape)
app.command("page")(page)

logger = logging.getLogger(__name__)

RulesOption = Annotated[
    Path,
    typer.Option(
        "--rules",
        envvar="VNIE_RULES",
        help="The rules folder (default: the rules shipped with vnie).",
    ),
]


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"vnie {__version__}")
        raise typer.Exit()


@app.callback()
def options(
    verbose: Annotated[
        bool, typer.Option("--verbose", help="Also log what vnie does step by step (debug).")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="Log errors only, no warnings.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """Facts from Vietnamese provincial press, as tidy tables."""
    try:
        configure_logging(verbose=verbose, quiet=quiet)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


def _load_rules(rules_dir: Path) -> RuleSet:
    from pipeline.extract.registry import load_rules

    try:
        ruleset = load_rules(rules_dir)
    except RuleError as exc:
        typer.echo(f"rule error: {exc}", err=True)
        raise typer.Exit(2) from None
    logger.debug("rules: %s (hash %s)", ruleset.directory, ruleset.rules_hash)
    return ruleset


def _extract(
    inputs: list[str],
    out: Path,
    rules_dir: Path,
    workers: int | None,
    engine: str = "local",
    scheduler: str | None = None,
    raw: bool = False,
    excel: bool = False,
) -> None:
    from pipeline.batch.progress import ExtractProgress, summary_text
    from pipeline.batch.runner import run_extract

    _load_rules(rules_dir)
    if engine not in ("local", "dask"):
        typer.echo(f"error: --engine {engine}: expected local or dask", err=True)
        raise typer.Exit(2)
    executor, close = None, None
    if engine == "dask" or scheduler:
        try:
            from pipeline.batch.distributed import dask_executor
        except ImportError:
            typer.echo("error: --engine dask needs Dask: pip install 'vnie[dask]'", err=True)
            raise typer.Exit(2) from None
        import os

        executor, close = dask_executor(scheduler, workers or os.cpu_count() or 1, rules_dir)
    progress = ExtractProgress()
    try:
        summary = run_extract(
            inputs,
            out,
            rules_dir.resolve(),
            workers=workers,
            executor=executor,
            progress=progress,
            engine="dask" if executor else None,
            raw=raw,
            excel=excel,
            warehouse=True,
        )
    except OutputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(3 if isinstance(exc, OutputBusy) else 2) from None
    finally:
        progress.close()
        if close is not None:
            close()
    typer.echo(summary_text(summary, out))


RawOption = Annotated[
    bool, typer.Option("--raw", help="Write CSV cells as found (no guard against formulas).")
]
ExcelOption = Annotated[bool, typer.Option("--excel", help="CSV with a byte-order mark.")]


WorkersOption = Annotated[int | None, typer.Option(help="Worker processes (default: all cores).")]


@app.command()
def run(
    out: Annotated[Path, typer.Option("--out", help="Where the tables go.")] = DEFAULT_OUT,
    rules: RulesOption = DEFAULT_RULES_DIR,
    workers: WorkersOption = None,
    raw: RawOption = False,
    excel: ExcelOption = False,
) -> None:
    """The main job: the bundled sample archive in corpus/ → the tables, the DuckDB file and the
    review site in outputs/."""
    from pipeline.report import build_report

    if not DEFAULT_CORPUS.is_dir():
        typer.echo(
            f"error: {DEFAULT_CORPUS}: no such folder; `vnie run` reads the sample archive of a "
            "checkout of the repository: elsewhere, use `vnie extract INPUT --out DIR`",
            err=True,
        )
        raise typer.Exit(2)
    _extract([str(DEFAULT_CORPUS)], out, rules, workers, raw=raw, excel=excel)
    typer.echo(f"report: {build_report(out)}")


@app.command()
def extract(
    out: Annotated[Path, typer.Option("--out", help="Where the tables go.")],
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="JSONL, WARC, .html/.txt files or folders (none with --resume)."),
    ] = None,
    rules: RulesOption = DEFAULT_RULES_DIR,
    workers: WorkersOption = None,
    engine: Annotated[str, typer.Option(help="local (a process pool) or dask.")] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="A Dask scheduler, e.g. tcp://HOST:8786 (implies --engine dask; default: a "
            "LocalCluster)."
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume", help="Finish the last run in --out: its inputs, its finished articles kept."
        ),
    ] = False,
    raw: RawOption = False,
    excel: ExcelOption = False,
) -> None:
    """Batch extraction over article archives; re-runs reuse what is already done."""
    if not inputs:
        if not resume:
            typer.echo(
                "error: give INPUT files or folders, or --resume to finish the last run in --out",
                err=True,
            )
            raise typer.Exit(2)
        from pipeline.batch.run_state import read_run_state

        try:
            state = read_run_state(out)
        except ValueError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        inputs = state["inputs"]
        logger.info("resuming the run in %s/ over %d input(s)", out, len(inputs))
    _extract(inputs, out, rules, workers, engine, scheduler, raw=raw, excel=excel)


@rules_app.command("check")
def rules_check(rules: RulesOption = DEFAULT_RULES_DIR) -> None:
    """Validate every rule file and gazetteer; errors name the file, the line and the fix."""
    ruleset = _load_rules(rules)
    tables = {rule.table for rule in ruleset.rules}
    typer.echo(
        f"ok: {len(ruleset.rules)} rules in {len(tables)} files, "
        f"{len(ruleset.gazetteers)} gazetteers, rules hash {ruleset.rules_hash} "
        f"({ruleset.directory})"
    )


@rules_app.command("path")
def rules_path(rules: RulesOption = DEFAULT_RULES_DIR) -> None:
    """Print the folder of the active rules: --rules, else $VNIE_RULES, else the default ones."""
    if not rules.is_dir():
        typer.echo(f"error: {rules}: no such rules folder", err=True)
        raise typer.Exit(2)
    typer.echo(rules.resolve())


@rules_app.command("init")
def rules_init(
    target: Annotated[Path, typer.Argument(help="A new or empty folder for your own rules.")],
) -> None:
    """Copy the default rules (and sources.yml) into TARGET, to edit; use them with --rules."""
    try:
        copied = copy_default_rules(target)
    except FileExistsError as exc:
        typer.echo(f"error: {exc}: choose a new folder, or empty this one", err=True)
        raise typer.Exit(2) from None
    typer.echo(
        f"copied {len(copied)} files of the default rules into {target}/\n"
        f"edit them, then run vnie with --rules {target} (or set VNIE_RULES={target})"
    )


@rules_app.command("test")
def rules_test(
    rules: RulesOption = DEFAULT_RULES_DIR,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Run every rule's examples and counterexamples."""
    from pipeline.evaluation.rule_examples import run_examples

    results = list(run_examples(_load_rules(rules)))
    failed = [r for r in results if not r.passed]
    for result in results if verbose else failed:
        mark = "ok  " if result.passed else "FAIL"
        typer.echo(f"{mark} {result.rule_id} {result.kind} ({result.where}): {result.text}")
        if not result.passed:
            typer.echo(f"     {result.detail}")
    typer.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    raise typer.Exit(1 if failed else 0)


@app.command("try")
def try_sentence(
    text: Annotated[str, typer.Argument(help="A sentence or a paragraph, in Vietnamese.")],
    rules: RulesOption = DEFAULT_RULES_DIR,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Also show matches a normalizer turned down, and why, and those a longer "
            "match or the table's resolver took out.",
        ),
    ] = False,
) -> None:
    """Show what each rule finds in a piece of text, with rule ids and normalized fields."""
    from pipeline.engine.article import Explanation
    from pipeline.evaluation.rule_examples import find

    explanation = Explanation() if explain else None
    for table, mentions in find(text, _load_rules(rules), explanation).items():
        for mention in mentions:
            values = {k: v for k, v in mention.values.items() if v not in (None, "")}
            typer.echo(
                f"{table:<13} {mention.rule_id:<32} «{mention.text}»  "
                + json.dumps(values, ensure_ascii=False)
            )
    for rejection in explanation.rejections if explanation else ():
        detail = f" ({rejection.detail})" if rejection.detail else ""
        typer.echo(
            f"{'turned down':<13} {rejection.rule_id:<32} «{rejection.text}»  "
            f"{rejection.reason}{detail}"
        )
    for drop in explanation.drops if explanation else ():
        typer.echo(f"{'dropped':<13} {drop.rule_id:<32} «{drop.text}»  by {drop.by}")


@app.command("eval")
def evaluate(
    gold: Annotated[
        Path, typer.Option("--gold", help="A gold JSONL file or a folder of them.")
    ] = DEFAULT_GOLD,
    articles: Annotated[
        list[Path] | None,
        typer.Option(
            "--articles",
            help="Article JSONL files (default: those the gold names, in corpus/gold/articles "
            "or ../shared/corpus/articles, and corpus/articles).",
        ),
    ] = None,
    split: Annotated[
        str,
        typer.Option(help="A split of the gold folder's splits.yml (dev, test, test-d), or all."),
    ] = "dev",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Output folder: scored as it is when it holds a run (manifest.json; a note "
            "says when other rules made it or it lacks gold articles), else the gold articles "
            "are extracted into it.",
        ),
    ] = None,
    show: Annotated[str | None, typer.Option(help="List misses and false hits of TABLE.")] = None,
    baseline: Annotated[
        str | None, typer.Option(help="Also score a baseline: underthesea (its NER).")
    ] = None,
    against: Annotated[
        Path | None,
        typer.Option("--against", help="An earlier output folder: show the change in F1."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    identity: Annotated[
        bool,
        typer.Option(
            "--identity",
            help="Score the linking stage (same person, same body) against corpus/gold/identity "
            "on a run over the whole shared corpus: --out DIR reuses it or makes it.",
        ),
    ] = False,
    rules: RulesOption = DEFAULT_RULES_DIR,
) -> None:
    """Precision, recall and F1 per table and per rule against a gold set."""
    import tempfile

    from pipeline.evaluation import score as ev

    if identity:
        _evaluate_identity(out, articles, rules, show is not None, as_json)
        return

    if not gold.exists():
        typer.echo(f"error: {gold}: no such gold file or folder (give --gold)", err=True)
        raise typer.Exit(2)
    files = ev.gold_files(gold, split) if gold.is_dir() else [gold]
    gold_records = ev.load_gold(files)
    needed = _gold_articles(files, articles)
    if out is not None and (out / "manifest.json").exists():
        for warning in _run_as_it_is(out, rules.resolve(), needed):
            typer.echo(f"note: {warning}", err=True)
    if out is None or not (out / "manifest.json").exists():
        out = out or Path(tempfile.mkdtemp(prefix="vnie-eval-"))
        from pipeline.batch.runner import run_extract

        try:
            prepare_output(out)
            subset = out / "gold-articles.jsonl"
            with subset.open("w", encoding="utf-8") as stream:
                for record in needed:
                    stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            run_extract([str(subset)], out, rules.resolve())
        except OutputError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(3 if isinstance(exc, OutputBusy) else 2) from None
    report = ev.score(gold_records, ev.load_predictions(out))
    reports = {"vnie": report}
    if against is not None:
        reports = {"before": ev.score(gold_records, ev.load_predictions(against)), "after": report}
    if baseline == "underthesea":
        from pipeline.evaluation.baseline import underthesea_baseline

        reports["underthesea"] = ev.score(gold_records, underthesea_baseline(needed))
    if as_json:
        typer.echo(
            json.dumps(
                {name: ev.report_to_json(r) for name, r in reports.items()},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    typer.echo(f"gold: {', '.join(str(f) for f in files)} ({len(gold_records)} articles)")
    typer.echo(ev.format_report(report, show))
    if len(reports) > 1:
        typer.echo(ev.format_comparison(reports))


def _run_as_it_is(out: Path, rules: Path, needed: list[dict[str, Any]]) -> list[str]:
    """What a user scoring an existing run should know: made by other rules than those now in
    `rules`, or missing gold articles (scored as if nothing was found in them)."""
    import csv

    from pipeline.engine.ruleset import rules_hash

    warnings = []
    made_with = json.loads((out / "manifest.json").read_text(encoding="utf-8")).get("rules_hash")
    now = rules_hash(rules)
    if made_with != now:
        warnings.append(
            f"{out} holds a run made with other rules (hash {made_with}, now {now}): it is "
            "scored as it is; give a new --out to extract with the rules now"
        )
    with (out / "articles.csv").open(encoding="utf-8-sig", newline="") as stream:
        present = {row["article_id"] for row in csv.DictReader(stream)}
    missing = [record["id"] for record in needed if str(record["id"]) not in present]
    if missing:
        warnings.append(
            f"{len(missing)} of {len(needed)} gold articles are not in the run in {out} (e.g. "
            f"{missing[0]}): nothing found in them is scored"
        )
    return warnings


def _evaluate_identity(
    out: Path | None, articles: list[Path] | None, rules: Path, show: bool, as_json: bool
) -> None:
    """`vnie eval --identity`: pairwise precision and recall of the linking stage."""
    import tempfile

    from pipeline.evaluation.identity import KINDS, format_identity, score_identity

    out = out or Path(tempfile.mkdtemp(prefix="vnie-identity-"))
    if not (out / "manifest.json").exists():
        shared = PROJECT.absolute().parent / "shared" / "corpus" / "articles"
        sources = [str(p) for p in articles or [shared]]
        missing = [p for p in sources if not Path(p).exists()]
        if missing:
            typer.echo(
                f"error: {missing[0]}: no such file or folder (the identity gold is "
                "drawn from ../shared/corpus)",
                err=True,
            )
            raise typer.Exit(2)
        typer.echo(f"extracting {', '.join(sources)} into {out}/ (the gold's corpus)", err=True)
        from pipeline.batch.runner import run_extract

        run_extract(sources, out, rules.resolve())
    gold = DEFAULT_GOLD / "identity"
    scores = [score_identity(gold, out, kind) for kind in KINDS]
    if as_json:
        typer.echo(json.dumps([s.to_json() for s in scores], ensure_ascii=False, indent=2))
        return
    typer.echo(f"identity gold: {gold} · run: {out}")
    typer.echo(format_identity(scores, show))


def _gold_articles(gold_files: list[Path], articles: list[Path] | None) -> list[dict[str, Any]]:
    """The article records the gold files name, from --articles or the corpus they point to."""
    wanted: dict[str, str | None] = {}
    for path in gold_files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                wanted[record["id"]] = record.get("source_file")
    shared = PROJECT.absolute().parent / "shared" / "corpus" / "articles"
    sources = list(articles or [])
    if not sources:
        names = {name for name in wanted.values() if name}
        sources = [
            GOLD_ARTICLES / name if (GOLD_ARTICLES / name).is_file() else shared / name
            for name in sorted(names)
        ] + sorted(DEFAULT_CORPUS.glob("*.jsonl"))
    found: dict[str, dict[str, Any]] = {}  # article records as read (JSON)
    for source in sources:
        if not source.exists():
            typer.echo(f"error: {source}: no such file (is ../shared/corpus there?)", err=True)
            raise typer.Exit(2)
        with source.open(encoding="utf-8") as stream:
            for line in stream:
                record = json.loads(line)
                if record.get("id") in wanted:
                    found[record["id"]] = record
    missing = sorted(set(wanted) - set(found))
    if missing:
        logger.warning("%d gold articles not found: %s", len(missing), ", ".join(missing[:5]))
    return [found[i] for i in wanted if i in found]


@app.command()
def report(
    out: Annotated[
        Path, typer.Argument(help="An output folder that `vnie extract` wrote.")
    ] = DEFAULT_OUT,
    articles: Annotated[
        list[Path] | None,
        typer.Option(
            "--articles", help="Where the article records are (default: the run's inputs)."
        ),
    ] = None,
) -> None:
    """A static HTML site to review extractions: OUT/report/index.html."""
    from pipeline.report import build_report

    typer.echo(f"report: {build_report(out, articles)}")


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="The output folder before the rule change.")],
    new: Annotated[Path, typer.Argument(help="The output folder after it.")],
    table: Annotated[str | None, typer.Option(help="Only this table.")] = None,
    rule: Annotated[str | None, typer.Option(help="Only rule ids starting with this.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most N facts shown per rule.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Facts that appeared, disappeared or changed between two output folders, per rule."""
    from pipeline.outputs.diff import diff_outputs, diff_to_json, format_diff, select

    result = select(diff_outputs(old, new), table, rule)
    typer.echo(
        json.dumps(diff_to_json(result), ensure_ascii=False, indent=2)
        if as_json
        else format_diff(result, limit=limit)
    )


@app.command()
def warehouse(
    out: Annotated[Path, typer.Argument(help="An output folder.")] = DEFAULT_OUT,
) -> None:
    """Write OUT/vnie.duckdb (the tables and views) and OUT/datapackage.json."""
    from pipeline.outputs.warehouse import write_datapackage, write_duckdb

    try:
        with output_lock(out):
            typer.echo(f"{write_duckdb(out)}\n{write_datapackage(out)}")
    except OutputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(3 if isinstance(exc, OutputBusy) else 2) from None


def main() -> None:
    app()
