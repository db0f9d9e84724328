from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("readingroom.api.urls")),
    path("", include("readingroom.readers.statistics_urls")),
    path("", include("readingroom.readers.plan_urls")),
    path("", include("readingroom.readers.group_urls")),
    path("", include("readingroom.web.urls")),
    path("", include("readingroom.readers.account_urls")),
]

# Under /api/ every answer is JSON, errors included (readingroom/api/errors.py).
handler400 = "readingroom.api.errors.bad_request"
handler404 = "readingroom.api.errors.not_found"
handler500 = "readingroom.api.errors.server_error"
