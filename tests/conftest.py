import pytest

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
