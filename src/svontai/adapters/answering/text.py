"""Normalisation, term extraction and greeting detection for knowledge-base answering.

The same term extraction feeds the full-text index (`index_text`) and the search query
(`terms`). Words are folded to ASCII before stemming, so "şubeleriniz" and "subeleriniz" give
identical terms, and stemming does not depend on the language of the text (see `stemming`),
because visitors mix Turkish and English and a guessed language could differ between an item
and a question about it.
"""

import itertools
import re
import unicodedata
from collections.abc import Iterator

from svontai.adapters.answering.stemming import MAX_TERM_LENGTH, stems
from svontai.adapters.answering.stopwords import (
    CLOSING_PHRASES,
    ENGLISH_STOPWORDS,
    GREETING_FILLERS,
    GREETING_PHRASES,
    TURKISH_STOPWORDS,
)

MAX_QUERY_TERMS = 32
# Title, question and tags are repeated this many times in `index_text`. The index stores one
# column of terms, so repetition is the portable way, on both SQLite FTS5 and PostgreSQL, to
# make BM25 rank an item whose question names the topic above one whose answer mentions it.
HEADING_REPEAT = 2
_MAX_GREETING_WORDS = 8
_MAX_COMPOUND_LENGTH = 12

_TURKISH_I = str.maketrans({"İ": "i", "I": "i", "ı": "i"})
# Latin letters that NFD does not split into a base letter and a mark.
_UNDECOMPOSABLE = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ħ": "h"}
)
# Control, format, surrogate, private-use and unassigned characters, and combining marks.
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Me"})
_WORD = re.compile(r"[a-z0-9]+")
_REPEATED_LETTER = re.compile(r"(.)\1{2,}")


def normalise(text: str) -> str:
    """Fold `text` for matching: compose it (NFKC), remove control characters, fold case with
    all four Turkish i letters to "i", remove diacritics, and turn every run of characters other
    than letters and digits into one space."""
    composed = unicodedata.normalize("NFKC", text)
    folded = composed.translate(_TURKISH_I).casefold().translate(_UNDECOMPOSABLE)
    kept = "".join(_fold_character(char) for char in unicodedata.normalize("NFD", folded))
    return unicodedata.normalize("NFC", " ".join(kept.split()))


def _fold_character(char: str) -> str:
    if char.isspace():
        return " "
    if unicodedata.category(char) in _REMOVED_CATEGORIES:
        return ""
    return char if char.isalnum() else " "


def _normalised_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalise(word) for word in words)


_TURKISH_STOPWORDS = _normalised_set(TURKISH_STOPWORDS)
_ENGLISH_STOPWORDS = _normalised_set(ENGLISH_STOPWORDS)
_GREETING_FILLERS = _normalised_set(GREETING_FILLERS)
_GREETING = "greeting"
_CLOSING = "closing"
# Greetings and closings with their kind, longest first, so "good bye" is not read as "good".
_SMALL_TALK_PHRASES = sorted(
    {
        (kind, tuple(normalise(" ".join(phrase)).split()))
        for kind, phrases in ((_GREETING, GREETING_PHRASES), (_CLOSING, CLOSING_PHRASES))
        for phrase in phrases
    },
    key=lambda entry: len(entry[1]),
    reverse=True,
)
# Requests for a person, on normalised text: "can I talk to a human", "temsilciye bağlar
# mısınız", "canlı destek".
_HUMAN_REQUEST = re.compile(
    r"\b(?:(?:talk|speak|chat)\s+(?:to|with)\s+(?:a\s+|an\s+|your\s+|some\s*)?"
    r"(?:real\s+|live\s+)?(?:human|person|people|agent|representative|operator|staff|one|body)"
    r"|real\s+(?:human|person)|human\s+(?:agent|being|support)|live\s+(?:agent|support|chat)"
    r"|temsilci\w*|canli\s+destek|yetkili\w*|gercek\s+(?:bir\s+)?(?:kisi|insan)\w*"
    r"|insanla|operator\w*)\b"
)
# One-word greetings carry no topic either, so "slm, kaçta açılıyorsunuz" searches for the rest.
_STOPWORDS = (
    _TURKISH_STOPWORDS
    | _ENGLISH_STOPWORDS
    | {phrase[0] for _, phrase in _SMALL_TALK_PHRASES if len(phrase) == 1}
)
_TURKISH_LETTERS = frozenset("çğıİöşüÇĞÖŞÜ")
_TURKISH_ENDINGS = ("de", "da", "den", "dan", "siniz", "sunuz", "iniz", "imiz", "ler", "lar", "yor")
_ENGLISH_ENDINGS = ("ing", "tion", "ness", "ed", "ly")


