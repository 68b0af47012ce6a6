"""Which of the product's three languages a text is in, by script alone (no model, no network)."""

from __future__ import annotations

LANGUAGES = ("zh", "ko", "en")


def detect_language(text: str) -> str:
    """zh, ko or en. Hangul wins over Han because Korean legal text mixes in Hanja."""
    sample = text[:4000]
    hangul = sum(1 for c in sample if "\uac00" <= c <= "\ud7a3")
    han = sum(1 for c in sample if "\u4e00" <= c <= "\u9fff")
    if hangul and hangul >= han * 0.3:
        return "ko"
    if han:
        return "zh"
    return "en"
