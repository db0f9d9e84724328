"""The search index: one document per work and per author, and the vocabulary.

The full-text index itself lives beside these tables and is kept in step by
database triggers (migrations/0002): an FTS5 table on SQLite, a weighted
tsvector column on PostgreSQL.
"""

from __future__ import annotations

from django.db import models

from readingroom.catalog.models import Author, Work


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        WORK = "work"
        AUTHOR = "author"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    work = models.OneToOneField(Work, null=True, on_delete=models.CASCADE, related_name="+")
    author = models.OneToOneField(Author, null=True, on_delete=models.CASCADE, related_name="+")
    # Field weights, highest first: title > people > annotation > biography.
    title = models.TextField()
    people = models.TextField(blank=True)
    annotation = models.TextField(blank=True)
    biography = models.TextField(blank=True)
    # Facets.
    facet_author = models.ForeignKey(Author, null=True, on_delete=models.CASCADE, related_name="+")
    year = models.IntegerField(null=True)
    pages = models.IntegerField(null=True)

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"


class SearchTerm(models.Model):
    """A word that occurs in the catalog, for suggesting what a misspelt query meant."""

    term = models.CharField(max_length=100, unique=True)
    frequency = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.term
