"""The tagger's hand-written TF-IDF features against scikit-learn's TfidfVectorizer
configured to give the same matrix, on the same tokenised inputs.

    python -m bench.tagging_vectorizer [--rounds 7] [--inputs 10000]

``consult/tagging/features.py`` (``TextFeatures``) is compared with ``LibraryFeatures``
below: two ``TfidfVectorizer``s (words and concept markers; character n-grams) with
``sublinear_tf`` and the smoothed idf, the markers' idf scaled by ``CONCEPT_WEIGHT``, the two
L2-normalised blocks side by side. Both are fitted on the same documents (the catalogue's
examples plus the 240 dev comments, as the trained tagger is; then plus 1,000 or 10,000
synthetic inputs). Printed, each figure beside the other:

(a) whether the matrices are equal: shape, vocabulary, sparsity pattern and every value;
    also for the library's own n-grams (``analyzer="char_wb"``), and the tagger's
    suggestions with either vectorizer;
(b) CPU time (``time.process_time``; wall clock beside it): transforming one input per call
    as a citizen's submission does (also with scikit-learn's input checks turned off, its
    fastest setting), transforming 1,000 and 10,000 inputs at once, fitting, and the whole
    ``Tagger.suggest`` per submission and ``suggest_many`` for 1,000 inputs with either
    vectorizer; each the median of ``--rounds`` rounds, the candidates alternating so that
    all see the same machine load;
(c) memory (tracemalloc): peak while fitting and while transforming 10,000 inputs, what
    stays held (the fitted object; the hand-written token cache), and the pickled size
    (a stored tagger holds it).

Inputs: the dev comments, the robustness sets, and synthetic inputs made by ``consult
synth``'s generator (``consult/synth/phrases.py``) in the country's subdistricts.
"""

from __future__ import annotations

import argparse
import csv
import os
import pickle
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

from consult.synth.operations import InputMaker, Place
from consult.tagging import suggest
from consult.tagging.batch import read_labelled
from consult.tagging.concepts import MARKER_PREFIX, default_lexicon
from consult.tagging.evaluation import read_robustness
from consult.tagging.features import CONCEPT_WEIGHT, Doc, TextFeatures, token_ngrams
from consult.tagging.suggest import Tagger, load_issues_csv
from consult.tagging.text import OTHER_SENSE_WORDS, topic_words

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "consult" / "data" / "tagging"
# A submission costs 11–18 ms of worker CPU (BENCHMARKS.md, "Submission under load").
SUBMISSION_CPU_MS = (11.0, 18.0)
# Issue 13: hand-written code stays only where the library is clearly worse on the hot path.
TOLERATED_SLOWDOWN = 0.30


def words_and_markers(doc: Doc) -> list[str]:
    return doc[0] + doc[1]


def ngrams_of(doc: Doc) -> list[str]:
    return [ngram for token in doc[0] for ngram in token_ngrams(token)]


def ngram_source(doc: Doc) -> str:
    return " ".join(token for token in doc[0] if token not in OTHER_SENSE_WORDS)


class LibraryFeatures:
    """``TextFeatures`` made of scikit-learn's ``TfidfVectorizer``. ``char_wb`` uses the
    library's own n-grams of the space-joined tokens instead of the project's per token."""

    def __init__(self, docs: list[Doc], char_wb: bool = False):
        self._words = TfidfVectorizer(analyzer=words_and_markers, sublinear_tf=True).fit(docs)
        # scaling a marker's idf scales its column before the row is normalised
        self._words.idf_ = self._words.idf_ * [
            CONCEPT_WEIGHT if word.startswith(MARKER_PREFIX) else 1.0
            for word in self._words.get_feature_names_out()
        ]
        if char_wb:
            self._ngrams = TfidfVectorizer(
                analyzer="char_wb", preprocessor=ngram_source, ngram_range=(2, 4), sublinear_tf=True
            )
        else:
            self._ngrams = TfidfVectorizer(analyzer=ngrams_of, sublinear_tf=True)
        self._ngrams.fit(docs)

    @property
    def size(self) -> int:
        return len(self._words.vocabulary_) + len(self._ngrams.vocabulary_)

    def terms(self) -> list[str]:
        return [*self._words.get_feature_names_out(), *self._ngrams.get_feature_names_out()]

    def transform(self, docs: list[Doc]) -> sp.csr_matrix:
        return sp.hstack([self._words.transform(docs), self._ngrams.transform(docs)], format="csr")


