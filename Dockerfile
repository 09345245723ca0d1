# powbot: slim image, non-root, health check. Build: docker build -t powbot .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 MPLCONFIGDIR=/tmp/matplotlib
WORKDIR /app
COPY pyproject.toml README.md ./
COPY powbot ./powbot
RUN pip install . && useradd --create-home --uid 10001 powbot && mkdir -p /app/data && chown powbot /app/data
USER powbot

# Webhook mode listens here; long polling needs no port.
EXPOSE 8080
# SIGTERM: powbot stops taking updates, finishes the ones in hand and hands back claimed
# work within 8 s, inside Docker's default 10 s stop timeout (docker stop -t / stop_grace_period).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 CMD ["powbot", "health"]
CMD ["powbot", "run"]
