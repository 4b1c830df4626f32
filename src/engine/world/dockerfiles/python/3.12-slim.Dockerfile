# python:3.12-slim, after the official image's Dockerfile (3.12/slim-bookworm).
# The official RUN steps install packages and download, verify and compile CPython; the toy RUN
# interpreter cannot do that, so the catalogue build replays each RUN with a layer function
# (aptInstall, installPython in ../../images.ts; the last one makes the same symlinks). See ../README.md.
FROM debian:bookworm-slim

# ensure local python is preferred over distribution python
ENV PATH=/usr/local/bin:$PATH

# cannot remove LANG even though https://bugs.python.org/issue19846 is fixed
# last attempted removal of LANG broke many users:
# https://github.com/docker-library/python/pull/570
ENV LANG=C.UTF-8

# runtime dependencies
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends \
		ca-certificates \
		netbase \
		tzdata \
	; \
	rm -rf /var/lib/apt/lists/*

ENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305
ENV PYTHON_VERSION=3.12.8

RUN set -eux; \
	\
	savedAptMark="$(apt-mark showmanual)"; \
	apt-get update; ... \
	./configure ... \
	make install; ... \
	python3 --version; \
	\
	pip3 --version

# make some useful symlinks that are expected to exist ("/usr/local/bin/python" and friends)
RUN set -eux; \
	for src in idle3 pip3 pydoc3 python3 python3-config; do \
		dst="$(echo "$src" | tr -d 3)"; \
		[ -s "/usr/local/bin/$src" ]; \
		[ ! -e "/usr/local/bin/$dst" ]; \
		ln -svT "$src" "/usr/local/bin/$dst"; \
	done

CMD ["python3"]
