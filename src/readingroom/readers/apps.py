from django.apps import AppConfig


class ReadersConfig(AppConfig):
    name = "readingroom.readers"
    verbose_name = "Readers"

    def ready(self) -> None:
        from readingroom.catalog.signals import work_merged

        from .signals import follow_merged_work

        work_merged.connect(follow_merged_work, dispatch_uid="readers-follow-merged-work")
