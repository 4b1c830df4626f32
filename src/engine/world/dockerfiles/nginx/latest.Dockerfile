# nginx:latest, after the official image's Dockerfile (mainline/debian).
# The official RUN step adds nginx's package repository and installs nginx from it; the toy RUN
# interpreter cannot do that, so the catalogue build replays the RUN with a layer function
# (installNginx in ../../images.ts). The entrypoint scripts here are the official ones' first lines only.
# See ../README.md.
FROM debian:bookworm-slim

LABEL maintainer="NGINX Docker Maintainers <docker-maint@nginx.com>"

ENV NGINX_VERSION=1.27.3
ENV NJS_VERSION=0.8.7
ENV NJS_RELEASE=1
ENV PKG_RELEASE=1~bookworm
ENV DYNPKG_RELEASE=1~bookworm

RUN set -x \
    && groupadd --system --gid 101 nginx \
    && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx \
    && apt-get update ... && apt-get install --no-install-recommends --no-install-suggests -y $nginxPackages gettext-base curl ...

COPY docker-entrypoint.sh /
COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d
COPY 15-local-resolvers.envsh /docker-entrypoint.d
COPY 20-envsubst-on-templates.sh /docker-entrypoint.d
COPY 30-tune-worker-processes.sh /docker-entrypoint.d
ENTRYPOINT ["/docker-entrypoint.sh"]

EXPOSE 80

STOPSIGNAL SIGQUIT

CMD ["nginx", "-g", "daemon off;"]
