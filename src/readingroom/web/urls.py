from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("authors/<slug:slug>.json", views.author_json, name="author-json"),
    path("authors/<slug:slug>/", views.author_page, name="author"),
]
