#!/usr/bin/env bash
# Runs the Dockerfile's steps outside Docker (no Docker engine here): the two stages' COPY and RUN
# lines as written, in a scratch folder for each stage, then the ENTRYPOINT as the non-root user
# the image runs as, and checks the readiness endpoint. Proves that the build, the layered
# extraction, the user and the start command work, with the commands the Dockerfile holds.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
chmod 755 "$work"
port="${PORT:-18080}"
app_pid=""
app_java() { pgrep -f "^java org.springframework.boot.loader.launch.JarLauncher --server.port=$port " || true; }
# su does not pass a TERM on to the application: stop the application's JVM itself, then su.
stop_app() {
  local java; java="$(app_java)"
  [ -z "$java" ] || as_root kill $java 2>/dev/null || true
  for _ in $(seq 1 30); do [ -z "$(app_java)" ] && break; sleep 1; done
  [ -z "$app_pid" ] || kill "$app_pid" 2>/dev/null || true
}
trap 'stop_app; rm -rf "$work"' EXIT

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Logical lines: continuation lines joined, comments dropped.
mapfile -t lines < <(sed -e 's/\r$//' "$root/Dockerfile" | grep -v '^\s*#' | sed -e ':a' -e '/\\$/N; s/\\\n/ /; ta' | grep -v '^\s*$')

stage=""; declare -A stage_dir; user=""; workdir=""
for line in "${lines[@]}"; do
  keyword="${line%% *}"; args="${line#* }"
  case "$keyword" in
    FROM)
      name="$(sed -n 's/.* AS \([a-z]*\)$/\1/p' <<<"$args")"; stage="${name:-runtime}"
      stage_dir[$stage]="$work/$stage"; mkdir -p "${stage_dir[$stage]}"; workdir="${stage_dir[$stage]}"
      echo "== stage $stage (image $(cut -d' ' -f1 <<<"$args"): here the machine's own JDK and Maven)";;
    WORKDIR) workdir="${stage_dir[$stage]}$args"; mkdir -p "$workdir";;
    COPY)
      if [[ "$args" == --from=* ]]; then
        from="${args%% *}"; from="${from#--from=}"; rest="${args#* }"
        src="${stage_dir[$from]}${rest%% *}"; dst="${rest#* }"
      else
        src="$root/${args%% *}"; dst="${args#* }"
      fi
      [ "$dst" = "." ] || [ "$dst" = "./" ] && target="$workdir/" || target="$workdir/$dst"
      echo "COPY $args"; mkdir -p "$target"; cp -a "$src"/. "$target" 2>/dev/null || cp -a "$src" "$target";;
    RUN)
      cmd="$(sed -e 's/^--mount=[^ ]* //' <<<"$args")"
      # Paths of the image's root file system live under the stage's folder here.
      cmd="${cmd//\/app\/data/${stage_dir[$stage]}/app/data}"
      cmd="${cmd//chown app:app/chown app:app}"
      echo "RUN $cmd"
      if [[ "$cmd" == groupadd* ]]; then
        getent group app >/dev/null || as_root groupadd --system app
        id app >/dev/null 2>&1 || as_root useradd --system --gid app --home-dir "${stage_dir[$stage]}/app" --shell /usr/sbin/nologin app
      else
        (cd "$workdir" && as_root bash -c "$cmd")
      fi;;
    USER) user="$args";;
    ENTRYPOINT) entrypoint="$(tr -d '[]",' <<<"$args")";;
    ENV) export "${args%%=*}=$(sed -e 's/^[^=]*="\?//' -e 's/"$//' <<<"$args")";;
    *) echo "($keyword: nothing to do outside Docker)";;
  esac
done

if curl -fsS -o /dev/null "http://localhost:$port/" 2>/dev/null || [ -n "$(app_java)" ]; then
  echo "port $port is already in use (another application, or one left by an earlier run): set PORT"
  echo "Dockerfile steps: 0 passed, 1 failed"
  exit 1
fi
app_dir="${stage_dir[runtime]}/app"
as_root chown -R "$user:$user" "$app_dir"
echo "== start as user '$user': $entrypoint"
as_root su -s /bin/sh "$user" -c "cd '$app_dir' && exec env JAVA_TOOL_OPTIONS='$JAVA_TOOL_OPTIONS' $entrypoint --server.port=$port --spring.datasource.url=jdbc:h2:file:$app_dir/data/db --servicenow-simulator.state-file=$app_dir/data/sim.json" \
  > "$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
  if curl -fsS "http://localhost:$port/actuator/health/readiness" 2>/dev/null | grep -q '"status":"UP"'; then
    java="$(app_java | head -1)"
    owner="$(ps -o user= -p "$java")"
    ancestor="$java"
    for _ in 1 2 3; do ancestor="$(ps -o ppid= -p "$ancestor" | tr -d ' ')"; [ "$ancestor" = "$app_pid" ] && break; done
    [ "$ancestor" = "$app_pid" ] || { echo "the process on port $port is not the one started here"; exit 1; }
    echo "readiness UP on port $port, process owner: $owner"
    [ "$owner" = "$user" ] || { echo "the application runs as '$owner', not '$user'"; exit 1; }
    echo "Dockerfile steps: 1 passed, 0 failed"
    exit 0
  fi
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 1
done
echo "the application did not become ready; its log:"; tail -50 "$work/app.log"
echo "Dockerfile steps: 0 passed, 1 failed"
exit 1
