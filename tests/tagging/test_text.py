import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pythainlp.util import normalize as thai_normalize

from consult.tagging.features import token_ngrams
from consult.tagging.text import normalize, segment_for_index, tokenize, top_terms, topic_words

THAI_AND_MORE = st.text(
    alphabet=st.sampled_from(
        list("กขคงจนมยรลวสหอฤฦะัาำิีึืุูเแโใไๅ็่้๊๋์ํ๎ฺๆ๐๑๙") + [" ", "\n", "\t", "\u200b", "a", "Z", "7", ".", ","]
    ),
    max_size=12,
)


def test_normalize_cleans_thai_spelling_noise():
    assert normalize("เเม่ค้า") == "แม่ค้า"  # two sara e typed for sara ae
    assert normalize("ถนน\u200bพัง") == "ถนนพัง"
    assert normalize("ราคา ๑๒๓ บาท") == "ราคา 123 บาท"
    assert normalize("ดีมากกกก") == "ดีมาก"
    assert normalize("OTOP และ Wi-Fi") == "otop และ wi-fi"


@settings(max_examples=400, deadline=None)
@given(THAI_AND_MORE)
def test_normalize_skips_pythainlp_only_when_it_would_change_nothing(text):
    arabic = text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")).lower()
    expected = re.sub(r"([ก-ฮa-z])\1{2,}", r"\1", thai_normalize(arabic))
    assert normalize(text) == expected


def test_tokenize_empty_and_whitespace():
    assert tokenize("") == []
    assert tokenize("   \n\t ") == []
    assert tokenize("!!! ... :)") == []


def test_tokenize_mixed_thai_and_english_lowercases_latin():
    words = tokenize("อยากขายสินค้า OTOP ผ่าน Facebook กับ TikTok")
    assert {"otop", "facebook", "tiktok", "สินค้า"} <= set(words)
    assert all(word == word.lower() for word in words)


def test_tokenize_keeps_numbers_with_arabic_digits():
    assert "12500" in tokenize("ครูได้เงินเดือน ๑๒,๕๐๐ บาท")
    assert "9000" in tokenize("ค่าแรง 9,000 บาท")


def test_tokenize_keeps_names_with_digits_together():
    for text in ("ฝุ่น PM2.5 หนักมาก", "ฝุ่น pm 2.5 หนักมาก", "ฝุ่นPM2.5หนักมาก"):
        assert "pm2.5" in tokenize(text), text
    assert "covid-19" in tokenize("ช่วง COVID-19 ไม่มีงาน")


def test_tokenize_drops_mai_yamok_and_keeps_the_word():
    words = tokenize("เด็กๆ ชอบเล่นน้ำ")
    assert "เด็ก" in words
    assert not any("ๆ" in word for word in words)


def test_tokenize_removes_stopwords_spoken_particles_and_punctuation():
    words = tokenize("ขอให้ช่วยซ่อมถนนหน่อยนะครับ บ่มีไผมาเบิ่งเลยเด้อ!!")
    assert "ถนน" in words
    assert not {"ครับ", "นะ", "บ่", "เด้อ", "!!", " "} & set(words)


def test_tokenize_survives_typos_and_emphasis():
    assert "ต่ำ" in tokenize("ราคาข้าวตำ่มาก")  # tone mark typed before sara am
    assert tokenize("ถนนพังงงงง") == tokenize("ถนนพัง")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_tokenize_returns_clean_words_for_any_text(text):
    words = tokenize(text)
    assert all(word and not any(ch.isspace() for ch in word) for word in words)


def test_segment_for_index_is_the_tokens_joined():
    text = "น้ำท่วมนาข้าวที่บ้านหนองบัว ๒ ครั้งแล้ว"
    assert segment_for_index(text) == " ".join(tokenize(text))
    assert segment_for_index("") == ""


def test_topic_words_drop_landscape_words_of_place_names():
    assert "หนอง" in tokenize("internet บ้านหนองบัวช้ามาก")
    assert "หนอง" not in topic_words("internet บ้านหนองบัวช้ามาก")
    assert "ป่าแดง" not in topic_words("ต.ป่าแดง ไฟไหม้ทุกปี")
    assert "นา" in topic_words("ทางไปนาเป็นโคลน")  # not a name: a rice field


def test_top_terms_counts_words_and_pairs_once_per_text():
    terms = dict(top_terms(["ถนนพัง ถนนพัง", "ถนนพังมาก", "ไฟฟ้าดับ 3 วัน"], n=50))
    assert terms["ถนน"] == 2
    assert terms["ถนน พัง"] == 2
    assert "3" not in terms
    assert "มาก" not in terms  # stopword


