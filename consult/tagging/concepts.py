"""Concept markers: words of one concept (วัว, ควาย, โค…) share a feature.

The word groups live in ``consult/data/tagging/concepts_th.txt``.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from consult.tagging.text import topic_words

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "tagging" / "concepts_th.txt"
MARKER_PREFIX = "§"  # cannot occur in a token: tokens keep only letters and digits


class ConceptLexicon:
    """Finds the concepts named in a token list (one marker per mention)."""

    def __init__(self, groups: dict[str, list[str]]):
        # first token -> (the entry's token sequence, marker) for entries of several tokens
        self._multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._words: dict[str, list[str]] = {}
        single: dict[str, set[str]] = {}
        for concept, words in groups.items():
            marker = MARKER_PREFIX + concept
            self._words[marker] = []
            for word in words:
                tokens = tuple(topic_words(word))
                self._words[marker].extend(tokens)
                if len(tokens) == 1:
                    single.setdefault(tokens[0], set()).add(marker)
                elif tokens:
                    self._multi.setdefault(tokens[0], []).append((tokens, marker))
        self._single = {token: tuple(sorted(markers)) for token, markers in single.items()}
        self.fingerprint = hashlib.sha256(repr(sorted(groups.items())).encode()).hexdigest()

    @classmethod
    def parse(cls, text: str) -> ConceptLexicon:
        groups: dict[str, list[str]] = {}
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                concept, _, words = line.partition(":")
                groups.setdefault(concept.strip(), []).extend(words.split())
        return cls(groups)

    def words(self, marker: str) -> list[str]:
        """The tokens of all words of a concept."""
        return list(self._words[marker])

    def markers(self, tokens: list[str]) -> list[str]:
        found: list[str] = []
        for position, token in enumerate(tokens):
            found.extend(self._single.get(token, ()))
            for sequence, marker in self._multi.get(token, ()):
                if tuple(tokens[position : position + len(sequence)]) == sequence:
                    found.append(marker)
        return found


@lru_cache(maxsize=1)
def default_lexicon() -> ConceptLexicon:
    return ConceptLexicon.parse(LEXICON_PATH.read_text(encoding="utf-8"))
