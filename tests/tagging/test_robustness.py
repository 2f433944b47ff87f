"""The tagger on comments written apart from the dev set (consult/data/tagging/robustness_th.csv
and robustness_blind_th.csv): other villages, spelling variants, negation, keywords in another
sense, comments that fit no issue. Minimums, set below what the tagger reaches, that plain
keyword matching does not."""

import pytest

from consult.tagging.evaluation import (
    evaluate_robustness,
    keyword_baseline,
    read_robustness,
    robustness_scores,
)


@pytest.fixture(scope="module")
def robustness_rows(issues_path):
    return read_robustness(issues_path.parent / "robustness_th.csv")


@pytest.fixture(params=["catalogue", "trained"])
def tagger(request, catalogue_tagger, trained_tagger):
    return catalogue_tagger if request.param == "catalogue" else trained_tagger


def test_the_set_covers_every_kind(robustness_rows, issues):
    kinds = {row.kind for row in robustness_rows}
    assert kinds == {"none", "negation", "lack", "sense", "variant"}
    assert len(robustness_rows) >= 50
    codes = {issue.code for issue in issues}
    assert all(row.labels <= codes and row.not_labels <= codes for row in robustness_rows)
    assert all(not row.labels for row in robustness_rows if row.kind == "none")
    assert all(not (row.labels & row.not_labels) for row in robustness_rows)


def test_keyword_matching_falls_into_the_traps(robustness_rows, issues):
    """The yardstick: substring matching tags negated topics and look-alike words."""
    result = robustness_scores(
        robustness_rows,
        keyword_baseline(issues, [row.text for row in robustness_rows]),
        [issue.code for issue in issues],
    )
    assert result["negated_avoided"] < 0.3
    assert result["macro"]["f1"] < 0.65


def test_comments_that_fit_no_issue_mostly_get_nothing(tagger, robustness_rows):
    result = evaluate_robustness(tagger, robustness_rows)
    assert result["exact_by_kind"]["none"] >= 0.7, result["exact_by_kind"]


def test_negated_topics_are_not_suggested(tagger, robustness_rows):
    result = evaluate_robustness(tagger, robustness_rows)
    assert result["negated_avoided"] >= 0.75, result["negated_avoided"]


def test_complaints_that_something_is_missing_keep_their_issue(tagger, robustness_rows):
    """ "ไม่มีไฟฟ้าใช้" is a complaint, not a negation."""
    rows = [row for row in robustness_rows if row.kind == "lack"]
    suggested = tagger.suggest_many([row.text for row in rows])
    for row, suggestion in zip(rows, suggested):
        assert row.labels & {code for code, _ in suggestion}, (row.text, suggestion)


def test_overall_quality_beats_keyword_matching(tagger, robustness_rows):
    result = evaluate_robustness(tagger, robustness_rows)
    assert result["macro"]["f1"] >= 0.80, result["macro"]
    assert result["micro"]["f1"] >= 0.80, result["micro"]
    assert result["exact_by_kind"]["variant"] >= 0.6, result["exact_by_kind"]


def test_second_set_negation_and_overall(tagger, issues_path):
    rows = read_robustness(issues_path.parent / "robustness_blind_th.csv")
    result = evaluate_robustness(tagger, rows)
    assert result["negated_avoided"] >= 0.8, result["negated_avoided"]
    assert result["macro"]["f1"] >= 0.70, result["macro"]
    assert result["micro"]["f1"] >= 0.75, result["micro"]
