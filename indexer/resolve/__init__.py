"""Corpus-level resolution: one speaker across articles, one quote across outlets."""
