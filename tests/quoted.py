"""What the attribution table tests read of a text's quotes, written once for all of them."""
from __future__ import annotations

from indexer.extract import direct_quotations


def last(text):
    """The speaker of the last quote of text."""
    return list(direct_quotations(text))[-1].speaker


def found(text):
    """(first word, speaker, rule) of every quote of text."""
    return [(q.text.split()[0], q.speaker, q.rule) for q in direct_quotations(text)]
