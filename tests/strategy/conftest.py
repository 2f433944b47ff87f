from tests.review.conftest import review_world  # noqa: F401  (the same hand-counted cycle)
