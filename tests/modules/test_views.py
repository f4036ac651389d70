from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from modules.models import Enrolment, LessonProgress
from modules.services import enrolment_create, lesson_complete, lesson_open, lesson_save
from tests.factories import CourseFactory, LessonFactory, ModuleFactory, course_with_lessons

pytestmark = pytest.mark.django_db


def lesson_url(lesson, name="modules:lesson_detail"):
    module = lesson.module
    return reverse(name, args=[module.course.slug, module.slug, lesson.slug])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def course_and_lessons():
    course, outline = course_with_lessons(modules=2, lessons=2, published=True)
    return course, [lesson for module in outline for lesson in module]


@pytest.fixture
def course(course_and_lessons):
    return course_and_lessons[0]


@pytest.fixture
def lessons(course_and_lessons):
    return course_and_lessons[1]


@pytest.fixture
def enrolled_client(trainee_client, trainee, course):
    enrolment_create(user=trainee, course=course)
    return trainee_client


# The catalogue


def test_catalogue_lists_published_courses_to_everyone(client, course):
    draft = CourseFactory(title="An unfinished draft")

    html = client.get(reverse("modules:course_list")).content.decode()

    assert course.title in html
    assert draft.title not in html
    assert "CE hours" in html


def test_catalogue_shows_progress_once_enrolled(enrolled_client, trainee, course, lessons):
    lesson_complete(user=trainee, lesson=lessons[0])

    html = enrolled_client.get(reverse("modules:course_list")).content.decode()

    assert "25% complete" in html
    assert 'aria-valuenow="25"' in html
    assert f"Next: {lessons[1].title}" in html


def test_catalogue_shows_no_progress_to_a_trainee_not_enrolled(trainee_client, course):
    html = trainee_client.get(reverse("modules:course_list")).content.decode()

    assert course.title in html
    assert "complete" not in html


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_catalogue_shows_content_admins_the_unpublished_courses(
    content_admin_client, course, status
):
    unpublished = CourseFactory(title="The dating-app scenario", status=status)

    html = content_admin_client.get(reverse("modules:course_list")).content.decode()

    assert "Drafts and archived courses" in html
    assert unpublished.title in html


def test_catalogue_with_nothing_published_says_so(client):
    html = client.get(reverse("modules:course_list")).content.decode()

    assert "No courses are published yet" in html


# The course page


