"""Per-language tokenizers for BM25: jieba for Chinese, Kiwi morphemes for Korean, Snowball for English.

A whitespace tokenizer makes one token of a whole Chinese clause, so BM25 would score nothing;
Korean needs morphemes because particles glue onto nouns (불법촬영물을 → 불법, 촬영, 물).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from ..language import detect_language

Tokenizer = Callable[[str], list[str]]

_EN_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "may",
        "my",
        "of",
        "on",
        "or",
        "our",
        "shall",
        "so",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "under",
        "was",
        "what",
        "when",
        "where",
        "which",
        "who",
        "whom",
        "will",
        "with",
        "would",
        "you",
        "your",
        "me",
        "we",
        "us",
    ]
)
_ZH_STOP = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "或",
        "及",
        "等",
        "在",
        "是",
        "对",
        "被",
        "将",
        "把",
        "为",
        "以",
        "于",
        "其",
        "之",
        "中",
        "我",
        "你",
        "他",
        "她",
        "它",
        "吗",
        "呢",
        "吧",
        "啊",
        "么",
        "什么",
        "怎么",
        "如何",
        "可以",
        "能",
        "会",
        "有",
        "没有",
        "哪些",
        "是否",
    ]
)
_KO_TAGS = ("NN", "NR", "VV", "VA", "XR", "MAG", "SL", "SH", "SN")
_WORD = re.compile(r"[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+|[\uac00-\ud7a3]+")


@cache
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


@cache
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@cache
def _kiwi() -> Any:
    import os

    from kiwipiepy import Kiwi

    return Kiwi(num_workers=os.cpu_count() or 1)


def tokenize_en(text: str) -> list[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    stems: list[str] = _stemmer().stemWords([w for w in words if w not in _EN_STOP])
    return stems


def tokenize_zh(text: str) -> list[str]:
    tokens = []
    for token in _jieba().lcut_for_search(text):
        token = token.strip()
        if not token or token in _ZH_STOP:
            continue
        if re.fullmatch(r"[\u4e00-\u9fff]+", token):
            tokens.append(token)
        elif _WORD.fullmatch(token):
            tokens.extend(tokenize_en(token))
    return tokens


def _korean_forms(tokens: Iterable[Any]) -> list[str]:
    return [t.form.lower() if t.tag == "SL" else t.form for t in tokens if t.tag.startswith(_KO_TAGS)]


def tokenize_ko(text: str) -> list[str]:
    return _korean_forms(_kiwi().tokenize(text))


def tokenize_english(text: str) -> list[str]:
    """English stems, and the Chinese or Korean inside an English text in their own tokens: "my case went
    to 형사조정", "a 自诉 for insult" name the law's own word, which the stemmer would drop."""
    tokens = tokenize_en(text)
    for run in _CJK_RUN.findall(text):
        tokens += tokenize_ko(run) if _HANGUL.match(run) else tokenize_zh(run)
    return tokens


TOKENIZERS: dict[str, Tokenizer] = {"zh": tokenize_zh, "ko": tokenize_ko, "en": tokenize_english}


def tokenize(text: str, language: str | None = None) -> list[str]:
    """Tokens of ``text`` in its language (detected from the script when not given)."""
    return TOKENIZERS.get(language or detect_language(text), tokenize_en)(text)


def tokenize_many(texts: list[str], language: str) -> list[list[str]]:
    """Many texts of one language; Kiwi analyses a batch on all cores, about twice as fast."""
    if language == "ko":
        return [_korean_forms(tokens) for tokens in _kiwi().tokenize(texts)]
    return [tokenize(text, language) for text in texts]
