#!/bin/sh

set -e
