from svontai.adapters.answering.stemming import stems
from svontai.adapters.answering.synonyms import (
    MAX_RELATED_TERMS,
    is_generic,
    related,
    related_terms,
)


def test_related_joins_both_languages() -> None:
    found = related(stems("close"))

    assert {"hours", "open", "saat"} <= found
    assert not found & set(stems("close"))


def test_related_empty_without_topic() -> None:
    assert related(stems("coffee")) == frozenset()


def test_short_stems_join_no_topic() -> None:
    # "ope" is a stem of "open", and "par" one of "para"; alone they name nothing.
    assert related(("ope",)) == frozenset()
    assert related(("par",)) == frozenset()


def test_related_terms_skip_own_terms() -> None:
    found = related_terms("opening hours")

    assert "close" in found
    assert "hours" not in found
    assert "opening" not in found


def test_related_terms_are_capped() -> None:
    found = related_terms("hours payment address refund delivery price phone cancel pool")

    assert len(found) == MAX_RELATED_TERMS


def test_related_terms_empty_without_topic() -> None:
    assert related_terms("köpeğimle gelebilir miyim") == []


def test_generic_words_are_recognised_in_both_languages() -> None:
    assert is_generic(stems("methods"))
    assert is_generic(stems("yontemleri"))
    assert not is_generic(stems("payment"))
