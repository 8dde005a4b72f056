from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "samenspel.api"
    label = "api"

    def ready(self) -> None:
        from samenspel.api import schema  # noqa: F401 - registers the OpenAPI extensions
