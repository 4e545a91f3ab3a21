"""The query API over the index; the CLI and the web app call these and nothing else to read it.

    ix = open_index(".quote-index")          # IndexNotFound (a clear message) when there is none
    ix = ix.pin()                            # every call from one generation (a request, a command)
    search(ix, '"stonewall penalty"', speaker="vagnati", since="2022")    # a SearchResult
    check(ix, "VAR did not call me")          # check a quote: the closest quotes, who, where first
    search_rows(ix, "penalty", limit=5000)   # the first 5000 hits in one search (CSV downloads)
    find_speaker(ix, "osimhan")  speakers(ix, "V", sort="count")  complete_names(ix, "inz")
    speaker(ix, id, sort="newest")  speaker_quotes(ix, id, q)  article(ix, id)  cluster(ix, id)
    stats(ix)  query_examples(ix)  export(ix, "quotes")  check_index(".quote-index")
    warm(ix)                                 # before a server listens: the first request is fast

One module per job: query.py (parsing), params.py (checking), facets.py, highlight.py,
spelling.py, names.py (look-up and completion), people.py (the list of speakers), outlets.py,
hits.py, entities.py (entity pages), check.py (check a quote), diff.py (word differences),
examples.py (query help), export.py; api.py runs a search. Below them, backend.py is the narrow interface to the engine and
whoosh_backend/ its Whoosh implementation, chosen in backends.py.
"""
from ..errors import BadParameter, IndexDamaged, IndexNotFound
from .api import Index, check_index, open_index, search, search_rows, speaker_quotes
from .check import check
from .entities import SPEAKER_SORTS, article, cluster, speaker, stats, warm
from .examples import query_examples
from .export import ARTICLE_COLUMNS, EXPORT_KINDS, QUOTE_COLUMNS, export
from .facets import FACET_LIMIT, FACETS
from .names import complete_names, find_speaker, speaker_by_id
from .params import LOW_CONFIDENCE, MAX_PER_PAGE, SCOPES, SORTS
from .people import KINDS, SPEAKER_ORDERS, speakers
from .query import MAX_QUERY_LENGTH

__all__ = ["ARTICLE_COLUMNS", "BadParameter", "EXPORT_KINDS", "FACETS", "FACET_LIMIT", "Index",
           "IndexDamaged", "IndexNotFound", "KINDS", "LOW_CONFIDENCE", "MAX_PER_PAGE", "MAX_QUERY_LENGTH",
           "QUOTE_COLUMNS", "SCOPES", "SORTS", "SPEAKER_ORDERS", "SPEAKER_SORTS", "article", "check",
           "check_index", "cluster", "complete_names", "export", "find_speaker", "open_index",
           "query_examples", "search", "search_rows", "speaker", "speaker_by_id", "speaker_quotes",
           "speakers", "stats", "warm"]
