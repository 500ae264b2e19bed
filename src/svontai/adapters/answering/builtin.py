"""The default answerer: the best retrieved item's stored answer, or the bot's fallback."""

from svontai.adapters.answering.text import asks_for_human, is_closing, is_greeting
from svontai.application.ports.answer_generator import Answer, AnswerRequest, SearchHit


class BuiltinAnswerGenerator:
    """Implements `AnswerGenerator` without a network call.

    It only ever returns text the tenant wrote: the welcome message for a greeting, a knowledge
    item's answer, the handoff message when the visitor asks for a person and no item answers,
    or the fallback message. Thanks and goodbyes get no reply. It never composes an answer of
    its own.
    """

    def uses_history(self, allow_llm: bool) -> bool:
        return False

    async def answer(self, request: AnswerRequest) -> Answer:
        return builtin_answer(request)


def builtin_answer(request: AnswerRequest) -> Answer:
    """Pick the answer for `request` from its hits and the bot's threshold."""
    bot = request.bot
    if is_greeting(request.message):
        return Answer(bot.welcome_message, [], None, is_fallback=False, is_greeting=True)
    if is_closing(request.message):
        return Answer("", [], None, is_fallback=False, is_closing=True)

    best = best_hit(request.hits)
    if best is not None and best.confidence >= bot.answer_threshold:
        return Answer(best.item.answer, [best.item.id], best.confidence, is_fallback=False)

    confidence = best.confidence if best is not None else 0.0
    # Both move the conversation to `waiting`; the handoff message tells the visitor so.
    text = bot.handoff_message if asks_for_human(request.message) else bot.fallback_message
    return Answer(text, [], confidence, is_fallback=True)


def best_hit(hits: list[SearchHit]) -> SearchHit | None:
    """Return the hit with the highest confidence. The first one wins a tie."""
    return max(hits, key=lambda hit: hit.confidence, default=None)
