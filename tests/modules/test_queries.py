"""Every page runs a fixed number of queries, however many modules, lessons and trainees.

Each test builds at least three courses, modules of three lessons and three trainees with
progress before the block, so a query per row would break the limit.
"""

import pytest
from django.urls import reverse

from modules.services import enrolment_create, lesson_complete, lesson_open
from tests.factories import (
    CohortFactory,
    CourseAssignmentFactory,
    TraineeFactory,
    course_with_lessons,
)

pytestmark = pytest.mark.django_db

# A signed-in page spends five queries on the session, the user, the role groups (navigation)
# and the permissions (drafts are for content admins) before its own. The quizzes app's facts
# cost three more (quizzes, their published versions, the trainee's attempts), two for a
# visitor, and the dashboard's recent scores one; tests/quizzes/test_course_pages.py measures
# them with quizzes and attempts present.


@pytest.fixture
def courses(trainee):
    """Three published courses, each of three modules of three lessons, and three trainees
    who study them all."""
    built = [course_with_lessons(modules=3, lessons=3, published=True) for _ in range(3)]
    for user in (trainee, TraineeFactory(), TraineeFactory()):
        for course, outline in built:
            enrolment = enrolment_create(user=user, course=course)
            for module in outline:
                lesson_open(enrolment=enrolment, lesson=module[0])
                lesson_complete(user=user, lesson=module[0])
                lesson_open(enrolment=enrolment, lesson=module[1])
    return built


def test_catalogue_queries(trainee_client, courses, django_assert_max_num_queries):
    course_with_lessons(modules=3, lessons=3, published=True)  # one not enrolled in

    with django_assert_max_num_queries(13):
        response = trainee_client.get(reverse("modules:course_list"))

    assert response.content.decode().count("33% complete") == 3


def test_catalogue_queries_for_a_content_admin(
    content_admin_client, courses, django_assert_max_num_queries
):
    for _ in range(3):
        course_with_lessons(modules=3, lessons=3)

    with django_assert_max_num_queries(12):
        response = content_admin_client.get(reverse("modules:course_list"))

    assert "Drafts and archived courses" in response.content.decode()


def test_catalogue_queries_for_a_visitor(client, courses, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        client.get(reverse("modules:course_list"))


def test_course_page_queries(trainee_client, courses, django_assert_max_num_queries):
    course, _ = courses[0]

    with django_assert_max_num_queries(13):
        response = trainee_client.get(course.get_absolute_url())

    assert response.content.decode().count("Completed:") == 3


def test_course_page_queries_for_a_visitor(client, courses, django_assert_max_num_queries):
    course, _ = courses[0]

    with django_assert_max_num_queries(5):
        client.get(course.get_absolute_url())


def test_lesson_page_queries(trainee_client, courses, django_assert_max_num_queries):
    _, outline = courses[0]

    # Includes recording the reading: the locked look-up, the insert and the bookmark's update,
    # with their savepoints.
    with django_assert_max_num_queries(21):
        response = trainee_client.get(outline[1][2].get_absolute_url())

    assert response.status_code == 200


def test_lesson_page_queries_for_a_content_admin(
    content_admin_client, courses, django_assert_max_num_queries
):
    _, outline = courses[0]

    with django_assert_max_num_queries(13):
        response = content_admin_client.get(outline[2][2].get_absolute_url())

    assert response.status_code == 200


def test_dashboard_queries(trainee, trainee_client, courses, django_assert_max_num_queries):
    cohort = CohortFactory(trainees=[trainee])
    for _ in range(3):
        course, _ = course_with_lessons(modules=3, lessons=3, published=True)
        CourseAssignmentFactory(cohort=cohort, course=course)

    with django_assert_max_num_queries(12):
        response = trainee_client.get(reverse("home"))

    html = response.content.decode()
    assert "Continue where you left off" in html
    assert html.count("33% complete") == 4  # three course cards and "continue where you left off"
