"""Norwegian code lists shipped as package data: industry codes and kommune numbers.

See ``data/README.md`` for the source, date and derivation of every file.
"""

from akrim.codes import kommune, naering

__all__ = ["kommune", "naering"]