def test_course_page_invites_a_visitor_to_sign_up(client, course, lessons):
    response = client.get(course.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Sign up to enrol" in html
    assert lessons[0].title in html
    assert lesson_url(lessons[0]) not in html, "lessons are for enrolled trainees"
    assert 'aria-current="page">' + course.title in html


def test_course_page_offers_enrolment_to_a_trainee(trainee_client, course, lessons):
    html = trainee_client.get(course.get_absolute_url()).content.decode()

    assert reverse("modules:course_enrol", args=[course.slug]) in html
    assert lesson_url(lessons[0]) not in html
    assert "% complete" not in html


def test_course_page_shows_an_enrolled_trainee_her_progress(
    enrolled_client, trainee, course, lessons
):
    lesson_complete(user=trainee, lesson=lessons[0])
    lesson_complete(user=trainee, lesson=lessons[1])

    html = enrolled_client.get(course.get_absolute_url()).content.decode()

    assert "50% complete · 2 of 4 steps" in html
    assert "Start with" in html or "Continue where you left off" in html
    assert lesson_url(lessons[2]) in html
    assert html.count("Completed:") == 2
    assert "✓ Complete" in html  # the first module
    assert "Not started" in html  # the second
    assert reverse("modules:course_unenrol", args=[course.slug]) in html


def test_course_page_shows_the_seat_time_measured_on_lessons(
    trainee, trainee_client, course, lessons
):
    enrolment = enrolment_create(user=trainee, course=course)
    opened = timezone.now() - timedelta(hours=1)
    for lesson, minutes in ((lessons[0], 12), (lessons[1], 7)):
        lesson_open(enrolment=enrolment, lesson=lesson, now_dt=opened)
        lesson_complete(user=trainee, lesson=lesson, now_dt=opened + timedelta(minutes=minutes))
    lesson_open(enrolment=enrolment, lesson=lessons[2], now_dt=opened)  # not finished: no time

    html = trainee_client.get(course.get_absolute_url()).content.decode()

    assert "19 min on lessons" in html


def test_course_page_offers_a_former_trainee_to_enrol_again(
    enrolled_client, trainee, course, lessons
):
    lesson_complete(user=trainee, lesson=lessons[0])
    enrolled_client.post(reverse("modules:course_unenrol", args=[course.slug]))

    html = enrolled_client.get(course.get_absolute_url()).content.decode()

    assert "Enrol again" in html
    assert "your progress is kept" in html
    assert "Completed:" not in html


def test_course_page_lets_a_content_admin_read_without_enrolling(
    content_admin_client, course, lessons
):
    html = content_admin_client.get(course.get_absolute_url()).content.decode()

    assert lesson_url(lessons[0]) in html
    assert "Read the first lesson" in html
    assert "Draft preview" not in html


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_course_page_previews_an_unpublished_course_for_content_admins(
    content_admin_client, status
):
    course, outline = course_with_lessons(modules=1, lessons=1, status=status)

    response = content_admin_client.get(course.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Draft preview" in html
    assert lesson_url(outline[0][0]) in html
    assert reverse("modules:course_enrol", args=[course.slug]) not in html


@pytest.mark.parametrize("status", ["draft", "archived"])
@pytest.mark.parametrize("client_fixture", ["client", "trainee_client", "supervisor_client"])
def test_an_unpublished_course_is_404_to_everyone_else(request, client_fixture, status):
    course = CourseFactory(status=status)

    response = request.getfixturevalue(client_fixture).get(course.get_absolute_url())

    assert response.status_code == 404


def test_an_archived_course_is_404_even_to_its_trainees(trainee_client, trainee, course):
    enrolment_create(user=trainee, course=course)
    course.status = "archived"
    course.save()

    assert trainee_client.get(course.get_absolute_url()).status_code == 404


# The lesson page


def test_lesson_page_shows_the_lesson_to_an_enrolled_trainee(enrolled_client, lessons):
    lesson = lessons[1]

    response = enrolled_client.get(lesson_url(lesson))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 id="lesson-title" class="lesson-title">{lesson.title}</h1>' in html
    assert "<h2>A second role</h2>" in html
    assert "A second role can impair objectivity." in html  # a key point
    assert "APA Ethics Code 3.05" in html  # a reference
    assert "Mark as complete" in html
    assert f'href="{lesson_url(lessons[0])}" rel="prev"' in html
    assert f'href="{lesson_url(lessons[2])}" rel="next"' in html  # across the module boundary
    assert f'href="{lesson_url(lesson)}" aria-current="page"' in html
    assert "Module 1 · Lesson 2 of 2" in html


def test_lesson_page_breadcrumbs_lead_back_to_the_module(enrolled_client, course, lessons):
    html = enrolled_client.get(lesson_url(lessons[2])).content.decode()

    assert '<nav aria-label="Breadcrumb">' in html
    assert f'href="{course.get_absolute_url()}#module-module-2"' in html


def test_the_first_and_last_lessons_have_one_neighbour(enrolled_client, course, lessons):
    first = enrolled_client.get(lesson_url(lessons[0])).content.decode()
    last = enrolled_client.get(lesson_url(lessons[-1])).content.decode()

    assert 'rel="prev"' not in first
    assert 'rel="next"' in first
    assert 'rel="prev"' in last
    assert 'rel="next"' not in last
    assert "Back to the course" in last


def test_a_completed_lesson_says_so_instead_of_offering_the_button(
    enrolled_client, trainee, lessons
):
    lesson_complete(user=trainee, lesson=lessons[0])

    html = enrolled_client.get(lesson_url(lessons[0])).content.decode()

    assert "You completed this lesson on" in html
    assert "Mark as complete" not in html


def test_lesson_page_sends_a_visitor_to_log_in(client, lessons):
    response = client.get(lesson_url(lessons[0]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_lesson_page_sends_a_trainee_not_enrolled_to_the_course(trainee_client, course, lessons):
    response = trainee_client.get(lesson_url(lessons[0]))

    assert response.status_code == 302
    assert response.url == course.get_absolute_url()
    assert messages_of(response) == ["Enrol in this course to read its lessons."]


def test_lesson_page_is_closed_to_a_trainee_who_left(enrolled_client, course, lessons):
    enrolled_client.post(reverse("modules:course_unenrol", args=[course.slug]))

    response = enrolled_client.get(lesson_url(lessons[0]))

    assert response.status_code == 302


def test_content_admins_read_lessons_without_a_button_or_a_record(
    content_admin_client, content_admin, lessons
):
    html = content_admin_client.get(lesson_url(lessons[0])).content.decode()

    assert lessons[0].title in html
    assert "Mark as complete" not in html
    assert not LessonProgress.objects.exists()


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_a_lesson_of_an_unpublished_course_is_a_preview_for_content_admins(
    content_admin_client, content_admin, status
):
    _, outline = course_with_lessons(modules=1, lessons=1, status=status)

    html = content_admin_client.get(lesson_url(outline[0][0])).content.decode()

    assert "Draft preview" in html
    assert outline[0][0].title in html


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_a_lesson_of_an_unpublished_course_is_404_to_trainees(trainee_client, trainee, status):
    course, outline = course_with_lessons(modules=1, lessons=1, published=True)
    enrolment_create(user=trainee, course=course)
    course.status = status
    course.save()

    assert trainee_client.get(lesson_url(outline[0][0])).status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/courses/no-such-course/"),
        ("get", "/courses/no-such-course/module-1/lesson-1/"),
        ("get", "/courses/{course}/no-such-module/lesson-1/"),
        ("get", "/courses/{course}/module-1/no-such-lesson/"),
        ("get", "/courses/{course}/module-2/lesson-9/"),
        ("get", "/courses/{course}/module-1/lesson-1/extra/"),
        ("post", "/courses/no-such-course/enrol/"),
        ("post", "/courses/no-such-course/unenrol/"),
        ("post", "/courses/{course}/no-such-module/lesson-1/complete/"),
        ("post", "/courses/{course}/module-1/no-such-lesson/complete/"),
    ],
)
def test_unknown_slugs_are_404(content_admin_client, course, method, path):
    response = getattr(content_admin_client, method)(path.format(course=course.slug))

    assert response.status_code == 404


def test_a_lesson_is_found_only_under_its_own_module(content_admin_client, course, lessons):
    elsewhere = f"/courses/{course.slug}/module-2/{lessons[0].slug}/"
    # module-2 has lessons with the same slugs as module-1 (lesson-1, lesson-2): same slug,
    # different lesson.
    html = content_admin_client.get(elsewhere).content.decode()

    assert lessons[2].title in html
    assert f'<h1 id="lesson-title" class="lesson-title">{lessons[0].title}</h1>' not in html


# Enrolling and leaving


def test_enrolling_enrols_and_returns_to_the_course(trainee_client, trainee, course):
    response = trainee_client.post(reverse("modules:course_enrol", args=[course.slug]))

    assert response.status_code == 302
    assert response.url == course.get_absolute_url()
    assert Enrolment.objects.get(user=trainee, course=course).is_active
    assert messages_of(response) == [f"You’re enrolled in “{course.title}”."]


def test_enrolling_twice_keeps_one_enrolment(trainee_client, trainee, course):
    url = reverse("modules:course_enrol", args=[course.slug])

    trainee_client.post(url)
    trainee_client.post(url)

    assert Enrolment.objects.filter(user=trainee).count() == 1


def test_enrolling_needs_a_log_in(client, course):
    response = client.post(reverse("modules:course_enrol", args=[course.slug]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Enrolment.objects.exists()


def test_enrolling_in_a_draft_is_404_for_a_trainee(trainee_client):
    draft = CourseFactory()

    response = trainee_client.post(reverse("modules:course_enrol", args=[draft.slug]))

    assert response.status_code == 404
    assert not Enrolment.objects.exists()


def test_enrolling_in_a_draft_is_refused_for_a_content_admin(content_admin_client):
    draft = CourseFactory()

    response = content_admin_client.post(reverse("modules:course_enrol", args=[draft.slug]))

    assert response.status_code == 302
    assert messages_of(response) == [f"“{draft.title}” is not open for enrolment."]
    assert not Enrolment.objects.exists()


def test_leaving_keeps_the_history(enrolled_client, trainee, course, lessons):
    lesson_complete(user=trainee, lesson=lessons[0])

    response = enrolled_client.post(reverse("modules:course_unenrol", args=[course.slug]))

    assert response.status_code == 302
    assert not Enrolment.objects.get(user=trainee).is_active
    assert LessonProgress.objects.filter(user=trainee, completed_at__isnull=False).count() == 1
    assert "Your progress is kept" in messages_of(response)[0]


def test_leaving_a_course_never_joined_does_nothing(trainee_client, course):
    response = trainee_client.post(reverse("modules:course_unenrol", args=[course.slug]))

    assert response.status_code == 302
    assert messages_of(response) == []
    assert not Enrolment.objects.exists()


# Marking complete


def test_marking_complete_records_it_and_returns_to_the_lesson(enrolled_client, trainee, lessons):
    enrolled_client.get(lesson_url(lessons[0]))

    response = enrolled_client.post(lesson_url(lessons[0], "modules:lesson_complete"))

    assert response.status_code == 302
    assert response.url == lesson_url(lessons[0])
    progress = LessonProgress.objects.get(user=trainee, lesson=lessons[0])
    assert progress.completed_at is not None
    assert messages_of(response) == [f"“{lessons[0].title}” is complete."]


def test_marking_complete_twice_changes_nothing(enrolled_client, trainee, lessons):
    url = lesson_url(lessons[0], "modules:lesson_complete")
    enrolled_client.post(url)
    first = LessonProgress.objects.get().completed_at

    enrolled_client.post(url)

    assert LessonProgress.objects.get().completed_at == first
    assert LessonProgress.objects.count() == 1


def test_marking_complete_without_enrolling_is_refused(trainee_client, course, lessons):
    response = trainee_client.post(lesson_url(lessons[0], "modules:lesson_complete"))

    assert response.status_code == 302
    assert response.url == course.get_absolute_url()
    assert messages_of(response) == ["Enrol in this course to keep track of your progress."]
    assert not LessonProgress.objects.exists()


def test_marking_complete_in_a_draft_is_404_for_a_trainee(trainee_client):
    _, outline = course_with_lessons(modules=1, lessons=1)

    response = trainee_client.post(lesson_url(outline[0][0], "modules:lesson_complete"))

    assert response.status_code == 404


def test_marking_complete_needs_a_log_in(client, lessons):
    response = client.post(lesson_url(lessons[0], "modules:lesson_complete"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ["enrol", "unenrol", "complete"])
def test_actions_refuse_get(enrolled_client, course, lessons, name):
    url = {
        "enrol": reverse("modules:course_enrol", args=[course.slug]),
        "unenrol": reverse("modules:course_unenrol", args=[course.slug]),
        "complete": lesson_url(lessons[0], "modules:lesson_complete"),
    }[name]

    assert enrolled_client.get(url).status_code == 405
    assert Enrolment.objects.get().is_active
    assert not LessonProgress.objects.exists()


@pytest.mark.parametrize("name", ["enrol", "unenrol", "complete"])
def test_every_post_needs_the_csrf_token(trainee, course, lessons, name):
    enrolment_create(user=trainee, course=course)
    client = Client(enforce_csrf_checks=True)
    client.force_login(trainee)
    url = {
        "enrol": reverse("modules:course_enrol", args=[course.slug]),
        "unenrol": reverse("modules:course_unenrol", args=[course.slug]),
        "complete": lesson_url(lessons[0], "modules:lesson_complete"),
    }[name]

    response = client.post(url)

    assert response.status_code == 403
    assert Enrolment.objects.get().is_active
    assert not LessonProgress.objects.exists()


def test_the_pages_forms_carry_the_csrf_token(trainee, course, lessons):
    client = Client(enforce_csrf_checks=True)
    client.force_login(trainee)
    page = client.get(course.get_absolute_url())
    token = page.context["csrf_token"]

    client.post(reverse("modules:course_enrol", args=[course.slug]), {"csrfmiddlewaretoken": token})

    assert Enrolment.objects.get().is_active


# GET changes nothing, except an enrolled reader's reading record


def database_state():
    return (
        list(Enrolment.objects.order_by("pk").values()),
        list(LessonProgress.objects.order_by("pk").values()),
    )


@pytest.mark.parametrize(
    "client_fixture", ["client", "trainee_client", "supervisor_client", "content_admin_client"]
)
def test_no_page_changes_anything_for_a_reader_not_enrolled(
    request, client_fixture, course, lessons
):
    client = request.getfixturevalue(client_fixture)
    before = database_state()

    for url in (
        reverse("home"),
        reverse("modules:course_list"),
        course.get_absolute_url(),
        lesson_url(lessons[0]),
        lesson_url(lessons[0], "modules:lesson_complete"),
    ):
        client.get(url)

    assert database_state() == before


def test_an_enrolled_reader_changes_only_her_reading_record(
    enrolled_client, trainee, course, lessons
):
    lesson_complete(user=trainee, lesson=lessons[0])
    before = database_state()

    for url in (reverse("home"), reverse("modules:course_list"), course.get_absolute_url()):
        enrolled_client.get(url)
    assert database_state() == before

    enrolled_client.get(lesson_url(lessons[1]))

    enrolment = Enrolment.objects.get()
    assert enrolment.last_lesson == lessons[1]
    opened = LessonProgress.objects.get(lesson=lessons[1])
    assert opened.first_opened_at == opened.last_opened_at
    assert opened.completed_at is None
    assert list(LessonProgress.objects.filter(lesson=lessons[0]).values()) == before[1]


# Markdown never smuggles a script onto the page


def test_a_script_in_a_lesson_body_never_reaches_the_page(enrolled_client, course):
    module = ModuleFactory(course=course, position=9, slug="hostile")
    lesson = lesson_save(
        lesson=LessonFactory.build(
            module=module,
            position=1,
            slug="hostile",
            body=(
                "## Safe heading\n\n"
                "<script>alert('body')</script>\n\n"
                '<img src="x" onerror="alert(\'img\')">\n\n'
                "[a link](javascript:alert('link'))\n\n"
                '<a href="https://example.com" onclick="alert(\'a\')">site</a>'
            ),
        )
    )

    html = enrolled_client.get(lesson_url(lesson)).content.decode()

    assert "<h2>Safe heading</h2>" in html
    assert "alert(" not in html
    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "onclick" not in html
    assert "javascript:" not in html
