#!/usr/bin/env bash
# The Dockerfile's production steps without a Docker engine: build, stage the release into a
# clean folder, install production dependencies only (`npm ci --omit=dev`), start
# `node dist/main.js` there with NODE_ENV=production, and wait for GET /readyz to answer 200 and
# GET /metrics to answer on METRICS_PORT (scraped by a real Prometheus when one is installed). Needs no network beyond the npm registry (and none when
# npm's cache already holds the packages). Run by .ci/run; takes about half a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/tugibot-release-XXXXXX")"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "production check: build and stage into $work/app"
npm run build --silent
sh scripts/stage-release.sh "$work/app"
cd "$work/app"
npm ci --omit=dev --no-audit --no-fund --loglevel=error
for dev in typescript jest tsx eslint; do
  if [ -e "node_modules/$dev" ]; then echo "production check FAILED: dev dependency $dev was installed" >&2; exit 1; fi
done

# A real Prometheus (Debian's package) scrapes the bot with the shipped alert rules loaded, when installed.
scrape_with_prometheus() {
  if ! command -v prometheus >/dev/null 2>&1; then
    echo "production check: prometheus not installed, skipping the real scrape (apt-get install prometheus)"
    return 0
  fi
  local prom_port; prom_port="$(free_port)"
  cp "$root/deploy/prometheus/tugibot-alerts.yml" "$work/"
  printf 'global: { scrape_interval: 1s, evaluation_interval: 1s }\nrule_files: [tugibot-alerts.yml]\nscrape_configs:\n  - job_name: tugibot\n    static_configs: [{ targets: ["127.0.0.1:%s"] }]\n' "$metrics_port" > "$work/prometheus.yml"
  prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" --web.listen-address="127.0.0.1:$prom_port" > "$work/prometheus.log" 2>&1 &
  local prom_pid=$! seen=""
  for _ in $(seq 1 60); do
    seen="$(node -e "
      const q = (e) => fetch('http://127.0.0.1:$prom_port/api/v1/query?query=' + encodeURIComponent(e)).then((r) => r.json()).then((j) => j.data.result.map((s) => s.value[1]).join());
      Promise.all([q('up{job=\"tugibot\"}'), q('tugibot_ready'), fetch('http://127.0.0.1:$prom_port/api/v1/rules').then((r) => r.json())])
        .then(([up, ready, rules]) => console.log(up === '1' && ready === '1' && rules.data.groups[0].rules.every((r) => r.health === 'ok') ? 'ok' : 'waiting'), () => console.log('waiting'));")"
    if [ "$seen" = "ok" ]; then break; fi
    sleep 0.5
  done
  kill "$prom_pid" 2>/dev/null || true
  wait "$prom_pid" 2>/dev/null || true
  if [ "$seen" != "ok" ]; then
    echo "production check FAILED: Prometheus did not scrape the bot with healthy alert rules. Its log:" >&2
    tail -20 "$work/prometheus.log" >&2
    exit 1
  fi
  echo "production check: Prometheus $(prometheus --version 2>&1 | head -1 | awk '{print $3}') scraped the bot (up 1, tugibot_ready 1) with the alert rules loaded"
}

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
port="$(free_port)"
metrics_port="$(free_port)"
mkdir -p "$work/data"
# The Node flags of package.json's `start` (one source of truth with `npm start` and the Dockerfile).
node_flags="$(node -p "require('./package.json').scripts.start.split(/\\s+/).filter((word) => word.startsWith('--')).join(' ')")"
echo "production check: node $node_flags dist/main.js on port $port (metrics on 127.0.0.1:$metrics_port)"
env -i PATH="$PATH" HOME="$work" NODE_ENV=production PORT="$port" DATA_DIR="$work/data" METRICS_PORT="$metrics_port" \
  MicrosoftAppId=00000000-0000-4000-8000-000000000001 MicrosoftAppPassword=placeholder-secret \
  MicrosoftAppTenantId=00000000-0000-4000-8000-000000000002 LOG_LEVEL=warn \
  node $node_flags dist/main.js > "$work/bot.log" 2>&1 &
pid=$!

ready=""
for _ in $(seq 1 100); do
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  status="$(node -e "fetch('http://127.0.0.1:$port/readyz').then(r=>console.log(r.status),()=>console.log(0))")"
  if [ "$status" = "200" ]; then ready=yes; break; fi
  sleep 0.2
done
if [ -z "$ready" ]; then
  echo "production check FAILED: /readyz did not answer 200. The bot's output:" >&2
  cat "$work/bot.log" >&2
  exit 1
fi
metrics="$(node -e "fetch('http://127.0.0.1:$metrics_port/metrics').then(r=>r.text()).then(t=>console.log(/^tugibot_ready 1$/m.test(t)?'ok':'missing'),()=>console.log('down'))")"
if [ "$metrics" != "ok" ]; then
  echo "production check FAILED: /metrics on METRICS_PORT answered '$metrics'." >&2
  exit 1
fi
scrape_with_prometheus
kill -TERM "$pid"
if ! wait "$pid"; then
  echo "production check FAILED: the bot did not stop cleanly on SIGTERM. Its output:" >&2
  cat "$work/bot.log" >&2
  exit 1
fi
pid=""
cd "$root"
echo "production check OK: a production-only install started, /readyz answered 200, /metrics served, SIGTERM stopped it cleanly"
