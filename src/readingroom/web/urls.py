from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .feeds import RecentWorksFeed
from .opds import GuideCatalog, GuidesCatalog
from .sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("authors/", views.author_index, name="authors"),
    path("guides/", views.guide_index, name="guides"),
    path("authors/<slug:slug>.json", views.author_json, name="author-json"),
    path("authors/<slug:slug>/", views.author_page, name="author"),
    path("works/<slug:slug>/", views.work_page, name="work"),
    path("guides/<slug:slug>.json", views.guide_json, name="guide-json"),
    path("guides/<slug:slug>/", views.guide_page, name="guide"),
    path("search/", views.search_page, name="search"),
    path("settings/reading/", views.reading_settings, name="reading-settings"),
    path("feeds/works.atom", RecentWorksFeed(), name="feed"),
    path("opds/", GuidesCatalog(), name="opds"),
    path("opds/guides/<slug:slug>/", GuideCatalog(), name="opds-guide"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
]