class UncheckedLibraryFeatures(LibraryFeatures):
    """The library's fastest setting: no finiteness check, no parameter validation."""

    def transform(self, docs: list[Doc]) -> sp.csr_matrix:
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            return super().transform(docs)


def handwritten_terms(features: TextFeatures) -> list[str]:
    words, ngrams = features._word_columns, features._ngram_columns
    return sorted(words, key=words.get) + sorted(ngrams, key=ngrams.get)


def synthetic_texts(count: int, seed: int) -> list[str]:
    with open(ROOT / "consult" / "data" / "geography" / "subdistricts.csv", encoding="utf-8") as handle:
        places = [
            Place(
                row["subdistrict_code"],
                row["district_code"],
                row["province_code"],
                row["subdistrict_name_th"],
                row["district_name_th"],
            )
            for row in csv.DictReader(handle)
        ]
    rng = random.Random(seed)
    maker = InputMaker(rng, datetime(2026, 11, 1, tzinfo=UTC), set())
    return [maker.text(rng.choice(places), None)[0] for _ in range(count)]


def analysed(texts: list[str]) -> list[Doc]:
    """What ``Tagger`` hands its features: topic words and concept markers."""
    lexicon = default_lexicon()
    docs = []
    for text in texts:
        tokens = topic_words(text)
        docs.append((tokens, lexicon.markers(tokens)))
    return docs


def timed(work: Callable[[], object]) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    work()
    return time.process_time() - cpu, time.perf_counter() - wall


def medians(
    works: dict[str, Callable[[], object]], rounds: int, setup: Callable[[], None] = lambda: None
) -> dict[str, tuple[float, float]]:
    """Median CPU and wall seconds of each piece of work over alternating rounds; ``setup``
    runs untimed before each round."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in works}
    for _ in range(rounds):
        setup()
        for name, work in works.items():
            samples[name].append(timed(work))
    return {
        name: (statistics.median(s[0] for s in runs), statistics.median(s[1] for s in runs))
        for name, runs in samples.items()
    }


def memory(work: Callable[[], object]) -> tuple[int, int]:
    """Peak bytes allocated while ``work`` runs, and bytes still held while its result is."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    result = work()
    after, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return peak - before, after - before


def difference(hand: TextFeatures, library: LibraryFeatures, docs: list[Doc]) -> str:
    a, b = hand.transform(docs), library.transform(docs)
    if handwritten_terms(hand) != library.terms():
        only_hand = sorted(set(handwritten_terms(hand)) - set(library.terms()))
        only_library = sorted(set(library.terms()) - set(handwritten_terms(hand)))
        return (
            f"vocabularies differ: {len(only_hand)} terms only hand-written {only_hand[:5]}, "
            f"{len(only_library)} only in the library's {only_library[:5]}"
        )
    if not (np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)):
        return "sparsity patterns differ"
    unequal = int(np.sum(a.data != b.data))
    if unequal:
        return f"{unequal} of {a.nnz} values differ, by at most {np.max(np.abs(a.data - b.data)):.1e}"
    return f"equal: {a.shape[0]:,}×{a.shape[1]:,}, {a.nnz:,} non-zeros, every value bit for bit"


@contextmanager
def tagger_features(features: type) -> Iterator[None]:
    """Taggers built meanwhile use ``features`` as their vectorizer."""
    chosen = suggest.TextFeatures
    suggest.TextFeatures = features
    try:
        yield
    finally:
        suggest.TextFeatures = chosen


def tagger_with(features: type, issues, texts: list[str], labels: list[set[str]]) -> Tagger:
    with tagger_features(features):
        return Tagger(issues).fit(texts, labels)


CANDIDATES = ("hand-written", "scikit-learn", "sk, no checks")


