"""Prose that contradicts the figures: a number written with digits in an explainer's prose
that no figure of the desk holds is a warning, which `check --strict` (and `make build`)
turns into a failure."""

from __future__ import annotations

import shutil

import pytest

from generator.checks.prose import numbers

from .conftest import CONTENT, run_cli

ISTANBUL = "content/explainers/istanbul-talks-2025-06-02"


@pytest.mark.parametrize(
    "text, found",
    [
        ("the bodies of 12,000 killed soldiers, 6,000 going each way", [12000, 6000]),
        ("12000 bodies", [12000]),
        ("12\u00a0000 bodies", [12000]),
        ("12 000 bodies", [12000]),
        ("1.2 million people", [1.2e6]),
        ("at least $300 billion a year by 2035", [3e11]),
        ("$300bn, 1.3tn and €4.5bn", [3e11, 1.3e12, 4.5e9]),
        ("a rise of 18% or 3.5 per cent", [18, 3.5]),
        ("a pause of 2–3 days, 2 to 3 at most", [2, 3, 2, 3]),
        ("$1.3–1.5 trillion", [1.3e12, 1.5e12]),
        ("115.9 billion. Then 4.", [115.9e9, 4]),
        # Years and the days of dates are not the story's numbers; words and names are not read.
        ("on 2 June 2025, and June 2, since March 2022", []),
        ("the two sides met at COP29 over COVID-19 and the 2nd round", []),
        ("under Article 9.1 and resolution 2166, in round 3, at 10:30", []),
    ],
)
def test_numbers_are_read_in_every_way_the_site_writes_them(text, found):
    assert [value for _, value in numbers(text)] == pytest.approx(found)


def test_the_shipped_desk_has_no_number_its_figures_do_not_hold():
    result = run_cli("check", "--strict")
    assert (result.returncode, result.stderr) == (0, "")


def test_a_changed_figure_is_flagged_wherever_the_prose_still_gives_the_old_number(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "content")
    figures = tmp_path / ISTANBUL / "figures.yml"
    text = figures.read_text()
    assert text.count("  value: 12000\n") == 1
    figures.write_text(text.replace("  value: 12000\n", "  value: 13000\n"))
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 0  # warnings; `check --strict` and `make build` fail on them
    said = (
        "says '12,000', a number none of the desk's figures holds (nearest: 'bodies-total', 13,000 bodies; "
        "'bodies-per-side', 6,000 bodies each; expected the prose to agree with figures.yml: correct the text, "
        "or the figure)"
    )
    assert result.stderr.splitlines() == [
        f"{ISTANBUL}/events.yml:46:12: warning: summary {said}",
        f"{ISTANBUL}/explainer.yml:4:13: warning: standfirst {said}",
        "2 warnings in 2 files",
    ]
    assert run_cli("check", "--strict", cwd=tmp_path).returncode == 1
