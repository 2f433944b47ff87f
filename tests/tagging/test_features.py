"""The hand-written TF-IDF features are scikit-learn's: the same matrix as TfidfVectorizer
configured alike (``bench/tagging_vectorizer.py``, which also measures why the hand-written
one is kept)."""

import pickle

import numpy as np
import pytest

from bench.tagging_vectorizer import LibraryFeatures, analysed
from consult.tagging.concepts import MARKER_PREFIX
from consult.tagging.evaluation import read_robustness
from consult.tagging.features import TextFeatures

from .conftest import DATA


@pytest.fixture(scope="module")
def dev_docs(dev_rows):
    return analysed([text for _, text, _ in dev_rows])


@pytest.fixture(scope="module")
def unseen_docs():
    return analysed([row.text for row in read_robustness(DATA / "robustness_blind_th.csv")])


def assert_same_matrix(found, expected):
    assert found.shape == expected.shape
    assert np.array_equal(found.indptr, expected.indptr)
    assert np.array_equal(found.indices, expected.indices)
    np.testing.assert_allclose(found.data, expected.data, rtol=1e-12, atol=0)


def test_features_equal_scikit_learns_tfidf(dev_docs, unseen_docs):
    assert any(marker.startswith(MARKER_PREFIX) for _, markers in dev_docs for marker in markers)
    hand, library = TextFeatures(dev_docs), LibraryFeatures(dev_docs)
    assert hand.size == library.size
    for docs in (dev_docs, unseen_docs, dev_docs[:1]):
        assert_same_matrix(hand.transform(docs), library.transform(docs))


def test_token_cache_changes_nothing(dev_docs, unseen_docs):
    features = TextFeatures(dev_docs)
    first = features.transform(unseen_docs)  # fills the cache
    assert_same_matrix(features.transform(unseen_docs), first)
    stored = pickle.loads(pickle.dumps(features))  # stored without its cache
    assert_same_matrix(stored.transform(unseen_docs), first)
