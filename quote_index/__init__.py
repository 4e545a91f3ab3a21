"""The `quote-index` command: above both the library (`indexer`) and the web app (`webapp`)."""
