"""The chat sent to an LLM: instructions, the best retrieved items, recent turns, the message."""

from svontai.application.ports.answer_generator import AnswerRequest, SearchHit
from svontai.domain.bots import Bot
from svontai.domain.conversations import Message, Sender

NO_ANSWER_MARKER = "[[NO_ANSWER]]"
MAX_CONTEXT_ITEMS = 5
MAX_HISTORY_MESSAGES = 6
# Items scoring at least this share of the bot's answer threshold go to the model. The word
# overlap score can rank a relevant item a little low. The model tells it apart from an
# unrelated one, and the prompt makes it reply with the marker when no item fits.
CONTEXT_CONFIDENCE_FACTOR = 0.5

_SYSTEM_PROMPT = """\
You are "{bot_name}", the customer assistant of a business. Answer the visitor's last message \
using only the facts in the knowledge items below. Do not add facts that are not in them, and \
do not mention the items themselves. Reply in the language of the visitor's last message, \
briefly and politely. If the items do not contain the answer, reply with exactly {marker} and \
nothing else.

Knowledge items:
{items}"""

_ROLES = {Sender.USER: "user", Sender.BOT: "assistant", Sender.OPERATOR: "assistant"}


def context_hits(bot: Bot, hits: list[SearchHit]) -> list[SearchHit]:
    """Return the hits worth sending to the model, best first, at most `MAX_CONTEXT_ITEMS`."""
    minimum = bot.answer_threshold * CONTEXT_CONFIDENCE_FACTOR
    relevant = [hit for hit in hits if hit.confidence > 0 and hit.confidence >= minimum]
    relevant.sort(key=lambda hit: hit.confidence, reverse=True)
    return relevant[:MAX_CONTEXT_ITEMS]


def build_messages(request: AnswerRequest, context: list[SearchHit]) -> list[dict[str, str]]:
    """Build the chat: instructions with the items, the recent turns, then the visitor's text."""
    items = "\n\n".join(_format_item(number, hit) for number, hit in enumerate(context, 1))
    system = _SYSTEM_PROMPT.format(bot_name=request.bot.name, marker=NO_ANSWER_MARKER, items=items)
    turns = [
        {"role": _ROLES[message.sender], "content": message.content}
        for message in _recent_history(request.history, request.message)
        if message.sender in _ROLES
    ]
    return [
        {"role": "system", "content": system},
        *turns,
        {"role": "user", "content": request.message},
    ]


def _format_item(number: int, hit: SearchHit) -> str:
    title = f"{hit.item.title}\n" if hit.item.title else ""
    return f"[{number}] {title}Question: {hit.item.question}\nAnswer: {hit.item.answer}"


def _recent_history(history: list[Message], message: str) -> list[Message]:
    """Return the last turns before the current message.

    Callers may store the visitor's message before answering, so a history that already ends
    with it drops that copy: the model must see the message once.
    """
    turns = list(history)
    if turns and turns[-1].sender is Sender.USER and turns[-1].content == message:
        turns.pop()
    return turns[-MAX_HISTORY_MESSAGES:]
