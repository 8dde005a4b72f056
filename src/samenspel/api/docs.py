"""The OpenAPI schema and the Swagger UI page. Both are public, as the Dutch API Design Rules
ask of an OpenAPI document (it describes the interface and holds no data). The docs page
loads Swagger UI from this server's static files (drf-spectacular-sidecar, no CDN) and its
start script from a URL (SpectacularSwaggerSplitView), so it runs under the strict CSP."""

from drf_spectacular.views import SpectacularAPIView, SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny


class PublicSchemaView(SpectacularAPIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]


class PublicJSONSchemaView(SpectacularJSONAPIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]


class DocsView(SpectacularSwaggerSplitView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    template_name = "api/swagger_ui.html"
    title = "Samenspel API"
