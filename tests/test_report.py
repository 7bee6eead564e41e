"""The review site, built from the seed article and loaded in a real headless Chromium.

Chromium is driven over the DevTools protocol (websocket-client), so nothing is downloaded;
the browser tests skip, saying why, when Debian's `chromium` is not installed (and fail in CI,
where `make browser` installs it).
"""

from __future__ import annotations

import base64
import csv
import itertools
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import unicodedata
import urllib.request
from pathlib import Path

import pytest

from pipeline.batch.runner import run_extract
from pipeline.report import (
    body_href,
    build_report,
    fact_href,
    fact_key,
    highlight,
    month_of,
    person_href,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "articles" / "seed-baolongan.jsonl"
SEED_ID = "seed-baolongan-2022-05-20"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report-out")
    run_extract([str(SEED)], out, ROOT / "rules", workers=1)
    build_report(out)
    return out


def _rows(out: Path, table: str) -> list[dict[str, str]]:
    with (out / f"{table}.csv").open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


# ---- without a browser ----------------------------------------------------------------------


def test_site_has_index_articles_and_fact_pages(out_dir: Path) -> None:
    report = out_dir / "report"
    index = (report / "index.html").read_text("utf-8")
    assert "<svg" in index and "Mentions per month" in index and "Top documents" in index
    assert "05-CT/TW" in index and "Bộ Chính trị" in index
    assert (report / "articles" / f"{SEED_ID}.html").exists()
    assert (report / "assets" / "report.js").exists()
    for page in report.rglob("*.html"):  # self-contained: nothing fetched from elsewhere
        assert not re.search(
            r'<(script|link|img)[^>]+(src|href)="(https?:)?//', page.read_text("utf-8")
        ), page
    fact = (report / fact_href("documents", "05-CT/TW")).read_text("utf-8")
    assert "<mark>Chỉ thị số 05-CT/TW</mark>" in fact  # in its sentence
    assert f"../../articles/{SEED_ID}.html#m-documents-" in fact
    fact_pages = list((report / "facts" / "documents").glob("*.html"))
    assert len(fact_pages) == len({r["doc_id"] for r in _rows(out_dir, "documents")})


def test_people_and_bodies_have_pages_with_their_timeline(out_dir: Path) -> None:
    report = out_dir / "report"
    officials = _rows(out_dir, "officials")
    hai = next(r for r in officials if r["person"] == "Nguyễn Thanh Hải")
    page = (report / person_href(hai["person_id"])).read_text("utf-8")
    assert "<h1>Nguyễn Thanh Hải</h1>" in page and "Posts over time" in page
    # the post on its timeline, dated by the article, linking to its body and the article
    assert "Phó Bí thư Thường trực · Tỉnh ủy Long An" in page and "2022-05-20" in page
    assert f'href="../{body_href(hai["body_id"])}"' in page
    assert f'href="../articles/{SEED_ID}.html' in page
    body = (report / body_href(hai["body_id"])).read_text("utf-8")
    assert "<h1>Tỉnh ủy Long An</h1>" in body and "since 2025: Tây Ninh" in body
    assert f'href="../{person_href(hai["person_id"])}"' in body
    people = (report / "people.html").read_text("utf-8")
    assert people.count('href="people/') == len({r["person_id"] for r in officials})
    assert "bodies.html" in (report / "index.html").read_text("utf-8")


def test_every_row_is_marked_on_its_own_text(out_dir: Path) -> None:
    page = (out_dir / "report" / "articles" / f"{SEED_ID}.html").read_text("utf-8")
    for table in ("organizations", "officials", "documents", "models", "money"):
        for index, _row in enumerate(_rows(out_dir, table)):
            assert f'id="m-{table}-{index}"' in page
            assert f'id="row-{table}-{index}"' in page


def test_highlight_nests_and_cuts_crossing_marks() -> None:
    from pipeline.report import Mention

    def mention(table: str, index: int, start: int, end: int) -> Mention:
        row = {"start": start, "end": end, "rule_id": "r", "text": "", "name": "<x>"}
        return Mention(table, index, row, "k")

    text = "Bí thư Đảng ủy khối <Cơ quan> tỉnh"
    out = highlight(text, [mention("officials", 0, 0, 14), mention("organizations", 1, 7, 29)])
    assert out.count("<mark") == 3 and out.count("</mark>") == 3
    assert "&lt;Cơ quan&gt;" in out and "name: &lt;x&gt;" in out


def test_rebuild_keeps_screenshots(out_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "out"
    shutil.copytree(out_dir, copy)
    (copy / "report" / "screenshot.png").write_bytes(b"\x89PNG")
    (copy / "report" / "stale.html").write_text("old", "utf-8")
    build_report(copy)
    assert (copy / "report" / "screenshot.png").read_bytes() == b"\x89PNG"
    assert not (copy / "report" / "stale.html").exists()
    assert (copy / "report" / "index.html").exists()


def test_month_and_fact_key() -> None:
    assert month_of("2022-05-20T15:17:00+07:00") == "2022-05"
    assert month_of("2025-04-22 15:17:00") == "2025-04"
    assert month_of("20/05/2022 08:00") == "2022-05"
    assert month_of("hôm qua") is None
    assert fact_key("money", {"amount_vnd": 4_000_000_000}) == "4.000.000.000 đồng"
    assert fact_key("documents", {"doc_id": "05-CT/TW", "text": "Chỉ thị số 05"}) == "05-CT/TW"


def _fold(text: str) -> str:
    """What the report's filter compares: no diacritics, đ → d, lower case."""
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    )
    return stripped.replace("đ", "d").replace("Đ", "D").lower()


# ---- in Chromium ------------------------------------------------------------------------------


class Browser:
    """Headless Chromium and one page, spoken to over the DevTools protocol."""

    def __init__(self) -> None:
        import websocket

        self.profile = Path(tempfile.mkdtemp(prefix="vnie-chromium-"))
        self.process = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
                "--window-size=1280,900",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().count("\n") >= 1):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not start (no DevToolsActivePort)")
            time.sleep(0.1)
        port = int(port_file.read_text().splitlines()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as reply:
            pages = [t for t in json.load(reply) if t["type"] == "page"]
        self.ws = websocket.create_connection(
            pages[0]["webSocketDebuggerUrl"], timeout=30, suppress_origin=True
        )
        self.ids = itertools.count(1)
        self.events: list[dict] = []
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")

    def call(self, method: str, **params) -> dict:
        """Send one command and wait for its answer, keeping the events that come meanwhile."""
        call_id = next(self.ids)
        self.ws.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def open(self, path: Path) -> None:
        """Navigate and wait for the load event."""
        self.events.clear()
        self.call("Page.navigate", url=path.as_uri())
        deadline = time.monotonic() + 30
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{path} did not load")
            self.events.append(json.loads(self.ws.recv()))

    def js(self, expression: str):
        """Evaluate in the page; the value comes back as JSON."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and failed loads since the last `open`."""
        self.call("Runtime.evaluate", expression="1")  # flush pending events
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(json.dumps(params["exceptionDetails"], ensure_ascii=False)[:300])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(str([a.get("value") for a in params.get("args", [])]))
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(f"{params['entry'].get('url')}: {params['entry']['text']}")
        return found

    def screenshot(self, *targets: Path) -> None:
        data = base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])
        for target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    def close(self) -> None:
        if getattr(self, "ws", None):
            self.ws.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):  # `make browser` installs it in CI: its absence is a failure
            pytest.fail("chromium is not installed in CI: `make browser` should have installed it")
        pytest.skip("chromium is not installed (Debian: apt-get install -y chromium)")
    pytest.importorskip("websocket", reason="websocket-client is not installed")
    session = Browser()
    yield session
    session.close()


