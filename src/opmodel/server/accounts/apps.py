"""The accounts application."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """API tokens and login."""

    name = "opmodel.server.accounts"
    label = "accounts"
    verbose_name = "Accounts"
