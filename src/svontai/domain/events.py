"""System event codes: the stable names operators filter and alert on.

Every code the service records is listed here and nowhere else.
"""

from enum import StrEnum


class EventLevel(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class EventCode(StrEnum):
    LOGIN_FAILED = "auth.login_failed"
    LOGIN_THROTTLED = "auth.login_throttled"
    RATE_LIMITED = "rate_limited"
    QUOTA_EXHAUSTED = "quota_exhausted"
    PLAN_LIMIT_REACHED = "plan_limit_reached"
    LLM_FAILED = "answer.llm_failed"
    AUTOMATION_DELIVERY_FAILED = "automation.delivery_failed"
    WHATSAPP_SEND_FAILED = "whatsapp.send_failed"
