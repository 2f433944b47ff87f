import random

from consult.tagging.evaluation import scores

CODES = ["A", "B", "C"]


def readme_scores(gold, pred, codes):
    """The reference implementation from the data set's README, verbatim in substance."""
    per, TP, FP, FN = [], 0, 0, 0
    for c in codes:
        tp = sum(c in g and c in pred.get(k, set()) for k, g in gold.items())
        fp = sum(c not in g and c in pred.get(k, set()) for k, g in gold.items())
        fn = sum(c in g and c not in pred.get(k, set()) for k, g in gold.items())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        per.append((p, r, 2 * p * r / (p + r) if p + r else 0.0))
        TP, FP, FN = TP + tp, FP + fp, FN + fn
    macro = tuple(sum(x[i] for x in per) / len(per) for i in range(3))
    mp = TP / (TP + FP) if TP + FP else 0.0
    mr = TP / (TP + FN) if TP + FN else 0.0
    micro = (mp, mr, 2 * mp * mr / (mp + mr) if mp + mr else 0.0)
    return macro, micro


def random_sets(rng, n):
    return {f"r{i}": {c for c in CODES if rng.random() < 0.35} for i in range(n)}


def test_scores_match_the_readme_definition():
    rng = random.Random(7)
    for _ in range(50):
        gold, pred = random_sets(rng, 30), random_sets(rng, 30)
        pred.pop("r0")  # rows the tagger did not return count as empty predictions
        result = scores(gold, pred, CODES)
        macro, micro = readme_scores(gold, pred, CODES)
        got_macro = tuple(result["macro"][k] for k in ("precision", "recall", "f1"))
        got_micro = tuple(result["micro"][k] for k in ("precision", "recall", "f1"))
        assert got_macro == macro
        assert got_micro == micro


def test_exact_match_and_empty_rows():
    gold = {"a": {"A"}, "b": set(), "c": set(), "d": {"B", "C"}}
    pred = {"a": {"A"}, "b": {"C"}, "d": {"B"}}
    result = scores(gold, pred, CODES)
    assert result["exact_match"] == 0.5  # a and c
    assert result["empty_row_accuracy"] == 0.5  # c left empty, b not
    assert result["empty_rows"] == 2
    assert result["per_code"]["C"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}


def test_zero_denominators_count_as_zero():
    result = scores({"a": set()}, {}, CODES)
    assert result["macro"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert result["micro"]["f1"] == 0.0
    assert result["empty_row_accuracy"] == 1.0
