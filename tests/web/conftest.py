from tests.web.postings import embedded_search, open_posting

__all__ = ["embedded_search", "open_posting"]
