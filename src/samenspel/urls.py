from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from django.views.i18n import set_language

from samenspel.api.views import not_found as api_not_found
from samenspel.audit.admin_site import site as admin_site
from samenspel.core.views import health

urlpatterns = [
    path("health/", health, name="health"),
    # The language switch works before login too (the login page has it).
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("account/", include("samenspel.accounts.urls")),
    path("beheer/convenant/", include("samenspel.sharing.urls")),
    path("beheer/", include("samenspel.accounts.manage_urls")),
    path("casussen/", include("samenspel.cases.urls")),
    path("casusoverleg/", include("samenspel.meetings.urls")),
    path("api-sleutels/", include("samenspel.api.web_urls")),
    path("auditlog/", include("samenspel.audit.urls")),
    path("bewaartermijnen/", include("samenspel.retention.urls")),
    path("meldingen/", include("samenspel.intake.urls")),
    path("notificaties/", include("samenspel.notifications.urls")),
    path("vertrouwelijk/", include("samenspel.restricted.urls")),
    path("api/v1/", include("samenspel.api.urls")),
    re_path(r"^api/", api_not_found, name="api_not_found"),  # other versions: problem+json 404
    path("", include("samenspel.core.urls")),
]
if getattr(settings, "SAMENSPEL_ADMIN_ENABLED", True):
    urlpatterns.insert(0, path("django-admin/", admin_site.urls))
