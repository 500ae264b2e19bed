"""Fuzzy comparison of stemmed terms, for typos and suffixes that stemming left in place."""

# Terms shorter than this never match fuzzily (see `similar`).
MIN_FUZZY_LENGTH = 5
_MIN_SHARED_PREFIX = 0.7


def similar(first: str, second: str) -> bool:
    """Return True when two terms differ by a typo or a leftover suffix.

    Terms are similar when they share a prefix of at least five letters and 70 % of the shorter
    one, as "gonderiyor" and "gonderim" do. They are also similar when they start with the same
    letter and one edit (insert, delete, substitute or swap two neighbours) turns one into the
    other. Terms shorter than five letters never match fuzzily because short words collide too
    easily.
    """
    shorter = min(len(first), len(second))
    if shorter < MIN_FUZZY_LENGTH:
        return False
    # Most pairs differ early or in length, and the two slice and length checks below reject
    # them without the letter-by-letter comparisons.
    same_start = first[:MIN_FUZZY_LENGTH] == second[:MIN_FUZZY_LENGTH]
    if same_start and _shared_prefix_length(first, second) >= _MIN_SHARED_PREFIX * shorter:
        return True
    if abs(len(first) - len(second)) > 1:
        return False
    # People rarely mistype the first letter, and "iphone" is no typo of "phone".
    return first[0] == second[0] and _within_one_edit(first, second)


def _shared_prefix_length(first: str, second: str) -> int:
    length = 0
    for left, right in zip(first, second, strict=False):
        if left != right:
            break
        length += 1
    return length


def _within_one_edit(first: str, second: str) -> bool:
    if len(first) > len(second):
        first, second = second, first
    if len(second) - len(first) > 1:
        return False
    prefix = _shared_prefix_length(first, second)
    if len(first) < len(second):
        return first[prefix:] == second[prefix + 1 :]
    substituted = first[prefix + 1 :] == second[prefix + 1 :]
    swapped = first[prefix : prefix + 2] == second[prefix : prefix + 2][::-1]
    return substituted or (swapped and first[prefix + 2 :] == second[prefix + 2 :])
