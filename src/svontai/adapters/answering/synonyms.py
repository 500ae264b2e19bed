"""Words that visitors and businesses use for the same customer-service topic.

A business writes "What are your opening hours?" and a visitor asks "when do you close?"; the
item says "payment methods" and the visitor asks "can I pay by card?". Stemming cannot join
such words, so each set below lists words of one topic, in English and Turkish. A message word
in a set also scores against the other words of its set, a little below a word of its own
(see `scoring`), and a second search looks for them when the message's own words find no
answer.

The sets stay narrow: a word joins a set only when, in a question to a business, it nearly
always means that topic. Broader sets found items for questions the knowledge base does not
answer.
"""

from functools import lru_cache

from svontai.adapters.answering.stemming import stems
from svontai.adapters.answering.text import content_words, term_groups

# Stems shorter than this join a set only as whole words, so a short stem of an unrelated word
# ("ope" of "open", "par" of "para") matches nothing.
_MIN_STEM_LENGTH = 4

_TOPICS: tuple[str, ...] = (
    # Opening hours, and the days visitors ask about.
    "hours open opening opens close closing closes closed weekend weekends saturday sunday "
    "saat saatleri saatler kacta acik acilis acilir aciliyor kapali kapanis kapaniyor kapanir "
    "mesai cumartesi pazar haftasonu",
    # Payment.
    "pay paying payment payments card cards credit debit cash transfer installments "
    "odeme odemeler odeyebilir kart karti kredi nakit havale eft taksit",
    # Where the business is.
    "address located location locations directions branch branches shop shops "
    "adres adresiniz adresi konum sube subeler subeniz magaza magazaniz",
    # Returns and refunds.
    "return returns returning refund refunds exchange iade degisim geri",
    # Delivery.
    "delivery deliver delivered arrive arrives arrival shipping ship ships dispatch "
    "teslimat teslim kargo kargom gonderim gelir gelmesi ulasir",
    # Prices.
    "price prices pricing cost costs fee fees charge fiyat fiyati fiyatlar fiyatlari ucret ucreti",
    # Contact.
    "phone call contact telephone telefon iletisim arayabilirim ulasabilirim",
    # Ending a contract.
    "cancel cancelling cancellation terminate iptal",
    # Putting a membership or subscription on hold.
    "freeze pause dondur dondurabilir dondurma durdur durdurabilir",
    # Swimming.
    "pool swim swimming havuz havuzu yuzme",
    # Lessons and trainers.
    "class classes lesson lessons course courses ders dersler dersleri kurs",
    "trainer trainers coach training antrenor egitmen",
    # Decaffeinated coffee.
    "decaf decaffeinated kafeinsiz",
    # Renting, repairs and warranties.
    "rent rents rental rentals renting hire hiring kirala kiralama kiralik",
    "repair repairs repaired fix fixing mend tamir tamiri onarim",
    "warranty warranties guarantee guaranteed garanti garantisi",
)


@lru_cache(maxsize=1)
def _topics() -> tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]]]:
    """Return, for every term of a topic, all the topic's terms and the topic's words."""
    terms_of: dict[str, frozenset[str]] = {}
    words_of: dict[str, tuple[str, ...]] = {}
    for topic in _TOPICS:
        words = tuple(content_words(topic))
        keys = frozenset(key for word in words for key in _keys(word))
        for key in keys:
            terms_of[key] = terms_of.get(key, frozenset()) | keys
            words_of[key] = tuple(dict.fromkeys(words_of.get(key, ()) + words))
    return terms_of, words_of


def _keys(word: str) -> set[str]:
    return {word} | {stem for stem in stems(word) if len(stem) >= _MIN_STEM_LENGTH}


def related(group: tuple[str, ...]) -> frozenset[str]:
    """Return the terms of the topic of a word, given its stems, other than the stems."""
    terms_of = _topics()[0]
    found = frozenset(term for stem in group for term in terms_of.get(stem, ()))
    return found.difference(group)


# The maximum number of topic words a message adds to its search.
MAX_RELATED_TERMS = 32


def related_terms(text: str) -> list[str]:
    """Return the words of the topics of the words of `text`, for the search.

    Only the topics' words are searched, not their other stems: the index contains every word
    whole, so the other stems would find the same items at a higher cost.
    """
    words_of = _topics()[1]
    own: set[str] = set()
    found: dict[str, None] = {}
    for group in term_groups(text):
        own.update(group)
        for stem in group:
            found.update(dict.fromkeys(words_of.get(stem, ())))
    return [word for word in found if word not in own][:MAX_RELATED_TERMS]


# Words that many questions to a business share whatever their topic: "Which payment *methods*
# do you *accept*?", "What is your return *policy*?". They weigh less than other words (see
# `scoring`).
_GENERIC = (
    "accept accepted take available offer offers provide method methods option options policy "
    "policies product products service services way ways kind kinds type types information "
    "info details "
    "kabul yontem yontemler yontemleri yontemlerini secenek secenekler secenekleri politika "
    "politikaniz hizmet hizmetiniz hizmetler urun urunler urunu bilgi tur cesit"
)


@lru_cache(maxsize=1)
def _generic_terms() -> frozenset[str]:
    return frozenset(key for word in content_words(_GENERIC) for key in _keys(word))


def is_generic(group: tuple[str, ...]) -> bool:
    """Tell whether a word, given its stems, is one that questions of any topic use."""
    return not _generic_terms().isdisjoint(group)
