"""What the public may read of input: counts always; texts only where the province publishes
moderated input and a moderator approved the text."""

from consult.inputs.models import MODERATION_APPROVED
from consult.inputs.moderation import publishes_texts


def public_quotes(inputs, province_code: str, limit: int | None = None) -> list:
    if not publishes_texts(province_code):
        return []
    approved = [item for item in inputs if item.moderation == MODERATION_APPROVED]
    return approved[:limit] if limit else approved
