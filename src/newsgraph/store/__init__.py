"""SQLite store: schema migrations, writing analyses, queries."""

from .db import Store, StoreError

__all__ = ["Store", "StoreError"]
