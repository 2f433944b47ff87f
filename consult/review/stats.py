"""Which groups raise an issue more than others: lift and a chi-square test over counts.

For an issue and a group (a sector, an age band, a gender), lift is the share of the group's
inputs that raise the issue divided by that share among all inputs: 1.0 is "as often as
everyone", 2.0 "twice as often". Whether the difference is more than chance is tested per issue
with a chi-square test of independence on the 2 × k table (raises the issue or not × group); each
cell's adjusted standardised residual tells which groups stand out (beyond ±1.96 ≈ 5 %).
"""

from dataclasses import dataclass, field
from math import sqrt

SIGNIFICANCE = 0.05
RESIDUAL_LIMIT = 1.96
# Cochran's rule: the chi-square approximation needs an expected count of at least 5 in every
# cell; below that its p-value is not shown (the lift still is), with a caution instead.
SMALLEST_EXPECTED = 5


@dataclass
class Cell:
    count: int
    lift: float | None  # None when the group gave no input
    residual: float | None

    @property
    def over(self) -> bool:
        return self.residual is not None and self.residual > RESIDUAL_LIMIT

    @property
    def under(self) -> bool:
        return self.residual is not None and self.residual < -RESIDUAL_LIMIT


@dataclass
class IssueRow:
    issue: str
    total: int
    cells: dict[str, Cell] = field(default_factory=dict)
    chi2: float | None = None
    p_value: float | None = None
    smallest_expected: float | None = None

    @property
    def too_small(self) -> bool:
        """Too few inputs in some cell for the test to mean anything."""
        return self.smallest_expected is not None and self.smallest_expected < SMALLEST_EXPECTED

    @property
    def shown_p_value(self) -> float | None:
        return None if self.too_small else self.p_value

    @property
    def significant(self) -> bool:
        return self.shown_p_value is not None and self.shown_p_value < SIGNIFICANCE


def lift_table(
    issue_counts: dict[str, dict[str, int]], group_totals: dict[str, int], groups: list[str]
) -> list[IssueRow]:
    """issue_counts[issue][group]: inputs of the group raising the issue; group_totals[group]:
    all inputs of the group (whether or not they raise any issue)."""
    everyone = sum(group_totals.get(group, 0) for group in groups)
    rows = []
    for issue, counts in issue_counts.items():
        raising = sum(counts.get(group, 0) for group in groups)
        row = IssueRow(issue=issue, total=raising)
        overall_share = raising / everyone if everyone else 0.0
        for group in groups:
            count, size = counts.get(group, 0), group_totals.get(group, 0)
            lift = (count / size) / overall_share if size and overall_share else None
            row.cells[group] = Cell(
                count=count, lift=lift, residual=_adjusted_residual(count, size, raising, everyone)
            )
        row.chi2, row.p_value, row.smallest_expected = _chi_square(counts, group_totals, groups)
        rows.append(row)
    return rows


def _adjusted_residual(count: int, size: int, raising: int, everyone: int) -> float | None:
    if not size or not everyone or raising in (0, everyone) or size == everyone:
        return None
    expected = size * raising / everyone
    variance = expected * (1 - size / everyone) * (1 - raising / everyone)
    return (count - expected) / sqrt(variance)


def _chi_square(
    counts: dict[str, int], group_totals: dict[str, int], groups: list[str]
) -> tuple[float | None, float | None, float | None]:
    """The statistic, its p-value and the smallest expected count of the table."""
    present = [group for group in groups if group_totals.get(group, 0) > 0]
    raising = [counts.get(group, 0) for group in present]
    others = [group_totals[group] - counts.get(group, 0) for group in present]
    if len(present) < 2 or sum(raising) == 0 or sum(others) == 0:
        return None, None, None
    # SciPy (about 75 MB) loads in a worker that serves a planner's statistics, not in every one
    from scipy.stats import chi2_contingency

    result = chi2_contingency([raising, others], correction=False)
    return float(result.statistic), float(result.pvalue), float(result.expected_freq.min())
