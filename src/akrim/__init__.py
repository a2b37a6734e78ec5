"""akrim: register analysis against work-related crime (a-krim)."""

__version__ = "0.1.0"
