"""The review site: a static HTML report over an out dir, to look at what was found where.

`report/index.html` summarizes the tables; each article gets a page with its text and every
mention highlighted by kind (displaCy-style), each fact a page listing the articles that
mention it, and each person and body (from the linking stage) a page with a timeline of posts
and links to the articles. No server, no CDN: the stylesheet and script sit beside the pages
in `assets/`.
"""

from pipeline.report.charts import COLORS, chart_by_month, chart_timeline, chart_top, month_of
from pipeline.report.highlight import LABELS, highlight
from pipeline.report.linked import body_href, person_href
from pipeline.report.mentions import Mention, article_href, fact_href, fact_key
from pipeline.report.site import TOP, build_report

__all__ = [
    "COLORS",
    "LABELS",
    "TOP",
    "Mention",
    "article_href",
    "body_href",
    "build_report",
    "chart_by_month",
    "chart_timeline",
    "chart_top",
    "fact_href",
    "fact_key",
    "highlight",
    "month_of",
    "person_href",
]
