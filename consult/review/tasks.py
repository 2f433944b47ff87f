"""The review's scheduled job: coverage warnings, and the words of new inputs segmented."""

from consult.review.notices import warn_coverage_gaps
from consult.review.terms import segment_new_inputs


def review_sweep() -> dict[str, int]:
    """Coverage warnings before a hearing phase closes (queued once per cycle and person), and
    the words of new inputs segmented before a planner's dashboard needs them."""
    return {"coverage_warnings": warn_coverage_gaps(), "inputs_segmented": segment_new_inputs()}
