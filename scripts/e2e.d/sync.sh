# CalDAV sync (issue 14): two plans sync through a real Radicale on a loopback port, headless
# (microgoals --sync-now, checked with sqlite3) and in the window (status bar, Settings → Sync).
# Sourced by scripts/e2e.sh.

SYNC_USER=alice
SYNC_PASSWORD='e2e secret'

# start_radicale: a throwaway Radicale on a free loopback port; sets RADICALE_PID and
# RADICALE_URL. Without radicale the check is skipped, except in CI (CI=true).
start_radicale() {
  if ! command -v radicale >/dev/null; then
    [ "${CI:-}" = true ] && fail "radicale is not installed (make deps)"
    echo "SKIP: radicale is not installed (apt-get install radicale)"; return 2
  fi
  local dir=$WORK/radicale port
  mkdir -p "$dir"
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  printf '%s:%s\n' "$SYNC_USER" "$SYNC_PASSWORD" >"$dir/users"
  cat >"$dir/config" <<CONF
[server]
hosts = 127.0.0.1:$port
[auth]
type = htpasswd
htpasswd_filename = $dir/users
htpasswd_encryption = plain
delay = 0
[rights]
type = owner_only
[storage]
filesystem_folder = $dir/collections
[logging]
level = warning
CONF
  radicale --config "$dir/config" >"$dir/log" 2>&1 &
  RADICALE_PID=$!
  RADICALE_URL=http://127.0.0.1:$port/
  local i
  for i in $(seq 100); do
    /usr/bin/python3 -c "import urllib.request; urllib.request.urlopen('$RADICALE_URL')" 2>/dev/null && return 0
    sleep 0.2
  done
  cat "$dir/log" >&2
  fail "radicale did not start"
}

stop_radicale() {
  [ -n "${RADICALE_PID:-}" ] || return 0
  kill "$RADICALE_PID" 2>/dev/null || true
  wait "$RADICALE_PID" 2>/dev/null || true
  RADICALE_PID=
}

# make_task_list NAME: creates a calendar collection for tasks; prints its URL.
make_task_list() {
  local url=${RADICALE_URL}$SYNC_USER/$1/
  /usr/bin/python3 - "$url" "$SYNC_USER" "$SYNC_PASSWORD" <<'PY'
import base64, sys, urllib.request
url, user, pw = sys.argv[1:]
body = b'<?xml version="1.0"?><c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop><d:displayname>E2E steps</d:displayname><c:supported-calendar-component-set><c:comp name="VTODO"/></c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>'
req = urllib.request.Request(url, data=body, method="MKCALENDAR")
req.add_header("Authorization", "Basic " + base64.b64encode(f"{user}:{pw}".encode()).decode())
urllib.request.urlopen(req)
PY
  echo "$url"
}

# set_up_sync DB LIST: points a plan at a task list, as Settings → Sync saves it.
set_up_sync() {
  sqlite3 "$1" "INSERT OR REPLACE INTO settings (key, value) VALUES
    ('sync.url', '$RADICALE_URL'), ('sync.user', '$SYNC_USER'), ('sync.list', '$2'), ('sync.name', 'E2E steps')"
}

steps_of() { sqlite3 "$1" 'SELECT title, status, coalesce(due_day, ""), outcome FROM micro_goals WHERE trash_id IS NULL ORDER BY title, due_day'; }

