from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "samenspel.accounts"
    label = "accounts"

    def ready(self) -> None:
        from samenspel.accounts import sessions  # noqa: F401 - connects the login receivers
