from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "samenspel.meetings"
    label = "meetings"
    verbose_name = "Casusoverleggen"
