"""Corpus views over a store: stories, timelines, entity pages, the position matrix, the actor network.

Each view is a plain function taking a :class:`~newsgraph.store.Store`; the CLI and the web API
are thin layers over them.
"""

from .entity_page import co_occurring, entity_page
from .matrix import position_matrix
from .network import all_edges, network
from .stories import (
    count_stories,
    disagreements,
    group_stories,
    list_stories,
    regroup_stories,
    story_detail,
    story_of,
)
from .timeline import timeline

__all__ = [
    "all_edges",
    "co_occurring",
    "count_stories",
    "disagreements",
    "entity_page",
    "group_stories",
    "list_stories",
    "network",
    "position_matrix",
    "regroup_stories",
    "story_detail",
    "story_of",
    "timeline",
]
