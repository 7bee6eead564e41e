"""Dates as the Vietnamese press writes them → ISO 8601 in Vietnam time (+07:00).

Three jobs: `iso_vn` reads one value a site gives for a date (structured data, a feed, a
sitemap, a date line, an archive's `published_at`); `printed_moments` finds the dates *with a
time of day* printed in a stretch of visible text; `issued_date_after` reads the date a
document was issued beside its number. The scraper and the extractor both read dates, so they
live here, in the text stage both may import. Printed times look like:

    07/03/2026 08:47          Thứ bảy, 7/3/2026 - 08:47      08:47 | 07/03/2026
    7-3-2026 8:47 (GMT+7)     07-03-2026 - 00:01 AM          8h30 ngày 7/3/2026

Printed dates are day/month/year; an offset-less time is Vietnam time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

#: Asia/Ho_Chi_Minh has had no daylight saving since 1975: a fixed offset is exact.
VN_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")

_DMY = re.compile(r"(?<![\d/.-])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_HM = re.compile(
    r"(?<![\d/.:-])(\d{1,2})\s*(?::|h|g|giờ)\s*(\d{2})(?::(\d{2}))?(?![\d/.-])"
    r"(?:\s*(AM|PM|SA|CH)\b)?",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SPACE_BEFORE_OFFSET = re.compile(r"(\d)\s+([+-]\d{2}:?\d{2}|Z)$")
#: How far (in characters) a printed time may stand from its date, on either side.
TIME_REACH = 24


def _hour(hour: int, marker: str | None) -> int:
    """12-hour clock markers (AM/PM, Vietnamese SA/CH) to a 24-hour hour."""
    marker = (marker or "").upper()
    if marker in ("PM", "CH") and hour < 12:
        return hour + 12
    if marker in ("AM", "SA") and hour == 12:
        return 0
    return hour


def _nearest_time(text: str, start: int, end: int) -> re.Match[str] | None:
    """The time of day closest to the date at text[start:end], within TIME_REACH characters."""
    best: tuple[int, re.Match[str]] | None = None
    for match in _HM.finditer(text):
        if start <= match.start() < end:
            continue
        gap = start - match.end() if match.end() <= start else match.start() - end
        if 0 <= gap <= TIME_REACH and (best is None or gap < best[0]):
            best = (gap, match)
    return best[1] if best else None


def _moment(day: re.Match[str], time: re.Match[str] | None) -> datetime | None:
    try:
        hour = _hour(int(time.group(1)), time.group(4)) if time else 0
        return datetime(
            int(day.group(3)),
            int(day.group(2)),
            int(day.group(1)),
            hour,
            int(time.group(2)) if time else 0,
            int(time.group(3) or 0) if time else 0,
            tzinfo=VN_TZ,
        )
    except ValueError:
        return None


def printed_moments(text: str) -> list[datetime]:
    """Every printed date of the text that has a time of day beside it, in order."""
    moments = []
    for day in _DMY.finditer(text):
        time = _nearest_time(text, day.start(), day.end())
        moment = _moment(day, time) if time else None
        if moment is not None:
            moments.append(moment)
    return moments


def iso_vn(value: str | None) -> str | None:
    """A date as a site writes it (ISO, RFC 2822, `22/10/2025 19:25`) → ISO 8601 at +07:00."""
    if not value or not value.strip():
        return None
    text = value.strip()
    moment: datetime | None = None
    if _ISO_DATE.match(text):
        # `2026-03-07T08:52:11.000 +07:00`: a space before the offset is common, not ISO
        cleaned = _SPACE_BEFORE_OFFSET.sub(r"\1\2", text.replace("Z", "+00:00"))
        try:
            moment = datetime.fromisoformat(cleaned)
        except ValueError:
            moment = None
    if moment is None and "," in text[:5]:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            moment = None
    if moment is None:
        day = _DMY.search(text)
        if day is None:
            return None
        moment = _moment(day, _nearest_time(text, day.start(), day.end()))
        if moment is None:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VN_TZ)
    return moment.astimezone(VN_TZ).isoformat(timespec="seconds")


def has_time_of_day(value: str | None, iso: str | None) -> bool:
    """Did the site give a time with this date? (`2026-03-07` or a bare midnight did not.)"""
    if not value or not iso:
        return False
    if _ISO_DATE.fullmatch(value.strip()):
        return False
    return iso[11:19] != "00:00:00"


# --- the date a document was issued -----------------------------------------------------------

#: `15/5/2016`, `15-12-2017`, `15.5.2016`, `2 tháng 10 năm 2015`; the year may be missing
#: (`ngày 15/9`), then the document number's own year is used, if it has one.
_DAY_MONTH_YEAR = (
    r"(?P<day>\d{1,2})\s*(?:[/.-]|\s+tháng\s+)\s*(?P<month>\d{1,2})"
    r"(?:\s*(?:[/.-]|\s+năm\s+)\s*(?P<year>\d{4}))?(?![\d/.-]*\d)"
)
#: The date right beside the number: `05-CT/TW ngày 15/5/2016`, `2230/QĐ-UBND, ngày 21/7/2014`,
#: `3988-CV/TU (ngày 12/4/2018)`, `61/2017/QĐ-UBND ban hành ngày 15/9`.
_BESIDE = re.compile(
    r"\s*[,(]?\s*(?:(?:được\s+)?(?:ký\s+)?(?:ban\s+hành\s+)?)ngày\s+" + _DAY_MONTH_YEAR,
    re.IGNORECASE,
)
#: The date after the issuer or the signer: `50-TB/TW của Ban Bí thư ngày 17/7/2018`,
#: `1468/QĐ-TTg của Thủ tướng Chính phủ ban hành ngày 29/9/2017`, `333/QĐ-UBND do ông Trần Văn
#: Dũng, Chủ tịch UBND huyện Thới Bình ký ngày 15/1/2019`. Between the number and the date:
#: no digit (no other number, whose date it could be) and no end of clause.
_AFTER_ISSUER = re.compile(
    r"\s*,?\s*(?:của|do)\s+[^\d.;:!?\"“”()]{1,80}?\s+(?:(?:ký\s+)?(?:ban\s+hành\s+)?)ngày\s+"
    + _DAY_MONTH_YEAR,
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateSpan:
    """A date found in a sentence: `start`/`end` index the sentence, `iso` is `YYYY-MM-DD`."""

    start: int
    end: int
    iso: str


def issued_date_after(sentence: str, end: int, number_year: int | None = None) -> DateSpan | None:
    """The date the text gives beside a document number that ends at `end` in `sentence`.

    Only a date written right after the number, or after the issuer or signer named right
    after it (`của …`, `do … ký`), counts: a date further on may belong to another document.
    A date without a year takes `number_year` (the year in the number, `61/2017/QĐ-UBND`);
    without either, or when the day and month make no date, there is none.
    """
    rest = sentence[end:]
    found = _BESIDE.match(rest) or _AFTER_ISSUER.match(rest)
    if found is None:
        return None
    year = int(found.group("year")) if found.group("year") else number_year
    if year is None:
        return None
    try:
        issued = date(year, int(found.group("month")), int(found.group("day")))
    except ValueError:
        return None
    start = end + found.start("day")
    return DateSpan(start, end + found.end(), issued.isoformat())
