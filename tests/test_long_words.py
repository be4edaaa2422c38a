"""Long unbroken words on a phone (360 × 740, real Chromium): a German compound and a web
address used as a name, as an actor's name, a figure's label, a comparison's title and an
issue's title. Pictures (inline SVG, which does not wrap) break such a word with a hyphen;
cards and tables of stances break it where it must; nothing is cut off or scrolls sideways."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from generator import urls

from .conftest import FIXTURES, Pages, served
from .test_phone import PHONE, PHONE_SCREEN

COMPOUND = "Donaudampfschifffahrtsgesellschaftskapitänsmütze"
ADDRESS = "https://www.example-negotiations-observatory.org/delegations"
SLUG = "harbour-talks"

MEASURE_JS = """
() => {
  const root = document.querySelector('article') || document.body;
  const name = e => `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : ''}`;
  const found = {scrollWidth: document.documentElement.scrollWidth, clipped: [], texts: [], small: []};
  // A picture's text: inside its viewBox, where the picture does not cut it.
  for (const svg of root.querySelectorAll('svg[viewBox]')) {
    const width = svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll('text')) {
      const box = t.getBBox();
      found.texts.push(t.textContent);
      if (box.x < -0.5 || box.x + box.width > width + 0.5)
        found.clipped.push(`picture text "${t.textContent}" from ${box.x.toFixed(1)} to ${(box.x + box.width).toFixed(1)} of ${width}`);
      const ctm = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b);
      if (px < 12) found.small.push(`picture text "${t.textContent}" at ${px.toFixed(1)} px`);
    }
  }
  // Cards, tables of stances and charts' words: no box holds more than it shows (the words
  // only screen readers hear are in boxes of 1 px by design).
  const boxes = ':is(.number-card, .stance-table, .explainer-chart) *:not(svg, svg *, .visually-hidden, .visually-hidden *)';
  for (const e of root.querySelectorAll(boxes)) {
    if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth)
      found.clipped.push(`${name(e)} "${e.textContent.trim().slice(0, 60)}": ${e.scrollWidth} px of text in ${e.clientWidth} px`);
  }
  found.boxes = root.querySelectorAll(boxes).length;
  return found;
}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, shared_build) -> Path:
    """tests/fixtures/minimal with the long words in its names, labels and titles, built."""
    content = tmp_path_factory.mktemp("long-words") / "content"
    shutil.copytree(FIXTURES / "minimal", content)

    def edit(name: str, change) -> None:
        data = yaml.safe_load((content / name).read_text(encoding="utf-8"))
        change(data)
        (content / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def actors(items):
        items[0]["name"], items[1]["name"] = COMPOUND, ADDRESS

    def figures(items):
        items[0]["label"] = ADDRESS  # drawn for each side: the actors' names are its bars' labels
        items[1]["label"] = f"{COMPOUND} harbour"
        items.append({"id": "boats-asked", "label": f"Länge der {COMPOUND}", "value": 1500, "unit": "boats",
                      "status": "demanded", "claimed_by": ["south"], "as_of": "2025-03", "source": "gazette"})

    def explainer(story):
        story["comparisons"] = [{"id": "boats", "title": f"{COMPOUND} and {ADDRESS}", "figures": ["boats", "boats-asked"]}]

    edit("actors.yml", actors)
    edit("figures.yml", figures)
    edit("issues.yml", lambda items: items[0].update(title=COMPOUND))
    edit("explainer.yml", explainer)
    return shared_build(content)


def test_long_words_break_and_nothing_is_cut_on_a_phone(site: Path, pages: Pages):
    addresses = [urls.url(urls.path(kind, slug=SLUG)) for kind in urls.PAGES if "{slug}" in urls.PAGES[kind]]
    addresses += [urls.url(urls.path("actor", id="north")), urls.url(urls.path("issue", id="harbour"))]
    addresses += sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in (site / SLUG / "embed").rglob("index.html"))
    problems, texts, boxes = [], [], 0
    with served(site) as base:
        page = pages.new(base, **PHONE_SCREEN)
        for address in addresses:
            page.goto(f"{base}/{address}", wait_until="load")
            found = page.evaluate(MEASURE_JS)
            if found["scrollWidth"] > PHONE["width"]:
                problems.append(f"/{address}: the page scrolls sideways ({found['scrollWidth']} px)")
            problems += [f"/{address}: {what}" for what in found["clipped"] + found["small"]]
            texts += found["texts"]
            boxes += found["boxes"]
    assert not problems, "\n".join(problems)
    assert boxes, "no cards, tables of stances or charts measured"
    # In the pictures, the compound is broken with a hyphen, and reads whole again without it.
    broken = [t for t in texts if t.endswith("-") and t.removesuffix("-") in COMPOUND]
    assert broken, texts
    joined = "".join(t.removesuffix("-") if t in broken else t + " " for t in texts)
    assert COMPOUND in joined and ADDRESS in joined.replace("- ", "-"), texts
