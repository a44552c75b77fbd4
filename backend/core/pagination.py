"""Page-number pagination per API.md: `?page=` and `?page_size=`, too large is a 400."""

from __future__ import annotations

from django.utils.translation import gettext
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request


class PageNumberPagination(pagination.PageNumberPagination):
    """Collections answer `{count, next, previous, results}`; `page_size` ≤ 50 else 400."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 50

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            raise ValidationError({"page_size": [gettext("정수여야 합니다.")]}) from None
        if size < 1 or size > self.max_page_size:
            raise ValidationError(
                {
                    "page_size": [
                        gettext("1에서 %(max)s 사이여야 합니다.") % {"max": self.max_page_size}
                    ]
                }
            )
        return size


class ReferencePagination(PageNumberPagination):
    """Reference data (areas, fields, certificates) may be fetched 100 at a time."""

    max_page_size = 100
