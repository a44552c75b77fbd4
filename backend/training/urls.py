"""Routes of this app under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from backend.training import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("training-courses/", api.TrainingCourseListApi.as_view(), name="training-course-list"),
    path(
        "training-courses/<int:course_id>/",
        api.TrainingCourseDetailApi.as_view(),
        name="training-course-detail",
    ),
]
