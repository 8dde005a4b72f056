from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "samenspel.intake"
    label = "intake"
    verbose_name = "Meldingen en duiding"
