FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /srv/wlp
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# Build steps need production settings to load, not the real site's values (.env gives those).
RUN export DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=build ALLOWED_HOSTS=* \
      SITE_URL=https://build.invalid DEFAULT_FROM_EMAIL=build@build.invalid && \
    python manage.py compile_translations && python manage.py collectstatic --noinput
USER nobody
