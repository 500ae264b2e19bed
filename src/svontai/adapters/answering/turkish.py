"""Turkish morphology on normalised ASCII words, as typed without Turkish letters.

Each function is a heuristic that errs towards removing too much: its result is one of several
stems of a word (see `stemming`), and two words match when any of their stems agree.
"""

import re

_VOWELS = frozenset("aeiou")
_FRONT_VOWEL = {"i": "i", "u": "ü", "o": "ö"}
_BACK_VOWEL = {"i": "ı", "u": "u", "o": "o"}
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
        elif letter == "g" and _between_vowels(word, index):
            letters[index] = "ğ"
    return "".join(letters)


def _between_vowels(word: str, index: int) -> bool:
    return 0 < index < len(word) - 1 and {word[index - 1], word[index + 1]} <= _VOWELS


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
    if not word.endswith(suffix) or len(stem) < _MIN_STEM_LENGTH:
        return False
    if not any(letter in _VOWELS for letter in stem):
        return False
    # Turkish puts a buffer letter between two vowels, so after a vowel the dative is "-ye" and
    # not "-e". The short instrumental "-le" follows consonants only, so "havale" is not "hava"
    # with "-le". A suffix is therefore removed only after the kind of letter it can follow.
    after_vowel = stem[-1] in _VOWELS
    if suffix[0] in _VOWELS or suffix in ("le", "la"):
        return not after_vowel
    if suffix[0] in "ynsm" and not suffix.startswith(("ler", "lar")):
        return after_vowel
    return True


# Conjugated Turkish verb forms in ASCII, each capturing the verb root: progressive "-iyor",
# ability "-ebil", aorist, past and participle "-di"/"-dik", infinitive, necessitative,
# optative and conditional endings, and the verbal noun "-me". "-me"/"-ma" also mark negation.
_VERB_FORMS = tuple(
    re.compile(pattern)
    for pattern in (
        r"^(?P<root>[a-z]{2,}?)(?:[iu]|[ae](?=y))?yor(?:um|sun|uz|sunuz|lar|du|dum|duk|sa|mus)?$",
        r"^(?P<root>[a-z]{2,}?)y?[ae]bil(?:ir|irim|iriz|irsiniz|iyor|ecek|se|sem|mek)?$",
        r"^(?P<root>[a-z]{2,}?)(?:me|ma)?y?[aeiu]r(?:im|um|sin|sun|iz|uz|siniz|sunuz|sem|sam)$",
        r"^(?P<root>[a-z]{2,}?)[iu]l[iu]r$",
        r"^(?P<root>[a-z]{3,}?)(?:me|ma)?[dt][iu](?:m|n|k|niz|nuz|gi|gu|gim|gum|ktan|kten)?$",
        r"^(?P<root>[a-z]{2,}?)(?:me|ma)?(?:mak|mek|meli|mali|meliyim|maliyim|sin|sun|sem|sam)$",
        r"^(?P<root>[a-z]{3,}?)(?:me|ma)$",
    )
)
_VERB_PASSES = 2


def strip_turkish_verb_endings(word: str) -> str:
    """Return the root of a conjugated Turkish verb ("açıyorsunuz" and "açılıyor" to "ac"), or
    the word itself when no verb form matches. The passive "-il" is removed from the root too."""
    for _ in range(_VERB_PASSES):
        matches = (form.match(word) for form in _VERB_FORMS)
        match = next((found for found in matches if found is not None), None)
        if match is None:
            break
        word = match.group("root")
    if len(word) >= 4 and word[-2] in "iu" and word[-1] in "ln" and word[-3] not in _VOWELS:
        return word[:-2]
    return word


# Endings of Turkish verb forms in ASCII: conditional, necessitative, ability, infinitive,
# imperative, past, first-person aorist, future and passive aorist. Aorist "-ir"/"-ar" is left
# out because too many nouns end that way.
_TURKISH_VERB_ENDINGS = (
    "sem", "sam", "seniz", "saniz", "meli", "mali", "meliyim", "maliyim", "ebilir", "abilir",
    "ebilirim", "abilirim", "ebiliriz", "abiliriz", "ebilirsiniz", "abilirsiniz", "mek", "mak",
    "sin", "sun", "di", "ti", "du", "tu", "dim", "tim", "dum", "tum", "dik", "tik", "duk",
    "tuk", "irim", "arim", "erim", "urum", "ecek", "acak", "ecegim", "acagim", "ilir", "ulur",
)  # fmt: skip


def looks_like_turkish_verb(word: str) -> bool:
    """Return True when a normalised word ends like a conjugated Turkish verb.

    The test is a guess from the ending, so some nouns ("kredi", "yemek") pass it too. It is
    stricter than `strip_turkish_verb_endings`, which also takes the verbal noun "-me" apart
    although such nouns ("ödeme", payment) often name the topic of a question.
    """
    return "yor" in word[2:] or (len(word) > 4 and word.endswith(_TURKISH_VERB_ENDINGS))
