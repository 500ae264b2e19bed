import uuid
from datetime import timedelta

import pytest

from svontai.domain.conversations import (
    Channel,
    Conversation,
    ConversationStatus,
    Message,
    Sender,
    check_external_user_id,
    clean_message_text,
)
from svontai.domain.errors import ConflictError, InvalidTransitionError, ValidationError
from tests.unit.conversations.builders import CREATED

Status = ConversationStatus


def conversation(status: Status = Status.AI_ACTIVE, paused: bool = False) -> Conversation:
    return Conversation(
        uuid.uuid4(),
        uuid.uuid4(),
        uuid.uuid4(),
        Channel.WEB,
        "visitor-1",
        status,
        CREATED,
        CREATED,
        is_ai_paused=paused,
    )


@pytest.mark.parametrize(
    ("status", "paused", "expected"),
    [
        (Status.AI_ACTIVE, False, True),
        (Status.WAITING, False, True),
        (Status.AI_ACTIVE, True, False),
        (Status.HUMAN_TAKEOVER, False, False),
        (Status.CLOSED, False, False),
    ],
)
def test_bot_may_answer_only_open_unpaused_bot_conversations(
    status: Status, paused: bool, expected: bool
) -> None:
    assert conversation(status, paused).bot_may_answer is expected


def test_take_over_pauses_the_bot() -> None:
    subject = conversation(Status.WAITING)

    subject.take_over()

    assert subject.status is Status.HUMAN_TAKEOVER
    assert subject.is_ai_paused is True


def test_release_resumes_the_bot() -> None:
    subject = conversation(Status.HUMAN_TAKEOVER, paused=True)

    subject.release()

    assert subject.status is Status.AI_ACTIVE
    assert subject.is_ai_paused is False


@pytest.mark.parametrize("target", list(Status))
def test_closed_conversation_never_reopens(target: Status) -> None:
    subject = conversation(Status.CLOSED)

    if target is Status.CLOSED:
        subject.move_to(target)
        assert subject.status is Status.CLOSED
        return
    with pytest.raises(InvalidTransitionError):
        subject.move_to(target)


def test_human_takeover_cannot_become_waiting() -> None:
    subject = conversation(Status.HUMAN_TAKEOVER)

    with pytest.raises(InvalidTransitionError):
        subject.move_to(Status.WAITING)


def test_ensure_open_rejects_closed_conversation() -> None:
    with pytest.raises(ConflictError):
        conversation(Status.CLOSED).ensure_open()


def test_next_message_time_is_after_previous_message() -> None:
    subject = conversation()

    same_moment = subject.next_message_time(CREATED)
    later = subject.next_message_time(CREATED + timedelta(seconds=5))

    assert same_moment == CREATED + timedelta(microseconds=1)
    assert later == CREATED + timedelta(seconds=5)


def test_record_message_moves_last_activity_forward_only() -> None:
    subject = conversation()
    newer = CREATED + timedelta(minutes=1)

    subject.record_message(
        Message(uuid.uuid4(), subject.id, subject.tenant_id, Sender.USER, "a", newer)
    )
    subject.record_message(
        Message(uuid.uuid4(), subject.id, subject.tenant_id, Sender.USER, "b", CREATED)
    )

    assert subject.last_message_at == newer


def test_clean_message_text_trims_and_drops_nul() -> None:
    assert clean_message_text("  mer\x00haba \n") == "merhaba"


@pytest.mark.parametrize("text", ["", "   ", "\x00", "a" * 4001])
def test_clean_message_text_rejects_empty_or_long_text(text: str) -> None:
    with pytest.raises(ValidationError) as error:
        clean_message_text(text, "content")

    assert error.value.errors[0].field == "content"


def test_clean_message_text_allows_4000_characters() -> None:
    assert len(clean_message_text(" " + "a" * 4000 + " ")) == 4000


@pytest.mark.parametrize("value", ["abc", "shop:42_a.b-c", "x" * 128])
def test_check_external_user_id_accepts_allowed_characters(value: str) -> None:
    assert check_external_user_id(value) == value


@pytest.mark.parametrize("value", ["", "x" * 129, "a b", "ümit", "abc\n", "a/b"])
def test_check_external_user_id_rejects_others(value: str) -> None:
    with pytest.raises(ValidationError):
        check_external_user_id(value)
