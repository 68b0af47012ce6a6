"""A stand-in embedder for runs where the model is not what is under test or measured."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from remedy_atlas.ingest.embed import Embedder

DIM = 384  # the real e5-small's width, so a store sized with it is sized like the real one


class SyntheticEmbedder(Embedder):
    """Deterministic 384-d unit vectors from a text's hash: for runs where the model is not what is measured.

    Scale and hostile-input runs would otherwise spend their time embedding, and a 10 MB upload
    would take the real model many minutes on two cores.
    """

    model_id = "synthetic-384 (bench)"

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        out = np.empty((len(texts), DIM), np.float32)
        for i, text in enumerate(texts):
            digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
            vector = np.random.default_rng(int.from_bytes(digest[:8], "little")).standard_normal(DIM)
            out[i] = vector / np.linalg.norm(vector)
        return out

    def count_tokens(self, text: str) -> int:
        return max(1, len(text) // 3)
