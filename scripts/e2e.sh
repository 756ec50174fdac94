#!/usr/bin/env bash
# e2e.sh — end-to-end checks of the built Microgoals binary in a real window.
#
#   scripts/e2e.sh [CHECK ...]      (default: every check in CHECKS below)
#
# Run by `make test` after `go test`, from the repository root, on binaries make has built
# (build/microgoals, build/microgoals-demo); it builds nothing. It starts its own Xvfb on a free
# display and a private D-Bus session bus, gives every app run a private HOME and XDG dirs
# under one temporary directory, and removes all of it on exit.
#
# Each check is a function check_NAME run in a subshell with `set -e`: the first failing command
# fails the check (its line and command are printed), and so does an explicit `fail MESSAGE`.
# To add one, write check_NAME and list NAME in CHECKS (or in a file of scripts/e2e.d/, below). Screenshots go to build/artifacts/.
# The last line is "e2e: N passed, M failed"; the exit status is non-zero if any check failed.
#
# Environment: E2E_TIMEOUT (seconds to wait for the window, default 30), E2E_KEEP=1 keeps the
# temporary directory, APP / DEMO override the binaries.
set -euo pipefail
export LANG=C.UTF-8

cd "$(dirname "$0")/.."
ROOT=$PWD
APP=${APP:-$ROOT/build/microgoals}
DEMO=${DEMO:-$ROOT/build/microgoals-demo}
ARTIFACTS=$ROOT/build/artifacts
DESKTOP_FILE=$ROOT/resources/io.github.microgoals.Microgoals.desktop
METAINFO=$ROOT/resources/io.github.microgoals.Microgoals.metainfo.xml
TIMEOUT=${E2E_TIMEOUT:-30}
TITLE=Microgoals

CHECKS=(version desktop_file metainfo window_light window_dark default_database drag_reorder refused_files calendar_today metric_log_sprint_charts notifications notifications_no_bus reviews_and_backup)

# --- the private session -------------------------------------------------------------------

WORK=$(mktemp -d /tmp/microgoals-e2e.XXXXXX)
XVFB_PID= BUS_PID=

# kill_stragglers ends anything still running with our private bus (an app, a notification
# daemon, a monitor) but this script and the bus: after a failed check, and at the end.
kill_stragglers() {
  local pids p
  pids=$(grep -lsz "DBUS_SESSION_BUS_ADDRESS=unix:path=$WORK/run/bus" /proc/[0-9]*/environ 2>/dev/null |
         cut -d/ -f3 || true)
  for p in $pids; do [ "$p" != $$ ] && [ "$p" != "$BUS_PID" ] && kill "$p" 2>/dev/null || true; done
}

