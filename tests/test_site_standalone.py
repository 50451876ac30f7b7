"""A standalone HTML profile (profile --format html) carries its CSS inline, unescaped and contained."""

from __future__ import annotations

import re
from pathlib import Path

import legalreview as lr
from legalreview.render.site import render_profile


def test_inline_css_keeps_its_quotes_and_cannot_close_the_style_element(small: Path) -> None:
    (small / "templates").mkdir()
    (small / "templates" / "site.css").write_text('body { font-family: "Noto Sans", sans-serif; }\n'
                                                   "/* </style><script>alert(1)</script> */\n")
    html = render_profile(lr.load_review(small), "KEN", "html")
    style = re.search(r"<style>(.*?)</style>", html, re.S)
    assert style is not None
    assert 'font-family: "Noto Sans"' in style.group(1)
    assert "&#34;" not in style.group(1)
    assert "<script>alert(1)</script>" not in html
