from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "samenspel.cases"
    label = "cases"
    verbose_name = "Casussen"
