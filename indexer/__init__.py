"""quote-index: read news articles, extract attributed quotes, index and search them."""

__version__ = "0.1.0"
