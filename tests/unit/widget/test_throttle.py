import pytest

from svontai.application.widget.throttle import WidgetLimits
from svontai.domain.errors import RateLimitedError
from tests.unit.conversations.builders import ChatUnitOfWork, add_bot, add_conversation, add_tenant
from tests.unit.widget.builders import Infrastructure


async def test_check_ip_rejects_after_limit() -> None:
    infrastructure = Infrastructure(
        limits=WidgetLimits(per_ip="2/minute", per_conversation="9/minute")
    )
    throttle = infrastructure.throttle()
    await throttle.check_ip("203.0.113.7")
    await throttle.check_ip("203.0.113.7")

    with pytest.raises(RateLimitedError) as error:
        await throttle.check_ip("203.0.113.7")

    assert error.value.retry_after >= 1


async def test_check_ip_counts_addresses_apart() -> None:
    infrastructure = Infrastructure(
        limits=WidgetLimits(per_ip="1/minute", per_conversation="9/minute")
    )
    throttle = infrastructure.throttle()
    await throttle.check_ip("203.0.113.7")

    await throttle.check_ip("203.0.113.8")

    assert infrastructure.limiter.hits["widget-ip:203.0.113.8"] == 1


async def test_rejections_record_one_event_per_key() -> None:
    infrastructure = Infrastructure(
        limits=WidgetLimits(per_ip="9/minute", per_conversation="1/minute")
    )
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    conversation = await add_conversation(uow, add_bot(uow, tenant))
    throttle = infrastructure.throttle()
    await throttle.check_conversation(conversation)

    for _ in range(3):
        with pytest.raises(RateLimitedError):
            await throttle.check_conversation(conversation)

    assert infrastructure.events.codes() == ["rate_limited"]
    event = infrastructure.events.events[0]
    assert event.tenant_id == tenant.id
    assert event.meta["conversation_id"] == str(conversation.id)
