"""Full-text search of the public laureates.

On PostgreSQL, French stemming (``config="french"``): « énergétiques » finds
« énergétique », with the title weighing more than the summary and the theme; results
come by relevance. Elsewhere (SQLite in development and tests), every word must appear
in the title, the summary or the theme, case-insensitively.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Q

SEARCH_FIELDS = ("title", "public_summary", "theme__name")


def search_projects(queryset, text):
    """``queryset`` narrowed to the projects matching ``text``; unchanged if it is blank."""
    text = " ".join(text.split())
    if not text:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        vector = (
            SearchVector("title", weight="A", config="french")
            + SearchVector("public_summary", weight="B", config="french")
            + SearchVector("theme__name", weight="B", config="french")
        )
        query = SearchQuery(text, config="french", search_type="websearch")
        return (
            queryset.annotate(search=vector, rank=SearchRank(vector, query))
            .filter(search=query)
            .order_by("-rank", "title", "pk")
        )
    for word in text.split():
        queryset = queryset.filter(
            Q.create([(f"{name}__icontains", word) for name in SEARCH_FIELDS], connector=Q.OR)
        )
    return queryset
