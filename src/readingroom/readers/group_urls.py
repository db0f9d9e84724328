from django.urls import path

from . import group_views as views

urlpatterns = [
    path("groups/", views.my_groups, name="groups"),
    path("groups/new/<slug:slug>/", views.new_group, name="group-new"),
    path("groups/join/<str:token>/", views.join_group, name="group-join"),
    path("groups/calendar/<str:token>.ics", views.group_feed, name="group-feed"),
    path("groups/<int:pk>/", views.group_page, name="group"),
    path("groups/<int:pk>/meetings/", views.add_meetings, name="group-meetings"),
    path(
        "groups/<int:pk>/meetings/<int:meeting>/",
        views.meeting_questions,
        name="group-meeting",
    ),
    path(
        "groups/<int:pk>/meetings/<int:meeting>/remove/",
        views.remove_meeting,
        name="group-meeting-remove",
    ),
    path(
        "groups/<int:pk>/invite/",
        views.renew_token,
        {"token": "invite_token", "anchor": "#invite"},
        name="group-invite",
    ),
    path(
        "groups/<int:pk>/calendar/",
        views.renew_token,
        {"token": "feed_token", "anchor": "#calendar"},
        name="group-calendar",
    ),
    path(
        "groups/<int:pk>/members/<int:membership>/remove/",
        views.remove_member,
        name="group-member-remove",
    ),
    path("groups/<int:pk>/leave/", views.leave_group, name="group-leave"),
    path("groups/<int:pk>/share/", views.share_progress, name="group-share"),
]
