from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class TrainingConfig(AppConfig):
    """The training catalogue (직업훈련 과정): courses staff keep, which give skills and
    certificates that seekers' near-miss postings ask for."""

    name = "backend.training"
    label = "training"
    verbose_name = gettext_lazy("직업훈련")
