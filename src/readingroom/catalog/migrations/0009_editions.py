"""Editions under works: the edition a work's guide cited (publisher, place, year,
ISBN, with the page count beside them) becomes an Edition row, named by the work and
by its source's guide entries; so does what a work merged from another source cited."""

import django.db.models.deletion
from django.db import migrations, models

import readingroom.catalog.validators

_EDITION_FIELDS = {
    "edition_year": "year",
    "publisher": "publisher",
    "place": "place",
    "isbn": "isbn",
}


def _cited(values, pages):
    said = {new: values.get(old) for old, new in _EDITION_FIELDS.items()}
    if not any(said.values()):
        return None
    return {**{k: v or "" for k, v in said.items()}, "year": said["year"], "pages": pages}


def to_editions(apps, schema_editor):
    Work = apps.get_model("catalog", "Work")
    Edition = apps.get_model("catalog", "Edition")
    GuideEntry = apps.get_model("catalog", "GuideEntry")
    MergedRecord = apps.get_model("catalog", "MergedRecord")
    for work in Work.objects.iterator():
        said = _cited({k: getattr(work, k) for k in _EDITION_FIELDS}, work.pages)
        if said is None:
            continue
        edition = Edition.objects.create(
            work=work,
            source_id=work.source_id,
            line_start=work.line_start,
            line_end=work.line_end,
            **said,
        )
        work.edition = edition
        work.save(update_fields=["edition"])
        merged = MergedRecord.objects.filter(work=work).exclude(source=None)
        GuideEntry.objects.filter(work=work).exclude(
            source_id__in=merged.values_list("source_id", flat=True)
        ).update(edition=edition)
    for position, record in enumerate(MergedRecord.objects.filter(kind="work"), 1):
        fields = dict(record.fields)
        said = _cited(fields, fields.get("pages"))
        for old in _EDITION_FIELDS:
            fields.pop(old, None)
        if said is not None:
            edition = Edition.objects.create(
                work_id=record.work_id,
                source_id=record.source_id,
                line_start=record.line_start,
                line_end=record.line_end,
                position=position,
                **said,
            )
            if record.source_id is not None:
                GuideEntry.objects.filter(
                    work_id=record.work_id, source_id=record.source_id
                ).update(edition=edition)
        record.fields = fields
        record.save(update_fields=["fields"])


def from_editions(apps, schema_editor):
    Work = apps.get_model("catalog", "Work")
    for work in Work.objects.exclude(edition=None).select_related("edition"):
        edition = work.edition
        work.edition_year, work.publisher = edition.year, edition.publisher
        work.place, work.isbn = edition.place, edition.isbn
        work.save(update_fields=list(_EDITION_FIELDS))


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0008_identifiers"),
    ]

    operations = [
        migrations.CreateModel(
            name="Edition",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "line_start",
                    models.PositiveIntegerField(
                        blank=True,
                        null=True,
                        validators=[readingroom.catalog.validators.Limit("work", "line_start")],
                    ),
                ),
                (
                    "line_end",
                    models.PositiveIntegerField(
                        blank=True,
                        null=True,
                        validators=[readingroom.catalog.validators.Limit("work", "line_end")],
                    ),
                ),
                (
                    "year",
                    models.IntegerField(
                        blank=True,
                        null=True,
                        validators=[readingroom.catalog.validators.Limit("edition", "year")],
                    ),
                ),
                (
                    "publisher",
                    models.CharField(
                        blank=True,
                        max_length=255,
                        validators=[readingroom.catalog.validators.Limit("edition", "publisher")],
                    ),
                ),
                (
                    "place",
                    models.CharField(
                        blank=True,
                        help_text="Where it was published.",
                        max_length=255,
                        validators=[readingroom.catalog.validators.Limit("edition", "place")],
                    ),
                ),
                (
                    "pages",
                    models.PositiveIntegerField(
                        blank=True,
                        null=True,
                        validators=[readingroom.catalog.validators.Limit("edition", "pages")],
                    ),
                ),
                (
                    "isbn",
                    models.CharField(
                        blank=True,
                        help_text="ISBN-13 or ISBN-10, digits only, its check digit verified.",
                        max_length=13,
                        validators=[readingroom.catalog.validators.Limit("edition", "isbn")],
                        verbose_name="ISBN",
                    ),
                ),
                (
                    "translator",
                    models.CharField(
                        blank=True,
                        help_text="As the edition credits them.",
                        max_length=255,
                        validators=[readingroom.catalog.validators.Limit("edition", "translator")],
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        blank=True,
                        help_text='Its language, as a name or a tag ("English", "de").',
                        max_length=64,
                        validators=[readingroom.catalog.validators.Limit("edition", "language")],
                    ),
                ),
                (
                    "position",
                    models.PositiveIntegerField(
                        default=0,
                        validators=[readingroom.catalog.validators.Limit("edition", "position")],
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="catalog.source",
                    ),
                ),
                (
                    "work",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="editions",
                        to="catalog.work",
                    ),
                ),
            ],
            options={
                "ordering": ["work", "position", "pk"],
            },
        ),
        migrations.AddField(
            model_name="guideentry",
            name="edition",
            field=models.ForeignKey(
                blank=True,
                help_text="The edition the guide cites.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="entries",
                to="catalog.edition",
            ),
        ),
        migrations.AddField(
            model_name="work",
            name="edition",
            field=models.ForeignKey(
                blank=True,
                help_text="The edition its page count is from, when the guide names one.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="catalog.edition",
            ),
        ),
        migrations.RunPython(to_editions, from_editions),
        migrations.RemoveField(
            model_name="work",
            name="edition_year",
        ),
        migrations.RemoveField(
            model_name="work",
            name="isbn",
        ),
        migrations.RemoveField(
            model_name="work",
            name="place",
        ),
        migrations.RemoveField(
            model_name="work",
            name="publisher",
        ),
    ]
