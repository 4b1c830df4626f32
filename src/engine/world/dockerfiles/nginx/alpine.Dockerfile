# nginx:alpine, after the official image's Dockerfile (mainline/alpine).
# The official nginx:alpine is layered on nginx:alpine-slim; the lab keeps one install RUN for both.
# The official RUN step adds nginx's package repository and installs nginx from it; the toy RUN
# interpreter cannot do that, so the catalogue build replays the RUN with a layer function
# (installNginx (plus the njs modules) in ../../images.ts). The entrypoint scripts here are the official ones' first lines only.
# See ../README.md.
FROM alpine:3.21

LABEL maintainer="NGINX Docker Maintainers <docker-maint@nginx.com>"

ENV NGINX_VERSION=1.27.3
ENV PKG_RELEASE=1
ENV NJS_VERSION=0.8.7
ENV NJS_RELEASE=1

RUN set -x \
    && addgroup -g 101 -S nginx \
    && adduser -S -D -H -u 101 -h /var/cache/nginx -s /sbin/nologin -G nginx -g nginx nginx \
    && apkArch="$(cat /etc/apk/arch)" \
    && ... && apk add --no-cache curl ca-certificates

COPY docker-entrypoint.sh /
COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d
COPY 15-local-resolvers.envsh /docker-entrypoint.d
COPY 20-envsubst-on-templates.sh /docker-entrypoint.d
COPY 30-tune-worker-processes.sh /docker-entrypoint.d
ENTRYPOINT ["/docker-entrypoint.sh"]

EXPOSE 80

STOPSIGNAL SIGQUIT

CMD ["nginx", "-g", "daemon off;"]
