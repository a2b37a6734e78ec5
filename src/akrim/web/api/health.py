"""`GET /api/v1/health`: the server answers. Deliberately trivial (async: no worker thread): it
is also the baseline that bench/serve.py measures the seriousness check's throughput against."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter(prefix="/api/v1", tags=["health"])


class HealthOut(BaseModel):
    status: Literal["ok"]


@router.get("/health")
async def health() -> HealthOut:
    """Always `{"status": "ok"}` while the server runs; it reads no store."""
    return HealthOut(status="ok")
