"""The citation verifier every answer passes through, whoever wrote it (the composer or an LLM).

A sentence survives only if every marker in it opens a listed provision, every article number in
it is one of those provisions, and every quotation in it stands verbatim in them. Anything else
is removed and reported as a warning: it is never shown as law.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..legal_units import find_article_mentions
from .sources import Source

_MARKER = re.compile(r"\[(\d+)\]")
_QUOTE = re.compile(r"“([^”]{4,})”|\"([^\"]{4,})\"|「([^」]{4,})」|『([^』]{4,})』")
_SENTENCE = re.compile(r"(?<=[。！？!?])|(?<=[.;；])(?=\s)")


@dataclass
class Verified:
    text: str
    warnings: list[str] = field(default_factory=list)


def _squash(text: str) -> str:
    return re.sub(r"[\s*#>`]+", "", text)


def _problem(sentence: str, sources: list[Source], articles: set[str], quotes: str) -> str | None:
    for m in _MARKER.finditer(sentence):
        if not 1 <= int(m.group(1)) <= len(sources):
            return f"citation [{m.group(1)}] points to no provision"
    for mention in find_article_mentions(sentence):
        if mention.article.lower() not in articles:
            return f"article {sentence[mention.start : mention.end]!r} is not among the cited provisions"
    for m in _QUOTE.finditer(sentence):
        quoted = next(g for g in m.groups() if g)
        if _squash(quoted) not in quotes:
            return f"quotation {quoted[:40]!r} is not verbatim in the cited provisions"
    return None


def verify(text: str, sources: list[Source]) -> Verified:
    articles = {s.article.lower() for s in sources if s.article}
    quotes = "\n".join(_squash(s.quote) for s in sources)
    kept_lines: list[str] = []
    warnings: list[str] = []
    for line in text.split("\n"):
        kept = []
        for sentence in _SENTENCE.split(line):
            problem = _problem(sentence, sources, articles, quotes)
            if problem:
                warnings.append(f"removed: {problem}")
            else:
                kept.append(sentence)
        kept_line = "".join(kept)
        if kept_line.count("**") % 2:  # a removed sentence took one half of a bold pair with it
            kept_line = kept_line.replace("**", "")
        if kept_line.strip(" -*•") or not line.strip():
            kept_lines.append(kept_line)
    return Verified(re.sub(r"\n{3,}", "\n\n", "\n".join(kept_lines)).strip(), warnings)
