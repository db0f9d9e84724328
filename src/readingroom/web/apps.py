from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "readingroom.web"
    verbose_name = "Website"

    def ready(self) -> None:
        from django.contrib.auth.models import update_last_login
        from django.contrib.auth.signals import user_logged_in

        from readingroom.catalog.signals import life_events_recomputed

        from .authorpages import biographies_changed

        life_events_recomputed.connect(biographies_changed, dispatch_uid="web-biographies")
        # Recording the time of each login is a database write, which on SQLite
        # would make a login wait for a running import; readingroom never shows it.
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