def test_top_terms_orders_by_count_and_limits():
    terms = top_terms(["น้ำท่วม", "น้ำท่วม", "ไฟดับ"], n=1)
    assert terms == [("น้ำท่วม", 2)]
    assert top_terms([]) == []


# -- segmentation edge cases -----------------------------------------------------------


def test_tokenize_thai_digits_inside_names_and_numbers():
    assert "pm2.5" in tokenize("ฝุ่น pm๒.๕ หนัก")
    assert tokenize("ข้าวราคา๘,๕๐๐บาท") == tokenize("ข้าวราคา8,500บาท")
    assert "8500" in tokenize("ข้าวราคา๘,๕๐๐บาท")
    assert {"30", "5"} <= set(tokenize("ผู้สูงอายุ ๓๐ คนในหมู่ ๕"))


def test_tokenize_latin_without_spaces_and_repeated_mai_yamok():
    assert "facebook" in tokenize("ขายของผ่านFacebookได้ดี")
    assert "wifi" in tokenize("ขอWiFiฟรี")
    assert not any("ๆ" in word for word in tokenize("เน็ตช้าๆๆ ถนนพังๆ"))


def test_tokenize_typed_noise_gives_the_clean_words():
    assert tokenize("เเม่ค้าขายของ") == tokenize("แม่ค้าขายของ")  # two sara e for sara ae
    assert tokenize("ถนน\u200bพัง") == tokenize("ถนนพัง")  # zero-width space
    assert tokenize("น้ำท่วมมมม") == tokenize("น้ำท่วม")


# -- negation: clauses that say a topic is fine ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ไม่มีปัญหาเรื่องน้ำ",
        "เรื่องถนนไม่มีปัญหาแล้ว",
        "หมู่บ้านเราไม่ได้มีปัญหาเรื่องยาเสพติดเลย",
        "ไฟฟ้าประปาครบหมดแล้ว ไม่เดือดร้อนครับ",
        "ขยะไม่ใช่ปัญหาของตำบลเรา เพราะแยกขยะกันทุกบ้าน",  # the reason clause goes too
        "ปีนี้น้ำไม่ท่วมแล้ว",
        "ไฟทางใช้ได้แล้วครับ",
    ],
)
def test_topic_words_drop_clauses_saying_a_topic_is_fine(text):
    assert topic_words(text) == []
    assert tokenize(text)  # search and word counts still see every word


def test_negation_ends_at_the_clause():
    words = topic_words("ถนนไม่มีปัญหาแต่น้ำไม่พอใช้")
    assert "น้ำ" in words and "ถนน" not in words
    words = topic_words("ไม่มีปัญหาเรื่องน้ำท่วม ส่วนที่เดือดร้อนคือผู้ป่วยติดเตียง")
    assert "ผู้ป่วย" in words
    assert not any(word.startswith("น้ำ") for word in words)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("หมู่บ้านยังไม่มีไฟฟ้าใช้เลย", "ไฟฟ้า"),  # "ไม่มี" is the complaint itself
        ("ขยะเกลื่อนข้างทาง ไม่มีใครมาเก็บ", "ขยะ"),
        ("อยากให้ขุดลอกหนองน้ำ จะได้ไม่มีปัญหาน้ำแล้งอีก", "แล้ง"),  # a hope, not a statement
        ("ทำยังไงให้น้ำไม่ท่วมนาอีก", "ท่วม"),
        ("ถนนไม่ค่อยดีแล้ว เป็นหลุมเยอะ", "ถนน"),  # "not good any more"
        ("ถนนใช้ไม่ได้แล้ว", "ถนน"),
        ("ปกติแล้วน้ำท่วมทุกปี", "ท่วม"),  # "usually", not "back to normal"
    ],
)
def test_complaints_and_hopes_with_mai_keep_their_words(text, word):
    assert any(word in token for token in topic_words(text)), topic_words(text)


def test_other_sense_words_have_no_ngrams():
    assert token_ngrams("น้ำใจ") == []
    assert token_ngrams("ไฟแช็ก") == []
    assert "น้ำ" in token_ngrams("น้ำท่วม")


def test_thanks_are_not_a_topic_but_what_follows_them_is():
    assert topic_words("ขอบคุณพี่ๆ อสม. ที่ช่วยจัดเก้าอี้ให้ครับ") == []
    assert topic_words("ปีนี้ไฟฟ้าไม่ดับแล้วครับ ขอบคุณการไฟฟ้า") == []
    assert "ถนน" in topic_words("ขอบคุณครับ ถนนหน้าบ้านพังมาก")
    assert "แก้มลิง" in topic_words("ขอบคุณที่มาเก็บข้อมูลค่ะ อยากฝากเรื่องแก้มลิงหนองใหญ่")
