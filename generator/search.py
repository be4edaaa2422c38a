"""The words each part of a page answers to in search, beyond those it spells.

The theme's search (lunr, in the reader's browser) finds a word only as it is spelled on the
page, lower-cased: "Erdogan" does not find "Erdoğan", "113100" does not find "113,100", and
"Kiev" finds only the page that lists it among Ukraine's other names. Search has no folding of
its own, so the pages carry it: for each section of a page (a heading and what follows it,
which is how the theme's indexer divides a page into results), ``terms`` lists

- each word with accents without them (Erdoğan → Erdogan), and each word in the spellings with
  accents that the desk uses elsewhere (Erdogan → Erdoğan);
- each number as digits without separators, as the page's language writes it (``numerals.Numerals``):
  113,100 → 113100; 1.2 million → 1200000; in Bulgarian 12 000 → 12000, 1,2 милиона and
  1,2 млн. → 1200000 (and 1.2, as a reader may type a decimal);
- each amount in English newsroom shorthand: $300 billion → 300bn and $300bn; €4.5 billion → €4.5bn;
  1.3 trillion → 1.3tn; 1.2 million → 1.2m; and a number behind a currency sign or a dash as
  it is written: $115.9 → 115.9 ("$115.9" is one word to the search: see ``shorthand``);
- every other name of each actor the section calls by one of its other names (``aliases`` in
  actors.yml): a section that says Kyiv answers to Kiev and Ukraine too. (Not every section
  that says Ukraine: nearly every page would answer to Kiev then, and the results would say
  nothing.)

``annotate`` puts the list at the end of each section, drawn by a partial that only search
reads (overrides/partials/explainer/search-terms.html): readers and screen readers never see it.
The theme's indexer reads it into a section's ``text``, which a result shows; ``keep_terms_apart``
moves it to a field of its own, ``terms`` (mkdocs.yml's search ``fields``), which matches a
query but is never shown: a result shows the page's own words.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence, Set as AbstractSet
from markupsafe import Markup
from pydantic import BaseModel

from .model import Entry
from .numerals import Numerals
from .validated_desk import Content
from .wording import Wording

# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss",
                               "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d"})
# Letters with a mark that the alphabets writing them count as letters of their own: й, Й.
_KEPT_WHOLE = re.compile("[\u0418\u0438]\u0306")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# The theme's search splits text into words at these (its `separator`, mkdocs-material's default).
_SEPARATOR = r"[\s\-]"
_SEARCH_SEPARATOR = re.compile(_SEPARATOR + "+")
_SEPARATES = re.compile(_SEPARATOR)

# What a page's Markdown holds besides words readers see.
_HEADING = re.compile(r"^#{1,6} ")
_TAG = re.compile(r"<[^>]*>")
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
_ATTRIBUTES = re.compile(r"\{:?\s*[#.][^}\n]*\}")
_ICON = re.compile(r":[a-z0-9]+(?:-[a-z0-9]+)+:")


# A desk's pages use a few thousand words, each many times over: fold each once.
@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """``Erdoğan`` → ``Erdogan``: the word without accents, as a reader without the keyboard
    for them types it. A letter of its own that Unicode writes as a letter and a mark stays
    whole: the Bulgarian "й" is no "и" with an accent ("най" is not "наи")."""
    decomposed = _KEPT_WHOLE.sub(lambda m: unicodedata.normalize("NFC", m.group()), unicodedata.normalize("NFKD", word.translate(_UNDECOMPOSED)))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def plain(markdown: str) -> str:
    """The text of a stretch of the site's Markdown, as readers see it: no link targets,
    attribute lists, icons or tags; character references as the characters they stand for."""
    text = _TAG.sub(" ", markdown)
    text = _LINK_TARGET.sub("] ", text)
    text = _ATTRIBUTES.sub(" ", text)
    text = _ICON.sub(" ", text)
    return html.unescape(text)




def texts(value: object, read: EntryTexts | None = None) -> Iterable[str]:
    """Every text in the content, whatever holds it. The pages' words come from it (the rest is
    the wording's), so the spellings with accents it holds are those the pages use;
    read from the content rather than from the pages, so that a preview that renders only some
    pages again learns the same spellings as a full build. With ``read``, an entry's texts with
    accents come from there."""
    if isinstance(value, str):
        yield value
    elif read is not None and isinstance(value, Entry):
        yield from read.texts(value)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from texts(getattr(value, name), read)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from texts(getattr(value, field.name), read)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, read)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from texts(item, read)


class EntryTexts:
    """The texts with accents of each entry of the content (the others teach no spelling),
    kept from one render to the next (a preview's): an entry is frozen, and validation gives the
    very same one for a file that did not change, so only the entries of an edited file are
    read again, not the whole desk's at every save."""

    def __init__(self) -> None:
        self.kept: dict[int, tuple[Entry, tuple[str, ...]]] = {}
        self.used: dict[int, tuple[Entry, tuple[str, ...]]] = {}

    def all_of(self, content: Content) -> Iterable[str]:
        """Every text of ``content`` that may teach a spelling; forgets the entries it no longer holds."""
        self.used = {}
        yield from texts(content, self)
        self.kept = self.used

    def texts(self, entry: Entry) -> tuple[str, ...]:
        found = self.kept.get(id(entry))
        if found is None or found[0] is not entry:
            found = (entry, tuple(text for text in texts(entry) if not text.isascii()))
        self.used[id(entry)] = found
        return found[1]


class Lexicon:
    """What the desk spells, for working out what else each section answers to: the spellings
    with accents of every word in it, and every actor's names (its name first)."""

    def __init__(self, content: Content, w: Wording, read: EntryTexts | None = None):
        self.numerals = Numerals.of(w)
        self.accented: dict[str, set[str]] = defaultdict(set)
        for text in (read or EntryTexts()).all_of(content):
            self.learn(text)
        self.names: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        self.actor_names: dict[str, tuple[str, ...]] = {}
        for actor in content.actors.values():
            names = tuple(dict.fromkeys([actor.name, *actor.aliases]))
            self.actor_names[actor.id] = names
            own = tuple(_WORD.findall(actor.name))
            for name in names:
                words = tuple(_WORD.findall(name))
                # Only the other names: a section that calls an actor by its name answers to it.
                if words and words != own:
                    self.names[_key(words[0])].append((words, actor.id))
                self.learn(name)
        # Each word is looked at once: a desk's pages use a few thousand words, each many times
        # over. What it answers to besides itself, and whether it answers to nothing else or may
        # start an actor's name, kept in sets that pick out a section's few words of interest
        # at the speed of set operations.
        self._variants: dict[str, tuple[str, ...]] = {}
        self._met: set[str] = set()
        self._plain: set[str] = set()  # no other spelling
        self._starts: set[str] = set()  # the first word of an actor's name
        # What the words of a text answer to depends on nothing else (``Annotations``): what the
        # desk spells and names, as plain data (a build cache compares it with what it saved on
        # disk), and the language's numerals.
        self.desk_spelled = ({k: frozenset(v) for k, v in self.accented.items()}, tuple(self.actor_names.items()))
        self.spelled = (self.numerals, *self.desk_spelled)

    def _meet(self, words: AbstractSet[str]) -> None:
        for word in words - self._met:
            self._met.add(word)
            if not self.variants(word):
                self._plain.add(word)
            if _key(word) in self.names:
                self._starts.add(word)

    def learn(self, text: str) -> None:
        if text.isascii():  # most texts: no accents to learn
            return
        for folded, word in _spellings(text):
            self.accented[folded].add(word)

    def variants(self, word: str) -> tuple[str, ...]:
        """The other spellings ``word`` answers to: without accents, and with the accents the
        desk uses (lower-cased)."""
        found = self._variants.get(word)
        if found is None:
            folded = fold(word).lower()
            found = tuple(sorted(({folded} | self.accented.get(folded, set())) - {word.lower()}))
            self._variants[word] = found
        return found

    def named(self, words: Sequence[str]) -> dict[str, str]:
        """The actors a run of words calls by one of their other names (an alias), each with
        the name it uses."""
        found: dict[str, str] = {}
        # Most runs name no actor by another name: look only where a name can start.
        unique = set(words)
        self._meet(unique)
        starts = unique & self._starts
        if not starts:
            return found
        for i, word in enumerate(words):
            if word not in starts:
                continue
            for name, actor_id in self.names[_key(word)]:
                # The first name an actor is called by is the one shown; later ones change nothing.
                if actor_id not in found and len(words) - i >= len(name) and all(
                    _same(a, b) for a, b in zip(name, words[i : i + len(name)])
                ):
                    found[actor_id] = " ".join(words[i : i + len(name)])
        return found

    def terms(self, text: str) -> list[tuple[str, str]]:
        """The words ``text`` (plain text) answers to in search and does not spell, each with
        the word it stands for there: ``("erdoğan", "Erdogan")``, ``("113100", "113,100")``,
        ``("Kiev", "Kyiv")``."""
        words = _WORD.findall(text)
        unique = dict.fromkeys(words)
        self._meet(unique.keys())
        spelled = set(map(str.lower, unique))
        extra: dict[str, str] = {}
        for word in [w for w in unique if w not in self._plain]:
            for variant in self._variants[word]:
                extra.setdefault(variant, word)
        # Numbers are words of their own to the search, "1.3" as much as "113100": they are
        # kept unless the text has that very word.
        found = self.numerals.digits(text) | self.numerals.shorthand(text)
        lowered = text.lower() if found else ""
        numbers = {term: written for term, written in sorted(found) if not _indexed(term.lower(), lowered)}
        for actor_id, used in self.named(words).items():
            for name in self.actor_names[actor_id]:
                extra.setdefault(name, used)
                extra.setdefault(fold(name), used)
        kept: dict[str, tuple[str, str]] = {}
        for term, original in sorted(extra.items()):
            if not spelled.issuperset(_lower_words(term)):
                kept.setdefault(term.lower(), (term, original))
        for term, original in numbers.items():
            kept.setdefault(term.lower(), (term, original))
        return sorted(kept.values(), key=lambda pair: pair[0].lower())


@functools.lru_cache(maxsize=65536)
def _spellings(text: str) -> tuple[tuple[str, str], ...]:
    """The words of a text spelled with accents, each as (without them, as spelled), lower-cased.
    Kept: a preview's every save learns the whole desk's texts again, most of them unchanged."""
    found = []
    for word in _WORD.findall(text):
        folded = fold(word)
        if folded != word:
            found.append((folded.lower(), word.lower()))
    return tuple(found)


@functools.lru_cache(maxsize=65536)
def _key(word: str) -> str:
    return fold(word).lower()


@functools.lru_cache(maxsize=65536)
def _lower_words(term: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(term))


def _indexed(word: str, text: str) -> bool:
    """Whether the theme's search finds ``word`` among the words of ``text`` (both lower-cased),
    as it splits them (``_SEARCH_SEPARATOR``). Looked for where it occurs: splitting every
    section into a set of its words took a third of the time of working out its terms, to
    look up a few numbers that are seldom there."""
    if not word or _SEARCH_SEPARATOR.search(word):
        return word in _SEARCH_SEPARATOR.split(text)
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if (start == 0 or _SEPARATES.match(text, start - 1)) and (end == len(text) or _SEPARATES.match(text, end)):
            return True
        start = text.find(word, start + 1)
    return False


def _same(name_word: str, word: str) -> bool:
    # Acronyms (US, EU) only as capitals, so that the word "us" is not the United States.
    if name_word.isupper() and len(name_word) > 1:
        return word == name_word
    return fold(name_word).lower() == fold(word).lower()


def sections(markdown: str) -> tuple[str, list[str]]:
    """A page's front matter, and its body cut before each heading: the sections the theme's
    search indexes as results of their own."""
    front = ""
    body = markdown
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            front, body = markdown[: end + 5], markdown[end + 5 :]
    parts: list[list[str]] = [[]]
    for line in body.splitlines(keepends=True):
        if _HEADING.match(line) and any(l.strip() for l in parts[-1]):
            parts.append([])
        parts[-1].append(line)
    return front, ["".join(part) for part in parts]


def annotate(markdown: str, lexicon: Lexicon, draw: Callable[[list[tuple[str, str]]], Markup]) -> str:
    """The page with, at the end of each section, the words it answers to beyond those it
    spells (``draw`` writes them as HTML that only search reads)."""
    front, parts = sections(markdown)
    out = [front]
    for part in parts:
        terms = lexicon.terms(plain(part))
        out.append(part)
        if terms:
            out.append(("" if part.endswith("\n\n") else "\n" if part.endswith("\n") else "\n\n") + draw(terms) + "\n\n")
    return "".join(out)


class Annotations:
    """Pages with the words each section answers to (``annotate``), kept from one render to the
    next (a preview's): a page rendered again as it was, in a desk that spells and names
    everything as before, is not annotated again. Kept by path, the page and it annotated."""

    def __init__(self) -> None:
        self.spelled: object = None
        self.pages: dict[str, tuple[str, str]] = {}
        # What the content's entries spell, for the next render's Lexicon.
        self.read = EntryTexts()
        # What the desk spelled at the last render (Lexicon.desk_spelled).
        self.desk_spelled: object = None

    def lexicon(self, content: Content, w: Wording) -> Lexicon:
        """The desk's Lexicon, reading again only the entries that changed since the last one."""
        lexicon = Lexicon(content, w, self.read)
        self.desk_spelled = lexicon.desk_spelled
        return lexicon

    def annotate(self, path: str, markdown: str, lexicon: Lexicon, draw: Callable[[list[tuple[str, str]]], Markup]) -> str:
        if lexicon.spelled != self.spelled:
            self.spelled, self.pages = lexicon.spelled, {}
        kept = self.pages.get(path)
        if kept is None or kept[0] != markdown:
            kept = self.pages[path] = (markdown, annotate(markdown, lexicon, draw))
        return kept[1]


# The list as the theme's indexer keeps it: a paragraph of nothing but "word (word)" items,
# "113100 (113,100) · Kiev (Kyiv)" (search-terms.html draws it so), at the end of a section,
# or, where a section's actors fold (explainer-issues.md.j2), amid the folds' lines.
_TERM = r"[^()<>·\s][^()<>·]* \([^()<>]+\)"
_TERMS_LINE = re.compile(rf"\s*<p>({_TERM}(?: · {_TERM})*)</p>")


def keep_terms_apart(docs: list[dict]) -> None:
    """In the theme's search index entries, each section's list of the words it answers to moves
    from its ``text``, which a result shows, to its ``terms``."""
    for doc in docs:
        # Every list ends so; most sections have none, and the pattern is slow to say so.
        if ")</p>" not in doc.get("text", ""):
            continue
        lines = _TERMS_LINE.findall(doc["text"])
        if lines:
            doc["text"] = _TERMS_LINE.sub("", doc["text"]).strip()
            doc["terms"] = html.unescape(" · ".join(lines))
