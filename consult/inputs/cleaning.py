"""Text as people type or paste it, made safe to store and compare."""


def clean_text(text: str) -> str:
    """No control characters (PostgreSQL refuses NUL), one kind of line break, no outer spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or (ch >= " " and ch != "\x7f")).strip()


def clean_field(value):
    """A WTForms filter: strings cleaned, anything else (None, lists) left alone."""
    return clean_text(value) if isinstance(value, str) else value
