"""Confidence that a knowledge-base item answers a visitor's message.

The score is the product of two coverages of the message's content words (see `text`):

- query coverage: the weighted share of the message's words that the item contains. A word in
  the title, question or tags counts 1, a fuzzy match (a typo or a leftover suffix) 0.85, a
  word of the same topic (`synonyms`: "close" for "opening hours") 0.8, a word found only in
  the answer 0.4 because long answers mention many things they are not about, and a name in
  the answer, such as the district of an address, 0.2. Numbers, Turkish verbs and words that
  questions of any topic use ("methods", "policy") weigh half as much as other words because
  they rarely name the topic.
- item coverage: the largest weighted share of the words of the item's title, question or one
  of its tags that the message contains, a word of the same topic counting 0.8 and a generic
  word weighing 0.3. It keeps "what time do you open" away from an item asking "what time
  does the delivery arrive", whose other words the message lacks.

A message in the other language than the item's question loses 20 %. Topic words join the two
languages, so without that a Turkish item found through them could outrank the English item
that answers an English question. Only the texts are used, so an item's score does not depend
on the rest of the knowledge base.
"""

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from svontai.adapters.answering.fuzzy import MIN_FUZZY_LENGTH, similar
from svontai.adapters.answering.stemming import stems
from svontai.adapters.answering.synonyms import is_generic, related
from svontai.adapters.answering.text import (
    compound_groups,
    content_words,
    language_of,
    term_groups,
)
from svontai.adapters.answering.turkish import looks_like_turkish_verb

# Measured with bench/eval_offline.py on the demo knowledge base. Apart from one outlier at
# 0.58, unanswerable questions scored at most 0.455, and the lowest-scoring answerable question
# above them that got the right item scored 0.495. 0.47 lies in the middle of that gap.
DEFAULT_ANSWER_THRESHOLD = 0.47

_FUZZY_MATCH = 0.85
# A word of the same topic (see `synonyms`), such as "close" for "opening hours".
_RELATED_MATCH = 0.8
_ANSWER_MATCH = 0.4
_NAME_MATCH = 0.2
_MINOR_WORD_WEIGHT = 0.5
# The weight of a generic word ("methods" in "Which payment methods do you accept?") in the item
# coverage: a visitor who asks "can I pay by card?" names the topic, not the item's wording.
_GENERIC_DESCRIPTOR_WEIGHT = 0.3
# Added to both sides of the query coverage so that one unmatched word in a two-word message
# costs less than half of the score.
_SMOOTHING = 0.25
_ITEM_COVERAGE_EXPONENT = 0.5
# Share of the item coverage that comes from the title or question alone, so that of two items
# matched equally well through their tags, the one whose title or question the message repeats
# ranks first.
_MAIN_SHARE = 0.05
_LANGUAGE_MISMATCH_FACTOR = 0.8
# Fuzzy matching compares every query word with every item term, so only the first distinct
# words of a long message are scored.
_MAX_QUERY_WORDS = 24

_SENTENCE_END = re.compile(r"[.!?]\s+")

Group = tuple[str, ...]
# A title, question or tag: (index in `_ItemTerms.descriptor_groups`, weight) for each of its
# words, and the sum of the weights.
Descriptor = tuple[tuple[tuple[int, float], ...], float]
# Terms that may match another fuzzily, by their first letter: `similar` only matches terms of
# five letters or more that start with the same letter, so the rest need no comparison.
FuzzyIndex = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class _ItemTerms:
    """Terms of one item.

    The title, the question and each tag, in that order, are the item's descriptors. Their
    word groups are listed once each in `descriptor_groups`, which the descriptors refer to.
    """

    heading: frozenset[str]
    answer: frozenset[str]
    names: frozenset[str]
    descriptor_groups: tuple[Group, ...]
    descriptors: tuple[Descriptor, ...]
    language: str | None
    fuzzy_heading: FuzzyIndex
    fuzzy_answer: FuzzyIndex


def confidence(query: str, title: str | None, question: str, answer: str, tags: list[str]) -> float:
    """Return how well the item answers `query`, from 0 (unrelated) to 1 (same question)."""
    message = _message_terms(query)
    if not message.weights:
        return 0.0
    item = _item_terms(title, question, answer, tuple(tags))
    score = _query_coverage(message, item) * _item_coverage(message, item)
    if None not in (message.language, item.language) and message.language != item.language:
        score *= _LANGUAGE_MISMATCH_FACTOR
    return score


@dataclass(frozen=True)
class _MessageTerms:
    """Stem groups of a visitor's message with their weights, all their stems, and the
    message's language."""

    weights: tuple[tuple[Group, float], ...]
    terms: frozenset[str]
    language: str | None
    fuzzy_terms: FuzzyIndex
    # The terms of each group's topic, in the order of `weights`, and all of them.
    related: tuple[frozenset[str], ...]
    related_terms: frozenset[str]