# Plan A (a demo plan) syncs with --sync-now; a new plan B then receives every step; a change
# on B reaches A; a wrong password fails with status 1 and a message, changing nothing.
check_sync_headless() {
  local a=$WORK/sync-a.db b=$WORK/sync-b.db list out st
  use_home sync-headless
  start_radicale || { [ $? = 2 ] && return 0; return 1; }
  trap stop_radicale RETURN
  list=$(make_task_list steps)
  make_demo "$a" 60 100
  set_up_sync "$a" "$list"
  out=$(MICROGOALS_SYNC_PASSWORD=$SYNC_PASSWORD "$APP" --db "$a" --sync-now) || fail "sync of A failed: $out"
  echo "A: $out"
  case "$out" in Synced:*sent*) ;; *) fail "A's sync says '$out'";; esac
  # B does not exist yet: the first run creates it and fails, because sync is not set up.
  st=0; "$APP" --db "$b" --sync-now 2>"$WORK/sync-b.err" || st=$?
  [ $st = 1 ] && grep -q 'not set up' "$WORK/sync-b.err" || fail "an unconfigured sync exited $st: $(cat "$WORK/sync-b.err")"
  set_up_sync "$b" "$list"
  out=$(MICROGOALS_SYNC_PASSWORD=$SYNC_PASSWORD "$APP" --db "$b" --sync-now) || fail "sync of B failed: $out"
  echo "B: $out"
  [ "$(steps_of "$a")" = "$(steps_of "$b")" ] || { diff <(steps_of "$a") <(steps_of "$b") >&2; fail "B's steps differ from A's"; }
  [ "$(sqlite3 "$b" 'SELECT count(*) FROM micro_goals')" -ge 60 ] || fail "B has too few steps"
  [ "$(sqlite3 "$a" 'SELECT count(*) FROM sync_outbox')" = 0 ] || fail "A still has changes waiting"
  # A change on B goes to A.
  sqlite3 "$b" "UPDATE micro_goals SET title = 'Changed on B', updated_at = updated_at + 1000 WHERE id = (SELECT min(id) FROM micro_goals)"
  MICROGOALS_SYNC_PASSWORD=$SYNC_PASSWORD "$APP" --db "$b" --sync-now >/dev/null || fail "B's second sync failed"
  MICROGOALS_SYNC_PASSWORD=$SYNC_PASSWORD "$APP" --db "$a" --sync-now >/dev/null || fail "A's second sync failed"
  [ "$(sqlite3 "$a" "SELECT count(*) FROM micro_goals WHERE title = 'Changed on B'")" = 1 ] || fail "B's change did not reach A"
  # A wrong password: status 1, the reason in words, nothing changed.
  sqlite3 "$a" "UPDATE micro_goals SET outcome = 'offline edit' WHERE id = (SELECT max(id) FROM micro_goals)"
  st=0; MICROGOALS_SYNC_PASSWORD=wrong "$APP" --db "$a" --sync-now 2>"$WORK/sync-wrong.err" || st=$?
  [ $st = 1 ] && grep -q 'refused the user name or password' "$WORK/sync-wrong.err" ||
    fail "a wrong password exited $st: $(cat "$WORK/sync-wrong.err")"
  [ "$(sqlite3 "$a" 'SELECT count(*) FROM sync_outbox')" = 1 ] || fail "the offline edit is no longer waiting in A's outbox"
  sqlite3 "$a" "SELECT value FROM settings WHERE key = 'sync.state'" | grep -q '^Failed: ' || fail "the status does not record the failure"
  db_ok "$a"; db_ok "$b"
}

CHECKS+=(sync_headless)

# The window syncs at start and shows the result in its status bar; File → Sync… shows the
# settings with the last sync. Screenshots in both themes.
check_sync_window() {
  local theme db list shot
  start_radicale || { [ $? = 2 ] && return 0; return 1; }
  trap stop_radicale RETURN
  for theme in light dark; do
    list=$(make_task_list "window-$theme")
    use_home "sync-$theme"
    db=$WORK/sync-window-$theme.db
    make_demo "$db" 40 50
    set_up_sync "$db" "$list"
    MICROGOALS_SYNC_PASSWORD=$SYNC_PASSWORD FYNE_THEME=$theme start_app "sync-$theme" --db "$db"
    wait_window
    local i
    for i in $(seq 50); do
      [ -n "$(sqlite3 "$db" "SELECT value FROM settings WHERE key = 'sync.state'")" ] && break
      sleep 0.2
    done
    sqlite3 "$db" "SELECT value FROM settings WHERE key = 'sync.state'" | grep -qE '^(Synced|Up to date)' ||
      fail "the window's sync at start did not succeed: $(sqlite3 "$db" "SELECT value FROM settings WHERE key = 'sync.state'")"
    sleep 1
    screenshot "$WIN" "$ARTIFACTS/e2e-sync-status-$theme.png"
    xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || true
    xdotool mousemove --window "$WIN" ${SYNC_MENU_X:-22} ${SYNC_MENU_Y:-12} click 1; sleep 0.7
    [ -n "${SYNC_EXPLORE:-}" ] && screenshot "$WIN" "$ARTIFACTS/e2e-sync-menu-$theme.png"
    xdotool mousemove --window "$WIN" ${SYNC_ITEM_X:-60} ${SYNC_ITEM_Y:-245} click 1; sleep 1
    screenshot "$WIN" "$ARTIFACTS/e2e-sync-settings-$theme.png"
    xdotool key Escape; sleep 0.3
    close_app
    no_crash_in_log
    db_ok "$db"
  done
}

CHECKS+=(sync_window)
