# golang:1.23-alpine, after the official image's Dockerfile (1.23/alpine3.21).
# The official image fetches the Go release in a build stage, checks its signature and moves it to
# /target; the final stage copies /target in with COPY --link. The toy RUN interpreter cannot download
# or unpack the toolchain, so the catalogue build replays each RUN with a layer function (installGo,
# apkAdd in ../../images.ts; the last RUN makes the same directories). See ../README.md.
FROM alpine:3.21 AS build

ENV PATH=/usr/local/go/bin:$PATH

ENV GOLANG_VERSION=1.23.4

RUN set -eux; \
	apk add --no-cache --virtual .fetch-deps \
		ca-certificates \
		gnupg \
		tar \
	; \
	arch="$(apk --print-arch)"; \
	... \
	tar -C /usr/local -xzf go.tgz; \
	... \
	mkdir -p /target/usr/local; \
	mv -vT /usr/local/go /target/usr/local/go; \
	... \
	apk del --no-network .fetch-deps; \
	\
	go version

FROM alpine:3.21

RUN apk add --no-cache ca-certificates

ENV GOLANG_VERSION=1.23.4

# don't auto-upgrade the gotoolchain
# https://github.com/docker-library/golang/issues/472
ENV GOTOOLCHAIN=local

ENV GOPATH=/go
ENV PATH=$GOPATH/bin:/usr/local/go/bin:$PATH
COPY --from=build --link /target/ /
RUN mkdir -p "$GOPATH/src" "$GOPATH/bin" && chmod -R 1777 "$GOPATH"
WORKDIR $GOPATH
