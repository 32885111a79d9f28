"""Turn files, folders, HTML and JSONL into Articles, reporting every bad input by name."""

from .clean import article_from_text, clean_text
from .readers import IngestProblem, read_inputs

__all__ = ["IngestProblem", "article_from_text", "clean_text", "read_inputs"]
