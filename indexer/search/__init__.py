"""The query API over the index; the CLI and the web app call these and nothing else to read it.

    ix = open_index(".quote-index")          # IndexNotFound (a clear message) when there is none
    ix = ix.pin()                            # every call from one generation (a request, a command)
    search(ix, '"stonewall penalty"', speaker="vagnati", since="2022")    # a SearchResult
    search_rows(ix, "penalty", limit=5000)   # the first 5000 hits in one search (CSV downloads)
    find_speaker(ix, "osimhan")  speakers(ix, "V")  complete_names(ix, "inz")
    speaker(ix, id)  speaker_quotes(ix, id, q)  article(ix, id)  cluster(ix, id)  stats(ix)
    export(ix, "quotes")  check_index(".quote-index")

One module per job: query.py (parsing), params.py (checking), facets.py, highlight.py,
spelling.py, names.py (look-up and completion), hits.py, entities.py (entity pages), export.py;
api.py runs a search. Below them, backend.py is the narrow interface to the engine and
whoosh_backend/ its Whoosh implementation, chosen in backends.py.
"""
from ..errors import BadParameter, IndexDamaged, IndexNotFound
from .api import Index, check_index, open_index, search, search_rows, speaker_quotes
from .entities import article, cluster, speaker, stats
from .export import ARTICLE_COLUMNS, EXPORT_KINDS, QUOTE_COLUMNS, export
from .facets import FACET_LIMIT, FACETS
from .names import complete_names, find_speaker, speakers
from .params import MAX_PER_PAGE, SCOPES, SORTS
from .query import MAX_QUERY_LENGTH

__all__ = ["ARTICLE_COLUMNS", "BadParameter", "EXPORT_KINDS", "FACETS", "FACET_LIMIT", "Index",
           "IndexDamaged", "IndexNotFound", "MAX_PER_PAGE", "MAX_QUERY_LENGTH", "QUOTE_COLUMNS", "SCOPES", "SORTS",
           "article", "check_index", "cluster", "complete_names", "export", "find_speaker", "open_index", "search", "search_rows",
           "speaker", "speaker_quotes", "speakers", "stats"]