def row(
    name: str,
    values: dict[str, tuple[float, float]] | dict[str, float],
    unit: str,
    scale: float = 1.0,
    wall: bool = False,
) -> None:
    """One figure per candidate (CPU, or wall clock with ``wall``), and each one's ratio to
    the hand-written one."""
    numbers = {
        key: (value[1] if wall else value[0]) if isinstance(value, tuple) else value
        for key, value in values.items()
    }
    hand = numbers["hand-written"]
    cells = "".join(
        f"{numbers[key] * scale:>11.3f} ×{numbers[key] / hand:<5.2f}" if key in numbers else f"{'':>18}"
        for key in CANDIDATES
    )
    print(f"  {('  wall clock' if wall else name):<46}{cells} {unit}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--inputs", type=int, default=10_000)
    args = parser.parse_args()
    print(
        f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs); "
        f"scikit-learn {sklearn.__version__}"
    )

    issues = load_issues_csv(DATA / "strategic_issues.csv")
    labelled = read_labelled(DATA / "inputs_dev.csv")
    dev_texts, dev_labels = [text for _, text, _ in labelled], [set(codes) for _, _, codes in labelled]
    robustness_texts = [
        row_.text
        for name in ("robustness_th.csv", "robustness_blind_th.csv")
        for row_ in read_robustness(DATA / name)
    ]
    catalogue_docs = Tagger(issues)._catalogue_docs  # the examples every tagger is fitted on
    dev_docs, robustness_docs = analysed(dev_texts), analysed(robustness_texts)
    synthetic_docs = analysed(synthetic_texts(args.inputs, seed=13))
    batches = {size: synthetic_docs[:size] for size in (1_000, args.inputs)}
    trained_docs = catalogue_docs + dev_docs
    print(
        f"{len(catalogue_docs)} catalogue examples, {len(dev_docs)} dev, {len(robustness_docs)} robustness and "
        f"{len(synthetic_docs):,} synthetic inputs, tokenised once for all candidates"
    )

    print("\n(a) the same matrix? Both fitted on the same documents:")
    for fit_name, fit_docs in (
        ("catalogue + dev", trained_docs),
        (f"catalogue + dev + {args.inputs:,} synthetic", trained_docs + synthetic_docs),
    ):
        hand = TextFeatures(fit_docs)
        for variant, library in (
            ("TfidfVectorizer, the project's n-grams", LibraryFeatures(fit_docs)),
            ('TfidfVectorizer, analyzer="char_wb"', LibraryFeatures(fit_docs, char_wb=True)),
        ):
            print(f"  fitted on {fit_name}, {variant}:")
            if "char_wb" in variant:
                spaced = sorted({token for tokens, _ in fit_docs for token in tokens if " " in token})
                print(
                    f"    ({len(spaced)} tokens hold a space, {spaced[:3]}: newmm keeps some phrases whole; "
                    "char_wb splits them, so their n-grams across the space are lost)"
                )
            for name, docs in (
                ("training documents", fit_docs),
                ("robustness inputs", robustness_docs),
                (f"{args.inputs:,} synthetic inputs", synthetic_docs),
            ):
                print(f"    {name:<24}{difference(hand, library, docs)}")
    taggers = {
        name: tagger_with(features, issues, dev_texts, dev_labels)
        for name, features in zip(CANDIDATES, (TextFeatures, LibraryFeatures, UncheckedLibraryFeatures))
    }
    texts = dev_texts + robustness_texts + synthetic_texts(1_000, seed=14)
    suggestions = {name: tagger.suggest_many(texts) for name, tagger in taggers.items()}
    print(
        f"  tagger trained on the dev set, suggestions (codes and scores) for {len(texts):,} texts: "
        + ", ".join(
            f"{name} {'identical' if found == suggestions['hand-written'] else 'DIFFERENT'}"
            for name, found in suggestions.items()
            if name != "hand-written"
        )
    )

    print(
        f"\n(b) time, median of {args.rounds} alternating rounds; CPU time, then wall clock"
        f"\n  {'':<46}" + "".join(f"{name:>18}" for name in CANDIDATES)
    )
    features = {
        name: kind(trained_docs)
        for name, kind in zip(CANDIDATES, (TextFeatures, LibraryFeatures, UncheckedLibraryFeatures))
    }
    fresh: dict[str, object] = {}

    def load_fresh() -> None:  # as a worker loads a stored tagger: the token cache is empty
        fresh.update({name: pickle.loads(pickle.dumps(f)) for name, f in features.items()})

    def one_by_one(chosen) -> Callable[[], object]:
        return lambda: [chosen.transform([doc]) for doc in dev_docs]

    per_input = 1000 / len(dev_docs)
    print("  the vectorizer alone:")
    single = medians({name: one_by_one(f) for name, f in features.items()}, args.rounds)
    row("one input per call (hot path), per input", single, "ms", per_input)
    row("", single, "ms", per_input, wall=True)
    first = medians(
        {name: lambda name=name: one_by_one(fresh[name])() for name in features},
        args.rounds,
        setup=load_fresh,
    )
    row("  same, first inputs of a freshly loaded tagger", first, "ms", per_input)
    two = {name: features[name] for name in CANDIDATES[:2]}
    for size, docs in batches.items():
        batch = medians(
            {name: lambda f=f, docs=docs: f.transform(docs) for name, f in two.items()}, args.rounds
        )
        row(f"transform {size:,} inputs at once", batch, "s")
        row("", batch, "s", wall=True)
    for label, docs in (
        ("catalogue + 240 dev", trained_docs),
        *((f"catalogue + {n:,} synthetic", catalogue_docs + b) for n, b in batches.items()),
    ):
        fit = medians(
            {
                "hand-written": lambda docs=docs: TextFeatures(docs),
                "scikit-learn": lambda docs=docs: LibraryFeatures(docs),
            },
            max(3, args.rounds // 2),
        )
        row(f"fit on {label}", fit, "s")

    print("  the whole tagger (segmentation, concepts, features, 10 models):")
    submissions = medians(
        {name: lambda t=t: [t.suggest(text) for text in dev_texts] for name, t in taggers.items()},
        args.rounds,
    )
    row("Tagger.suggest, one input per call, per input", submissions, "ms", per_input)
    row("", submissions, "ms", per_input, wall=True)
    batch_texts = synthetic_texts(1_000, seed=15)
    many = medians(
        {name: lambda t=taggers[name]: t.suggest_many(batch_texts) for name in CANDIDATES[:2]}, args.rounds
    )
    row(f"Tagger.suggest_many, {len(batch_texts):,} synthetic inputs", many, "s")
    row("", many, "s", wall=True)

    print(f"\n(c) memory (tracemalloc)\n  {'':<46}" + "".join(f"{name:>18}" for name in CANDIDATES[:2]))
    biggest = catalogue_docs + batches[args.inputs]
    fitting = {
        "hand-written": memory(lambda: TextFeatures(biggest)),
        "scikit-learn": memory(lambda: LibraryFeatures(biggest)),
    }
    row(f"peak while fitting on catalogue + {args.inputs:,}", fitting, "MB", 1e-6)
    row("  the fitted object, held", {name: held for name, (_, held) in fitting.items()}, "MB", 1e-6)
    unused = {name: kind(trained_docs) for name, kind in zip(CANDIDATES[:2], (TextFeatures, LibraryFeatures))}
    transforming = {
        name: memory(lambda f=f: f.transform(batches[args.inputs]).nnz) for name, f in unused.items()
    }
    row(f"peak while transforming {args.inputs:,} inputs", transforming, "MB", 1e-6)
    row(
        "  held afterwards (the token cache)",
        {name: held for name, (_, held) in transforming.items()},
        "MB",
        1e-6,
    )
    row(
        "pickled, fitted on catalogue + dev",
        {name: len(pickle.dumps(f)) for name, f in unused.items()},
        "KB",
        1e-3,
    )

    extra_ms = (submissions["scikit-learn"][0] - submissions["hand-written"][0]) * per_input
    unchecked_ms = (submissions["sk, no checks"][0] - submissions["hand-written"][0]) * per_input
    low, high = SUBMISSION_CPU_MS
    print(
        f"\nPer submission, scikit-learn's vectorizer costs {extra_ms:+.2f} ms of CPU ({unchecked_ms:+.2f} ms with "
        f"its checks off): {extra_ms / high:+.1%} to {extra_ms / low:+.1%} of a submission's {low:.0f}–{high:.0f} "
        f"ms; the vectorizer alone ×{single['scikit-learn'][0] / single['hand-written'][0]:.1f}, Tagger.suggest "
        f"×{submissions['scikit-learn'][0] / submissions['hand-written'][0]:.2f} (issue 13 keeps hand-written code "
        f"when the library is worse by more than about {TOLERATED_SLOWDOWN:.0%} and the difference is not tiny "
        f"beside the submission)."
    )
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
