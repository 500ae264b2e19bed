from svontai.application.ports.rate_limiter import RateLimiter
from svontai.domain.errors import RateLimitedError


async def check_ip_limit(limiter: RateLimiter, limit: str, client_ip: str) -> None:
    """Count one sign-in or registration attempt from the address; raise when over `limit`."""
    retry_after = await limiter.hit(limit, f"auth-ip:{client_ip}")
    if retry_after is not None:
        raise RateLimitedError("Too many attempts from your address; try again later.", retry_after)
