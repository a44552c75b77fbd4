"""Search routes under /api/v1/ (public)."""

from django.urls import path

from search import api

urlpatterns = [
    path("postings/search/", api.PostingSearchView.as_view(), name="posting-search"),
    path("postings/suggest/", api.PostingSuggestView.as_view(), name="posting-suggest"),
]
