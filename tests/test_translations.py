"""Content translations (issue 25): ``NAME.LANG.yml`` beside ``NAME.yml``, on a fictional desk
(the minimal fixture, a harbour shared by two invented towns) published in English and
Bulgarian. The errors of translation files are corpus cases (tests/corpus/translation-*)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator import generate, load, translated, validate
from generator.translations import fingerprint

from .conftest import FIXTURES, run_cli

# The minimal fixture's one explainer (the one-folder layout names it by its title).
SLUG = "harbour-talks"


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    (content / "desk.yml").write_text("title: Harbour desk (fictional)\nlanguages: [en, bg]\n", encoding="utf-8")
    return content


def check(content: Path, *args: str):
    return run_cli("--content", "content", "check", *args, cwd=content.parent)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_untranslated_desk_is_warned_of_file_by_file_and_strict_refuses_it(desk: Path) -> None:
    result = check(desk)
    assert result.returncode == 0
    assert "content/actors.yml: warning: not translated into bg (expected actors.bg.yml beside it: " \
        "`python -m generator translate bg` writes it)" in result.stderr.splitlines()
    assert check(desk, "--strict").returncode == 1


def test_translate_writes_a_valid_skeleton_then_refreshes_it_keeping_the_translation(desk: Path) -> None:
    result = run_cli("--content", "content", "translate", "bg", cwd=desk.parent)
    assert result.returncode == 0, result.stderr
    assert "wrote content/actors.bg.yml" in result.stdout.splitlines()
    skeleton = (desk / "actors.bg.yml").read_text(encoding="utf-8")
    # The original as a comment above each empty field, in the model's order.
    assert "north:\n  # North\n  name:\n  # One town\n  role:\n" in skeleton
    # Valid: only warnings, one for each field left to translate, where the translator types
    # it (the empty field), naming the original's line.
    result = check(desk)
    assert result.returncode == 0, result.stderr
    assert "content/actors.bg.yml:5:3: warning: 'name' is not translated into bg yet " \
        "(expected its translation here, of actors.yml:2)" in result.stderr.splitlines()
    assert check(desk, "--strict").returncode == 1

    replace(desk / "actors.bg.yml", "  # North\n  name:\n", "  # North\n  name: Север  # the usual form\n")
    result = run_cli("--content", "content", "translate", "bg", cwd=desk.parent)
    assert result.stdout == "wrote content/actors.bg.yml\n"
    refreshed = (desk / "actors.bg.yml").read_text(encoding="utf-8")
    assert "  name: Север  # the usual form\n" in refreshed
    assert f"  original:\n    name: {fingerprint('North')}\n" in refreshed
    assert "# One town\n  role:\n" in refreshed  # still waiting for its translation
    assert "'name' is not translated into bg yet (expected its translation here, of actors.yml:2)" not in check(desk).stderr
    # Nothing left to add: a second refresh writes nothing.
    again = run_cli("--content", "content", "translate", "bg", cwd=desk.parent)
    assert again.stdout == "content: every translation file of bg has a place for every text (`check` says which are stale or still empty)\n"


def test_a_refresh_keeps_a_translators_headings_above_the_entries_they_head(desk: Path) -> None:
    # Written by hand: a heading between two entries, the first without its fingerprints yet.
    (desk / "positions.bg.yml").write_text(
        "# The north\nnorth/harbour/2025-03-04:\n  summary: Север иска да го управлява сам.\n  quote: само наше  # as said\n"
        "\n# The south\nsouth/harbour/2025-03:\n  summary: Докладът не казва.\n",
        encoding="utf-8",
    )
    result = run_cli("--content", "content", "translate", "bg", cwd=desk.parent)
    assert "wrote content/positions.bg.yml" in result.stdout.splitlines(), result.stderr
    refreshed = (desk / "positions.bg.yml").read_text(encoding="utf-8")
    # The fingerprints go inside the first entry, above the second's heading, not below it.
    assert (
        "  quote: само наше  # as said\n  original:\n"
        f"    summary: {fingerprint('North wants to run it alone.')}\n    quote: {fingerprint('ours alone')}\n"
        "\n# The south\nsouth/harbour/2025-03:\n"
    ) in refreshed, refreshed
    assert refreshed.startswith("# The north\nnorth/harbour/2025-03-04:\n"), refreshed
    again = run_cli("--content", "content", "translate", "bg", cwd=desk.parent)
    assert "positions.bg.yml" not in again.stdout


def test_a_translation_is_stale_once_its_original_changes_until_its_fingerprint_is_updated(desk: Path) -> None:
    (desk / "issues.bg.yml").write_text(
        f"harbour:\n  title: Пристанище\n  original:\n    title: {fingerprint('Harbour')}\n", encoding="utf-8"
    )
    assert "stale" not in check(desk).stderr
    replace(desk / "issues.yml", "title: Harbour", "title: The harbour")
    now = fingerprint("The harbour")
    stale = (
        "content/issues.bg.yml:4:12: warning: the translation of 'title' is stale: its original changed since it was "
        f"translated (expected the translation checked against the original, then 'title: {now}' under 'original:')"
    )
    assert stale in check(desk).stderr.splitlines()
    replace(desk / "issues.bg.yml", fingerprint("Harbour"), now)
    assert "stale" not in check(desk).stderr


def test_a_language_the_desk_does_not_declare_cannot_be_translated(desk: Path) -> None:
    result = run_cli("--content", "content", "translate", "fr", cwd=desk.parent)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "content/desk.yml: error: 'fr' is not a language the desk declares (expected one of its other languages: bg)"
    )


def test_the_content_in_a_language_has_its_text_and_the_same_ids_and_pages(desk: Path) -> None:
    (desk / "actors.bg.yml").write_text("north:\n  name: Север\n  aliases: [Нортвил]\n", encoding="utf-8")
    (desk / "positions.bg.yml").write_text(
        "north/harbour/2025-03-04:\n  summary: Север иска да го управлява сам.\n  quote: само наше\n", encoding="utf-8"
    )
    content = validate(load(desk))
    bulgarian = translated(content, "bg")
    assert bulgarian.actors["north"].name == "Север"
    assert bulgarian.actors["north"].aliases == ["Нортвил"]
    assert bulgarian.actors["south"].name == "South"  # not translated: the original
    assert list(bulgarian.actors) == list(content.actors)
    position = next(p for p in bulgarian.explainers["harbour-talks"].positions if p.quote)
    # The words said stay as said; their translation is kept beside them.
    assert (position.quote, position.quote_translation, position.date) == ("ours alone", "само наше", "2025-03-04")
    assert translated(content, "en") is content

    english, pages = generate(desk), generate(desk, language="bg")
    assert set(pages.pages) == set(english.pages)
    actor_page = next(text for path, text in pages.pages.items() if path.startswith("actors/north"))
    assert "Север" in actor_page
    # The language said in is named in the page's language, as the words around it are.
    # Bulgarian quotation marks, the page's, around the words said as around their translation.
    assert "„ours alone“ (преведено от английски: „само наше“)" in actor_page
    assert "“ours alone”" in next(text for path, text in english.pages.items() if path.startswith("actors/north"))


def test_a_source_in_another_language_says_so_on_the_sources_page_and_in_structured_data(desk: Path) -> None:
    replace(desk / "sources.yml", "  date:", "  language: ru\n  date:")
    pages = generate(desk).pages
    sources_page = next(text for path, text in pages.items() if "sources" in path and "The Gazette" in text)
    assert "In Russian." in sources_page
    assert '"inLanguage":"ru"' in "".join(pages.values()).replace(" ", "")


def test_the_skeletons_translate_writes_follow_their_schemas(desk: Path) -> None:
    import json

    import jsonschema
    import yaml

    from generator.schema import SCHEMA_DIR

    assert run_cli("--content", "content", "translate", "bg", cwd=desk.parent).returncode == 0
    replace(desk / "explainer.bg.yml", "title:\n", "title: Преговори за пристанището\n")
    run_cli("--content", "content", "translate", "bg", cwd=desk.parent)
    story = (desk / "explainer.bg.yml").read_text(encoding="utf-8")
    # A list without ids (summary) is a list of the original's length; the title's fingerprint is recorded.
    assert "summary:\n  # North and South met for the first time.\n  - text:\n" in story
    assert f"original:\n  title: {fingerprint('Harbour talks')}\n" in story
    for path in sorted(desk.glob("*.bg.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.endswith(f"{path.name.split('.')[0]}.translation.schema.json"), first
        schema = json.loads((SCHEMA_DIR / f"{path.name.split('.')[0]}.translation.schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_translate_says_what_it_does(tmp_path: Path) -> None:
    result = run_cli("translate", "--help", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert "usage: python -m generator translate [-h] LANG" in result.stdout
    assert "fingerprint of its original" in " ".join(result.stdout.split())
    assert "translate" in run_cli("--help", cwd=tmp_path).stdout


def test_translate_leaves_a_desk_with_errors_alone(desk: Path) -> None:
    (desk / "actors.bg.yml").write_text("north:\n  kind: държава\n", encoding="utf-8")
    result = run_cli("--content", "content", "translate", "bg", cwd=desk.parent)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("content/actors.bg.yml:2:3: error: 'kind' ")
    assert (desk / "actors.bg.yml").read_text(encoding="utf-8") == "north:\n  kind: държава\n"
    assert not (desk / "issues.bg.yml").exists()


def _bulgarian(desk: Path):
    return translated(validate(load(desk)), "bg").explainers[SLUG].story


def test_an_update_recorded_in_the_original_keeps_every_translation_in_its_place(desk: Path) -> None:
    # The guide's "Record an update" on a desk in two languages: a change at the top of
    # `changes:` and a paragraph inserted into the summary, in the original only.
    assert run_cli("--content", "content", "translate", "bg", cwd=desk.parent).returncode == 0
    bg = desk / "explainer.bg.yml"
    replace(bg, "  # North and South met for the first time.\n  - text:\n", "  # North and South met for the first time.\n  - text: Север и Юг се срещнаха.\n")
    replace(bg, "  # First published.\n  - text:\n", "  # First published.\n  - text: Първа публикация.\n")
    assert run_cli("--content", "content", "translate", "bg", cwd=desk.parent).returncode == 0  # records the fingerprints
    replace(desk / "explainer.yml", "updated: 2025-03-05", "updated: 2025-03-06")
    replace(desk / "explainer.yml", "changes:\n", "changes:\n  - date: 2025-03-06\n    text: Added the second meeting's date.\n")
    replace(desk / "explainer.yml", "summary:\n", "summary:\n  - text: The towns share one harbour.\n    source: gazette\n")
    result = check(desk)
    assert result.returncode == 0, result.stderr
    said = result.stderr.splitlines()
    # The new items are untranslated (the summary's first, the first change); the translated
    # ones, now second and fourth, are not, nor stale.
    for line in ("content/explainer.yml:9:5: warning: item 1 of 'summary' is not translated into bg",
                 "content/explainer.yml:20:5: warning: item 1 of 'changes' is not translated into bg"):
        assert any(said_line.startswith(line) for said_line in said), result.stderr
    assert not [line for line in said if re.match(r"content/explainer\.yml:(11|12|25|26):|.*stale", line)], result.stderr
    story = _bulgarian(desk)
    # Each translation stays with its original; the new items read in the original's words.
    assert [n.text for n in story.summary] == ["The towns share one harbour.", "Север и Юг се срещнаха."]
    assert [c.text for c in story.changes][::2] == ["Added the second meeting's date.", "Първа публикация."]
    # `translate` gives each new item its place, where the translator fills it in.
    assert run_cli("--content", "content", "translate", "bg", cwd=desk.parent).stdout == "wrote content/explainer.bg.yml\n"
    replace(bg, "  # The towns share one harbour.\n  - text:\n", "  # The towns share one harbour.\n  - text: Градовете имат общо пристанище.\n")
    replace(bg, "  # Added the second meeting's date.\n  - text:\n", "  # Added the second meeting's date.\n  - text: Добавена е датата.\n")
    assert run_cli("--content", "content", "translate", "bg", cwd=desk.parent).returncode == 0
    said = check(desk).stderr
    assert not re.search(r"content/explainer\.yml:(9|10|11|12|20|21|25|26):|stale|cannot be matched", said), said
    story = _bulgarian(desk)
    assert [n.text for n in story.summary] == ["Градовете имат общо пристанище.", "Север и Юг се срещнаха."]
    assert [c.text for c in story.changes][::2] == ["Добавена е датата.", "Първа публикация."]


def test_a_translated_list_that_cannot_be_matched_to_its_original_is_shown_in_the_original(desk: Path) -> None:
    # Written by hand, without fingerprints, one item short: which is which cannot be told.
    (desk / "explainer.bg.yml").write_text("changes:\n  - text: Първа публикация.\n", encoding="utf-8")
    result = check(desk)
    assert result.returncode == 0, result.stderr
    assert "content/explainer.bg.yml:1:1: warning: 'changes' has 1 item, while explainer.yml has 2, and they cannot be " \
        "matched, so none is shown (expected one for each item, in the same order: `python -m generator translate bg` " \
        "lines up those that record their original's fingerprint)" in result.stderr.splitlines()
    assert [c.text for c in _bulgarian(desk).changes] == ["Corrected the number of boats.", "First published."]


def test_a_positions_corrected_date_leaves_its_translation_shown_nowhere_until_translate_moves_it(desk: Path) -> None:
    (desk / "positions.bg.yml").write_text(
        f"north/harbour/2025-03-04:\n  summary: Север иска сам.\n  original:\n    summary: {fingerprint('North wants to run it alone.')}\n",
        encoding="utf-8",
    )
    replace(desk / "positions.yml", "date: 2025-03-04", "date: 2025-03-03")
    result = check(desk)
    assert result.returncode == 0, result.stderr  # the pages in every language still build
    assert "content/positions.bg.yml:1:1: warning: unknown key 'north/harbour/2025-03-04': positions.yml has no such entry, " \
        "so this translation is shown nowhere (expected ACTOR/ISSUE/DATE of one of its entries; did you mean " \
        "'north/harbour/2025-03-03'?)" in result.stderr.splitlines()
    assert run_cli("--content", "content", "translate", "bg", cwd=desk.parent).returncode == 0
    assert (desk / "positions.bg.yml").read_text(encoding="utf-8").startswith("north/harbour/2025-03-03:\n  summary: Север иска сам.\n")
    said = check(desk).stderr
    assert "unknown key" not in said and "content/positions.yml:4:3:" not in said, said  # translated, and found


def test_the_desks_own_words_are_translated_with_it(tmp_path: Path) -> None:
    # The fictional climate desk declares its own stances: their labels are the desk's text.
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "climate", content)
    replace(content / "desk.yml", "title: Climate finance desk\n", "title: Climate finance desk\nlanguages: [en, bg]\n")
    (content / "desk.bg.yml").write_text(
        "title: Бюро за климатично финансиране\nstances:\n  accepts:\n    label: Приема\n", encoding="utf-8"
    )
    english = validate(load(content))
    bulgarian = translated(english, "bg")
    assert bulgarian.desk.title == "Бюро за климатично финансиране"
    assert (bulgarian.stances["accepts"].label, bulgarian.stances["accepts"].icon) == ("Приема", english.stances["accepts"].icon)
    assert bulgarian.stances["calls-for"].label == "Calls for"
    assert list(bulgarian.stances) == list(english.stances)
    assert bulgarian.in_language == "bg" and english.in_language == "en"
