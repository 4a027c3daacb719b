"""Material's table wrapping, written into the pages once at build time instead of by its script at every load.

Material's script wraps each unclassed table of the content (`table:not([class])`) in two boxes that
scroll it sideways on narrow screens, after the page has been laid out: the page is restyled and laid
out again (issue 23 measured it in Lighthouse's blocking time). The pages already carry the boxes, and
the table the class `DATA_TABLE`, which Material's script skips; extra.css gives `table.data-table`
Material's own rules for `table:not([class])` (tests/test_browser.py compares the two in Chromium).
"""

from __future__ import annotations

import re

DATA_TABLE = "data-table"
_TABLE = re.compile(r"<table>(.*?)</table>", re.DOTALL)


def _wrapped(match: re.Match[str]) -> str:
    inner = match.group(1)
    if "<table" in inner:
        return match.group(0)  # a table inside a table (none is generated today): Material's script boxes it at load, as before
    return f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="{DATA_TABLE}">{inner}</table></div></div>'


def wrap_tables(html: str) -> str:
    """Every unclassed table of a page inside Material's scroll boxes, classed so its script leaves it alone."""
    return _TABLE.sub(_wrapped, html)
