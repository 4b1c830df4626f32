# node:22, after the official image's Dockerfile (22/bookworm).
# The official image is FROM buildpack-deps:bookworm, which is three images stacked on debian:bookworm
# (buildpack-deps:bookworm-curl, -scm, then bookworm), one RUN each. The lab has no buildpack-deps
# repository, so this file starts from debian:bookworm and carries those three RUN steps first: the
# layers and `docker history` come out the same.
# The official RUN steps download and install packages and node; the toy RUN interpreter cannot do that,
# so the catalogue build replays each RUN with a layer function (aptInstall, installNode, installYarn in
# ../../images.ts). See ../README.md.
FROM debian:bookworm

# buildpack-deps:bookworm-curl
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends \
		ca-certificates \
		curl \
		gnupg \
		netbase \
		sq \
		wget \
	; \
	rm -rf /var/lib/apt/lists/*

# buildpack-deps:bookworm-scm
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends \
		git \
		mercurial \
		openssh-client \
		subversion \
		\
		procps \
	; \
	rm -rf /var/lib/apt/lists/*

# buildpack-deps:bookworm
RUN set -ex; \
	apt-get update; \
	apt-get install -y --no-install-recommends \
		autoconf \
		automake \
		bzip2 \
		default-libmysqlclient-dev \
		dpkg-dev \
		file \
		g++ \
		gcc \
		imagemagick \
		libbz2-dev ... \
	; \
	rm -rf /var/lib/apt/lists/*

# node:22
ENV NODE_VERSION=22.12.0

RUN groupadd --gid 1000 node \
  && useradd --uid 1000 --gid node --shell /bin/bash --create-home node ... && node --version \
  && npm --version

ENV YARN_VERSION=1.22.22

RUN set -ex \
  && ... && yarn --version \
  && rm -rf /tmp/*

COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]

CMD [ "node" ]
