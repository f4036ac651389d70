"""Production settings: refused with the development key, clean under check --deploy."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k7#a-real-production-secret-of-sufficient-length-and-variety-19fz",
    "DJANGO_ALLOWED_HOSTS": "training.example.com",
    "DJANGO_SETTINGS_MODULE": "ethicstraining.settings",
}


def manage(*args, **env):
    clean = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_mode_refuses_the_development_secret_key():
    result = manage("check", **{**PRODUCTION, "DJANGO_SECRET_KEY": ""})

    assert result.returncode != 0
    assert "needs a secret key of its own" in result.stderr


def test_production_mode_passes_the_deployment_checklist():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_seed_demo_is_refused_in_production_mode():
    result = manage("seed_demo", **PRODUCTION)

    assert result.returncode != 0
    assert "runs only with DJANGO_DEBUG=1" in result.stderr
