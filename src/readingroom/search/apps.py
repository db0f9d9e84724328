from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "readingroom.search"
    verbose_name = "Search"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
