# syntax=docker/dockerfile:1
# Production image: the service and its runtime dependencies only (no dev/embedded extras, and
# not the development tools in src/ungeapi_dev: embedded PostgreSQL, demo data).
# Configuration comes from UNGEAPI_* environment variables (see src/ungeapi/core/settings.py).
ARG PYTHON_IMAGE=python:3.11-slim

FROM ${PYTHON_IMAGE} AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
WORKDIR /build
# README is optional for the build; the wildcard keeps COPY from failing without it.
COPY pyproject.toml README* ./
COPY src/ungeapi ./src/ungeapi
# The build fails if the development tools found their way into the image after all.
RUN /opt/venv/bin/pip install . \
    && /opt/venv/bin/python -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('ungeapi_dev') is not None)"

FROM ${PYTHON_IMAGE}
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
# Printed records are rendered to PDF/A by WeasyPrint (documents/pdf.py): Pango and HarfBuzz
# lay out the text, and a font must be installed for it to have glyphs (slim has none).
RUN apt-get update \
    && apt-get install --yes --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system ungeapi \
    && useradd --system --gid ungeapi --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin ungeapi
WORKDIR /app
# Owned by root and read-only for the service user.
COPY --from=builder /opt/venv /opt/venv
COPY alembic.ini ./
COPY migrations ./migrations
USER ungeapi
EXPOSE 8000
# slim has no curl: probe with the interpreter; any error or non-2xx status exits non-zero.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4); sys.exit(0 if r.status == 200 else 1)"]
CMD ["sh", "-c", "ungeapi migrate && exec uvicorn --factory ungeapi.main:app_from_env --host 0.0.0.0 --port 8000 --no-access-log"]
