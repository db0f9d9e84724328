"""The API's addresses, under /api/ (readingroom/urls.py mounts them)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("authors", views.AuthorViewSet, basename="api-author")
router.register("works", views.WorkViewSet, basename="api-work")
router.register("guides", views.GuideViewSet, basename="api-guide")

urlpatterns = [
    path("", include(router.urls)),
    path("search/", views.SearchView.as_view(), name="api-search"),
    path("duplicates/", views.DuplicatesView.as_view(), name="api-duplicates"),
    path("exports/json/", views.DumpView.as_view(), name="api-dump"),
    path("exports/<str:export_format>/", views.ExportView.as_view(), name="api-export"),
    # The OpenAPI 3 document: YAML, or JSON with ?format=json or at openapi.json.
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="api-openapi-json"),
]
