from django.apps import AppConfig


class RestrictedConfig(AppConfig):
    name = "samenspel.restricted"
    label = "restricted"
    verbose_name = "Vertrouwelijke stukken"
