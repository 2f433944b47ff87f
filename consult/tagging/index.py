"""The full-text index of inputs: which words an input is found by.

Thai writes compounds without spaces and the segmenter keeps a dictionary compound whole
("แหล่งน้ำ", "น้ำท่วม"), yet a reader searching "น้ำ" expects both. So each word is indexed
with the dictionary words inside it as well; a query then matches whole index words.
"""

from functools import lru_cache

from pythainlp.corpus import thai_words
from pythainlp.tokenize import subword_tokenize
from sqlalchemy import insert

from consult.extensions import db
from consult.tagging.models import InputSearchText
from consult.tagging.text import tokenize

FTS_TABLE = "input_search_fts"
POSTGRESQL_INDEX = "ix_input_search_text_document"
# Made by migration 0006_tagging for one engine only, so not part of the models' metadata.
ENGINE_SPECIFIC_SEARCH = (FTS_TABLE, POSTGRESQL_INDEX)
MIN_PIECE_CHARS = 2


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    return frozenset(thai_words())


@lru_cache(maxsize=100_000)
def pieces_of(word: str) -> tuple[str, ...]:
    """The dictionary words a Thai compound is made of ("แหล่งน้ำ" → แหล่ง, น้ำ): the split into
    the fewest dictionary words, cut only between character clusters so that a vowel or tone
    mark stays with its consonant; nothing when the word does not split that way."""
    clusters = subword_tokenize(word, engine="tcc")
    if len(clusters) < 2:
        return ()
    bounds = [0]
    for cluster in clusters:
        bounds.append(bounds[-1] + len(cluster))
    dictionary = _dictionary()
    # best[i]: the fewest pieces covering word[:bounds[i]], with the split that gives it
    best: list[tuple[int, tuple[str, ...]] | None] = [(0, ())] + [None] * (len(bounds) - 1)
    for end in range(1, len(bounds)):
        for start in range(end):
            piece = word[bounds[start] : bounds[end]]
            if (
                best[start] is None
                or piece == word
                or len(piece) < MIN_PIECE_CHARS
                or piece not in dictionary
            ):
                continue
            count, pieces = best[start]
            if best[end] is None or count + 1 < best[end][0]:
                best[end] = (count + 1, pieces + (piece,))
    return tuple(dict.fromkeys(best[-1][1])) if best[-1] else ()


def province_word(province_code: str) -> str:
    """An index word naming the input's province: searches are always within one province, and
    matching it inside the index spares ranking the other provinces' matches. Thai text never
    segments into it (Latin letters glued to digits)."""
    return f"prov{province_code}"


def index_terms(text: str, province_code: str) -> str:
    """Space-separated index words: the province word, each word of the text, then its sub-words."""
    words = tokenize(text)
    extra = [piece for word in words for piece in pieces_of(word)]
    return " ".join([province_word(province_code), *words, *extra])


def index_input(item) -> None:
    """For a newly stored input, in the caller's transaction: the input and its index row
    commit together."""
    add_index_row(item.id, index_terms(item.text, item.province_code))


def add_index_row(input_id: int, terms: str) -> None:
    """The index row of a stored (flushed) input, in the caller's transaction, as one INSERT
    rather than a second flush of the session."""
    db.session.connection().execute(insert(InputSearchText.__table__).values(input_id=input_id, terms=terms))
