"""What validation finds in a desk: each content file's document with the entries in it that
match the model, sorted into the desk's own files and one folder per explainer."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from ..files import ContentFile
from ..parsing import Document, Key
from ..model import Entry

E = TypeVar("E", bound=Entry)


@dataclasses.dataclass
class Checked:
    """One content file: its document, and the entries in it that match its model, each with
    where it is in the document. Entries with errors are left out (their problems are said)."""

    file: ContentFile
    document: Document
    entries: list[tuple[Key, Entry]]
    # The entries with errors, as far as their other fields are right (``shape.partly``): what
    # they refer to is checked too, so that one run says every mistake of an entry.
    partial: list[tuple[Key, Entry]] = dataclasses.field(default_factory=list)
    # The references its entries make (references.file_references), looked for once: a preview
    # keeps the Checked of a file whose bytes did not change from one save to the next.
    references: Any = dataclasses.field(default=None, compare=False, repr=False)

    def of(self, cls: type[E]) -> list[tuple[Key, E]]:
        """The entries, as the model class they are."""
        return [(key, entry) for key, entry in self.entries if isinstance(entry, cls)]

    @property
    def complete(self) -> bool:
        """Whether every entry of the document matches the model. An empty file that may not
        be empty is not: its entries are missing (checks/shape.py says so), and what refers to
        them, a translation's keys, would only say so again."""
        data = self.document.data
        if data is None:
            return self.file.may_be_empty
        count = len(data) if isinstance(data, list) else 1
        return len(self.entries) >= count


@dataclasses.dataclass
class Folder:
    """The documents of one explainer, and what validation found in them."""

    slug: str
    where: str  # the folder, as diagnostics name it
    documents: dict[str, Document]
    checked: dict[str, Checked] = dataclasses.field(default_factory=dict)

    def entries(self, name: str, cls: type[E]) -> list[tuple[Key, E]]:
        """The valid entries of one of its files (none when it has no such file)."""
        return entries(self.checked, name, cls)


def entries(files: dict[str, Checked], name: str, cls: type[E]) -> list[tuple[Key, E]]:
    """The valid entries of one of the desk's own files (none when it has no such file)."""
    found = files.get(name)
    return found.of(cls) if found else []
