from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "readingroom.api"
    verbose_name = "API"
