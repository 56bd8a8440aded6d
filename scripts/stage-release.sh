#!/bin/sh
# Copies what the bot needs at run time into a folder, after `npm run build`: the compiled code,
# the package files for `npm ci --omit=dev`, the knowledge articles and the access catalogue (its
# default path, ACCESS_CATALOGUE, is under src/). The Dockerfile and scripts/production-check.sh
# both use it, so the container and CI's check of it ship the same files.
set -eu
target="${1:?usage: scripts/stage-release.sh TARGET_DIR}"
cd "$(dirname "$0")/.."
if [ ! -f dist/main.js ]; then
  echo "dist/main.js is missing: run 'npm run build' first." >&2
  exit 1
fi
mkdir -p "$target/src/features/access"
cp package.json package-lock.json "$target/"
cp -R dist knowledge "$target/"
cp src/features/access/catalogue.json "$target/src/features/access/"
