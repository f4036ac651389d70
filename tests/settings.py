"""Settings for the test suite: the app's own, in development mode, with fast hashing."""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")

from ethicstraining.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
