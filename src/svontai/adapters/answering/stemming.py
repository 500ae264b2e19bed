"""Language-independent stemming of normalised ASCII words.

Every word gets up to four stems, and two words match when they share one:

- the Snowball Turkish stem of the word with its Turkish letters guessed back,
- the Snowball English stem,
- the word without its Turkish noun suffixes,
- the root of the word read as a conjugated Turkish verb.

No language has to be chosen, so a word gives the same stems in an item and in a question
whatever language surrounds it. The extra Turkish stems make up for gaps of Snowball's Turkish
stemmer. It handles nouns only and leaves the possessive "-sı" in place, so "kahvesi" stays
apart from "kahve". It also keeps a suffix whose vowels do not harmonise with the stem, which is
common once diacritics are gone ("kartlari" stays whole).
"""

import threading
from functools import lru_cache

import snowballstemmer

from svontai.adapters.answering.turkish import (
    strip_turkish_suffixes,
    strip_turkish_verb_endings,
    turkish_spelling,
)

MAX_TERM_LENGTH = 40

_TO_ASCII = str.maketrans("ıüöğçşâîû", "iuogcsaiu")

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
    candidates = (
        turkish.translate(_TO_ASCII),
        english,
        strip_turkish_suffixes(word),
        strip_turkish_verb_endings(word),
    )
    found = [stem[:MAX_TERM_LENGTH] for stem in candidates if len(stem) > 1 and stem.isascii()]
    return tuple(dict.fromkeys(found)) or (word,)
