# The application image of compose.yaml: web (gunicorn), workers and the scheduler run it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# Pango for WeasyPrint (the reports' PDF) and Korean fonts for its pages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN pip install --no-cache-dir -r requirements/base.txt

COPY . .
# Static files collected at build time (hashed, compressed for WhiteNoise). The build needs no
# real secret: these throwaway values exist only in this step.
RUN DEBUG=false SECRET_KEY=build-only FIELD_ENCRYPTION_KEY=YnVpbGQtb25seS1rZXktbm90LWZvci1hbnl0aGluZyE= \
    ALLOWED_HOSTS=localhost EMAIL_URL=memorymail:// VAR_DIR=/app/var \
    python manage.py collectstatic --no-input -v 0 \
    && useradd --system --home /app --uid 10001 sjl && chown -R sjl /app/var

USER sjl
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind=0.0.0.0:8000", "--workers=4"]
