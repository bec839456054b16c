# Sourced by the scripts that need a live `reco serve`: start_server LOG ARGS… starts
# `$reco serve ARGS… --port 0` with its output in LOG, stops it when the script exits, and waits
# (at most 60 s) for its "Listening on" line; then $server is its pid and $port its port. A server
# that exits first, or never listens, prints its log and fails the script.
start_server() {
  local log=$1
  shift
  $reco serve "$@" --port 0 >"$log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  port=
  for _ in $(seq 1 600); do
    port=$(sed -n 's|.*Listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$log")
    [ -n "$port" ] && return 0
    kill -0 $server 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.1
  done
  echo "the server did not start within 60 s"
  cat "$log"
  exit 1
}
