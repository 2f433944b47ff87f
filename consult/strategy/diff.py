"""Word-level differences between two wordings of a strategic issue. Thai is written without
spaces between words, so the texts are cut into words (PyThaiNLP's newmm) before comparing."""

from dataclasses import dataclass
from difflib import SequenceMatcher

from pythainlp.tokenize import word_tokenize

SAME, ADDED, REMOVED = "same", "added", "removed"


@dataclass(frozen=True)
class Piece:
    kind: str  # SAME, ADDED or REMOVED
    text: str


def _words(text: str) -> list[str]:
    return word_tokenize(text or "", engine="newmm", keep_whitespace=True)


def word_diff(before: str, after: str) -> list[Piece]:
    """The after-text as pieces kept, added and removed, in reading order; neighbouring pieces of
    the same kind are joined."""
    old, new = _words(before), _words(after)
    pieces: list[Piece] = []

    def add(kind: str, words: list[str]) -> None:
        text = "".join(words)
        if not text:
            return
        if pieces and pieces[-1].kind == kind:
            pieces[-1] = Piece(kind, pieces[-1].text + text)
        else:
            pieces.append(Piece(kind, text))

    for operation, old_start, old_end, new_start, new_end in SequenceMatcher(
        None, old, new, autojunk=False
    ).get_opcodes():
        if operation == "equal":
            add(SAME, new[new_start:new_end])
        else:
            add(REMOVED, old[old_start:old_end])
            add(ADDED, new[new_start:new_end])
    return pieces
