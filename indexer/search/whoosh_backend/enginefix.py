"""A fix to Whoosh's AndMaybe matcher, which dropped scores from the top of ranked pages.

To rank only the top N, Whoosh's TopCollector replaces the matcher as its lowest kept score
rises (`Matcher.replace`): a union `title:w OR text:w` whose body part can no longer lift a
document into the page becomes `AndMaybe(title:w, text:w)`. In whoosh-reloaded 2.7.5,
`AndMaybeMatcher.skip_to(id)` moves its optional part to `id` rather than to where its required
part landed; inside an intersection (two query words) the required part often lands past `id`,
the optional part stays behind, and the document there is scored without its body words. Over
the 22,192 bench articles, 2 of 1,000 two-word article searches lost a better article from
the first page this way (it came back scored right with `limit=None`). The optional part must
stand on the required part's document, as `next()` already does; `skip_to_quality` gets the
same guarantee. Applied once, when the backend is imported.
"""
from __future__ import annotations

from whoosh.matching import binary, mcore

_skip_to_quality = binary.AndMaybeMatcher.skip_to_quality


def _skip_to(self, id):
    """Move to the first match at or after id; the optional part to the required part's document."""
    if not self.a.is_active():
        raise mcore.ReadTooFar
    ra = self.a.skip_to(id)
    rb = False
    if self.a.is_active() and self.b.is_active():
        rb = self.b.skip_to(self.a.id())
    return ra or rb


def _skip_to_quality_synced(self, minquality):
    """Whoosh's block skipping, then the optional part brought to the required part's document."""
    skipped = _skip_to_quality(self, minquality)
    if self.a.is_active() and self.b.is_active() and self.b.id() < self.a.id():
        self.b.skip_to(self.a.id())
    return skipped


def apply() -> None:
    """Install the fix (idempotent)."""
    binary.AndMaybeMatcher.skip_to = _skip_to
    binary.AndMaybeMatcher.skip_to_quality = _skip_to_quality_synced


apply()