cleanup() {
  kill_stragglers
  [ -n "$BUS_PID" ] && kill "$BUS_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && wait "$XVFB_PID" 2>/dev/null || true
  if [ -n "${E2E_KEEP:-}" ]; then echo "e2e: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

need() { command -v "$1" >/dev/null || { echo "e2e: $1 not found (run 'make deps')" >&2; exit 2; }; }
for tool in Xvfb xdotool xdpyinfo xprop import convert sqlite3 desktop-file-validate; do need "$tool"; done
[ -x "$APP" ] || { echo "e2e: $APP not built (run 'make build')" >&2; exit 2; }

start_xvfb() {
  local n
  for n in $(seq 97 140); do
    [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] && continue
    # -noreset: by default the X server resets when its last client leaves, and a client that
    # connects meanwhile is refused. Between two checks the last xdotool or screenshot often is
    # the last client, and an app starting then could not open its window ("PlatformUnavailable",
    # once in CI; 14 refusals in 600 connections from three parallel loops without it, 0 with).
    Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp -noreset >"$WORK/xvfb.log" 2>&1 &
    XVFB_PID=$!
    export DISPLAY=":$n"
    for _ in $(seq 100); do
      xdpyinfo >/dev/null 2>&1 && return 0
      kill -0 "$XVFB_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill "$XVFB_PID" 2>/dev/null || true; XVFB_PID=  # lost a race for this display: next one
  done
  echo "e2e: could not start Xvfb" >&2; cat "$WORK/xvfb.log" >&2; exit 2
}

mkdir -p "$WORK/run" "$ARTIFACTS"
chmod 700 "$WORK/run"
export XDG_RUNTIME_DIR=$WORK/run NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory TZ=${TZ:-UTC}
unset WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
start_xvfb
if command -v dbus-daemon >/dev/null; then
  # The bus starts a notification daemon on demand (Debian's dunst) when an app notifies and
  # no check started one; its popup then lay over the app window's top right corner, a black
  # box in screenshots of the window. Such a daemon shows its popups in the screen's bottom
  # right corner instead, off the 1080x680 window.
  mkdir -p "$WORK/bus-config/dunst"
  printf '[global]\n    origin = bottom-right\n    offset = 8x8\n    width = 160\n' >"$WORK/bus-config/dunst/dunstrc"
  BUS_PID=$(XDG_CONFIG_HOME=$WORK/bus-config dbus-daemon --session --fork --print-pid=1 --address="unix:path=$WORK/run/bus")
  export DBUS_SESSION_BUS_ADDRESS=unix:path=$WORK/run/bus
fi
echo "e2e: display $DISPLAY, work dir $WORK"

# --- helpers for checks ----------------------------------------------------------------------

fail() { echo "FAIL: $*" >&2; return 1; }

# use_home NAME: a fresh HOME and XDG dirs for one app run.
use_home() {
  export HOME=$WORK/home-$1
  export XDG_CONFIG_HOME=$HOME/.config XDG_DATA_HOME=$HOME/.local/share
  export XDG_CACHE_HOME=$HOME/.cache XDG_STATE_HOME=$HOME/.local/state
  mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
}

# make_demo PATH [GOALS ENTRIES]: a demo database written by the demo generator.
make_demo() {
  [ -x "$DEMO" ] || fail "$DEMO not built"
  "$DEMO" --db "$1" --goals "${2:-200}" --entries "${3:-2000}" >"$WORK/demo.log" 2>&1 ||
    { cat "$WORK/demo.log" >&2; fail "demo generator failed"; }
  [ -s "$1" ] || fail "demo generator wrote no database at $1"
}

# start_app NAME ARGS...: starts the app in its own process group; sets APP_PID and APP_ERR.
start_app() {
  local name=$1; shift
  APP_ERR=$WORK/app-$name.stderr
  release_keys
  setsid "$APP" "$@" >"$WORK/app-$name.stdout" 2>"$APP_ERR" &
  APP_PID=$!
}

# app_state: whether the last app started still runs, and how it ended if not (for a failure).
app_state() {
  [ -n "${APP_PID:-}" ] || return 0
  if kill -0 "$APP_PID" 2>/dev/null; then
    echo "the app (pid $APP_PID) is running: $(ps -o pid=,pgid=,sid=,stat=,etime=,args= -p "$APP_PID" 2>/dev/null)" >&2
  else
    local st=0; wait "$APP_PID" 2>/dev/null || st=$?
    echo "the app (pid $APP_PID) has exited with status $st" >&2
  fi
}

show_app_output() {
  app_state
  echo "----- app stderr ($APP_ERR) -----" >&2
  tail -n 60 "$APP_ERR" >&2 || true
  echo "-----" >&2
}

# wait_window: waits until a window titled like $TITLE is mapped; sets WIN.
wait_window() {
  local deadline=$((SECONDS + TIMEOUT))
  WIN=
  while [ $SECONDS -lt $deadline ]; do
    kill -0 "$APP_PID" 2>/dev/null || { show_app_output; fail "app exited before its window appeared"; }
    WIN=$(xdotool search --onlyvisible --name "$TITLE" 2>/dev/null | head -n 1 || true)
    [ -n "$WIN" ] && return 0
    sleep 0.2
  done
  show_app_output
  fail "no window titled '$TITLE' mapped within ${TIMEOUT}s"
}

# wait_exit SECONDS: true once the app has exited (its status in APP_STATUS).
wait_exit() {
  local i
  for i in $(seq $(($1 * 10))); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      APP_STATUS=0; wait "$APP_PID" || APP_STATUS=$?
      return 0
    fi
    sleep 0.1
  done
  return 1
}

# release_keys: lets go of every key a check presses. A key left down auto-repeats into
# whichever window has the focus next: a Ctrl+Q left down quit every later app at once.
release_keys() {
  xdotool keyup Control_L Control_R Shift_L Shift_R Alt_L Alt_R q e r d l Return >/dev/null 2>&1 || true
}

# close_app: Ctrl+Q first, then SIGTERM (Fyne quits cleanly on it); SIGKILL fails the check.
# Ctrl+Q goes to the focused window through XTEST, not to "$WIN": with a window named, xdotool
# looks the window up between pressing and releasing the keys, and when the app had already
# closed it, died of BadWindow with Ctrl and Q still down.
close_app() {
  xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || xdotool windowfocus --sync "$WIN" >/dev/null 2>&1 || true
  xdotool key ctrl+q >/dev/null 2>&1 || true
  release_keys
  if wait_exit 5; then
    echo "closed with Ctrl+Q"
  else
    echo "warning: the app did not quit on Ctrl+Q; sending SIGTERM"
    kill -TERM "$APP_PID" 2>/dev/null || true
    if ! wait_exit 10; then
      kill -KILL -- -"$APP_PID" 2>/dev/null || true
      wait "$APP_PID" 2>/dev/null || true
      show_app_output; fail "the app ignored Ctrl+Q and SIGTERM and was killed"
    fi
  fi
  [ "$APP_STATUS" = 0 ] || { show_app_output; fail "the app exited with status $APP_STATUS"; }
  kill -KILL -- -"$APP_PID" 2>/dev/null || true  # helpers it may have left in its group
}

# no_crash_in_log: the app's stderr shows no panic, fatal error or data race.
no_crash_in_log() {
  if grep -qE '^(panic:|fatal error:|WARNING: DATA RACE)' "$APP_ERR"; then
    show_app_output; fail "the app's stderr shows a crash"
  fi
}

# db_ok PATH: SQLite's integrity check on PATH prints ok.
db_ok() {
  local out
  out=$(sqlite3 "$1" 'PRAGMA integrity_check' 2>&1) || fail "sqlite3 cannot read $1: $out"
  [ "$out" = ok ] || fail "integrity_check on $1: $out"
}

# screenshot WIN FILE: saves the window; fails if it is one flat colour (nothing drawn).
screenshot() {
  import -window "$1" "$2" || fail "screenshot failed"
  local sd
  sd=$(convert "$2" -format '%[fx:standard_deviation]' info:)
  awk -v s="$sd" 'BEGIN{ exit !(s > 0.01) }' || fail "screenshot $2 is blank (std dev $sd)"
  echo "screenshot $2 ($(identify -format '%wx%h' "$2"), std dev $sd)"
}

mean_brightness() { convert "$1" -colorspace Gray -format '%[fx:mean]' info:; }

# run_window THEME: open the app on a demo database, screenshot it, close it, check the file.
run_window() {
  local theme=$1 db=$WORK/demo-$1.db shot=$ARTIFACTS/e2e-main-$1.png wmclass want
  use_home "window-$theme"
  make_demo "$db"
  FYNE_THEME=$theme start_app "window-$theme" --db "$db"
  wait_window
  sleep 2  # let the first frames and the data load settle
  screenshot "$WIN" "$shot"
  # Docks match the window to its .desktop file through WM_CLASS (GLFW sets it from the title).
  want=$(sed -n 's/^StartupWMClass=//p' "$DESKTOP_FILE")
  wmclass=$(xprop -id "$WIN" WM_CLASS)
  if [ -n "$want" ]; then
    case "$wmclass" in *"\"$want\""*) ;; *) fail "WM_CLASS is '$wmclass', the .desktop file says StartupWMClass=$want";; esac
  fi
  close_app
  no_crash_in_log
  db_ok "$db"
}

