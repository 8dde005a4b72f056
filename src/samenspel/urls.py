from django.conf import settings
from django.urls import include, path, re_path

from samenspel.api.views import not_found as api_not_found
from samenspel.audit.admin_site import site as admin_site
from samenspel.core.views import health

urlpatterns = [
    path("health/", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("samenspel.accounts.urls")),
    path("beheer/", include("samenspel.accounts.manage_urls")),
    path("api-sleutels/", include("samenspel.api.web_urls")),
    path("auditlog/", include("samenspel.audit.urls")),
    path("api/v1/", include("samenspel.api.urls")),
    re_path(r"^api/", api_not_found, name="api_not_found"),  # other versions: problem+json 404
    path("", include("samenspel.core.urls")),
]
if getattr(settings, "SAMENSPEL_ADMIN_ENABLED", True):
    urlpatterns.insert(0, path("django-admin/", admin_site.urls))
