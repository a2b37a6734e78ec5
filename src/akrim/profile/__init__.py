"""An actor's profile for the analysts: register facts over time, roles, employees per month,
and what the indicators and the priority list say (with `akrim.scoring.explain`)."""

from akrim.profile.read import Profile, Row, profile

__all__ = ["Profile", "Row", "profile"]
