"""newsgraph: news reporting as a structured, source-attributed record.

    >>> from newsgraph import analyze
    >>> analysis = analyze(text, published="2025-04-26")
    >>> analysis.quotes[0].speaker.name

``load_pipeline()`` gives the spaCy pipeline with our components for your own use;
``add_newsgraph_components(nlp)`` adds them to a pipeline of yours.
"""

from .analysis import analyze, analyze_articles
from .model import SCHEMA_VERSION, Analysis, Article
from .nlp import add_newsgraph_components, load_pipeline

__version__ = "0.1.0"
__all__ = [
    "SCHEMA_VERSION", "Analysis", "Article", "add_newsgraph_components", "analyze", "analyze_articles",
    "load_pipeline",
]
