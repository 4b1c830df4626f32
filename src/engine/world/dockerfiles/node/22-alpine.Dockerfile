# node:22-alpine, after the official image's Dockerfile (22/alpine3.21).
# The official RUN steps download node and yarn, check their signatures and build native parts; the toy
# RUN interpreter cannot do that, so the catalogue build replays each RUN with a layer function
# (installNode, installYarn in ../../images.ts). See ../README.md.
FROM alpine:3.21

ENV NODE_VERSION=22.12.0

RUN addgroup -g 1000 node \
    && adduser -u 1000 -G node -s /bin/sh -D node \
    && apk add --no-cache \
        libstdc++ \
    && apk add --no-cache --virtual .build-deps \
        curl \
    && ARCH= OPENSSL_ARCH='linux*' && alpineArch="$(apk --print-arch)" ... && node --version \
    && npm --version

ENV YARN_VERSION=1.22.22

RUN apk add --no-cache --virtual .build-deps-yarn curl gnupg tar \
  && ... && yarn --version \
  && rm -rf /tmp/*

COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]

CMD [ "node" ]
