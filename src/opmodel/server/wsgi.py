"""The WSGI application, for the server's web workers (granian, gunicorn …)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opmodel.server.settings")
application = get_wsgi_application()