# A message is scored against every retrieved candidate, so its terms are computed once.
@lru_cache(maxsize=64)
def _message_terms(query: str) -> _MessageTerms:
    words = itertools.islice(dict.fromkeys(content_words(query)), _MAX_QUERY_WORDS)
    weights = {(group := stems(word)): _word_weight(word, group) for word in words}
    terms = frozenset(term for group in weights for term in group)
    topics = tuple(related(group) for group in weights)
    return _MessageTerms(
        tuple(weights.items()),
        terms,
        language_of(query),
        _fuzzy_index(terms),
        topics,
        frozenset().union(*topics) - terms,
    )


def _query_coverage(message: _MessageTerms, item: _ItemTerms) -> float:
    matched = sum(
        weight * _word_score(group, topic, item)
        for (group, weight), topic in zip(message.weights, message.related, strict=True)
    )
    total = sum(weight for _, weight in message.weights)
    return (matched + _SMOOTHING) / (total + _SMOOTHING)


def _item_coverage(message: _MessageTerms, item: _ItemTerms) -> float:
    # Titles and questions share words, so each group is matched once.
    matches = [_group_match(group, message) for group in item.descriptor_groups]
    coverages = [
        sum(weight * matches[index] for index, weight in groups) / total if groups else 0.0
        for groups, total in item.descriptors
    ]
    blended = (1 - _MAIN_SHARE) * max(coverages) + _MAIN_SHARE * max(coverages[:2])
    return float(blended**_ITEM_COVERAGE_EXPONENT)


@lru_cache(maxsize=1024)
def _item_terms(title: str | None, question: str, answer: str, tags: tuple[str, ...]) -> _ItemTerms:
    texts = (title or "", question, *tags)
    heading = _terms_with_compounds(texts)
    answer_terms = _terms_with_compounds([answer]) - heading
    names = _terms_with_compounds([" ".join(_names(answer))]) & answer_terms
    answer_terms -= names
    groups, descriptors = _descriptors(texts)
    return _ItemTerms(
        heading,
        answer_terms,
        names,
        groups,
        descriptors,
        language_of(question),
        _fuzzy_index(heading),
        _fuzzy_index(answer_terms),
    )


def _descriptors(texts: Iterable[str]) -> tuple[tuple[Group, ...], tuple[Descriptor, ...]]:
    """Return the distinct word groups of `texts` and a descriptor for each text."""
    index_of: dict[Group, int] = {}
    descriptors: list[Descriptor] = []
    for text in texts:
        pairs = []
        for group in term_groups(text):
            index = index_of.setdefault(group, len(index_of))
            pairs.append((index, _GENERIC_DESCRIPTOR_WEIGHT if is_generic(group) else 1.0))
        descriptors.append((tuple(pairs), sum(weight for _, weight in pairs)))
    return tuple(index_of), tuple(descriptors)


def _fuzzy_index(terms: Iterable[str]) -> FuzzyIndex:
    index: dict[str, list[str]] = {}
    for term in terms:
        if len(term) >= MIN_FUZZY_LENGTH:
            index.setdefault(term[0], []).append(term)
    return {letter: tuple(found) for letter, found in index.items()}


def _names(text: str) -> Iterator[str]:
    """Yield the capitalised words of `text` that do not start a sentence."""
    for sentence in _SENTENCE_END.split(text):
        for word in sentence.split()[1:]:
            if word[:1].isupper():
                yield word


def _terms_with_compounds(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(
        term
        for text in texts
        for group in (*term_groups(text), *compound_groups(text))
        for term in group
    )


def _word_weight(word: str, group: Group) -> float:
    if not word.isalpha() or looks_like_turkish_verb(word) or is_generic(group):
        return _MINOR_WORD_WEIGHT
    return 1.0


def _word_score(group: Group, topic: frozenset[str], item: _ItemTerms) -> float:
    if _matches_exactly(group, item.heading):
        return 1.0
    if _matches_fuzzily(group, item.fuzzy_heading):
        return _FUZZY_MATCH
    if topic and not topic.isdisjoint(item.heading):
        return _RELATED_MATCH
    if not all(stem.isalpha() for stem in group):
        # A number in an answer is usually a price, a time or an address, not the topic.
        return 0.0
    if _matches_exactly(group, item.names):
        return _NAME_MATCH
    if _matches_exactly(group, item.answer):
        return _ANSWER_MATCH
    if _matches_fuzzily(group, item.fuzzy_answer):
        return _ANSWER_MATCH * _FUZZY_MATCH
    if topic and not topic.isdisjoint(item.answer):
        return _ANSWER_MATCH * _RELATED_MATCH
    return 0.0


def _group_match(group: Group, message: _MessageTerms) -> float:
    """Return how well the message contains a word of the item: 1 for the word or a typo of it,
    `_RELATED_MATCH` for a word of its topic, 0 otherwise."""
    if not message.terms.isdisjoint(group) or _matches_fuzzily(group, message.fuzzy_terms):
        return 1.0
    if message.related_terms and not message.related_terms.isdisjoint(group):
        return _RELATED_MATCH
    return 0.0


def _matches_exactly(group: Group, terms: frozenset[str]) -> bool:
    return not terms.isdisjoint(group)


def _matches_fuzzily(group: Group, index: FuzzyIndex) -> bool:
    return any(
        similar(stem, term)
        for stem in group
        if len(stem) >= MIN_FUZZY_LENGTH
        for term in index.get(stem[0], ())
    )
