"""Step 2, validate: loaded documents → a typed, cross-checked desk (``validated_desk.Content``).

Every problem is collected before anything is reported: files where the desk's layout has
none, wrong shapes and types (from the model), ids used twice anywhere in the desk, and
references to ids that do not exist, with did-you-mean suggestions over the whole desk. Each
concern has its module in ``checks/``; which files there are comes from ``files.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import model
from .checks import card_text, figure_words, layout, placeholders, prose, references, story, ties, translations, vocabulary
from .checks.found import Checked, Folder, entries
from .checks.references import Target, id_of
from .checks.shape import check_shape, what
from .diagnostics import ContentError, Diagnostic
from .files import DESK, DESK_FILES, EXPLAINER_FILES, ContentFile
from .model import EXPLAINERS_FOLDER, Actor, Figure, Story
from .load import Unreadable, display_path, load
from .parsing import Document
from .validated_desk import Content, Explainer, newest_first
from .wording import has_catalog


class Kept:
    """What validation found in each file, kept from one call to the next (a preview's, save
    after save): a document that is the very one it was (``load`` gives the same object for a
    file whose bytes did not change) is not checked against the model again, and the references
    its entries make (kept with its ``Checked``) and the marks of text still to come it holds are
    not looked for again. Only those are kept: every check across files is made again each call."""

    def __init__(self) -> None:
        # By the document's id: the document, its file, what was found, the problems said.
        self.checked: dict[int, tuple[Document, ContentFile, Checked, list[Diagnostic]]] = {}
        # By the document's id: the document, and the marks of text still to come it holds.
        self.marks: dict[int, tuple[Document, list[Diagnostic]]] = {}


def validated(content_dir: Path, *, drafts: bool = False, cache: dict | None = None, kept: Kept | None = None) -> tuple[dict[str, Document], Content]:
    """Steps 1 and 2: the desk's documents (``load``, with its ``cache``) and what they hold
    (``validate``), or ContentError with every problem. When some files cannot be read (a YAML
    mistake), what the others hold is checked all the same, so that one run says everything:
    references into a file that could not be read are taken on trust until it can be."""
    folder = display_path(content_dir)
    try:
        documents = load(content_dir, cache)
    except Unreadable as unreadable:
        more: list[Diagnostic] = []
        try:
            validate(unreadable.documents, folder, drafts=drafts, unreadable=unreadable.files)
        except ContentError as error:  # always: part of a desk is never valid
            more = error.diagnostics
        raise ContentError([*unreadable.diagnostics, *more]) from None
    return documents, validate(documents, folder, drafts=drafts, kept=kept)


def validate(documents: dict[str, Document], folder: str = "content", *, drafts: bool = False, kept: Kept | None = None,
             unreadable: frozenset[str] = frozenset()) -> Content:
    """Raises ContentError with every problem when the desk is not valid.

    ``documents`` are keyed by path within the content folder, as ``load`` gives them;
    ``folder`` names the content folder in diagnostics about files that are missing. Explainers
    marked ``draft: true`` are checked, but kept only with ``drafts`` (a preview): a build for
    readers leaves them out, and their warnings with them. ``kept`` (a preview's) saves checking
    unchanged files again. ``unreadable`` names the files that are there but could not be read
    (``load``'s): none is missing, and any id in one of them may exist.
    """
    if kept is not None:
        # What the files that are gone, or changed, held goes.
        current = {id(document) for document in documents.values()}
        kept.checked = {k: v for k, v in kept.checked.items() if k in current}
        kept.marks = {k: v for k, v in kept.marks.items() if k in current}
    problems: list[Diagnostic] = []
    misnamed: set[str] = set()
    top, folders = layout.layout(documents, folder, problems, misnamed, unreadable)
    # Files with no place in the desk are left out, as entries with errors are (see below).
    misplaced = bool(problems)

    desk: dict[str, Checked] = {}
    for file in DESK_FILES:
        if file.name in top:
            desk[file.name] = _checked(top[file.name], file, problems, kept)
        elif file.required and file.name not in misnamed | unreadable:
            problems.append(_missing(f"{folder}/{file.name}", file))
    for x in folders:
        for file in EXPLAINER_FILES:
            if file.name in x.documents:
                x.checked[file.name] = _checked(x.documents[file.name], file, problems, kept)
            elif file.required and (f"{EXPLAINERS_FOLDER}/{x.slug}/{file.name}" if x.slug else file.name) not in misnamed | unreadable:
                problems.append(_missing(f"{x.where}/{file.name}", file))
    layout.check_slugs(folders, problems, desk)

    found = references.targets(desk, folders, problems)
    for name in unreadable:
        # Whatever ids it holds are not known: references to them are not checked.
        found[name.rpartition("/")[2]].known = None
    # The desk's own vocabularies are desk.yml's: while it cannot be read, no word is checked.
    words = {} if DESK.name in unreadable else vocabulary.in_use(desk.get(DESK.name), problems)
    every = [*desk.values(), *(checked for x in folders for checked in x.checked.values())]
    problems.extend(references.check_references(every, found, words))
    figures_of = {f.id: (x, f) for x in folders for _, f in x.entries("figures.yml", Figure)}
    for x in folders:
        problems.extend(story.check_story(x, figures_of))
        problems.extend(figure_words.check_figure_words(x))
    problems.extend(story.check_stances_agree(folders))
    problems.extend(story.check_sources_cited_later(desk.get("sources.yml"), folders))
    # Drafts may hold text still to come; everything else is published (the desk's own files
    # with every explainer).
    drafted = {id(d) for x in folders if any(s.draft for _, s in x.entries("explainer.yml", Story)) for d in x.documents.values()}
    explainers = {id(d) for x in folders for d in x.documents.values()}
    problems.extend(placeholders.check_placeholders(((d, id(d) in explainers) for d in documents.values() if id(d) not in drafted),
                                                    kept.marks if kept is not None else None))
    groups = ties.tie_groups(desk, folders)
    problems.extend(ties.check_cycles(groups))
    problems.extend(ties.check_nesting(groups))
    complete = not misplaced and not unreadable and all(checked.complete for checked in every)
    if complete:
        problems.extend(_editorial_warnings(desk, folders, found))
    misspelt = {name: target.misspelt for name, target in found.items() if target.misspelt}
    translated = translations.check_translations(desk, folders, top, problems, complete, unreadable, misspelt)

    left_out: dict[str, set[str]] = {}
    if not drafts:
        # A build for readers leaves the drafts out, and with them their problems, errors too:
        # one explainer's unfinished draft must not stop the others' publication. And what only
        # drafts name in the desk's shared files.
        published, problems = _published(folders, problems, folder)
        left_out = references.named_only_by_drafts(desk, published, [x for x in folders if x not in published])
        problems = [p for p in problems if not _within(p, desk, left_out)]
        folders = published
    # (With files that could not be read, what was found is only part of the desk: never built.)
    if any(p.severity == "error" for p in problems) or not folders or unreadable:
        raise ContentError(problems)
    return _content(desk, folders, tuple(sorted(problems)), translated, left_out)


def _published(folders: list[Folder], problems: list[Diagnostic], folder: str) -> tuple[list[Folder], list[Diagnostic]]:
    """The explainers that are not drafts, and the problems that are not about a draft's files:
    what a build for readers publishes, and what it must be told."""
    drafts = [x for x in folders if any(story.draft for _, story in x.entries("explainer.yml", Story))]
    if not drafts:
        return folders, problems
    left_out = {document.file for x in drafts for document in x.documents.values()}
    kept = [x for x in folders if x not in drafts]
    problems = [p for p in problems if p.file not in left_out]
    if not kept:
        problems.append(Diagnostic(
            folder, 0, 0, "error",
            "every explainer is a draft, so there is nothing to publish (expected at least one explainer "
            "without `draft: true`; `make serve` shows drafts)",
        ))
    return kept, problems


def _within(problem: Diagnostic, desk: dict[str, Checked], entries: dict[str, set[str]]) -> bool:
    """Whether a problem is at one of these entries of the desk's files (by file, their ids):
    from its first line to the next entry's."""
    for name, ids in entries.items():
        checked = desk.get(name)
        if checked is None or problem.file != checked.document.file:
            continue
        starts = [(checked.document.place(key)[0], id_of(entry)) for key, entry in checked.entries]
        for (line, id_), (after, _) in zip(starts, [*starts[1:], (float("inf"), "")]):
            if id_ in ids and line <= problem.line < after:
                return True
    return False


def validate_desk(document: Document) -> model.Desk:
    """desk.yml alone, for what needs only the desk's vocabularies (``schema --desk``); raises
    ContentError with every problem in it."""
    problems: list[Diagnostic] = []
    checked = _checked(document, DESK, problems)
    words = vocabulary.in_use(checked, problems)
    # Its own words: `kind_order` names the kinds it declares (desk.yml refers to no other file).
    problems.extend(references.check_references([checked], {}, words))
    desk = checked.of(model.Desk)
    if problems or not desk:
        raise ContentError(problems)
    return desk[0][1]


def _checked(document: Document, file: ContentFile, problems: list[Diagnostic], kept: Kept | None = None) -> Checked:
    found = kept.checked.get(id(document)) if kept is not None else None
    if found is None or found[0] is not document or found[1] is not file:
        said: list[Diagnostic] = []
        partial: list = []
        found = (document, file, Checked(file, document, list(check_shape(document, file, said, partial)), partial), said)
        if kept is not None:
            kept.checked[id(document)] = found
    problems.extend(found[3])
    return found[2]


def _missing(path: str, file: ContentFile) -> Diagnostic:
    return Diagnostic(path, 0, 0, "error", f"file is missing (expected {what(file)})")


def _collected(file: ContentFile, checked: Checked | None) -> Any:
    """A file's valid entries as ``Content`` and ``Explainer`` hold them: a mapping file's one
    entry (or its default), entries with ids by id, others in file order."""
    items = [entry for _, entry in checked.entries] if checked else []
    if file.mapping:
        return items[0] if items else file.default
    return {id_of(entry): entry for entry in items} if file.has_ids else tuple(items)


def _content(desk: dict[str, Checked], folders: list[Folder], warnings: tuple[Diagnostic, ...],
             translated: translations.Found, left_out: dict[str, set[str]] | None = None) -> Content:
    """The validated desk, without the entries of its files that ``left_out`` names (by file)."""
    the_desk: model.Desk = _collected(DESK, desk.get(DESK.name))
    left_out = left_out or {}

    def kept(file: ContentFile) -> Any:
        found = _collected(file, desk.get(file.name))
        gone = left_out.get(file.name)
        return {k: v for k, v in found.items() if k not in gone} if gone and isinstance(found, dict) else found

    explainers = [
        Explainer(slug=x.slug, **{f.attribute: _collected(f, x.checked.get(f.name)) for f in EXPLAINER_FILES})
        for x in folders
    ]
    return Content(
        **{f.attribute: kept(f) for f in DESK_FILES},
        explainers={x.slug: x for x in newest_first(explainers)},
        warnings=warnings,
        translations=translated,
        stances=vocabulary.stances(the_desk),
        kinds=vocabulary.kinds(the_desk),
    )


def _editorial_warnings(desk: dict[str, Checked], folders: list[Folder], found: dict[str, Target]) -> Iterator[Diagnostic]:
    """What is valid but probably not what the editor meant: loose ends readers can't reach.

    Entries left out for errors may hold the missing links, so these checks run only once every
    entry is valid: before that they would only repeat an error in other words.
    """

    def warn(file: str, key: tuple, message: str) -> Diagnostic:
        return desk[file].document.diagnostic((*key, "id"), message, severity="warning")

    def loose(file: str, id_: str) -> bool:
        """Named by nothing, and not because its id is misspelt (an error at that id already)."""
        return id_ not in found[file].referenced and id_ not in found[file].misspelt

    for key, the_desk in entries(desk, DESK.name, model.Desk):
        if problem := card_text.desk_name_problem(desk[DESK.name].document, (*key, "title"), the_desk.title, the_desk.short_title):
            yield problem
        for i, code in enumerate(the_desk.languages):
            if not has_catalog(code):
                # The pages are still in that language's numbers and dates, with the theme's words.
                yield desk[DESK.name].document.diagnostic(
                    (*key, "languages", i), f"the tool's own words (\"Key numbers\", \"What changed\"…) are not "
                    f"translated into '{code}', so its pages show them in English (expected a catalog of them: "
                    f"`NEW_LANGUAGE={code.replace('-', '_')} make catalogs`, then its messages.po translated)", severity="warning",
                )
    for key, actor in entries(desk, "actors.yml", Actor):
        if loose("actors.yml", actor.id) and not actor.memberships:
            yield warn(
                "actors.yml", key,
                f"actor '{actor.id}' is not connected to anything (expected a position, figure, event, "
                "explainer or membership that names it, or a membership of its own)",
            )
    for key, source in entries(desk, "sources.yml", model.Source):
        if loose("sources.yml", source.id):
            yield warn("sources.yml", key, f"source '{source.id}' is not cited by anything (expected it cited, or removed)")
    for key, document in entries(desk, "documents.yml", model.Document):
        if loose("documents.yml", document.id):
            yield warn(
                "documents.yml", key,
                f"document '{document.id}' is not connected to anything (expected a position or figure that names it, or removed)",
            )
    for key, issue in entries(desk, "issues.yml", model.Issue):
        if loose("issues.yml", issue.id):
            yield warn(
                "issues.yml", key,
                f"issue '{issue.id}' is not connected to anything (expected a position, figure or event on it, or removed)",
            )
    yield from prose.check_prose(folders)
    for x in folders:
        for _, explainer in x.entries("explainer.yml", Story):
            if not explainer.summary:
                yield x.documents["explainer.yml"].diagnostic(
                    (), "the explainer has no summary (expected at least one paragraph under 'summary:', so readers learn what happened)",
                    severity="warning",
                )