def content_words(text: str) -> Iterator[str]:
    """Yield the normalised words of `text` that are not stopwords or single letters, cut to
    `MAX_TERM_LENGTH`."""
    for word in _words(text):
        if len(word) > 1 or word.isdigit():
            yield word


def _words(text: str) -> Iterator[str]:
    for word in _WORD.findall(normalise(text)):
        if word not in _STOPWORDS:
            yield word[:MAX_TERM_LENGTH]


def term_groups(text: str) -> Iterator[tuple[str, ...]]:
    """Yield, for each content word of `text` in order, its stems.

    A word matches another word when their groups share a stem. Stopwords are skipped.
    """
    for word in content_words(text):
        yield stems(word)


def compound_groups(text: str) -> Iterator[tuple[str, ...]]:
    """Yield the stems of each pair of neighbouring content words written as one word.

    Compounds are written both ways ("yurt dışı" and "yurtdışı", "Wi-Fi" and "wifi"), so an
    item's text also yields the joined form and matches a visitor who joins the words.
    """
    for first, second in itertools.pairwise(_words(text)):
        if len(first) + len(second) <= _MAX_COMPOUND_LENGTH:
            yield stems(first + second)


def terms(text: str) -> list[str]:
    """Return the distinct search terms of `text`, at most `MAX_QUERY_TERMS`.

    The stems of the words come first, in the order of the words, then those of joined word
    pairs. Each term matches `[a-z0-9]+`, so it forms no FTS5 or tsquery syntax.
    """
    unique: dict[str, None] = {}
    for group in itertools.chain(term_groups(text), compound_groups(text)):
        unique.update(dict.fromkeys(group))
        if len(unique) >= MAX_QUERY_TERMS:
            break
    return list(unique)[:MAX_QUERY_TERMS]


def index_text(title: str | None, question: str, answer: str, tags: list[str]) -> str:
    """Build the space-separated terms stored in the full-text index for one item.

    Unlike `terms`, repeated words are kept and nothing is capped, so BM25 sees the real term
    frequencies. Title, question and tags count `HEADING_REPEAT` times.
    """
    heading_terms = [
        term
        for text in (title or "", question, *tags)
        for group in (*term_groups(text), *compound_groups(text))
        for term in group
    ]
    answer_terms = [
        term for group in (*term_groups(answer), *compound_groups(answer)) for term in group
    ]
    return " ".join(heading_terms * HEADING_REPEAT + answer_terms)


def language_of(text: str) -> str | None:
    """Guess whether `text` is Turkish ("tr") or English ("en"), or return None when the
    evidence is even.

    Evidence for Turkish is a Turkish stopword, a Turkish letter or a typical Turkish ending
    ("izmirde", "neredesiniz"). Evidence for English is an English stopword or an English
    letter pattern ("w", "th", "-ing").
    """
    words = normalise(text).split()
    turkish = sum(1 for char in text if char in _TURKISH_LETTERS)
    turkish += sum(1 for word in words if _looks_turkish(word))
    english = sum(1 for word in words if _looks_english(word))
    if turkish == english:
        return None
    return "tr" if turkish > english else "en"


def _looks_turkish(word: str) -> bool:
    return word in _TURKISH_STOPWORDS or (len(word) > 4 and word.endswith(_TURKISH_ENDINGS))


def _looks_english(word: str) -> bool:
    if word in _ENGLISH_STOPWORDS:
        return True
    return "w" in word or "th" in word or (len(word) > 4 and word.endswith(_ENGLISH_ENDINGS))


def is_greeting(text: str) -> bool:
    """Return True when `text` consists of greetings and filler words only."""
    return _small_talk(text) == {_GREETING}


def is_closing(text: str) -> bool:
    """Return True when `text` thanks or says goodbye, with greetings and filler words only."""
    return _CLOSING in _small_talk(text)


def asks_for_human(text: str) -> bool:
    """Return True when `text` asks to talk to a person rather than the bot."""
    return _HUMAN_REQUEST.search(normalise(text)) is not None


def _small_talk(text: str) -> set[str]:
    """Return the kinds of phrase `text` is made of, or an empty set when it has other words."""
    words = [_REPEATED_LETTER.sub(r"\1", word) for word in normalise(text).split()]
    if not words or len(words) > _MAX_GREETING_WORDS:
        return set()
    kinds = set()
    index = 0
    while index < len(words):
        kind, length = _phrase_at(words, index)
        if kind is None:
            if words[index] not in _GREETING_FILLERS:
                return set()
        else:
            kinds.add(kind)
        index += max(length, 1)
    return kinds


def _phrase_at(words: list[str], index: int) -> tuple[str | None, int]:
    for kind, phrase in _SMALL_TALK_PHRASES:
        if tuple(words[index : index + len(phrase)]) == phrase:
            return kind, len(phrase)
    return None, 0