def test_pages_load_without_console_errors(out_dir: Path, browser: Browser) -> None:
    report = out_dir / "report"
    pages = [
        report / "index.html",
        report / "articles.html",
        report / "organizations.html",
        report / "articles" / f"{SEED_ID}.html",
        *sorted((report / "facts" / "documents").glob("*.html"))[:2],
        report / "people.html",
        *sorted((report / "people").glob("*.html"))[:2],
        *sorted((report / "bodies").glob("*.html"))[:2],
    ]
    for page in pages:
        browser.open(page)
        assert browser.errors() == [], page
        assert browser.js("document.querySelectorAll('table.data').length") >= 1, page


def test_highlights_sit_on_the_rows_text(out_dir: Path, browser: Browser) -> None:
    browser.open(out_dir / "report" / "articles" / f"{SEED_ID}.html")
    marks = browser.js("""Object.fromEntries(Array.from(document.querySelectorAll(
        'mark.ent[id]:not(.cut)')).map(m => [m.dataset.m, [m.textContent, m.title,
        m.closest('.doc').dataset.field]]))""")
    checked = 0
    for table in ("organizations", "officials", "documents", "models", "money"):
        for index, row in enumerate(_rows(out_dir, table)):
            key = f"{table}-{index}"
            if key not in marks:  # cut by a crossing mark: its text is split in two
                continue
            text, title, field = marks[key]
            assert (text, field) == (row["text"], row["field"])
            assert row["rule_id"] in title
            checked += 1
    documents = _rows(out_dir, "documents")
    assert marks["documents-0"][0] == documents[0]["text"] == "Chỉ thị số 05/CT-TW"
    assert f"doc_id: {documents[0]['doc_id']}" in marks["documents-0"][1]
    assert checked >= 0.9 * sum(
        len(_rows(out_dir, t))
        for t in ("organizations", "officials", "documents", "models", "money")
    )


def test_filter_box_hides_rows(out_dir: Path, browser: Browser) -> None:
    browser.open(out_dir / "report" / "articles" / f"{SEED_ID}.html")
    visible = "Array.from(document.querySelectorAll('#mentions tbody tr')).filter(r => !r.hidden)"
    every = browser.js(
        "Array.from(document.querySelectorAll('#mentions tbody tr')).map(r => r.textContent)"
    )
    browser.js("document.querySelector('input.filter[data-for=mentions]').focus()")
    browser.call("Input.insertText", text="chi thi 05")  # no diacritics: finds "Chỉ thị số 05"
    after = browser.js(f"{visible}.map(r => r.textContent)")
    expected = [row for row in every if all(term in _fold(row) for term in ("chi", "thi", "05"))]
    assert 0 < len(after) < len(every)
    assert after == expected
    assert any("Chỉ thị số 05-CT/TW" in row for row in after)
    browser.js("""(() => { const th = document.querySelectorAll('#mentions thead th')[6];
                  th.click(); th.click(); })()""")
    starts = browser.js(f"{visible}.map(r => Number(r.cells[6].textContent))")
    assert starts == sorted(starts, reverse=True)
    assert browser.errors() == []


def test_screenshot_of_an_article_page(out_dir: Path, browser: Browser) -> None:
    browser.open(out_dir / "report" / "articles" / f"{SEED_ID}.html")
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        width=1280,
        height=1000,
        deviceScaleFactor=1,
        mobile=False,
    )
    # the README's picture (docs/report-screenshot.png) is a copy of this one, refreshed by hand
    shot = ROOT / "outputs" / "report" / "screenshot.png"
    browser.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
