"""`make bench`: throughput and memory of `vnie extract` against bare underthesea segmentation.

Over a fixed slice of `../shared/corpus/articles/vietnews-political.jsonl` (the first N
articles), in one run: KB/s and articles/s of `vnie extract` end to end (a fresh process and
output folder, no cache) with 1 and 2 workers; the same text through bare
`underthesea.word_tokenize`, paragraph by paragraph, as the reference; the ratios; the peak
RSS of each worker process (sampled). `--full` adds a 2-worker run over the whole shared
corpus (the 90 s target, and RSS at ~6,000 articles); `--scale N` then the shared corpus
replicated N times (distinct ids and titles: nothing is served from the result cache), to
show time per article and peak RSS flat as the archive grows. The scraper's pages/s come
from `pipeline.scrape.bench`. Prints a table; writes `outputs/bench.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "corpus" / "articles"
SLICE_SOURCE = SHARED / "vietnews-political.jsonl"
TEXT_KEYS = ("title", "lead", "text")


def text_bytes(record: dict[str, Any]) -> int:
    """UTF-8 bytes of the fields the pipeline reads (title, lead, text, captions)."""
    parts = [record.get(k) or "" for k in TEXT_KEYS] + list(record.get("captions") or [])
    return sum(len(str(p).encode("utf-8")) for p in parts)


def write_slice(source: Path, n_articles: int, folder: Path) -> tuple[Path, int, int]:
    """The first `n_articles` lines of `source` → a file in `folder`; (path, articles, bytes)."""
    path = folder / f"slice-{n_articles}.jsonl"
    count = size = 0
    with source.open(encoding="utf-8") as lines, path.open("w", encoding="utf-8") as out:
        for line in lines:
            if count >= n_articles:
                break
            out.write(line)
            count += 1
            size += text_bytes(json.loads(line))
    return path, count, size


def _sample_rss(process: psutil.Process, peaks: dict[int, tuple[str, int]]) -> None:
    try:
        family = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return
    for member in family:
        try:
            rss = member.memory_info().rss
            role = "driver" if member.pid == process.pid else _role(member, process)
        except psutil.Error:
            continue
        if rss > peaks.get(member.pid, ("", 0))[1]:
            peaks[member.pid] = (role, rss)


def _role(process: psutil.Process, driver: psutil.Process) -> str:
    command = process.cmdline()
    if "resource_tracker" in " ".join(command):
        return "other"
    if command == driver.cmdline():  # forked from the driver
        return "worker"
    return (
        "worker" if any("spawn_main" in c or "multiprocessing" in c for c in command) else "other"
    )


def run_extract_process(inputs: list[Path], workers: int, out: Path) -> dict[str, Any]:
    """`python -m pipeline extract` in a fresh process: wall seconds, its manifest, peak RSS."""
    command = [
        sys.executable,
        "-m",
        "pipeline",
        "extract",
        *map(str, inputs),
        "--out",
        str(out),
        "--workers",
        str(workers),
    ]
    peaks: dict[int, tuple[str, int]] = {}
    started = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    watched = psutil.Process(child.pid)
    while child.poll() is None:
        _sample_rss(watched, peaks)
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    _, stderr = child.communicate()
    if child.returncode != 0:
        raise RuntimeError(f"vnie extract failed ({child.returncode}): {stderr[-2000:]}")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    worker_peaks = [rss for role, rss in peaks.values() if role == "worker"]
    if workers <= 1:  # the inline worker is the driver process itself
        worker_peaks = [rss for role, rss in peaks.values() if role == "driver"]
    driver = max((rss for role, rss in peaks.values() if role == "driver"), default=0)
    return {
        "wall_s": round(seconds, 2),
        "run_s": manifest["seconds"],
        "articles": manifest["articles"],
        "errors": manifest["errors"],
        "rows": manifest["rows"],
        "link_s": manifest.get("link_seconds"),
        "peak_rss_worker_mb": round(max(worker_peaks, default=0) / 2**20, 1),
        "peak_rss_workers_mb": [round(r / 2**20, 1) for r in sorted(worker_peaks)],
        "peak_rss_driver_mb": round(driver / 2**20, 1),
    }


def write_replicas(sources: list[Path], copies: int, folder: Path) -> tuple[Path, int, int]:
    """The records of `sources`, `copies` times over, each copy with its own ids and titles
    (`<id>~2`, `<title> (2)`); (path, articles, bytes of text)."""
    path = folder / f"replicated-{copies}x.jsonl"
    count = size = 0
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for source in sources:
                for line in source.open(encoding="utf-8"):
                    if not line.strip():
                        continue
                    record = json.loads(line)
                    if copy:
                        record["id"] = f"{record['id']}~{copy}"
                        record["title"] = f"{record.get('title') or ''} ({copy})".strip()
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    count += 1
                    size += text_bytes(record)
    return path, count, size


def bare_word_tokenize(path: Path) -> dict[str, Any]:
    """The reference: underthesea.word_tokenize over every paragraph of the same fields."""
    from underthesea import word_tokenize

    word_tokenize("Khởi động mô hình.")  # the model loads outside the clock
    paragraphs = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            for key in TEXT_KEYS:
                paragraphs += [p for p in (record.get(key) or "").split("\n") if p.strip()]
            for caption in record.get("captions") or []:
                paragraphs += [p for p in caption.split("\n") if p.strip()]
    started = time.perf_counter()
    words = sum(len(word_tokenize(p)) for p in paragraphs)
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "paragraphs": len(paragraphs),
        "words": words,
    }


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    model = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def _slice_runs(n_articles: int, folder: Path) -> dict[str, Any]:
    """Bare `word_tokenize` and `vnie extract` with 1 and 2 workers over the slice."""
    results: dict[str, Any] = {}
    path, count, size = write_slice(SLICE_SOURCE, n_articles, folder)
    kb = size / 1000
    results.update(articles=count, text_kb=round(kb, 1))
    reference = bare_word_tokenize(path)
    reference["kb_per_s"] = round(kb / reference["seconds"], 1)
    reference["articles_per_s"] = round(count / reference["seconds"], 1)
    results["word_tokenize"] = reference
    for workers in (1, 2):
        print(f"bench: vnie extract, {count} articles, {workers} worker(s)…", file=sys.stderr)
        measured = run_extract_process([path], workers, folder / f"out-{workers}")
        measured["kb_per_s"] = round(kb / measured["wall_s"], 1)
        measured["articles_per_s"] = round(count / measured["wall_s"], 1)
        measured["kb_per_s_in_run"] = round(kb / measured["run_s"], 1)
        results[f"extract_{workers}w"] = measured
    one, two = results["extract_1w"], results["extract_2w"]
    results["ratio_1w_vs_word_tokenize"] = round(one["kb_per_s"] / reference["kb_per_s"], 2)
    results["ratio_2w_vs_1w"] = round(two["kb_per_s"] / one["kb_per_s"], 2)
    return results


def run(
    n_articles: int, full: bool, scrape: bool, scale: int = 0, corpus_only: bool = False
) -> dict[str, Any]:
    """Every measure, in one run; the result as written to outputs/bench.json. `corpus_only`
    (with `full`): no slice and no bare segmentation, only the whole corpus (and `scale`)."""
    if not SLICE_SOURCE.exists():
        raise SystemExit(f"error: {SLICE_SOURCE} is missing (the shared corpus is needed)")
    results: dict[str, Any] = {"machine": machine(), "slice": str(SLICE_SOURCE)}
    with tempfile.TemporaryDirectory(prefix="vnie-bench-") as folder_name:
        folder = Path(folder_name)
        if not (full and corpus_only):
            results.update(_slice_runs(n_articles, folder))
        if full:
            everything = sorted(SHARED.glob("*.jsonl"))
            print(f"bench: vnie extract, all of {SHARED}, 2 workers…", file=sys.stderr)
            measured = run_extract_process(everything, 2, folder / "out-full")
            total_kb = (
                sum(
                    text_bytes(json.loads(line))
                    for f in everything
                    for line in f.open(encoding="utf-8")
                    if line.strip()
                )
                / 1000
            )
            measured["kb_per_s"] = round(total_kb / measured["wall_s"], 1)
            measured["articles_per_s"] = round(measured["articles"] / measured["wall_s"], 1)
            results["extract_full_2w"] = measured
        if full and scale > 1:
            replicas, count, size = write_replicas(everything, scale, folder)
            print(f"bench: vnie extract, {count} articles ({scale}x), 2 workers…", file=sys.stderr)
            measured = run_extract_process([replicas], 2, folder / "out-scale")
            measured["kb_per_s"] = round(size / 1000 / measured["wall_s"], 1)
            measured["articles_per_s"] = round(measured["articles"] / measured["wall_s"], 1)
            measured["copies"] = scale
            results["extract_scale_2w"] = measured
            replicas.unlink()
    if scrape:
        print("bench: scraper…", file=sys.stderr)
        from pipeline.scrape.bench import run_bench

        try:
            results["scrape"] = run_bench()
        except Exception as exc:  # the extraction figures stand on their own
            results["scrape"] = {"error": f"{type(exc).__name__}: {exc}"}
    return results


def table(results: dict[str, Any]) -> str:
    """The figures as a small text table."""
    rows: list[tuple[Any, ...]] = [
        ("measure", "KB/s", "articles/s", "seconds", "peak RSS/worker MB")
    ]
    ref = results.get("word_tokenize")
    if ref:
        rows.append(
            (
                "bare word_tokenize (1 core)",
                ref["kb_per_s"],
                ref["articles_per_s"],
                ref["seconds"],
                "",
            )
        )
    for key, label in (
        ("extract_1w", "vnie extract, 1 worker"),
        ("extract_2w", "vnie extract, 2 workers"),
        ("extract_full_2w", "vnie extract, all corpus, 2 w"),
        ("extract_scale_2w", "vnie extract, corpus ×N, 2 w"),
    ):
        if key in results:
            r = results[key]
            rows.append(
                (label, r["kb_per_s"], r["articles_per_s"], r["wall_s"], r["peak_rss_worker_mb"])
            )
    widths = [max(len(str(row[i])) for row in rows) for i in range(5)]
    lines = [
        "  ".join(
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    m = results["machine"]
    lines += ["", f"{m['cores']} cores, {m['cpu']}"]
    if ref:
        lines += [
            f"slice: {results['articles']} articles, {results['text_kb']} KB of text",
            f"1 worker vs bare word_tokenize: {results['ratio_1w_vs_word_tokenize']}x "
            f"(target >= 3.0); 2 workers vs 1: {results['ratio_2w_vs_1w']}x (target >= 1.85)",
        ]
    if "extract_full_2w" in results:
        full = results["extract_full_2w"]
        lines.append(
            f"whole shared corpus: {full['articles']} articles in {full['wall_s']} s "
            f"(target <= 90 s)"
        )
        if full.get("link_s") is not None:
            share = full["link_s"] / full["run_s"]
            lines.append(
                f"  of which the linking stage: {full['link_s']} s, {share:.1%} of the run "
                f"(target <= 10%)"
            )
    for key in ("extract_full_2w", "extract_scale_2w"):
        if key in results:
            r = results[key]
            lines.append(
                f"  {r['articles']} articles: peak RSS {r['peak_rss_worker_mb']} MB per worker "
                f"(target <= 300), {r['peak_rss_driver_mb']} MB for the driver (target <= 400)"
            )
    if "extract_full_2w" in results and "extract_scale_2w" in results:
        one, many = results["extract_full_2w"], results["extract_scale_2w"]
        per_one = one["wall_s"] / one["articles"]
        per_many = many["wall_s"] / many["articles"]
        lines.append(
            f"time per article at {many['copies']}x the corpus vs 1x: "
            f"{per_many / per_one:.2f} (target within 10%: 0.90-1.10)"
        )
    scrape = results.get("scrape")
    if scrape:
        lines.append(f"scraper: {scrape.get('pages_per_s', scrape.get('error'))} pages/s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Run the bench, print the table, write outputs/bench.json."""
    parser = argparse.ArgumentParser(prog="python -m pipeline.batch.bench", description=__doc__)
    parser.add_argument(
        "--articles",
        type=int,
        default=5000,
        help="slice size (default 5000: all of vietnews-political)",
    )
    parser.add_argument("--full", action="store_true", help="also the whole shared corpus")
    parser.add_argument(
        "--scale",
        type=int,
        default=0,
        help="with --full, also the shared corpus replicated this many times (make bench: 10)",
    )
    parser.add_argument(
        "--corpus-only",
        action="store_true",
        help="with --full: skip the slice and bare segmentation (memory at 6k and 60k articles)",
    )
    parser.add_argument("--no-scrape", action="store_true", help="skip the scraper's bench")
    parser.add_argument("--out", type=Path, default=ROOT / "outputs" / "bench.json")
    args = parser.parse_args(argv)
    results = run(args.articles, args.full, not args.no_scrape, args.scale, args.corpus_only)
    print(table(results))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
