"""Top-level URL map: health, the versioned REST API, its schema and docs, and the admin."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from backend.core import views as core_views
from backend.web.views import language

# The admin logs in through allauth, so its login gets the same rate limits and lockout.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = gettext_lazy("시흥 일자리 잇다 관리")

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The page's inline script runs under the Content-Security-Policy nonce (its template).
    path(
        "api/docs/",
        SpectacularSwaggerView.as_view(url_name="schema", template_name="web/api/swagger_ui.html"),
        name="api-docs",
    ),
    path("api/v1/", include("config.api_urls")),
    path("_allauth/", include("allauth.headless.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    # Django's set_language, which also keeps a signed-in person's choice for their mails.
    path("i18n/setlang/", language.set_language, name="set_language"),
    path("", include("backend.web.urls")),
]

# JSON under /api/, the site's pages elsewhere (backend/core/views.py).
handler404 = "backend.core.views.page_not_found"
handler500 = "backend.core.views.server_error"
