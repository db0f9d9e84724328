"""Sources keep their text in pieces (SourceChunk) instead of one column."""

import django.db.models.deletion
from django.db import migrations, models

CHUNK_CHARACTERS = 1 << 20
_ENCODINGS = {
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "utf-16-le": "utf-16",
    "utf-16-be": "utf-16",
}


def text_to_chunks(apps, schema_editor):
    Source = apps.get_model("catalog", "Source")
    SourceChunk = apps.get_model("catalog", "SourceChunk")
    for source in Source.objects.all().iterator(chunk_size=1):
        text = source.text
        for number, start in enumerate(range(0, len(text), CHUNK_CHARACTERS)):
            SourceChunk.objects.create(
                source=source, number=number, text=text[start : start + CHUNK_CHARACTERS]
            )
        body = text.replace("\r\n", "\n").replace("\r", "\n")
        source.lines = body.rstrip("\n").count("\n") + 1 if body.strip() else 0
        source.size = len(text.encode(_ENCODINGS.get(source.encoding, "utf-8")))
        source.save(update_fields=["lines", "size"])


def chunks_to_text(apps, schema_editor):
    Source = apps.get_model("catalog", "Source")
    for source in Source.objects.all().iterator(chunk_size=1):
        pieces = source.chunks.order_by("number").values_list("text", flat=True)
        source.text = "".join(pieces)
        source.save(update_fields=["text"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_limits"),
    ]

    operations = [
        migrations.AlterModelOptions(name="source", options={"ordering": ["name"]}),
        migrations.AddField(
            model_name="source",
            name="lines",
            field=models.PositiveIntegerField(default=0, help_text="How many lines the file has."),
        ),
        migrations.AddField(
            model_name="source",
            name="size",
            field=models.BigIntegerField(default=0, help_text="The file's size in bytes."),
        ),
        migrations.CreateModel(
            name="SourceChunk",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveIntegerField()),
                ("text", models.TextField()),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="chunks",
                        to="catalog.source",
                    ),
                ),
            ],
            options={
                "ordering": ["source", "number"],
                "constraints": [
                    models.UniqueConstraint(fields=("source", "number"), name="source_chunk_unique")
                ],
            },
        ),
        migrations.RunPython(text_to_chunks, chunks_to_text),
        migrations.RemoveField(model_name="source", name="text"),
    ]
