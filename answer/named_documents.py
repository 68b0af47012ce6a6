"""Court decisions, judicial interpretations and bills that remedy entries name in their sentences
(``corpus/document_names.json``).

"SPP Guiding Case No. 139 likewise says …" rests on the decision, not on the statute its entry
cites first: its marker must open the decision.
"""

from __future__ import annotations

import json
from functools import cache

from ..settings import CORPUS_DIR

DOCUMENT_NAMES_FILE = CORPUS_DIR / "document_names.json"


@cache
def document_names() -> dict[str, tuple[str, ...]]:
    """Document id → the names entries give it, in every language."""
    data = json.loads(DOCUMENT_NAMES_FILE.read_text(encoding="utf-8"))
    return {doc_id: tuple(names) for doc_id, names in data.items() if not doc_id.startswith("_")}


def documents_named(sentence: str) -> list[str]:
    """The decisions, interpretations and bills a sentence names, in the table's order."""
    return [doc_id for doc_id, names in document_names().items() if any(name in sentence for name in names)]
