"""Dates as the Vietnamese press writes them: publication times, and the date a document was
issued, read beside its number.

Both the scraper (a page's `published_at`) and the extractor (a document's `issued_on`) read
dates, so they live here, in the text stage both may import. Every function is plain: a string
in, an ISO 8601 string out (or None when the text gives no whole date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

#: Asia/Ho_Chi_Minh has had no daylight saving since 1975: a fixed offset is exact.
VN_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")

_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_HM = re.compile(r"(?<!\d)(\d{1,2})\s*[:hg]\s*(\d{2})(?!\d)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_vn(value: str | None) -> str | None:
    """A date as a site writes it → ISO 8601 at +07:00, or None when no whole date is given.

    Reads ISO (`2025-04-22 15:17:00`, `2022-05-20T15:17:00+07:00`, `2025-04-22`), RFC 2822
    (`Tue, 22 Apr 2025 08:17:00 GMT`) and day-first dates with an optional time
    (`22/04/2025`, `Thứ ba, 22/4/2025, 15:17 (GMT+7)`). A time without an offset is Vietnam
    time; a date without a time is midnight in Vietnam.
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    moment: datetime | None = None
    if _ISO_DATE.match(text):
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            moment = None
    if moment is None and "," in text[:5]:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            moment = None
    if moment is None:
        dmy = _DMY.search(text)
        if dmy is None:
            return None
        hm = _HM.search(text[: dmy.start()] + " " + text[dmy.end() :])
        try:
            moment = datetime(
                int(dmy.group(3)),
                int(dmy.group(2)),
                int(dmy.group(1)),
                int(hm.group(1)) if hm else 0,
                int(hm.group(2)) if hm else 0,
            )
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VN_TZ)
    return moment.astimezone(VN_TZ).isoformat(timespec="seconds")


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
