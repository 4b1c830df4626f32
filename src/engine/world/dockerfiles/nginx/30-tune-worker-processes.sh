#!/bin/sh
# vim:sw=2:ts=2:sts=2:et

set -eu
