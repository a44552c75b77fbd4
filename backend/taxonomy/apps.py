from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class TaxonomyConfig(AppConfig):
    """Reference data: areas (동), career fields, occupations, certificates."""

    name = "backend.taxonomy"
    label = "taxonomy"
    verbose_name = gettext_lazy("기준 정보")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from backend.taxonomy import reference
        from backend.taxonomy.models import CareerField, Certificate, Occupation

        # Staff edit these in the admin: matching's cached lookups are rebuilt (`reference`).
        for model in (CareerField, Certificate, Occupation):
            uid = f"taxonomy-reference-{model.__name__}"
            post_save.connect(reference.on_reference_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(
                reference.on_reference_changed, sender=model, dispatch_uid=f"{uid}-delete"
            )
