"""The desk's search over its replica: badge holders and enterprises, as the operator types.

Every query is answered from an index, never by scanning a table:

- names (Chinese and others) by substring: side tables of every character and every pair of
  adjacent characters of each name (`index`), keyed by (gram, position, id). FTS5's trigram
  tokenizer cannot match the one- and two-character queries most Chinese names need; a pair
  table can, and the position column puts surname matches first. A longer query reads the
  rows of its rarest pair and keeps those whose name contains it.
- pinyin (full and initials), document numbers and badge codes by prefix, on the indexed
  columns the rows arrive with (`name_pinyin`, `name_initials`, `doc_number`, `badge.code`).
- the end of a document or phone number by prefix of the reversed value
  (`doc_number_rev`, `mobile_rev`).

Badge holders are enterprise personnel, host organisations' staff and their guests
(`people`); enterprises have their own search (`enterprises`) and the near-duplicate check
of a walk-in registration (`duplicates`).
"""

from desk.models.search.duplicates import NearDuplicate, near_duplicates
from desk.models.search.enterprises import EnterpriseHit, search_enterprises
from desk.models.search.index import (
    grams,
    install_search_index,
    pending_changes,
    rebuild_search_index,
    refresh_search_index,
    tune_connection,
    update_search_index,
)
from desk.models.search.lookup import Query
from desk.models.search.people import PAGE, PersonHit, find_scanned, people_hits, search_people

__all__ = [
    "PAGE",
    "EnterpriseHit",
    "NearDuplicate",
    "PersonHit",
    "Query",
    "find_scanned",
    "grams",
    "install_search_index",
    "near_duplicates",
    "pending_changes",
    "people_hits",
    "rebuild_search_index",
    "refresh_search_index",
    "search_enterprises",
    "search_people",
    "tune_connection",
    "update_search_index",
]
