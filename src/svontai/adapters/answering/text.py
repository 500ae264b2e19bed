"""Normalisation, term extraction and greeting detection for knowledge-base answering.

The same `terms` function feeds the full-text index and the search query, so a word must map
to the same terms whatever the language of the text around it. That is why every word is
stemmed with both the Turkish and the English Snowball stemmer and keeps both stems: visitors
mix the two languages, and a per-text language guess would stem the same word differently in
an item and in a question. Diacritics are removed before stemming, so "şubeleriniz" and
"subeleriniz" give identical terms.
"""

import re
import unicodedata
from collections.abc import Iterator

from svontai.adapters.answering.stemming import MAX_TERM_LENGTH, stems
from svontai.adapters.answering.stopwords import (
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
    """Fold case and diacritics, Turkish-aware, and turn everything but letters and digits
    into single spaces."""
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


_STOPWORDS = _normalised_set(TURKISH_STOPWORDS + ENGLISH_STOPWORDS)
_GREETING_FILLERS = _normalised_set(GREETING_FILLERS)
_GREETING_PHRASES = sorted(
    {tuple(normalise(" ".join(phrase)).split()) for phrase in GREETING_PHRASES},
    key=len,
    reverse=True,
)


def term_groups(text: str) -> Iterator[tuple[str, ...]]:
    """Yield, for each content word of `text` in order, its stems.

    A word matches another word when their groups share a stem. Stopwords are skipped.
    """
    for word in _WORD.findall(normalise(text)):
        if word not in _STOPWORDS:
            yield stems(word[:MAX_TERM_LENGTH])


def terms(text: str) -> list[str]:
    """Return the distinct search terms of `text` in first-seen order, at most
    `MAX_QUERY_TERMS`. Each term matches `[a-z0-9]+`, so it needs no quoting in FTS5 or
    tsquery syntax."""
    unique: dict[str, None] = {}
    for group in term_groups(text):
        unique.update(dict.fromkeys(group))
        if len(unique) >= MAX_QUERY_TERMS:
            break
    return list(unique)[:MAX_QUERY_TERMS]


def index_text(title: str | None, question: str, answer: str, tags: list[str]) -> str:
    """Build the space-separated terms stored in the full-text index for one item.

    Unlike `terms`, repeated words are kept and nothing is capped, so BM25 sees the real term
    frequencies. Title, question and tags count `HEADING_REPEAT` times.
    """
    heading = " ".join([title or "", question, *tags])
    heading_terms = [term for group in term_groups(heading) for term in group]
    answer_terms = [term for group in term_groups(answer) for term in group]
    return " ".join(heading_terms * HEADING_REPEAT + answer_terms)


def is_greeting(text: str) -> bool:
    """Return True when `text` consists of greetings and filler words only."""
    words = [_REPEATED_LETTER.sub(r"\1", word) for word in normalise(text).split()]
    if not words or len(words) > _MAX_GREETING_WORDS:
        return False
    greeted = False
    index = 0
    while index < len(words):
        length = _greeting_length(words, index)
        if length == 0 and words[index] not in _GREETING_FILLERS:
            return False
        greeted = greeted or length > 0
        index += max(length, 1)
    return greeted


def _greeting_length(words: list[str], index: int) -> int:
    for phrase in _GREETING_PHRASES:
        if tuple(words[index : index + len(phrase)]) == phrase:
            return len(phrase)
    return 0
