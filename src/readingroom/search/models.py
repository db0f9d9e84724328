"""The search index: one document per work and per author, and the vocabulary.

The full-text index itself lives beside these tables and is kept in step by
database triggers (migrations/0002, 0003): an FTS5 table on SQLite, a weighted
tsvector column (and one of facet tokens) on PostgreSQL.
"""

from __future__ import annotations

from django.db import models

from readingroom.catalog.models import Author, Work

from .text import SPELLING_LETTERS


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
    # The facets and sample levels as index tokens (search.facets.document_tokens).
    facets = models.TextField(blank=True, default="")

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"


class SearchTerm(models.Model):
    """A word that occurs in the catalog, for suggesting what a misspelt query meant."""

    term = models.CharField(max_length=100, unique=True)
    frequency = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.term


class SearchSpelling(models.Model):
    """A vocabulary word filed under one of its spellings (search.text.spellings).

    A misspelt query word is looked up by its own spellings: the words it may have
    meant come from the index, whatever the size of the vocabulary.
    """

    spelling = models.CharField(max_length=SPELLING_LETTERS)
    term = models.ForeignKey(SearchTerm, on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["spelling", "term"], name="search_spelling_term")]

    def __str__(self) -> str:
        return self.spelling
