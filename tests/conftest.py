import importlib

import pytest
from django.apps import apps

from tests.factories import ContentAdminFactory, SupervisorFactory, TraineeFactory


@pytest.fixture
def trainee(db):
    return TraineeFactory(username="trainee")


@pytest.fixture
def supervisor(db):
    return SupervisorFactory(username="supervisor")


@pytest.fixture
def content_admin(db):
    return ContentAdminFactory(username="author")


@pytest.fixture
def trainee_client(client, trainee):
    client.force_login(trainee)
    return client


@pytest.fixture
def supervisor_client(client, supervisor):
    client.force_login(supervisor)
    return client


@pytest.fixture
def content_admin_client(client, content_admin):
    client.force_login(content_admin)
    return client


# Data that migrations create, which the flush after every transactional test removes.
DATA_MIGRATIONS = [
    ("accounts.migrations.0002_role_groups", "create_role_groups"),
    ("quizzes.migrations.0002_principles", "create_principles"),
]


@pytest.fixture
def migrated_data(transactional_db):
    """For transactional tests (live server, several connections), which flush the database
    after each test: makes the roles and principles again. Django's ``serialized_rollback``
    cannot do it once the e2e tests' Playwright session holds the main thread's context."""
    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, schema_editor=None)
