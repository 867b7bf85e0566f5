#!/usr/bin/env bash
# HITs through the deployment's nginx, with the DEFAULT IsrBuild options: the published sample behind the recipe's
# site file (sample/deploy/nginx-isrbuild-sample.conf, its cache and purge location) against
#   static      nginx serving the same pages as files (identity, .br, .gz by Accept-Encoding): the physical limit;
#   control     the same nginx cache settings in front of that static upstream: what nginx's cache alone reaches;
#   isrbuild    IsrBuild alone (Kestrel);
#   passthrough the old recipe: nginx proxying every request to Kestrel, caching nothing.
# Every server has the same nginx settings: those of this file's http block, plus the recipe location's own (sendfile
# off) on the static and control servers too. One nginx (one worker) and the host pinned to CPU 0, wrk pinned to CPU 1;
# identity and "br, gzip"; URLs rotating over every post and Zipf-distributed. Every server is started fresh and
# stopped by its pid; each combination is measured ROUNDS times (5), 5 s each, each round starting with the next
# server; the table shows each server's median and the median of the per-round ratios.
# Usage: bench/edge.sh [posts...]   (default: 1000 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
[ -f /usr/lib/nginx/modules/ngx_http_cache_purge_module.so ] || { apt-get update -qq && apt-get install -y -qq nginx libnginx-mod-http-cache-purge; }
POST_COUNTS=("${@:-1000 10000 100000}")
ROUNDS=${ROUNDS:-5}
WORK=$(mktemp -d)
chmod 755 "$WORK"
PIDS=()
stop_all() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done; PIDS=(); }
trap 'stop_all; rm -rf "$WORK"' EXIT

