"""Which of the product's three languages a text is in, by its script and, where scripts mix, its English words (no model)."""

from __future__ import annotations

import re

LANGUAGES = ("zh", "ko", "en")


# English words that only a sentence in English uses: a title or a name quoted in a Chinese or Korean
# question (TAKE IT DOWN Act, Telegram) has few of them
FUNCTION_WORDS = frozenset(
    "a an the is are was were be can could do does did will would should i my me he his him she her they it "  # noqa: SIM905
    "of for to in on at with under if and or but what how who when where why this that there not".split()
)
FUNCTION_WORDS_FOR_ENGLISH = 3


def detect_language(text: str) -> str:
    """zh, ko or en. Hangul wins over Han because Korean legal text mixes in Hanja.

    A question written in English that names a 人身安全保护令 or 성폭력처벌법 is asked in English;
    one in Chinese or Korean that quotes "TAKE IT DOWN Act" is not.
    """
    sample = text[:4000]
    hangul = sum(1 for c in sample if "\uac00" <= c <= "\ud7a3")
    han = sum(1 for c in sample if "\u4e00" <= c <= "\u9fff")
    words = re.findall(r"[A-Za-z]+", sample)
    english = sum(1 for w in words if w.lower() in FUNCTION_WORDS)
    if english >= FUNCTION_WORDS_FOR_ENGLISH and sum(map(len, words)) > hangul + han:
        return "en"
    if hangul and hangul >= han * 0.3:
        return "ko"
    if han:
        return "zh"
    return "en"
