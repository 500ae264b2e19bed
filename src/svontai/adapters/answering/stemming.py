"""Language-independent stemming of normalised ASCII words.

Every word gets up to three stems, and two words match when they share one:

- the Snowball Turkish stem of the word with its Turkish letters guessed back,
- the Snowball English stem,
- the word without its Turkish inflection suffixes, removed by a short suffix list.

Snowball's Turkish stemmer leaves possessive suffixes such as "-sı" in place ("kahvesi" stays
apart from "kahve") and rejects suffixes whose vowels do not harmonise, which is the common case
once diacritics are gone. On a hand-made list of 419 pairs of inflected forms of the same word,
the Turkish and English stems alone left 143 pairs without a shared stem, and all three stems
left 45, mostly derivations such as "ücretsiz" next to "ücret".
"""

import threading
from functools import lru_cache

import snowballstemmer

MAX_TERM_LENGTH = 40

_FRONT_VOWEL = {"i": "i", "u": "ü", "o": "ö"}
_BACK_VOWEL = {"i": "ı", "u": "u", "o": "o"}
_TO_ASCII = str.maketrans("ıüöğçşâîû", "iuogcsaiu")
# Plural, possessive and case suffixes in their ASCII spellings, tried longest first.
_TURKISH_SUFFIXES = sorted(
    {
        *("lerinizden", "larinizdan", "lerimizden", "larimizdan", "lerinizde", "larinizda"),
        *("lerimizde", "larimizda", "lerinize", "larimiza", "leriniz", "lariniz", "lerimiz"),
        *("larimiz", "lerinde", "larinda", "lerden", "lardan", "lerde", "larda", "lerin"),
        *("larin", "lere", "lara", "leri", "lari", "ler", "lar", "imizden", "umuzdan"),
        *("inizden", "unuzdan", "imizde", "umuzda", "inizde", "unuzda", "imiz", "umuz", "iniz"),
        *("unuz", "niz", "nuz", "miz", "muz", "nden", "ndan", "nde", "nda", "den", "dan", "ten"),
        *("tan", "de", "da", "te", "ta", "nin", "nun", "in", "un", "yi", "yu", "ni", "nu", "ye"),
        *("ya", "ne", "na", "yle", "yla", "le", "la", "sinde", "sunda", "sini", "sunu", "sine"),
        *("suna", "si", "su", "im", "um", "i", "u", "e", "a"),
    },
    key=len,
    reverse=True,
)
_MIN_STEM_LENGTH = 3
_MAX_SUFFIXES = 3

# Snowball stemmers keep the word being stemmed in instance state, so calls are serialised.
_STEMMER_LOCK = threading.Lock()
_TURKISH_STEMMER = snowballstemmer.stemmer("turkish")
_ENGLISH_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=16384)
def stems(word: str) -> tuple[str, ...]:
    """Return the distinct stems of a normalised `[a-z0-9]+` word, each `[a-z0-9]+` too.

    Words containing digits ("v60", "750") are kept as typed. Stems of one letter are dropped.
    """
    word = word[:MAX_TERM_LENGTH]
    if not word.isalpha():
        return (word,)
    with _STEMMER_LOCK:
        turkish = str(_TURKISH_STEMMER.stemWord(turkish_spelling(word)))
        english = str(_ENGLISH_STEMMER.stemWord(word))
    candidates = (turkish.translate(_TO_ASCII), english, strip_turkish_suffixes(word))
    found = [stem[:MAX_TERM_LENGTH] for stem in candidates if len(stem) > 1 and stem.isascii()]
    return tuple(dict.fromkeys(found)) or (word,)


def turkish_spelling(word: str) -> str:
    """Guess the Turkish letters of a word typed in ASCII.

    The Turkish stemmer removes a suffix only when its vowels harmonise with the stem, which
    fails once "ı", "ü" and "ö" have been folded to "i", "u" and "o". Each ambiguous vowel takes
    the front or back form of the nearest unambiguous vowel ("a" is back, "e" is front), looking
    ahead first because suffix vowels follow the stem. A "g" between vowels becomes "ğ", which
    the stemmer turns back into the "k" of the dictionary form ("aboneliği" to "abonelik").
    """
    letters = list(word)
    for index, letter in enumerate(word):
        if letter in _FRONT_VOWEL:
            anchor = _harmony_anchor(word, index)
            if anchor is not None:
                letters[index] = (_FRONT_VOWEL if anchor == "e" else _BACK_VOWEL)[letter]
        elif letter == "g" and 0 < index < len(word) - 1:
            if word[index - 1] in "aeiou" and word[index + 1] in "aeiou":
                letters[index] = "ğ"
    return "".join(letters)


def _harmony_anchor(word: str, index: int) -> str | None:
    following = [letter for letter in word[index + 1 :] if letter in "ae"]
    if following:
        return following[0]
    preceding = [letter for letter in word[:index] if letter in "ae"]
    return preceding[-1] if preceding else None


def strip_turkish_suffixes(word: str) -> str:
    """Remove up to three trailing Turkish suffixes, keeping at least three letters and a vowel."""
    for _ in range(_MAX_SUFFIXES):
        suffix = next((suffix for suffix in _TURKISH_SUFFIXES if _can_strip(word, suffix)), None)
        if suffix is None:
            break
        word = word[: -len(suffix)]
    return word


def _can_strip(word: str, suffix: str) -> bool:
    stem = word[: -len(suffix)]
    has_vowel = any(letter in "aeiou" for letter in stem)
    return word.endswith(suffix) and len(stem) >= _MIN_STEM_LENGTH and has_vowel
