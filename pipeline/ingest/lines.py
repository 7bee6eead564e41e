"""Lines of a JSON-lines file, streamed with bounded memory whatever the file holds.

- The file is read in chunks, so memory stays under `MAX_LINE_BYTES` plus one chunk: a gzip
  bomb that inflates to one 1 GB line costs a few MB and is reported as too long, and reading
  goes on after it.
- Runs of blank lines are skipped at C speed (a billion of them take seconds, not hours).
- A byte-order mark is read: UTF-8's is dropped, UTF-16 and UTF-32 are re-encoded to UTF-8 on
  the fly (unpaired surrogates become U+FFFD).
- A decompression or read error ends the file with `StreamDamaged`, naming the line it was in;
  every line before it has been yielded.
- The first chunk can be looked at before any line is read (to tell binary data at once).
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

#: Longer lines are reported and skipped. An article is at most a million characters (see the
#: batch runner); with JSON escapes of six bytes a character that is 6 MB, and room is left
#: for long unknown fields.
MAX_LINE_BYTES = 16 << 20
CHUNK_BYTES = 1 << 20

_BLANKS = re.compile(rb"[ \t\r\n\f\v]*")
#: Longest first: UTF-32-LE's mark starts with UTF-16-LE's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class StreamDamaged(Exception):
    """The file could not be read on from `line` (a truncated or corrupt compressed stream)."""

    def __init__(self, line: int, cause: BaseException):
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.line = line
        self.cause = cause


@dataclass(frozen=True)
class Line:
    """One non-blank line: its number (from 1) and bytes, `data` None when over the limit."""

    number: int
    data: bytes | None


def open_lines_file(path: Path) -> io.BufferedReader | gzip.GzipFile:
    """The file's bytes, decompressed when its name ends in .gz.

    Read it with `read1`: one read of the underlying stream at a time, so that what was
    decompressed before a damaged part is returned before the error is raised.
    """
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def detect_bom(head: bytes) -> tuple[str, int]:
    """The encoding a byte-order mark at the start of `head` names ('utf-8' when none), and
    the length of the mark."""
    for mark, encoding in _BOMS:
        if head.startswith(mark):
            return encoding, len(mark)
    return "utf-8", 0


class LineStream:
    """The non-blank lines of a byte stream (`read(size)`), numbered from 1.

    `head()` shows the first bytes (as UTF-8) before the lines are read; iterating raises
    `StreamDamaged` on a read or decompression error.
    """

    def __init__(
        self,
        read: Callable[[int], bytes],
        max_line: int = MAX_LINE_BYTES,
        chunk_bytes: int = CHUNK_BYTES,
    ):
        self.raw_read, self.max_line, self.chunk_bytes = read, max_line, chunk_bytes
        self.line_no = 1  # the line being read
        self.pending = b""  # read by `head()`, not yet split into lines
        self.decoder: codecs.IncrementalDecoder | None = None
        self.started = False

    def head(self) -> bytes:
        """The first chunk of the stream as UTF-8 (it is read again by the iteration)."""
        if not self.pending:
            self.pending = self._read()
        return self.pending

    def _read(self) -> bytes:
        try:
            if not self.started:
                self.started = True
                return self._start()
            return self._decoded(self.raw_read(self.chunk_bytes))
        except (EOFError, zlib.error, OSError) as exc:
            raise StreamDamaged(self.line_no, exc) from None

    def _start(self) -> bytes:
        """The first chunk, its byte-order mark read: dropped, or the decoder it names set."""
        head = b""
        while len(head) < 4 and (more := self.raw_read(self.chunk_bytes)):
            head += more
        encoding, skip = detect_bom(head)
        if encoding != "utf-8":
            self.decoder = codecs.getincrementaldecoder(encoding)("replace")
        return self._decoded(head[skip:]) if head[skip:] else self._read()

    def _decoded(self, data: bytes) -> bytes:
        if self.decoder is None:
            return data
        while True:  # a few bytes may not make a character yet
            text = self.decoder.decode(data, final=not data)
            if text or not data:
                return text.encode("utf-8")
            data = self.raw_read(self.chunk_bytes)

    def _chunks(self) -> Iterator[bytes]:
        if self.pending:
            yield self.pending
            self.pending = b""
        while chunk := self._read():
            yield chunk

    def __iter__(self) -> Iterator[Line]:
        buffer = bytearray()
        scanned = 0  # bytes of `buffer` known to hold no newline
        skipping = False  # inside a line over the limit, already reported
        for chunk in self._chunks():
            buffer += chunk
            if not skipping and buffer.isspace():  # a flood of blank lines: one C call a chunk
                self.line_no += buffer.count(b"\n")
                buffer.clear()
                scanned = 0
                continue
            pos = 0
            while pos < len(buffer):
                if skipping:
                    newline = buffer.find(b"\n", pos)
                    if newline < 0:
                        pos = len(buffer)
                        break
                    skipping, pos = False, newline + 1
                    self.line_no += 1
                    continue
                blank_end = _BLANKS.match(buffer, pos).end()  # type: ignore[union-attr]
                if blank_end > pos:
                    self.line_no += buffer.count(b"\n", pos, blank_end)
                    pos = blank_end
                    continue
                newline = buffer.find(b"\n", max(pos, scanned))
                if newline < 0:
                    scanned = len(buffer)
                    if len(buffer) - pos > self.max_line:
                        yield Line(self.line_no, None)
                        skipping, pos = True, len(buffer)
                    break
                too_long = newline - pos > self.max_line
                yield Line(self.line_no, None if too_long else bytes(buffer[pos:newline]))
                pos = newline + 1
                self.line_no += 1
            del buffer[:pos]
            scanned = max(0, scanned - pos)
        if buffer.strip() and not skipping:  # a last line without its newline
            yield Line(self.line_no, bytes(buffer))