# Logging an entry (Ctrl+E, value, Enter) and starting a focus sprint (Ctrl+R, Enter) on the
# first micro-goal in a real window; the sprint must still run after a restart, and the
# Charts tab must draw in both themes.
check_metric_log_sprint_charts() {
  local db=$WORK/demo-metrics.db before after running theme
  use_home metrics
  make_demo "$db"
  before=$(sqlite3 "$db" 'SELECT count(*) FROM metric_entries')
  start_app metrics --db "$db"
  wait_window
  sleep 2
  # Keys go to the focused window (the click focuses it): sending them to a window id has
  # failed with BadWindow when the search matched a short-lived window of the same name.
  xdotool mousemove --window "$WIN" 300 219 click 1; sleep 0.5
  xdotool key ctrl+e; sleep 0.5
  xdotool type 7; xdotool key Return; sleep 0.5
  xdotool key ctrl+r; sleep 0.5
  xdotool key Return; sleep 1
  screenshot "$WIN" "$ARTIFACTS/e2e-sprint-running.png"
  close_app
  no_crash_in_log
  after=$(sqlite3 "$db" 'SELECT count(*) FROM metric_entries WHERE value = 7')
  [ "$(sqlite3 "$db" 'SELECT count(*) FROM metric_entries')" -eq $((before + 1)) ] || fail "Ctrl+E, 7, Enter logged no entry"
  [ "$after" -ge 1 ] || fail "the logged entry does not have the value 7"
  running=$(sqlite3 "$db" 'SELECT count(*) FROM sprints WHERE ended_at IS NULL')
  [ "$running" = 1 ] || fail "Ctrl+R, Enter left $running sprints running, want 1"
  for theme in light dark; do
    FYNE_THEME=$theme start_app "metrics-$theme" --db "$db"
    wait_window
    sleep 2
    # The sprint bar sits above the tabs while the sprint runs: the Charts tab is 40 px lower.
    xdotool mousemove --window "$WIN" 325 94 click 1; sleep 1.5
    screenshot "$WIN" "$ARTIFACTS/e2e-charts-$theme.png"
    # The selected tab is underlined in the theme's blue: it must be Charts that is selected,
    # and the charts must not have widened the window past its default size.
    tab_blue=$(convert "$ARTIFACTS/e2e-charts-$theme.png" -crop 60x4+295+106 -format '%[fx:mean.b-mean.r]' info:)
    awk -v b="$tab_blue" 'BEGIN{ exit !(b > 0.15) }' || fail "the Charts tab is not the selected one (blue-red under it: $tab_blue)"
    [ "$(identify -format '%w' "$ARTIFACTS/e2e-charts-$theme.png")" = 1080 ] || fail "the Charts tab widened the window past 1080 px"
    close_app
    no_crash_in_log
  done
  [ "$(sqlite3 "$db" 'SELECT count(*) FROM sprints WHERE ended_at IS NULL')" = 1 ] || fail "the sprint did not survive the restart"
  db_ok "$db"
}


