"""The extractors, one module per stage; importing this package registers their spaCy factories."""

from . import entities, events, framing, positions, quotes, sources, timex  # noqa: F401
