"""Thai text normalisation and word segmentation for tagging, search and word counts.

Everything here runs offline: PyThaiNLP's newmm segmenter with its bundled dictionary and
its bundled stopword list.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from pythainlp.corpus import thai_stopwords
from pythainlp.tokenize.newmm import segment
from pythainlp.util import normalize as thai_normalize

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_THAI_DIGIT = re.compile("[๐-๙]")  # translate() is slow on Thai text; most has no Thai digit

# Everything that makes pythainlp.util.normalize change a text (a superset: the check may
# say yes when nothing changes). Most comments are clean, and the check is much cheaper
# than normalising, which would otherwise cost a quarter of the segmentation time.
_ABOVE_BELOW_VOWELS = "ัิีึืํ็ุู"
_TONE_MARKS = "่้๊๋"
_DANGLING = f"{_ABOVE_BELOW_VOWELS}{_TONE_MARKS}ฺ์ํ๎"
_NO_REPEAT = f"ะาำๅเแโใไ{_ABOVE_BELOW_VOWELS}ฺ์ํ๎"
_NEEDS_THAI_NORMALIZE = re.compile(
    "|".join(
        (
            "[\u200b\u200c\u0e45\u0e4d]",  # zero-width; lakkhangyao and nikhahit get rewritten
            "  | \n|\n |\n\n",
            "เเ",
            f"[{_TONE_MARKS}์][{_ABOVE_BELOW_VOWELS}]",
            f"[ะาำๅ][{_TONE_MARKS}]",
            f"[{_TONE_MARKS}]{{2}}",
            f"([{_NO_REPEAT}]) *\\1",
            f"^[{_DANGLING}]| [{_DANGLING}]",
        )
    )
)

# No Thai or English word has a letter three times in a row, so such runs are emphasis
# ("มากกกก", "sooo") and collapse to one letter.
_REPEATED_LETTER = re.compile(r"([ก-ฮa-z])\1{2,}")

_THAI_LETTER = re.compile(r"[ก-ฮะ-ฺเ-ๅ]")
_LATIN_WORD = re.compile(r"[a-z0-9]+(?:[-.,][a-z0-9]+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SHORT_LATIN = re.compile(r"[a-z]{1,3}")

# Spoken and north-eastern (Isan) particles and pronouns, plus common misspellings of
# function words, that PyThaiNLP's written-Thai stopword list lacks.
_SPOKEN_STOPWORDS = frozenset(
    """
    บ่ เฮา แหน่ เด้อ เด้ เดอ เนาะ สิ กะ ซิ
    คับ ครัช ฮะ ฮับ จ้า จ้ะ จ๊ะ ค่า คร้าบ งับ นะคะ นะครับ ครับผม ไห้ หนา เนอะ อยากได้
    """.split()
)
STOPWORDS = frozenset(thai_stopwords()) | _SPOKEN_STOPWORDS

# Village, subdistrict and district names are built from landscape words (หนอง pond,
# นา rice field, ป่า forest, ห้วย stream…), which must not count as the comment's topic.
_PLACE_PREFIXES = frozenset("บ้าน หมู่บ้าน ชุมชน ตำบล ต อำเภอ อ".split())
_PLACE_NAME_PARTS = tuple(
    "หนอง นา ป่า ห้วย บ่อ บึง สระ คลอง ทุ่ง ดง โคก ดอน โนน กุด ท่า วัง ภู ผา หิน ไร่ สวน คำ ซำ".split()
)


# Words whose first letters look like a topic word but mean something else: น้ำใจ (kindness)
# is not water, ข้าวของ (goods) not rice, ไฟแช็ก (a lighter) not electricity, หมอดู (a fortune
# teller) and หมอลำ (a singer) not doctors. The tagger's character n-grams, which catch
# spelling variants, would read them as the topic; for these words only the word itself
# counts. General Thai, written from knowledge of the language, not from labelled comments.
OTHER_SENSE_WORDS = frozenset(
    """
    น้ำใจ มีน้ำใจ น้ำใจงาม น้ำเสียง น้ำตา น้ำหนัก น้ำหอม น้ำแข็ง น้ำปลา น้ำพริก น้ำเปล่า
    น้ำอัดลม น้ำหวาน น้ำชา น้ำผึ้ง น้ำมัน น้ำมันเครื่อง น้ำมันพืช น้ำจิ้ม น้ำซุป น้ำผลไม้
    น้ำส้ม น้ำแกง น้ำลาย น้ำมูก น้ำคำ น้ำพระทัย
    ไฟแช็ก ไฟฉาย ไฟแนนซ์ ไฟลุก ไฟแรง
    ข้าวของ เครื่องใช้ข้าวของ กินข้าว ข้าวเช้า ข้าวเที่ยง ข้าวเย็น ข้าวต้ม ข้าวแกง ข้าวผัด
    ข้าวมันไก่ ข้าวกล่อง ข้าวห่อ ข้าวปลา ข้าวปลาอาหาร
    หมอดู หมอลำ หมอผี หมอพราหมณ์ หมอความ หมอน หมอก
    ป่าช้า ครูบา ครูบาอาจารย์ ถนนคนเดิน ทางออก ทางเลือก ตลาดหุ้น
    """.split()
)


def normalize(text: str) -> str:
    """Clean Thai spelling noise: invisible characters, doubled or misordered vowels and
    tone marks, Thai digits, emphasis letter runs; Latin letters are lowercased."""
    if _THAI_DIGIT.search(text):
        text = text.translate(_THAI_DIGITS)
    text = text.lower()
    if _NEEDS_THAI_NORMALIZE.search(text) or text[:1].isspace() or text[-1:].isspace():
        text = thai_normalize(text)
    return _REPEATED_LETTER.sub(r"\1", text)


# -- negation ---------------------------------------------------------------------------
#
# "ไม่มีปัญหาเรื่องน้ำ" and "เรื่องถนนไม่มีปัญหาแล้ว" name a topic only to say it is fine.
# A clause that says so loses its words for tagging. Most "ไม่" in comments is the complaint
# itself ("ไม่มีไฟฟ้าใช้", "ครูไม่พอ"), so only statements that a topic is fine count, and not
# when they are hoped for ("ขุดลอก จะได้ไม่มีปัญหาน้ำแล้ง", "อยากให้น้ำไม่ท่วม").
#
# Clauses end at whitespace, punctuation and contrast words (แต่, ส่วน…); a clause giving a
# reason (เพราะ…) right after a negated one is negated too ("ขยะไม่ใช่ปัญหา เพราะแยกขยะกัน").

_CLAUSE_BREAKS = frozenset("แต่ แต่ว่า ทว่า ส่วน ส่วนที่ ส่วนเรื่อง ขณะที่ นอกจากนี้ อีกเรื่อง".split())
# Thanks name what went well ("ขอบคุณการไฟฟ้า", "ขอบคุณที่ซ่อมถนนให้"), not what to do next.
_THANKS = ("ขอบคุณ", "ขอบใจ")
_THANKS_GO_ON = frozenset("ที่ สำหรับ ทุก ทุกคน ทุกท่าน".split())
_REASON_STARTS = frozenset("เพราะ เพราะว่า เนื่องจาก เนื่องจากว่า".split())
_NOTHING_WRONG = re.compile(
    "|".join(
        (
            "ไม่(?:ได้|ค่อย|ค่อยได้|เคย)?(?:มี|เป็น|ใช่)ปัญหา",  # no problem (any more)
            "ไม่(?:ได้|ค่อย)?(?:เดือดร้อน|ขาดแคลน|น่าห่วง|น่าเป็นห่วง)",
            "ไม่ต้องห่วง|ไม่มีอะไรต้องแก้",
            "ไม่ต้อง.{0,30}?แล้ว",  # not needed any more: "ไม่ต้องสร้างถนนเพิ่มแล้ว"
            "ไม่(?:ได้)?(?:ร้องเรียน|เรียกร้อง)",  # "I am not complaining about…"
            # fine already: "ดีอยู่แล้ว", "ครบหมดแล้ว", "ใช้ได้แล้ว" (not "ไม่ค่อยดีแล้ว")
            "(?<!ไม่)(?<!ค่อย)(?:ดีขึ้น|ดี|ครบ|สะดวก|เรียบร้อย|ทั่วถึง|โอเค|ใช้ได้)(?:ดี|หมด|ทุกอย่าง|ทุกบ้าน)?(?:อยู่)?แล้ว",
            # no longer in a bad state: "น้ำไม่ท่วมแล้ว", "ปีนี้ไม่แล้ง"
            "ไม่(?:ค่อย)?(?:ท่วม|แล้ง|พัง|ระบาด|ดับ|รั่ว|เหม็น|แห้ง|ชำรุด)",
        )
    )
)
# Hopes, purposes and conditions: "ไม่มีปัญหา" after them is a wish, not a statement.
_HOPED = re.compile("จะได้|เพื่อ|ถ้า|หาก|อยาก|ให้|ขอ(?!บ)|ต้องการ|กว่าจะ|ป้องกัน|คง|น่าจะ")
_PUNCTUATION = re.compile(r"[^\wๆ]+")


def _clauses(segments: list[str]) -> list[list[str]]:
    clauses: list[list[str]] = [[]]
    for segment_ in segments:
        if segment_.isspace() or segment_ in _CLAUSE_BREAKS or _PUNCTUATION.fullmatch(segment_):
            clauses.append([segment_])  # the break opens the next clause
        else:
            clauses[-1].append(segment_)
    return [clause for clause in clauses if clause]


def _says_nothing_is_wrong(clause: list[str]) -> bool:
    text = "".join(clause)
    found = _NOTHING_WRONG.search(text)
    return found is not None and not _HOPED.search(text, 0, found.start())


def without_negated_clauses(segments: list[str]) -> list[str]:
    """``segments`` without the clauses that say a topic is fine ("ถนนไม่มีปัญหาแล้ว")
    or thank someone for it."""
    joined = "".join(segments)
    if not ("ขอบ" in joined or _NOTHING_WRONG.search(joined)):  # most comments: no cue at all
        return segments
    kept: list[str] = []
    negated = thanking = False
    for clause in _clauses(segments):
        words = [s for s in clause if not (s.isspace() or _PUNCTUATION.fullmatch(s))]
        first = words[0] if words else ""
        # "ขอบคุณพี่ๆ อสม. ที่ช่วยจัดเก้าอี้": the thanks go on through a name set off by
        # spaces and through what the thanked one did (ที่…, สำหรับ…)
        thanking = first.startswith(_THANKS) or (thanking and (len(words) <= 1 or first in _THANKS_GO_ON))
        negated = thanking or (negated and first in _REASON_STARTS) or _says_nothing_is_wrong(clause)
        if not negated:
            kept.extend(clause)
        else:
            kept.append(" ")  # words on either side must not join into a phrase
    return kept


_LATIN, _SPACE, _THAI = 0, 1, 2
_SEGMENT_CACHE_LIMIT = 200_000
# segment -> (kind, word, starts like a place name part, is a place prefix, is kept)
_segment_cache: dict[str, tuple[int, str, bool, bool, bool]] = {}


def _segment_info(segment_: str) -> tuple[int, str, bool, bool, bool]:
    """What :func:`_words` needs to know of a segment, worked out once per distinct one."""
    if segment_.isspace():
        info = (_SPACE, "", False, False, False)
    elif not _THAI_LETTER.match(segment_):
        info = (_LATIN, "", False, False, False)
    else:
        word = segment_.replace("ๆ", "").replace(".", "")
        info = (
            _THAI,
            word,
            word.startswith(_PLACE_NAME_PARTS),
            word in _PLACE_PREFIXES,
            bool(word) and word not in STOPWORDS,
        )
    if len(_segment_cache) > _SEGMENT_CACHE_LIMIT:
        _segment_cache.clear()
    _segment_cache[segment_] = info
    return info


def _words(segments: list[str], keep_place_names: bool) -> list[str]:
    words: list[str] = []
    cache = _segment_cache
    latin_run = ""  # newmm cuts "pm2.5" and "5g" apart; neighbouring non-Thai pieces rejoin
    # a short Latin word, one space, a number: "pm 2.5" is written for "pm2.5"
    glue_number = False
    name_parts_left = 0
    for segment_ in (*segments, " "):
        kind, word, is_name_part, is_place_prefix, kept = cache.get(segment_) or _segment_info(segment_)
        if kind == _LATIN:
            latin_run += segment_
            continue
        if latin_run:
            pieces = _LATIN_WORD.findall(latin_run)
            for piece in pieces:
                if _NUMBER.fullmatch(piece):
                    piece = piece.replace(",", "")
                    if glue_number:
                        words[-1] += piece
                        glue_number = False
                        continue
                words.append(piece)
                glue_number = False
            glue_number = (
                bool(pieces) and latin_run.endswith(pieces[-1]) and bool(_SHORT_LATIN.fullmatch(pieces[-1]))
            )
            latin_run = ""
            name_parts_left = 0
        if kind == _SPACE:
            glue_number = glue_number and segment_ == " "
            name_parts_left = 0
            continue
        glue_number = False
        if name_parts_left and is_name_part:
            name_parts_left -= 1
            continue
        name_parts_left = 0 if keep_place_names or not is_place_prefix else 3
        if kept:
            words.append(word)
    return words


def _segments(text: str) -> list[str]:
    return segment(normalize(text)) if text and not text.isspace() else []


def tokenize(text: str) -> list[str]:
    """Meaningful words of ``text``: segmented, normalised, without stopwords,
    punctuation and whitespace; numbers are kept with Arabic digits."""
    return _words(_segments(text), keep_place_names=True)


def topic_words(text: str) -> list[str]:
    """:func:`tokenize` without the topic-like parts of place names (in "บ้านหนองบัว" or
    "ตำบลป่าแดง" the pond and the forest are names, not what the comment is about) and
    without clauses that say a topic is fine ("เรื่องน้ำไม่มีปัญหาแล้ว") or thank someone."""
    return _words(without_negated_clauses(_segments(text)), keep_place_names=False)


def segment_for_index(text: str) -> str:
    """Space-separated words for a full-text index (same words as :func:`tokenize`)."""
    return " ".join(tokenize(text))


def top_terms(texts: Iterable[str], n: int = 20) -> list[tuple[str, int]]:
    """The ``n`` most frequent words and two-word phrases, each counted once per text.

    Numbers are left out: on their own they tell a planner nothing.
    """
    counts: Counter[str] = Counter()
    for text in texts:
        words = [w for w in tokenize(text) if not w[0].isdigit()]
        phrases = {f"{a} {b}" for a, b in zip(words, words[1:]) if a != b}
        counts.update(set(words) | phrases)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]
