import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spbe.settings")
application = get_wsgi_application()

from spbe.core import throttle  # noqa: E402  (needs the settings loaded above)

throttle.warn_if_misconfigured()
