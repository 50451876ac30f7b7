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


def test_markdown_profile_is_escaped_for_markdown_only_never_html_escaped_twice(small: Path) -> None:
    ken = small / "countries" / "KEN.yaml"
    ken.write_text(ken.read_text().replace('note: "Section 24 covers computer-generated material."',
                                           "note: 'Covers \"images\" & <b>tags</b> | pipes'"))
    md = render_profile(lr.load_review(small), "KEN", "md")
    assert '"images" & \\<b\\>tags\\</b\\> \\| pipes' in md
    assert "&#34;" not in md and "&amp;" not in md and "&lt;" not in md


def test_a_broken_template_override_is_one_clear_error_and_the_old_site_stays(small: Path) -> None:
    from click.testing import CliRunner

    from legalreview.cli import main

    out = small / "reports" / "site"
    assert CliRunner().invoke(main, ["build", "--dir", str(small), "--quiet"]).exit_code == 0
    before = (out / "index.html").read_bytes()
    (small / "templates").mkdir()
    (small / "templates" / "index.html.j2").write_text("{% extends 'base.html.j2' %}\n{% block main %}{{ nope.x }}\n"
                                                       "{% endblock %}\n")
    result = CliRunner().invoke(main, ["build", "--dir", str(small), "--quiet"])
    assert result.exit_code == 1
    assert "index.html.j2" in result.output and "Nothing was written" in result.output
    assert "Traceback" not in result.output
    assert (out / "index.html").read_bytes() == before
