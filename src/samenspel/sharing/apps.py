from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "samenspel.sharing"
    label = "sharing"
    verbose_name = "Convenant en gegevensdeling"
