from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "samenspel.retention"
    label = "retention"
    verbose_name = "Bewaartermijnen en verwijderen"
