"""Sparse TF-IDF features of analysed texts, built for speed.

Two blocks of columns, each L2-normalised on its own so neither drowns the other:

* words: the tokens plus concept markers (a marker weighs more: it is evidence from a whole
  word group);
* character n-grams inside each token (with a space on each side, as scikit-learn's
  ``char_wb``): they survive typos, spelling variants and segmentation errors.

Weighting is scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``: tf = 1 + ln(count),
idf = ln((1 + n) / (1 + df)) + 1; ``tests/tagging/test_features.py`` checks the matrix against
two ``TfidfVectorizer``s configured alike. The columns of a token (its word and its n-grams)
are looked up once per distinct token and cached, so a text costs a dictionary look-up per
token; the weighting is done for all texts at once.

Why not ``TfidfVectorizer`` itself (issue 13): ``python -m bench.tagging_vectorizer`` runs both
on the same tokens (BENCHMARKS.md, "Tagging vectorizer: hand-written vs scikit-learn"). The
matrices and the tagger's suggestions are the same bit for bit, but each call of the library
validates its input and builds two matrices token by token: for one citizen's submission its
features cost about 1.0 ms of CPU against 0.08 ms here (×13; ×10 with its checks turned off),
which makes ``Tagger.suggest`` about 3.7 times as slow and adds 1–2 ms, roughly a tenth, to a
submission's 11–18 ms of CPU, on the path whose throughput aim is not met; in batch it is 4–5
times as slow. The library's own n-grams (``char_wb``) would also split the rare token newmm
keeps with a space inside ("พอ กับ" of "พอๆ กับ").
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain

import numpy as np
import scipy.sparse as sp

from consult.tagging.concepts import MARKER_PREFIX
from consult.tagging.text import OTHER_SENSE_WORDS

NGRAM_SIZES = (2, 3, 4)
CONCEPT_WEIGHT = 1.5
_TOKEN_CACHE_LIMIT = 200_000

Doc = tuple[list[str], list[str]]  # tokens, concept markers


def char_ngrams(token: str) -> list[str]:
    padded = f" {token} "
    return [padded[start : start + size] for size in NGRAM_SIZES for start in range(len(padded) - size + 1)]


def token_ngrams(token: str) -> list[str]:
    """The n-grams a token contributes: none for a word whose letters look like a topic
    word but mean something else (``OTHER_SENSE_WORDS``: น้ำใจ is not water)."""
    return [] if token in OTHER_SENSE_WORDS else char_ngrams(token)


def _vocabulary(term_sets: Iterable[Iterable[str]], documents: int) -> tuple[list[str], np.ndarray]:
    """Sorted terms and their idf. The documents' terms come one document at a time: all the
    n-grams of 10,000 inputs at once held 280 MB (bench.tagging_vectorizer)."""
    document_frequency: dict[str, int] = {}
    for terms in term_sets:
        for term in set(terms):
            document_frequency[term] = document_frequency.get(term, 0) + 1
    terms = sorted(document_frequency)
    frequencies = np.array([document_frequency[t] for t in terms], dtype=float)
    return terms, np.log((1 + documents) / (1 + frequencies)) + 1


class TextFeatures:
    """Feature matrix of analysed texts; the vocabulary is fixed by the training docs."""

    def __init__(self, docs: list[Doc]):
        words, word_idf = _vocabulary((tokens + markers for tokens, markers in docs), len(docs))
        ngrams, ngram_idf = _vocabulary(
            ({g for t in set(tokens) for g in token_ngrams(t)} for tokens, _ in docs), len(docs)
        )
        self._word_columns = {term: column for column, term in enumerate(words)}
        self._ngram_columns = {term: len(words) + column for column, term in enumerate(ngrams)}
        boosts = np.array([CONCEPT_WEIGHT if w.startswith(MARKER_PREFIX) else 1.0 for w in words])
        self._weights = np.concatenate([word_idf * boosts, ngram_idf])
        self._is_ngram = np.repeat(np.array([0, 1]), [len(words), len(ngrams)])
        # tuples, not lists: the garbage collector stops tracking tuples of ints, and a busy
        # tagger's cache holds many thousands of them
        self._token_cache: dict[str, tuple[int, ...]] = {}

    @property
    def size(self) -> int:
        return len(self._weights)

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_token_cache": {}}

    def transform(self, docs: list[Doc]) -> sp.csr_matrix:
        column_lists = [self._columns(tokens, markers) for tokens, markers in docs]
        lengths = np.fromiter(map(len, column_lists), dtype=np.int64, count=len(column_lists))
        columns = np.fromiter(chain.from_iterable(column_lists), dtype=np.int64, count=int(lengths.sum()))
        matrix = sp.csr_matrix(
            (np.ones(len(columns)), columns, np.concatenate(([0], np.cumsum(lengths)))),
            shape=(len(docs), self.size),
        )
        matrix.sum_duplicates()
        matrix.data = (1 + np.log(matrix.data)) * self._weights[matrix.indices]
        # L2 norm of each row's word block and n-gram block
        blocks = 2 * np.repeat(np.arange(len(docs)), np.diff(matrix.indptr)) + self._is_ngram[matrix.indices]
        norms = np.sqrt(np.bincount(blocks, weights=matrix.data**2, minlength=2 * len(docs)))
        matrix.data /= norms[blocks]
        return matrix

    def _columns(self, tokens: list[str], markers: list[str]) -> list[int]:
        cache = self._token_cache
        if len(cache) > _TOKEN_CACHE_LIMIT:
            cache.clear()
        columns: list[int] = []
        for token in tokens:
            known = cache.get(token)
            if known is None:
                known = cache[token] = tuple(self._token_columns(token))
            columns.extend(known)
        word_columns = self._word_columns
        columns.extend(word_columns[m] for m in markers if m in word_columns)
        return columns

    def _token_columns(self, token: str) -> list[int]:
        ngram_columns = self._ngram_columns
        found = [ngram_columns[g] for g in token_ngrams(token) if g in ngram_columns]
        if token in self._word_columns:
            found.append(self._word_columns[token])
        return found
