"""Reading plans: /plans/… and /guides/<slug>/plan/ (included from readingroom.urls)."""

from django.urls import path

from . import plan_views
from .converters import RecordId as RecordId  # registers <id:…> before the patterns

urlpatterns = [
    path("guides/<slug:slug>/plan/", plan_views.plan_guide, name="plan-guide"),
    path("plans/", plan_views.plan_list, name="plans"),
    path("plans/new/", plan_views.plan_new, name="plan-new"),
    path("plans/<id:pk>/", plan_views.plan_page, name="plan"),
    path("plans/<id:pk>/edit/", plan_views.plan_edit, name="plan-edit"),
    path("plans/<id:pk>/delete/", plan_views.plan_delete, name="plan-delete"),
    path("plans/<id:pk>/log/", plan_views.plan_log, name="plan-log"),
    path("plans/<id:pk>/feed/revoke/", plan_views.plan_revoke, name="plan-revoke"),
    path("plans/feed/<slug:token>.ics", plan_views.plan_feed, name="plan-feed"),
]
