"""A chi-square p-value means nothing when a cell expects fewer than 5 inputs: it is kept for
the record but shown nowhere; a caution stands in its place."""

from consult.review.stats import SMALLEST_EXPECTED, lift_table


def test_small_cells_carry_a_caution_instead_of_a_p_value():
    (row,) = lift_table({"SI01": {"a": 2, "b": 0}}, {"a": 3, "b": 4}, ["a", "b"])
    assert row.p_value is not None and row.smallest_expected < SMALLEST_EXPECTED
    assert row.too_small and row.shown_p_value is None and not row.significant


def test_large_cells_show_their_p_value():
    (row,) = lift_table({"SI01": {"a": 60, "b": 20}}, {"a": 100, "b": 100}, ["a", "b"])
    assert row.smallest_expected == 40.0
    assert not row.too_small and row.shown_p_value == row.p_value and row.significant