# --- the checks --------------------------------------------------------------------------------

check_version() {
  local out
  out=$("$APP" --version 2>&1) || fail "--version exited non-zero: $out"
  echo "$out"
  echo "$out" | grep -qE '[0-9]+\.[0-9]+(\.[0-9]+)?|[0-9a-f]{7,}' || fail "--version printed no version: '$out'"
}

check_desktop_file() {
  desktop-file-validate "$DESKTOP_FILE"
}

check_metainfo() {
  if ! command -v appstreamcli >/dev/null; then echo "appstreamcli not installed: skipped"; return 0; fi
  appstreamcli validate --no-net "$METAINFO"
}

check_window_light() {
  run_window light
}

check_window_dark() {
  run_window dark
  # FYNE_THEME=dark must give a darker window than light.
  local light dark
  [ -f "$ARTIFACTS/e2e-main-light.png" ] || return 0
  light=$(mean_brightness "$ARTIFACTS/e2e-main-light.png")
  dark=$(mean_brightness "$ARTIFACTS/e2e-main-dark.png")
  echo "mean brightness: light $light, dark $dark"
  awk -v l="$light" -v d="$dark" 'BEGIN{ exit !(d < l) }' || fail "the dark theme is not darker than the light one"
}

# Without --db the app creates its database under $XDG_DATA_HOME/microgoals/.
check_default_database() {
  use_home default
  local db=$XDG_DATA_HOME/microgoals/microgoals.db
  start_app default
  wait_window
  sleep 1
  close_app
  no_crash_in_log
  [ -f "$db" ] || fail "no database at $db"
  db_ok "$db"
}

