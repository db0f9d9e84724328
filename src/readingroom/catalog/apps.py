from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "readingroom.catalog"
    verbose_name = "Catalog"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import signals  # noqa: F401  (connects the receivers)
        from .editors import ensure_editors_group

        post_migrate.connect(ensure_editors_group, sender=self)
