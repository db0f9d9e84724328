from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "readingroom.catalog"
    verbose_name = "Catalog"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
