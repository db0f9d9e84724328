from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "readingroom.catalog"
    verbose_name = "Catalog"
