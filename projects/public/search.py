"""Full-text search of the public laureates, without regard to accents or case.

On PostgreSQL, French stemming (``config="french"``) over the unaccented texts:
« energetiques » finds « énergétique », with the title weighing more than the summary
and the theme; results come by relevance. Elsewhere (SQLite in development), every word
must appear, unaccented and in any case, in the title, the summary or the theme.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Q
from django.db.models.functions import Lower

from programme.text import Unaccent, strip_accents

SEARCH_FIELDS = ("title", "public_summary", "theme__name")
WEIGHTS = {"title": "A", "public_summary": "B", "theme__name": "B"}


def search_projects(queryset, text):
    """``queryset`` narrowed to the projects matching ``text``; unchanged if it is blank."""
    text = " ".join(strip_accents(text).split())
    if not text:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        vectors = [
            SearchVector(Unaccent(name), weight=WEIGHTS[name], config="french")
            for name in SEARCH_FIELDS
        ]
        vector = sum(vectors[1:], vectors[0])
        query = SearchQuery(text, config="french", search_type="websearch")
        return (
            queryset.annotate(search=vector, rank=SearchRank(vector, query))
            .filter(search=query)
            .order_by("-rank", "title", "pk")
        )
    queryset = queryset.annotate(
        **{f"plain_{index}": Lower(Unaccent(name)) for index, name in enumerate(SEARCH_FIELDS)}
    )
    for word in text.lower().split():
        queryset = queryset.filter(
            Q.create(
                [(f"plain_{index}__contains", word) for index in range(len(SEARCH_FIELDS))],
                connector=Q.OR,
            )
        )
    return queryset