wait_for() { for _ in $(seq 1 600); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1" >&2; return 1; }
for port in 5090 5190 5191 5192 5193; do
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then echo "port $port is already in use; stop what listens there first" >&2; exit 1; fi
done

run_wrk() { # name url posts script [extra wrk args]
  local name=$1 url=$2 posts=$3 script=$4; shift 4
  POSTS=$posts taskset -c 1 wrk -t1 -c50 -d5s --latency -s "$script" "$@" "$url" > "$WORK/$name.txt"
  awk '/Requests\/sec/ {print $2}' "$WORK/$name.txt" >> "$WORK/$name.rps"
}
median() { sort -n "$WORK/$1.rps" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# A ratio is the median of the per-round ratios: within a round the servers run one after another (25 s), so the drift
# of this VM (20-40% over minutes) mostly cancels out of each pair.
ratio() { paste "$WORK/$1.rps" "$WORK/$2.rps" | awk '{ print $1 / $2 }' | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }'; }
# The issue's target: edge >= 0.8x static; where nginx's own cache (the control) is below 0.8x static, edge >= 0.95x control.
verdict() { awk -v es="$1" -v cs="$2" -v ec="$3" 'BEGIN { print (es >= 0.8 || (cs < 0.8 && ec >= 0.95)) ? "met" : "MISSED" }'; }

for posts in ${POST_COUNTS[@]}; do
  out="$WORK/site-$posts"
  echo "== $posts posts"
  ConnectionStrings__Blog="Data Source=$WORK/blog-$posts.db" Blog__SeedPosts=$posts Blog__RevalidateSeconds=3600 \
    dotnet publish sample/IsrBuild.Sample -c Release -o "$out" -tl:off -nologo -v:q >/dev/null

  # The same pages as files, for nginx to serve statically.
  python3 - "$out/isr/isr-pages.db" "$WORK/static-$posts" <<'PY'
import os, sqlite3, sys
db, root = sys.argv[1], sys.argv[2]
for path, html, br, gz in sqlite3.connect(f"file:{db}?mode=ro", uri=True).execute("SELECT path, html, br, gz FROM pages WHERE html IS NOT NULL"):
    target = os.path.join(root, path.lstrip("/") or "index")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    for suffix, body in (("", html), (".br", br), (".gz", gz)):
        with open(target + suffix, "wb") as f:
            f.write(body)
PY

  # The recipe's site file as shipped, moved to this run's ports and folders.
  sed -e "s|listen 80;|listen 127.0.0.1:5191;|" -e "s|127.0.0.1:5000|127.0.0.1:5090|" \
      -e "s|/var/cache/nginx/|$WORK/nginx-cache-$posts/|" sample/deploy/nginx-isrbuild-sample.conf > "$WORK/recipe.conf"
  mkdir -p "$WORK/nginx-cache-$posts" "$WORK/nginx-temp"
  cat > "$WORK/nginx.conf" <<NGINX
load_module /usr/lib/nginx/modules/ngx_http_cache_purge_module.so;
daemon off;
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path $WORK/nginx-temp/body;
    proxy_temp_path $WORK/nginx-temp/proxy;
    fastcgi_temp_path $WORK/nginx-temp/fastcgi;
    uwsgi_temp_path $WORK/nginx-temp/uwsgi;
    scgi_temp_path $WORK/nginx-temp/scgi;
    include $WORK/recipe.conf;

    map \$http_accept_encoding \$static_suffix { default ""; "~*\\bbr\\b" .br; "~*\\bgzip\\b" .gz; }
    map \$http_accept_encoding \$static_encoding { default ""; "~*\\bbr\\b" br; "~*\\bgzip\\b" gzip; }
    server {
        listen 127.0.0.1:5190;
        root $WORK/static-$posts;
        default_type "text/html; charset=utf-8";
        gzip off;
        sendfile off;
        location / { add_header Content-Encoding \$static_encoding; add_header Vary Accept-Encoding; try_files \$uri\$static_suffix =404; }
    }
    proxy_cache_path $WORK/nginx-cache-$posts/control levels=1:2 keys_zone=control:128m max_size=4g inactive=1d use_temp_path=off;
    server {
        listen 127.0.0.1:5193;
        location / {
            proxy_pass http://127.0.0.1:5190;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            gzip off;
            sendfile off;
            proxy_cache control;
            proxy_cache_key "\$uri|\$isrbuild_encoding";
            proxy_ignore_headers Vary;
            proxy_cache_valid 200 1h;
            proxy_cache_use_stale updating error timeout http_500 http_502 http_503 http_504;
            proxy_cache_background_update on;
            proxy_cache_lock on;
            add_header X-Edge-Cache \$upstream_cache_status always;
        }
    }
    server {
        listen 127.0.0.1:5192;
        location / {
            proxy_pass http://127.0.0.1:5090;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            gzip off;
        }
    }
}
NGINX

  (cd "$out" && ConnectionStrings__Blog="Data Source=$WORK/blog-$posts.db" Isr__CacheDirectory="$WORK/cache-$posts" \
     Isr__EdgePurge__Urls__0=http://127.0.0.1:5191/_purge Logging__LogLevel__Default=Warning \
     exec taskset -c 0 dotnet IsrBuild.Sample.dll --urls http://127.0.0.1:5090 >/dev/null 2>&1) &
  isr=$!; PIDS+=("$isr")
  taskset -c 0 /usr/sbin/nginx -p "$WORK" -c "$WORK/nginx.conf" -e "$WORK/nginx-error.log" &
  nginx=$!; PIDS+=("$nginx")
  for port in 5090 5190 5191 5192 5193; do wait_for "http://127.0.0.1:$port/posts/1"; done

  # Every page once through every server, in each representation, so the caches hold them all (a time-bound warm-up
  # leaves misses at 100,000 posts); then 3 s each way so the JIT has finished.
  seq 1 "$posts" | awk '{ print "url = \"/posts/" $1 "\"\noutput = \"/dev/null\"" }' > "$WORK/urls-$posts.cfg"
  for port in 5090 5190 5191 5192 5193; do
    for encoding in identity "br, gzip"; do
      taskset -c 1 curl -s --parallel --parallel-max 32 -H "Accept-Encoding: $encoding" \
        --config <(sed "s|url = \"|url = \"http://127.0.0.1:$port|" "$WORK/urls-$posts.cfg") 2>/dev/null
      POSTS=$posts taskset -c 1 wrk -t1 -c50 -d3s -s bench/rotate.lua -H "Accept-Encoding: $encoding" http://127.0.0.1:$port >/dev/null
    done
  done

  servers=("static 5190" "edge 5191" "control 5193" "isrbuild 5090" "passthrough 5192")
  for encoding in identity "br, gzip"; do
    for pattern in rotate zipf; do
      tag="$posts-${encoding%%,*}-$pattern"
      for round in $(seq 1 "$ROUNDS"); do
        for i in 0 1 2 3 4; do
          read -r name port <<< "${servers[$(( (i + round - 1) % 5 ))]}"
          run_wrk "$name-$tag" "http://127.0.0.1:$port" "$posts" "bench/$pattern.lua" -H "Accept-Encoding: $encoding"
        done
      done
      es=$(ratio "edge-$tag" "static-$tag"); cs=$(ratio "control-$tag" "static-$tag"); ec=$(ratio "edge-$tag" "control-$tag")
      printf '%-22s static %9s  edge %9s  control %9s  isrbuild %9s  passthrough %9s | edge/static %s  control/static %s  edge/control %s  edge/isrbuild %s  %s\n' \
        "$tag" "$(median "static-$tag")" "$(median "edge-$tag")" "$(median "control-$tag")" "$(median "isrbuild-$tag")" "$(median "passthrough-$tag")" \
        "$es" "$cs" "$ec" "$(ratio "edge-$tag" "isrbuild-$tag")" "$(verdict "$es" "$cs" "$ec")"
    done
  done
  echo "nginx cache folder: $(du -sh "$WORK/nginx-cache-$posts/isrbuild-sample" | cut -f1) (recipe bound: max_size=4g)," \
    "$(find "$WORK/nginx-cache-$posts/isrbuild-sample" -type f | wc -l) entries for $((2 * posts)) page representations asked for"
  stop_all
  rm -rf "$out" "$WORK/cache-$posts" "$WORK/static-$posts" "$WORK/nginx-cache-$posts"
done
