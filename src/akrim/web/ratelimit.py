"""A rate limit on the public part (the seriousness check): a token bucket per client address.

Why in the app and not only in a proxy: `akrim serve` is also run as it is, and the public
check must not let one client read the register wholesale. A pure ASGI middleware, so that a
request it lets through costs a dictionary lookup, not a middleware task.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import orjson
from starlette.types import ASGIApp, Receive, Scope, Send

PUBLIC_PREFIXES = ("/seriousness", "/api/v1/seriousness")
_MAX_CLIENTS = 10_000


@dataclass
class _Bucket:
    tokens: float
    at: float


class PublicRateLimit:
    def __init__(self, app: ASGIApp, per_second: float, burst: int) -> None:
        self.app = app
        self.per_second = per_second
        self.burst = burst
        self.buckets: dict[str, _Bucket] = {}

    def _take(self, client: str, now: float) -> bool:
        bucket = self.buckets.get(client)
        if bucket is None:
            if len(self.buckets) >= _MAX_CLIENTS:  # forget the clients whose buckets are full
                self.buckets = {k: b for k, b in self.buckets.items()
                                if b.tokens + (now - b.at) * self.per_second < self.burst}
            bucket = self.buckets[client] = _Bucket(float(self.burst), now)
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.at) * self.per_second)
        bucket.at = now
        if bucket.tokens < 1:
            return False
        bucket.tokens -= 1
        return True

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] == "http" and self.per_second > 0
                and scope["path"].startswith(PUBLIC_PREFIXES)):
            client = scope.get("client")
            if not self._take(client[0] if client else "", time.monotonic()):
                await _too_many(send, self.per_second)
                return
        await self.app(scope, receive, send)


async def _too_many(send: Send, per_second: float) -> None:
    body = orjson.dumps({
        "type": "/problems/rate-limited", "title": "Too many requests", "status": 429,
        "detail": f"The public check allows {per_second:g} requests per second per client; "
                  "wait a moment, or use the batch check for many suppliers."})
    await send({"type": "http.response.start", "status": 429, "headers": [
        (b"content-type", b"application/problem+json"), (b"retry-after", b"1"),
        (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
