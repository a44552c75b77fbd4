"""Reference data: Siheung's administrative dongs, the 11 career fields (계열), occupations
and certificates. Loaded from `data/*.csv` by data migrations; staff edit them in the admin;
a code never changes once used (the API and stored rows refer to codes)."""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Area(models.Model):
    """An administrative dong (행정동) of Siheung with its centroid.

    `approximate` marks a dong whose centroid is only good to a few kilometres (its legal
    dong is shared or newer than the boundary data); the product says so and lets people
    give a finer point.
    """

    code = models.CharField(_("행정동 코드"), max_length=10, primary_key=True)
    name = models.CharField(_("이름"), max_length=50)
    legal_dongs = models.CharField(_("법정동"), max_length=200, blank=True)
    lat = models.FloatField(_("위도"))
    lon = models.FloatField(_("경도"))
    approximate = models.BooleanField(_("대략 위치"), default=False)

    class Meta:
        verbose_name = _("행정동")
        verbose_name_plural = _("행정동")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class CareerField(models.Model):
    """One of the 11 career fields (계열) linking school tracks, majors and jobs."""

    code = models.SlugField(_("코드"), max_length=32, primary_key=True)
    name = models.CharField(_("이름"), max_length=50)
    name_en = models.CharField(_("영문 이름"), max_length=100, blank=True)
    examples = models.CharField(_("예시"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("계열")
        verbose_name_plural = _("계열")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the active language: the English one on English pages, when known."""
        if self.name_en and (translation.get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class Occupation(models.Model):
    code = models.SlugField(_("코드"), max_length=64, primary_key=True)
    name = models.CharField(_("이름"), max_length=100)
    career_field = models.ForeignKey(
        CareerField, on_delete=models.PROTECT, related_name="occupations"
    )

    class Meta:
        verbose_name = _("직종")
        verbose_name_plural = _("직종")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Certificate(models.Model):
    """A qualification (자격증) with the aliases people write it as (지게차 → 지게차운전기능사)."""

    code = models.SlugField(_("코드"), max_length=64, primary_key=True)
    name = models.CharField(_("이름"), max_length=100)
    kind = models.CharField(_("종류"), max_length=32)
    career_field = models.ForeignKey(
        CareerField, on_delete=models.PROTECT, null=True, blank=True, related_name="certificates"
    )
    aliases = models.JSONField(_("별칭"), default=list, blank=True)

    class Meta:
        verbose_name = _("자격증")
        verbose_name_plural = _("자격증")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name
