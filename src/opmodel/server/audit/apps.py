"""The audit application."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The audit log and the signals that feed it."""

    name = "opmodel.server.audit"
    label = "audit"
    verbose_name = "Audit"

    def ready(self) -> None:
        from opmodel.server.audit import signals  # noqa: F401  (connects the login signals)
