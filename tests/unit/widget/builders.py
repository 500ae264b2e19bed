"""The services the widget use cases need, built from fakes."""

from dataclasses import dataclass, field

from svontai.application.conversations.message_quota import MessageQuota
from svontai.application.widget.send_message import WidgetServices
from svontai.application.widget.throttle import WidgetLimits, WidgetThrottle
from tests.unit.conversations.builders import CREATED
from tests.unit.fakes.infrastructure import FakeClock, FakeEventRecorder, FakeRateLimiter

GENEROUS = WidgetLimits(per_ip="1000/minute", per_conversation="1000/minute")


@dataclass
class Infrastructure:
    clock: FakeClock = field(default_factory=lambda: FakeClock(CREATED))
    limiter: FakeRateLimiter = field(default_factory=FakeRateLimiter)
    events: FakeEventRecorder = field(default_factory=FakeEventRecorder)
    limits: WidgetLimits = GENEROUS

    def throttle(self) -> WidgetThrottle:
        return WidgetThrottle(self.limiter, self.events, self.limits)

    def services(self) -> WidgetServices:
        quota = MessageQuota(self.limiter, self.events, self.clock)
        return WidgetServices(self.throttle(), quota, self.clock)
