"""Entity resolution of project names: which mentions are the same project.

Names come from the milestone extractor as written (Simplified). Matching is
done on a *key*: Traditional folded to Simplified, punctuation, quotes and
spaces removed, a trailing 项目/工程 dropped. Only names within the same city
are compared; an unknown city is its own bucket.
"""

from __future__ import annotations

import re
import unicodedata

from pipelines.script import to_simplified

# Punctuation, brackets, quotes and spaces of both widths: they vary between
# reprints of one name (“”「」《》, full- and half-width parentheses).
_PUNCT = re.compile(
    r"[\s\u3000\"'“”‘’「」『』《》〈〉()（）\[\]【】〔〕·•・,，、.。:：;；!！?？\-—–_/]+"
)

# Generic tails that do not change which project a name means: "XX项目" is "XX".
# Must not include words that name a different thing (厂房, 基地, 园 are kept).
_GENERIC_TAIL = re.compile(r"(?:建设项目|项目|工程)$")


def name_key(name: str) -> str:
    """The matching key of a project name (see module docstring)."""
    text = unicodedata.normalize("NFKC", to_simplified(name or ""))
    text = _PUNCT.sub("", text)
    previous = None
    while previous != text:
        previous = text
        text = _GENERIC_TAIL.sub("", text)
    return text


def clean_name(name: str) -> str:
    """The display form: Simplified, trimmed, inner spaces removed."""
    return re.sub(r"\s+", "", to_simplified(name or "").strip())
