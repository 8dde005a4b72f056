from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "samenspel.core"
    label = "core"
