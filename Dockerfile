# One image for every service in compose.yaml: newsbot (front end or worker) and Debian's
# redis-server.
FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends redis-server && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir '.[redis]'