# The outline's geometry in a window of the default size (1080x680) on a path database: rows
# are 40 px apart and the first step's row is centred 221 px from the window's top (menu bar,
# tabs, toolbar, quick add, objective row above it). A layout change that moves them fails this check loudly.
ROW1_Y=221 ROW_PITCH=40 ROW_X=200

# check_drag_reorder: press on the third micro-goal, move up in steps, release above the first;
# the file then holds the new order. A screenshot mid-drag is kept.
check_drag_reorder() {
  use_home drag
  local db=$WORK/path.db order want
  "$DEMO" --db "$db" --path 5 >"$WORK/demo.log" 2>&1 || { cat "$WORK/demo.log" >&2; fail "demo generator failed"; }
  start_app drag --db "$db"
  wait_window
  sleep 1.5
  local y=$((ROW1_Y + 2 * ROW_PITCH)) top=$((ROW1_Y - ROW_PITCH / 2 + 4))
  xdotool mousemove --window "$WIN" $ROW_X $y mousedown 1
  while [ $y -gt $top ]; do
    y=$((y - 8)); [ $y -lt $top ] && y=$top
    xdotool mousemove --window "$WIN" $ROW_X $y; sleep 0.05
  done
  sleep 0.3
  screenshot "$WIN" "$ARTIFACTS/e2e-drag-middle.png"
  xdotool mouseup 1
  sleep 0.5
  close_app
  no_crash_in_log
  db_ok "$db"
  order=$(sqlite3 "$db" "SELECT group_concat(substr(title, 6, 1), '') FROM (SELECT title FROM micro_goals WHERE parent_id IS NULL ORDER BY position)")
  want=31245
  [ "$order" = "$want" ] || fail "order after the drag is $order, want $want"
  echo "order after the drag: $order"
}

# check_refused_files: a file that is not SQLite and one from a newer Microgoals each open a
# window that says why, and stay byte-for-byte what they were.
check_refused_files() {
  use_home refused
  local junk=$WORK/junk.db newer=$WORK/newer.db f before after
  head -c 8192 /dev/urandom >"$junk"
  "$DEMO" --db "$newer" --goals 5 --entries 0 >"$WORK/demo.log" 2>&1 || fail "demo generator failed"
  sqlite3 "$newer" 'PRAGMA user_version = 999' || fail "cannot set user_version"
  for f in "$junk" "$newer"; do
    before=$(sha256sum <"$f")
    start_app refused --db "$f"
    TITLE="cannot open" wait_window
    sleep 1
    screenshot "$WIN" "$ARTIFACTS/e2e-refused-$(basename "$f" .db).png"
    grep -q "left untouched" "$APP_ERR" || { show_app_output; fail "no plain message for $f"; }
    kill -TERM "$APP_PID" 2>/dev/null || true
    wait_exit 10 || { kill -KILL -- -"$APP_PID"; fail "the refusal window did not close"; }
    [ "$APP_STATUS" = 1 ] || fail "a refused file should end with status 1, got $APP_STATUS"
    no_crash_in_log
    after=$(sha256sum <"$f")
    [ "$before" = "$after" ] || fail "$f was changed"
    ls "$f"-* >/dev/null 2>&1 && fail "files were created beside $f"
    echo "$(basename "$f"): refused with: $(head -n 1 "$APP_ERR")"
  done
}

