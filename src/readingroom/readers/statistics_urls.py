from django.urls import path

from .statistics import statistics

urlpatterns = [
    path("reading/statistics/", statistics, name="reader-statistics"),
]
