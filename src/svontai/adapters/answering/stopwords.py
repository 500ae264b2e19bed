"""Word lists used by the answering text functions.

The words are written as people type them, with Turkish letters. `text.py` passes every entry
through `normalise` once at import, so each list matches normalised input with or without
diacritics.
"""

# Function words, question particles and light verbs ("yapıyor musunuz", "alabilir miyim") that
# carry no topic. "kadar" and "zaman" are listed because "ne kadar" (how much, how long) and
# "ne zaman" (when) occur in questions about unrelated topics.
TURKISH_STOPWORDS: tuple[str, ...] = (
    "acaba", "ama", "ancak", "artık", "aslında", "bana", "bazı", "belki", "ben", "beni",
    "benim", "bi", "bilgi", "bilgisi", "bir", "biraz", "birkaç", "biz", "bize", "bizi", "bizim",
    "bu", "buna", "bunu", "bunun", "burada", "çok", "da", "daha", "de", "değil", "diye", "eder",
    "ederim", "edebilir", "edebilirim", "ediyor", "ediyorsunuz", "en", "gibi", "hakkında",
    "hangi", "hangisi", "hem", "hep", "her", "hiç", "için", "ile", "ise", "istiyorum",
    "istiyoruz", "isterim", "iyi", "kadar", "kaç", "ki", "kim", "lazım", "lütfen", "mi", "mı",
    "mu", "mü", "misiniz", "mısınız", "musunuz", "müsünüz", "miyim", "mıyım", "muyum", "müyüm",
    "miyiz", "mıyız", "mümkün", "ne", "neden", "nedir", "nasıl", "nerede", "nereden", "nereye",
    "niye", "o", "olabilir", "olacak", "olan", "olarak", "olsun", "olur", "olurum", "oluyor",
    "ona", "onu", "onun", "orada", "rica", "sen", "siz", "size", "sizde", "sizden", "sizi",
    "sizin", "şey", "şu", "şimdi", "teşekkür", "teşekkürler", "ve", "var", "veya", "ya", "yani",
    "yapabilir", "yapabilirim", "yapar", "yaparım", "yaparsınız", "yapıyor", "yapıyorum",
    "yapıyorsunuz", "yapılır", "yapılıyor", "yapmalı", "yapmalıyım", "yok", "zaman",
)  # fmt: skip

# The usual English function words plus the chat spellings visitors type ("u", "ur", "pls").
ENGLISH_STOPWORDS: tuple[str, ...] = (
    "a", "about", "also", "am", "an", "and", "any", "anything", "are", "as", "at", "available",
    "be", "been", "by", "can", "could", "d", "did", "do", "does", "dont", "for", "from", "get",
    "got", "had", "have", "has", "how", "i", "id", "if", "im", "in", "is", "it", "its", "ive",
    "just", "know", "let", "like", "ll", "m", "many", "may", "me", "might", "much", "must", "my",
    "need", "of", "offer", "ok", "okay", "on", "or", "our", "please", "pls", "plz", "possible",
    "provide", "re", "s", "shall", "should", "so", "some", "t", "tell", "than", "thank",
    "thanks", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "to", "too", "u", "ur", "us", "ve", "very", "want", "was", "we", "were", "what", "whats",
    "when", "where", "which", "who", "why", "will", "with", "would", "you", "your", "yours",
)  # fmt: skip

# Greeting phrases, each a sequence of words. A message counts as a greeting when it is made of
# these phrases and the fillers below only. One-word greetings are stopwords as well.
GREETING_PHRASES: tuple[tuple[str, ...], ...] = (
    ("merhaba",), ("merhabalar",), ("mrb",), ("mrhb",), ("selam",), ("selamlar",), ("slm",),
    ("sa",), ("selamün", "aleyküm"), ("selamünaleyküm",), ("aleyküm", "selam"), ("günaydın",),
    ("iyi", "günler"), ("iyi", "akşamlar"), ("iyi", "sabahlar"),
    ("kolay", "gelsin"), ("nasılsınız",), ("nasılsın",), ("hi",), ("hii",), ("hello",),
    ("helo",), ("hey",), ("heya",), ("hiya",), ("howdy",), ("hola",), ("yo",), ("greetings",),
    ("good", "morning"), ("good", "afternoon"), ("good", "evening"), ("good", "day"),
    ("how", "are", "you"), ("how", "r", "u"),
)  # fmt: skip

# Thanks and goodbyes, which end an exchange: a message made of these, greetings and the fillers
# below only gets no reply, rather than the fallback that would ask a human to look.
CLOSING_PHRASES: tuple[tuple[str, ...], ...] = (
    ("thanks",), ("thank", "you"), ("thankyou",), ("thx",), ("ty",), ("cheers",),
    ("bye",), ("goodbye",), ("good", "bye"), ("see", "you"), ("have", "a", "nice", "day"),
    ("have", "a", "good", "day"), ("that", "helps"), ("great",), ("perfect",),
    ("teşekkürler",), ("teşekkür", "ederim"), ("teşekkür", "ederiz"), ("tşk",), ("tşkler",),
    ("sağol",), ("sağolun",), ("sağ", "ol"), ("sağ", "olun"), ("eyvallah",),
    ("hoşça", "kal"), ("hoşça", "kalın"), ("hoşçakal",), ("hoşçakalın",), ("görüşürüz",),
    ("iyi", "çalışmalar"), ("iyi", "geceler"), ("harika",), ("süper",),
    ("for", "your", "help"), ("for", "the", "help"), ("for", "helping"), ("for", "the", "info"),
    ("for", "the", "information"), ("yardımınız", "için"), ("ilginiz", "için"),
)  # fmt: skip

# Words that may surround a greeting without adding a request ("hi there", "merhaba hocam").
GREETING_FILLERS: tuple[str, ...] = (
    "all", "everyone", "everybody", "folks", "friends", "guys", "team", "there", "again",
    "abi", "abla", "arkadaşlar", "efendim", "hocam", "dostum", "herkese", "size", "tekrar",
    "ya", "ve", "and", "very", "much", "so", "a", "lot", "many", "çok", "ok", "okay", "tamam",
    "peki",
)  # fmt: skip