# The Today and Calendar tabs on a demo database: a step typed into Today's quick add with a
# time lands in the database due today at that time; the calendar pages with PageDown.
check_calendar_today() {
  local db=$WORK/demo-calendar.db today got
  use_home calendar
  make_demo "$db"
  FYNE_THEME=light start_app calendar --db "$db"
  wait_window
  sleep 2
  xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || true
  # The tabs sit under the menu bar: Outline, Today, Calendar (the window opens at its default 1080x680).
  xdotool mousemove --window "$WIN" 240 50 click 1; sleep 1
  xdotool key Next; sleep 1
  screenshot "$WIN" "$ARTIFACTS/e2e-calendar-next-month.png"
  # (Adding a step shows a banner that moves the tabs down: the calendar goes first.)
  xdotool mousemove --window "$WIN" 140 50 click 1; sleep 1
  xdotool mousemove --window "$WIN" 620 132 click 1; sleep 0.3
  xdotool type --delay 20 "Write the end-to-end check 4pm"; xdotool key Return; sleep 1
  screenshot "$WIN" "$ARTIFACTS/e2e-today.png"
  close_app
  no_crash_in_log
  db_ok "$db"
  today=$(date -u +%F)
  got=$(sqlite3 "$db" "SELECT due_day || ' ' || due_has_time || ' ' || strftime('%H:%M', due_at / 1000, 'unixepoch')
    FROM micro_goals WHERE title = 'Write the end-to-end check'")
  [ "$got" = "$today 1 16:00" ] || fail "the quick-added step is stored as '$got', want '$today 1 16:00'"
}

# --- notifications ---------------------------------------------------------------------------

# add_timed_goal DB TITLE SECONDS: a micro-goal under the first objective due SECONDS from now;
# prints its id. (The app reads the clock itself, so the deadline is placed relative to now.)
add_timed_goal() {
  local now ms day
  now=$(date +%s); ms=$(( ($now + $3) * 1000 )); day=$(date -d "@$(($now + $3))" +%F)
  sqlite3 "$1" "INSERT INTO micro_goals (objective_id, position, title, due_at, due_has_time, due_day, created_at, updated_at)
    SELECT o, coalesce((SELECT max(position) FROM micro_goals WHERE objective_id = o AND parent_id IS NULL), 0) + 1024,
           '$2', $ms, 1, '$day', $(($now * 1000)), $(($now * 1000))
    FROM (SELECT min(id) AS o FROM objectives WHERE trash_id IS NULL);
    SELECT last_insert_rowid();"
}

# wait_for FILE TEXT SECONDS: true once FILE contains TEXT.
wait_for() {
  local i
  for i in $(seq $(($3 * 5))); do
    grep -qF -- "$2" "$1" 2>/dev/null && return 0
    kill -0 "$APP_PID" 2>/dev/null || { show_app_output; fail "the app exited while waiting for '$2'"; return 1; }
    sleep 0.2
  done
  return 1
}

# Notify calls recorded by dbus-monitor whose strings contain TEXT.
notify_count() { grep -cF -- "string \"$2" "$1" || true; }

# A real notification daemon (Debian's dunst) on the private session bus, with dbus-monitor
# recording every Notify call: a micro-goal due shortly fires "due soon" with its title;
# marking a step done in the window (quick add, Ctrl+D) fires a celebration; a restart repeats
# neither.
check_notifications() {
  local tool
  for tool in dunst dbus-monitor dbus-send; do command -v "$tool" >/dev/null || fail "$tool not found (run 'make deps')"; done
  [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || fail "no private D-Bus session bus (dbus-daemon not found)"
  use_home notify
  local db=$WORK/notify.db mon=$WORK/notify-monitor.log due="Call the dentist about the crown"
  local done_title="Stretch for two minutes" dunst_pid mon_pid i
  make_demo "$db"
  # Quiet hours (22:00-07:00 by default) hold celebrations back until morning: without this the
  # check failed whenever it ran at night.
  sqlite3 "$db" "INSERT OR REPLACE INTO settings (key, value) VALUES ('notify.quiet', '0')"
  dunst >"$WORK/dunst.log" 2>&1 &
  dunst_pid=$!
  dbus-monitor "interface='org.freedesktop.Notifications',member='Notify'" >"$mon" 2>&1 &
  mon_pid=$!
  for i in $(seq 50); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null | grep -q 'boolean true' && break
    sleep 0.1
  done
  # Due in 15 min 20 s: with the default 15 min lead, "due soon" comes about 20 s after start.
  add_timed_goal "$db" "$due" 920 >/dev/null
  start_app notify --db "$db"
  wait_window
  wait_for "$mon" "Due in 15 min: $due" 60 || { show_app_output; cat "$mon" >&2; fail "no 'due soon' notification for '$due'"; }
  echo "due soon: notified"
  sleep 0.5
  import -window root "$ARTIFACTS/e2e-notify-dunst.png" && echo "screenshot $ARTIFACTS/e2e-notify-dunst.png"

  xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || xdotool windowfocus --sync "$WIN" >/dev/null 2>&1 || true
  xdotool key ctrl+l
  sleep 0.3
  xdotool type --delay 15 "$done_title"
  xdotool key Return
  sleep 0.8
  xdotool key ctrl+d
  wait_for "$mon" "Done: $done_title" 15 || { show_app_output; fail "marking '$done_title' done sent no celebration"; }
  [ "$(sqlite3 "$db" "SELECT status FROM micro_goals WHERE title = '$done_title'")" = done ] || fail "'$done_title' is not stored as done"
  echo "celebration: notified"
  close_app
  no_crash_in_log

  local soon1 done1 total1
  soon1=$(notify_count "$mon" "Due in 15 min: $due"); done1=$(notify_count "$mon" "Done: $done_title")
  total1=$(grep -c 'member=Notify' "$mon" || true)
  [ "$soon1" = 1 ] && [ "$done1" = 1 ] || fail "before the restart: $soon1 'due soon' and $done1 celebrations, want 1 each"
  start_app notify-again --db "$db"
  wait_window
  sleep 6  # the scheduler starts 2 s after the window and plans at once
  close_app
  no_crash_in_log
  [ "$(notify_count "$mon" "Due in 15 min: $due")" = 1 ] || fail "the restart repeated 'due soon'"
  [ "$(notify_count "$mon" "Done: $done_title")" = 1 ] || fail "the restart repeated the celebration"
  echo "restart: no repeats ($total1 Notify calls before, $(grep -c 'member=Notify' "$mon" || true) after)"
  [ "$(sqlite3 "$db" "SELECT count(*) FROM notification_log WHERE key LIKE 'due-soon:%' AND outcome = 'sent'")" -ge 1 ] || fail "no 'due soon' in the log"
  kill "$dunst_pid" "$mon_pid" 2>/dev/null || true
  wait "$dunst_pid" "$mon_pid" 2>/dev/null || true
  db_ok "$db"
}

# No session bus and no notify-send: the app still starts, shows the notification in its
# banner, and records why desktop notifications are unavailable.
check_notifications_no_bus() {
  use_home nobus
  local db=$WORK/nobus.db due="Book the train to Leipzig" run=$WORK/run-nobus
  mkdir -p "$run"; chmod 700 "$run"
  make_demo "$db"
  add_timed_goal "$db" "$due" 912 >/dev/null
  APP_ERR=$WORK/app-nobus.stderr
  # Without DBUS_SESSION_BUS_ADDRESS, with a runtime dir that holds no bus socket and a PATH
  # without notify-send or dbus-launch (which could start a bus of its own).
  setsid env -u DBUS_SESSION_BUS_ADDRESS XDG_RUNTIME_DIR="$run" PATH=/nonexistent \
    "$APP" --db "$db" >"$WORK/app-nobus.stdout" 2>"$APP_ERR" &
  APP_PID=$!
  wait_window
  wait_for "$APP_ERR" "shown in the window instead" 40 || { show_app_output; fail "the notification did not fall back to the banner"; }
  sleep 0.5
  screenshot "$WIN" "$ARTIFACTS/e2e-notify-banner.png"
  [ "$(sqlite3 "$db" "SELECT outcome FROM notification_log WHERE key LIKE 'due-soon:%'")" = banner ] || fail "the log does not say the banner showed it"
  local why
  why=$(sqlite3 "$db" "SELECT value FROM settings WHERE key = 'notify.unavailable'")
  [ -n "$why" ] || fail "no reason recorded why desktop notifications are unavailable"
  echo "unavailable: $why"
  close_app
  no_crash_in_log
  db_ok "$db"
}

# The Reviews tab opens on a demo plan (screenshot kept), and quitting makes the daily backup:
# a healthy Microgoals database in backups/ beside the plan, and only one however often it quits.
check_reviews_and_backup() {
  use_home reviews
  local db=$WORK/reviews/plan.db backups
  mkdir -p "$WORK/reviews"
  make_demo "$db" 300 2000
  start_app reviews --db "$db"
  wait_window
  sleep 1
  # The Reviews tab is the fifth: Outline, Today, Calendar, Charts, Reviews.
  xdotool mousemove --window "$WIN" 415 53 click 1
  sleep 1
  screenshot "$WIN" "$ARTIFACTS/e2e-reviews.png"
  close_app
  no_crash_in_log
  backups=("$WORK"/reviews/backups/microgoals-*.db)
  [ -f "${backups[0]}" ] || fail "no daily backup in $WORK/reviews/backups after quitting"
  [ "$(sqlite3 "${backups[0]}" 'PRAGMA integrity_check; PRAGMA application_id;' | tr '\n' ' ')" = "ok 1296518988 " ] ||
    fail "the backup ${backups[0]} is not a healthy Microgoals database"
  [ "$(sqlite3 "${backups[0]}" 'SELECT count(*) FROM micro_goals')" = 300 ] || fail "the backup lacks the plan's steps"
  start_app reviews2 --db "$db"
  wait_window
  close_app
  backups=("$WORK"/reviews/backups/microgoals-*.db)
  [ "${#backups[@]}" = 1 ] || fail "a second quit the same day made another backup: ${backups[*]}"
}

# --- checks kept in their own files --------------------------------------------------------------
# Each scripts/e2e.d/NAME.sh defines its check_ functions and appends their names to CHECKS, so
# work on different parts of the app adds checks without touching this file.
for f in "$ROOT"/scripts/e2e.d/*.sh; do
  [ -e "$f" ] || continue
  # shellcheck source=/dev/null
  . "$f"
done

# --- run ---------------------------------------------------------------------------------------

[ $# -gt 0 ] && CHECKS=("$@")
passed=0 failed=0 failed_names=()
for name in "${CHECKS[@]}"; do
  echo "=== $name"
  set +e
  ( set -eE; trap '[[ $BASH_COMMAND == return* ]] || { echo "FAIL: line $LINENO: $BASH_COMMAND" >&2; app_state; }' ERR; "check_$name" )
  rc=$?
  set -e
  if [ $rc = 0 ]; then
    echo "--- PASS $name"; passed=$((passed + 1))
  else
    echo "--- FAIL $name"; failed=$((failed + 1)); failed_names+=("$name")
    kill_stragglers  # a check that failed midway may leave its daemon or app behind
    sleep 0.5
  fi
done
[ $failed = 0 ] || echo "e2e: failed: ${failed_names[*]}"
echo "e2e: $passed passed, $failed failed"
[ $failed = 0 ]
