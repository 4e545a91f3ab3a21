"""Corpus-level resolution: one speaker across articles (`identities`), one quote across outlets (`clusters`)."""
