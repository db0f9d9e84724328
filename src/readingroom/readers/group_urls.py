from django.urls import path

from . import group_views as views
from .converters import RecordId as RecordId  # registers <id:…> before the patterns

urlpatterns = [
    path("groups/", views.my_groups, name="groups"),
    path("groups/new/<slug:slug>/", views.new_group, name="group-new"),
    path("groups/join/<str:token>/", views.join_group, name="group-join"),
    path("groups/calendar/<str:token>.ics", views.group_feed, name="group-feed"),
    path("groups/<id:pk>/", views.group_page, name="group"),
    path("groups/<id:pk>/meetings/", views.add_meetings, name="group-meetings"),
    path(
        "groups/<id:pk>/meetings/<id:meeting>/",
        views.meeting_questions,
        name="group-meeting",
    ),
    path(
        "groups/<id:pk>/meetings/<id:meeting>/remove/",
        views.remove_meeting,
        name="group-meeting-remove",
    ),
    path(
        "groups/<id:pk>/invite/",
        views.renew_token,
        {"token": "invite_token", "anchor": "#invite"},
        name="group-invite",
    ),
    path(
        "groups/<id:pk>/calendar/",
        views.renew_token,
        {"token": "feed_token", "anchor": "#calendar"},
        name="group-calendar",
    ),
    path(
        "groups/<id:pk>/members/<id:membership>/remove/",
        views.remove_member,
        name="group-member-remove",
    ),
    path("groups/<id:pk>/leave/", views.leave_group, name="group-leave"),
    path("groups/<id:pk>/share/", views.share_progress, name="group-share"),
]
