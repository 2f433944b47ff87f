"""The province's emblem for the committee memo: an administrator uploads a PNG or JPEG of at
most 1 MB; its type and size are read from the image itself (python-docx's header reader, the
same that will place it in the memo), never from the name or the browser's word."""

from datetime import datetime

from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image
from flask_babel import gettext as _

from consult.auth.audit import record
from consult.extensions import db
from consult.geography.models import ProvinceEmblem

EMBLEM_TYPES = ("image/png", "image/jpeg")
EMBLEM_MAX_BYTES = 1024 * 1024
EMBLEM_MAX_SIDE = 4000  # pixels


class EmblemRefused(ValueError):
    """The upload is not an emblem we can print; the message says why, in the user's language."""


def set_province_emblem(province_code: str, data: bytes, *, user, now: datetime) -> ProvinceEmblem:
    if not data:
        raise EmblemRefused(_("Please choose an image file."))
    if len(data) > EMBLEM_MAX_BYTES:
        raise EmblemRefused(_("The image is larger than 1 MB; please send a smaller one."))
    try:
        image = Image.from_blob(data)
    except (UnrecognizedImageError, ValueError, IndexError):
        raise EmblemRefused(_("This is not a PNG or JPEG image.")) from None
    if image.content_type not in EMBLEM_TYPES:
        raise EmblemRefused(_("This is not a PNG or JPEG image."))
    if not (0 < image.px_width <= EMBLEM_MAX_SIDE and 0 < image.px_height <= EMBLEM_MAX_SIDE):
        raise EmblemRefused(_("The image must be at most 4,000 pixels wide and high."))
    emblem = db.session.get(ProvinceEmblem, province_code) or ProvinceEmblem(province_code=province_code)
    emblem.content_type, emblem.image = image.content_type, data
    emblem.width, emblem.height, emblem.uploaded_at = image.px_width, image.px_height, now
    db.session.add(emblem)
    record(
        "review.set_emblem",
        emblem,
        {"type": image.content_type, "bytes": len(data), "size": [image.px_width, image.px_height]},
        user=user,
    )
    db.session.commit()
    return emblem


def remove_province_emblem(province_code: str, *, user) -> bool:
    emblem = db.session.get(ProvinceEmblem, province_code)
    if emblem is None:
        return False
    record("review.remove_emblem", emblem, {}, user=user)
    db.session.delete(emblem)
    db.session.commit()
    return True
