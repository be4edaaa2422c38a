"""Render: golden Markdown for a small explainer, escaping of content text, template errors."""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

import pytest

from generator import TEMPLATES, ContentError, generate, load, render, validate
from generator.model import format_date, sort_key
from generator.render import escape_markdown

from .conftest import FIXTURES

GOLDEN = Path(__file__).parent / "golden" / "minimal"
# UPDATE_GOLDEN=1 rewrites the expected pages; review the diff like code.
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def test_pages_match_golden_markdown():
    pages = generate(FIXTURES / "minimal").pages
    if UPDATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, markdown in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(markdown, encoding="utf-8")
    expected = {str(p.relative_to(GOLDEN)): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(expected)
    for path, markdown in pages.items():
        assert markdown == expected[path], f"{path} differs from tests/golden/minimal/{path}"


def test_one_page_per_actor_and_issue():
    content = validate(load(FIXTURES / "minimal"))
    pages = render(content)
    assert {f"actors/{a}.md" for a in content.actors} <= pages.keys()
    assert {f"issues/{i}.md" for i in content.issues} <= pages.keys()


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "{{ 7*7 }} and {% if x %}",
        "*not emphasis* _nor this_",
        "[a link](javascript:alert(1))",
        "| a | table |",
        "# not a heading",
        "- not a list",
        "1. not a list either",
        "`not code`",
        "<!-- not a comment -->",
        ":smile: is not an emoji",
        "&amp; stays as typed",
        "a\\b",
    ],
)
def test_escaped_text_holds_no_markdown_or_html(text):
    escaped = escape_markdown(text)
    outside_references = re.sub(r"&#[0-9]+;", "", escaped)
    for special in "<>&*_[]`|#{}:\\":
        assert special not in outside_references
    assert not escaped.startswith(("-", "1."))
    assert html.unescape(escaped) == text


def test_escaping_keeps_plain_prose_readable():
    assert escape_markdown("Russia–Ukraine talks, 2 June 2025 (in Istanbul)") == (
        "Russia–Ukraine talks, 2 June 2025 &#40;in Istanbul&#41;"
    )


def test_content_text_is_never_evaluated_as_a_template(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    actors = content / "actors.yml"
    actors.write_text(actors.read_text().replace("name: North", 'name: "{{ 7*7 }} {% raw %}"'))
    page = generate(content).pages["actors/north.md"]
    assert "49" not in page
    assert "# &#123;&#123; 7&#42;7 &#125;&#125; &#123;% raw %&#125;\n" in page


def test_undefined_variable_in_a_template_is_an_error_with_its_place(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    lines = (TEMPLATES / "issue.md.j2").read_text().splitlines()
    lines.insert(3, "{{ issue.no_such_field }}")
    (templates / "issue.md.j2").write_text("\n".join(lines) + "\n")
    with pytest.raises(ContentError) as raised:
        generate(FIXTURES / "minimal", [templates, TEMPLATES])
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.file.endswith("templates/issue.md.j2")
    assert diagnostic.line == 4
    assert "no_such_field" in diagnostic.message


@pytest.mark.parametrize(
    ("date", "shown"),
    [("2025-06-02", "2 June 2025"), ("2024-06", "June 2024"), ("2022", "2022")],
)
def test_partial_dates_are_shown_as_precisely_as_given(date, shown):
    assert format_date(date) == shown


def test_partial_dates_sort_before_days_of_that_month():
    assert sorted(["2025-06-02", "2024-06", "2025-06", "2022-02-24"], key=sort_key) == [
        "2022-02-24",
        "2024-06",
        "2025-06",
        "2025-06-02",
    ]
