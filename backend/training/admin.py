from django.contrib import admin

from backend.training.models import TrainingCourse


@admin.register(TrainingCourse)
class TrainingCourseAdmin(admin.ModelAdmin[TrainingCourse]):
    list_display = ("title", "provider", "starts_on", "ends_on", "naeil_card", "is_active")
    list_filter = ("is_active", "naeil_card", "is_demo")
    search_fields = ("title", "provider")
