"""Lines of a JSON-lines file, streamed with bounded memory whatever the file holds.

- The file is read in chunks, so memory stays under `MAX_LINE_BYTES` plus one chunk: a gzip
  bomb that inflates to one 1 GB line costs a few MB and is reported as too long, and reading
  goes on after it.
- Runs of blank lines are skipped at C speed (a billion of them take seconds, not hours).
- A byte-order mark is read: UTF-8's is dropped, UTF-16 and UTF-32 are re-encoded to UTF-8 on
  the fly (unpaired surrogates become U+FFFD).
- A decompression or read error ends the file with `StreamDamaged`, naming the line it was in;
  every line before it has been yielded.
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

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


def open_lines_file(path: Path) -> BinaryIO:
    """The file's bytes, decompressed when its name ends in .gz."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def detect_bom(head: bytes) -> tuple[str, int]:
    """The encoding a byte-order mark at the start of `head` names ('utf-8' when none), and
    the length of the mark."""
    for mark, encoding in _BOMS:
        if head.startswith(mark):
            return encoding, len(mark)
    return "utf-8", 0


def _utf8_reader(read: Callable[[int], bytes]) -> Callable[[int], bytes]:
    """`read` with any byte-order mark dropped and the text re-encoded to UTF-8."""
    head = b""
    while len(head) < 4 and (more := read(4 - len(head))):
        head += more
    encoding, skip = detect_bom(head)
    head = head[skip:]
    if encoding == "utf-8":

        def read_utf8(size: int) -> bytes:
            nonlocal head
            if head:
                data, head = head + read(size), b""
                return data
            return read(size)

        return read_utf8
    decoder = codecs.getincrementaldecoder(encoding)("replace")

    def read_recoded(size: int) -> bytes:
        nonlocal head
        while True:
            data, head = head + read(size), b""
            text = decoder.decode(data, final=not data)
            if text or not data:
                return text.encode("utf-8")

    return read_recoded


def iter_lines(
    read: Callable[[int], bytes],
    max_line: int = MAX_LINE_BYTES,
    chunk_bytes: int = CHUNK_BYTES,
) -> Iterator[Line]:
    """The non-blank lines of a byte stream, numbered; raises `StreamDamaged` on a read error."""
    line_no = 1  # the number of the line that starts at `pos`
    try:
        read = _utf8_reader(read)
    except (EOFError, zlib.error, OSError) as exc:
        raise StreamDamaged(line_no, exc) from None
    buffer = bytearray()
    scanned = 0  # bytes of `buffer` known to hold no newline
    skipping = False  # inside a line over the limit, already reported
    while True:
        try:
            chunk = read(chunk_bytes)
        except (EOFError, zlib.error, OSError) as exc:
            raise StreamDamaged(line_no, exc) from None
        if not chunk:
            break
        buffer += chunk
        pos = 0
        while pos < len(buffer):
            if skipping:
                newline = buffer.find(b"\n", pos)
                if newline < 0:
                    pos = len(buffer)
                    break
                skipping, pos, line_no = False, newline + 1, line_no + 1
                continue
            blank_end = _BLANKS.match(buffer, pos).end()  # type: ignore[union-attr]
            if blank_end > pos:
                line_no += buffer.count(b"\n", pos, blank_end)
                pos = blank_end
                continue
            newline = buffer.find(b"\n", max(pos, scanned))
            if newline < 0:
                scanned = len(buffer)
                if len(buffer) - pos > max_line:
                    yield Line(line_no, None)
                    skipping, pos = True, len(buffer)
                break
            yield Line(line_no, bytes(buffer[pos:newline]) if newline - pos <= max_line else None)
            pos, line_no = newline + 1, line_no + 1
        del buffer[:pos]
        scanned = max(0, scanned - pos)
    if buffer.strip() and not skipping:  # a last line without its newline
        yield Line(line_no, bytes(buffer) if len(buffer) <= max_line else None)
