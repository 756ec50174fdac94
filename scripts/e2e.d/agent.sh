# agent.sh — end-to-end checks of the background agent (`microgoals --background`): reminders
# with the window closed, the tray over D-Bus, one instance per plan, no tray host, no bus.
# Sourced by scripts/e2e.sh. Needs dunst, dbus-monitor, gdbus and /usr/bin/python3 with
# python3-dbus and python3-gi (the fake tray host sni-watcher.py) and libX11 (wm-close.py).

# The other checks test the window on its own, as they were written: a window starts the agent
# unless MICROGOALS_NO_AGENT is set. The checks below unset it.
export MICROGOALS_NO_AGENT=1

E2E_D=$ROOT/scripts/e2e.d
PY=/usr/bin/python3

# ours_left HOME: the processes still running with HOME in their environment (everything the
# app started, or was started for it, inherits it: the agent, a window, an autolaunched bus).
ours_left() {
  grep -lsz "^HOME=$1\$" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3 | while read -r p; do
    [ "$p" = "$$" ] || [ "$p" = "$BASHPID" ] && continue
    ps -o pid=,args= -p "$p" 2>/dev/null || true
  done | grep -v -e 'dbus-monitor' -e 'dunst' -e 'sni-watcher' -e 'ps -o' -e 'grep' -e 'cut -d/' || true
}

# wait_file FILE TEXT SECONDS: until FILE contains TEXT.
wait_file() {
  local i
  for i in $(seq $(($3 * 5))); do
    grep -qF -- "$2" "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  return 1
}

# agent_pid DB: the agent's pid on DB, or nothing.
agent_pid() { ps -eo pid=,args= | awk -v db="$1" 'index($0, "--background --db " db) && !/awk/ {print $1; exit}'; }

# window_pid DB: a window process on DB (not the agent), or nothing.
window_pid() {
  ps -eo pid=,args= | awk -v db="$1" 'index($0, "--db " db) && !index($0, "--background") && !/awk/ {print $1; exit}'
}

# wait_window_of PID: WIN becomes the visible Microgoals window of process PID (a window that
# an earlier, failed check left behind must not be taken for it).
wait_window_of() {
  local deadline=$((SECONDS + TIMEOUT))
  WIN=
  while [ $SECONDS -lt $deadline ]; do
    kill -0 "$1" 2>/dev/null || fail "process $1 exited before its window appeared"
    WIN=$(xdotool search --onlyvisible --pid "$1" --name "$TITLE" 2>/dev/null | head -n 1 || true)
    [ -n "$WIN" ] && return 0
    sleep 0.2
  done
  fail "process $1 mapped no window titled '$TITLE' within ${TIMEOUT}s"
}

# agent_cleanup DB: on the way out of a check, passed or failed, end what it started: the
# stand-in tray host, dunst, dbus-monitor, and an agent or window still running on DB.
agent_cleanup() {
  local p
  kill ${WATCHER_PID:-} ${DUNST_PID:-} ${MON_PID:-} 2>/dev/null || true
  for p in $(agent_pid "$1") $(window_pid "$1"); do kill "$p" 2>/dev/null || true; done
}

# settled_screenshot WIN FILE: a screenshot once the window has drawn (under load a window can
# show one blank frame for a moment), checked as screenshot does.
settled_screenshot() {
  local i sd
  for i in $(seq 10); do
    import -window "$1" "$2" 2>/dev/null || true
    sd=$(convert "$2" -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0)
    awk -v s="$sd" 'BEGIN{ exit !(s > 0.01) }' && break
    sleep 1
  done
  screenshot "$1" "$2"
}

# focus_window WIN: on top, with the pointer over it and the keyboard focus (there is no window
# manager: a window some other check left open may lie on top of it).
focus_window() {
  xdotool windowraise "$1" >/dev/null 2>&1 || true
  xdotool mousemove --window "$1" 900 400 >/dev/null 2>&1 || true
  xdotool windowactivate --sync "$1" >/dev/null 2>&1 || xdotool windowfocus --sync "$1" >/dev/null 2>&1 || true
}

start_bus_tools() {
  for tool in dunst dbus-monitor gdbus; do command -v "$tool" >/dev/null || fail "$tool not found (run 'make deps')"; done
  dunst >"$WORK/dunst-$1.log" 2>&1 &
  DUNST_PID=$!
  MON=$WORK/agent-monitor-$1.log
  dbus-monitor "interface='org.freedesktop.Notifications',member='Notify'" >"$MON" 2>&1 &
  MON_PID=$!
  local i
  for i in $(seq 50); do
    gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
      --method org.freedesktop.DBus.NameHasOwner org.freedesktop.Notifications 2>/dev/null | grep -q true && break
    sleep 0.1
  done
}

stop_bus_tools() {
  kill ${WATCHER_PID:-} "$DUNST_PID" "$MON_PID" 2>/dev/null || true
  wait ${WATCHER_PID:-} "$DUNST_PID" "$MON_PID" 2>/dev/null || true
}

# menu_id ITEM-BUS-NAME LABEL: the dbusmenu id of the tray menu item with LABEL.
menu_id() {
  gdbus call --session --dest "$1" --object-path /StatusNotifierItem/menu \
    --method com.canonical.dbusmenu.GetLayout -- 0 -1 '[]' |
    grep -oE "\(([0-9]+), \{[^}]*'label': <'$2'>" | head -n 1 | sed -E 's/^\(([0-9]+),.*/\1/'
}

# click ITEM-BUS-NAME LABEL: what a tray host sends when the user picks LABEL in the menu.
click() {
  local id
  id=$(menu_id "$1" "$2")
  [ -n "$id" ] || fail "no tray menu item '$2'"
  gdbus call --session --dest "$1" --object-path /StatusNotifierItem/menu \
    --method com.canonical.dbusmenu.Event "$id" clicked '<int32 0>' 0 >/dev/null
}

# A fresh plan with a one-minute lead time (so that "due soon" comes a minute after a step due
# in two minutes is added); notifications began an hour ago.
agent_plan() {
  make_demo "$1" 20 0
  sqlite3 "$1" "INSERT INTO settings (key, value) VALUES ('notify.lead_min', '1'), ('notify.since', '$(( ($(date +%s) - 3600) * 1000 ))')
    ON CONFLICT (key) DO UPDATE SET value = excluded.value"
}

# The whole day of a user: open the window, add a step due in two minutes, close the window.
# The window process ends; the agent it started notifies "due soon" exactly once; the tray's
# Open (a dbusmenu Event over D-Bus, as a tray host sends it) brings the window back with the
# plan; starting microgoals again raises that window instead of opening a second; the tray's
# Quit ends both processes and leaves nothing running.
check_agent_tray() {
  unset MICROGOALS_NO_AGENT
  [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || fail "no private D-Bus session bus"
  $PY -c 'import dbus, gi' 2>/dev/null || fail "/usr/bin/python3 lacks python3-dbus or python3-gi (run 'make deps')"
  use_home agent
  local db=$WORK/agent/plan.db title="Call the plumber about the boiler" at item apid wpid n win2 i
  mkdir -p "$WORK/agent"
  trap "agent_cleanup '$db'" EXIT
  agent_plan "$db"
  start_bus_tools tray
  $PY "$E2E_D/sni-watcher.py" "$WORK/sni.log" >"$WORK/sni.stderr" 2>&1 &
  WATCHER_PID=$!
  wait_file "$WORK/sni.log" ready 10 || { cat "$WORK/sni.stderr" >&2; fail "the fake tray host did not start"; }

  start_app agent --db "$db"
  wait_window_of "$APP_PID"
  sleep 2
  # Two minutes ahead on the minute; a little more when the minute is nearly over.
  at=$(date -d "+$(( $(date +%S) > 45 ? 3 : 2 )) min" +%H:%M)
  focus_window "$WIN"
  xdotool key ctrl+l; sleep 0.3
  xdotool type --delay 15 "$title today at $at"; xdotool key Return
  sleep 1
  [ "$(sqlite3 "$db" "SELECT due_has_time FROM micro_goals WHERE title = '$title'")" = 1 ] ||
    fail "quick add did not store '$title' with a time (due_at: $(sqlite3 "$db" "SELECT due_at FROM micro_goals WHERE title LIKE 'Call the plumber%'"))"
  for i in $(seq 50); do apid=$(agent_pid "$db"); [ -n "$apid" ] && break; sleep 0.2; done
  [ -n "$apid" ] || fail "the window started no agent"
  sleep 1; apid=$(agent_pid "$db")
  [ -n "$apid" ] || fail "the agent did not stay"
  echo "agent: pid $apid"
  wait_file "$WORK/sni.log" item 10 || fail "the agent's tray never registered with the tray host"
  item=$(awk '/^item/ {print $2; exit}' "$WORK/sni.log")
  echo "tray item: $item"

  # Close the window as a window manager does: the process ends.
  $PY "$E2E_D/wm-close.py" "$WIN"
  wait_exit 10 || fail "closing the window did not end the window process"
  [ "$APP_STATUS" = 0 ] || { show_app_output; fail "the window exited with status $APP_STATUS"; }
  no_crash_in_log
  kill -0 "$apid" 2>/dev/null || fail "the agent ended with the window"
  echo "window closed: process gone, agent still running"

  wait_file "$MON" "Due in 1 min: $title" 200 || { cat "$MON" | tail -20 >&2; fail "no 'due soon' for '$title' from the agent"; }
  sleep 3
  n=$(notify_count "$MON" "Due in 1 min: $title")
  [ "$n" = 1 ] || fail "'due soon' came $n times, want exactly once"
  [ "$(sqlite3 "$db" "SELECT count(*) FROM notification_log WHERE key LIKE 'due-soon:%' AND outcome = 'sent' AND claimed_at > (strftime('%s','now') - 600) * 1000")" -ge 1 ] ||
    fail "the log has no 'due soon' claimed"
  echo "due soon: notified once, by the agent (no window was open)"
  gdbus call --session --dest "$item" --object-path /StatusNotifierItem/menu \
    --method com.canonical.dbusmenu.GetLayout -- 0 -1 '[]' | grep -oE "Today: [^']*" || fail "the tray menu has no count of today's steps"

  # The tray's Open brings the window back with the plan.
  click "$item" "Open Microgoals"
  for i in $(seq 100); do wpid=$(window_pid "$db"); [ -n "$wpid" ] && break; sleep 0.2; done
  [ -n "$wpid" ] || fail "no window process after the tray's Open"
  wait_window_of "$wpid"
  sleep 2.5
  settled_screenshot "$WIN" "$ARTIFACTS/e2e-agent-reopened.png"
  # Settings has "Start at login", on: the window switched it on with the plan.
  [ -f "$XDG_CONFIG_HOME/autostart/io.github.microgoals.Microgoals-background.desktop" ] ||
    fail "no login entry in $XDG_CONFIG_HOME/autostart"
  desktop-file-validate "$XDG_CONFIG_HOME/autostart/io.github.microgoals.Microgoals-background.desktop"
  focus_window "$WIN"
  xdotool key ctrl+comma; sleep 1.5
  settled_screenshot "$WIN" "$ARTIFACTS/e2e-agent-settings.png"
  xdotool key Escape; sleep 0.3
  # Starting microgoals again raises this window rather than opening a second one.
  "$APP" --db "$db" >"$WORK/second.log" 2>&1 || fail "a second start failed: $(cat "$WORK/second.log")"
  sleep 1
  win2=$(ps -eo pid=,args= | awk -v db="$db" 'index($0, "--db " db) && !index($0, "--background") && !/awk/' | wc -l)
  [ "$win2" = 1 ] || fail "a second start left $win2 window processes running"
  [ "$(xdotool search --onlyvisible --pid "$wpid" --name "$TITLE" | wc -l)" = 1 ] || fail "the window is not the one visible window of its process"
  # A second agent exits at once.
  timeout 5 "$APP" --background --db "$db" || fail "a second agent did not exit quietly"
  [ "$(agent_pid "$db")" = "$apid" ] || fail "the agent changed"

  # Quit from the tray ends both processes and leaves nothing behind.
  click "$item" "Quit"
  for i in $(seq 50); do
    [ -z "$(agent_pid "$db")$(window_pid "$db")" ] && break
    sleep 0.2
  done
  [ -z "$(agent_pid "$db")" ] || fail "the agent still runs after Quit"
  [ -z "$(window_pid "$db")" ] || fail "the window still runs after Quit"
  sleep 0.5
  local left; left=$(ours_left "$HOME")
  [ -z "$left" ] || fail "left running after Quit: $left"
  echo "quit: both processes ended, nothing left (ps)"
  stop_bus_tools
  db_ok "$db"
}

# No tray host on the bus: the agent runs anyway, says once that there is no tray icon, and
# the reminder still comes.
check_agent_no_tray() {
  unset MICROGOALS_NO_AGENT
  use_home agent-notray
  local db=$WORK/agent-notray/plan.db pid n
  mkdir -p "$WORK/agent-notray"
  trap "agent_cleanup '$db'" EXIT
  agent_plan "$db"
  add_timed_goal "$db" "Water the tomatoes" 90 >/dev/null
  start_bus_tools notray
  setsid "$APP" --background --db "$db" >"$WORK/agent-notray.stdout" 2>"$WORK/agent-notray.stderr" &
  pid=$!
  wait_file "$MON" "without a tray icon" 15 || wait_file "$MON" "keeps reminding you in the background" 5 ||
    { cat "$WORK/agent-notray.stderr" >&2; fail "the agent did not say that there is no tray"; }
  wait_file "$MON" "Water the tomatoes" 120 || { cat "$WORK/agent-notray.stderr" >&2; fail "no reminder without a tray host"; }
  kill -TERM "$pid"; wait "$pid" || fail "the agent exited with status $? on SIGTERM"
  # Started again, it does not say it a second time.
  setsid "$APP" --background --db "$db" >>"$WORK/agent-notray.stdout" 2>>"$WORK/agent-notray.stderr" &
  pid=$!
  sleep 3
  kill -TERM "$pid"; wait "$pid" || true
  n=$(grep -c "keeps reminding you in the background" "$MON" || true)
  [ "$n" = 1 ] || fail "the no-tray notice came $n times, want once"
  n=$(notify_count "$MON" "Due in 1 min: Water the tomatoes")
  [ "$n" = 1 ] || fail "the reminder came $n times"
  grep -qE '^(panic:|fatal error:)' "$WORK/agent-notray.stderr" && fail "the agent crashed"
  [ -z "$(ours_left "$HOME")" ] || fail "left running: $(ours_left "$HOME")"
  stop_bus_tools
  echo "no tray host: said so once, reminder came once"
}

# No session bus at all (and dbus-launch on PATH, so that an autolaunch would happen): the
# window and the agent run, the reminder shows in the window's banner, and after both quit
# no process is left (no autolaunched dbus-daemon or at-spi-bus-launcher).
check_agent_no_bus() {
  unset MICROGOALS_NO_AGENT
  use_home agent-nobus
  local db=$WORK/agent-nobus/plan.db run=$WORK/run-agent-nobus apid i left
  mkdir -p "$WORK/agent-nobus" "$run"; chmod 700 "$run"
  trap "agent_cleanup '$db'" EXIT
  agent_plan "$db"
  add_timed_goal "$db" "Renew the library card" 90 >/dev/null
  APP_ERR=$WORK/app-agent-nobus.stderr
  setsid env -u DBUS_SESSION_BUS_ADDRESS XDG_RUNTIME_DIR="$run" "$APP" --db "$db" >/dev/null 2>"$APP_ERR" &
  APP_PID=$!
  wait_window_of "$APP_PID"
  for i in $(seq 50); do apid=$(agent_pid "$db"); [ -n "$apid" ] && break; sleep 0.2; done
  [ -n "$apid" ] || fail "the window started no agent without a bus"
  sleep 1; apid=$(agent_pid "$db")  # the one that holds the lock, should a second have started
  [ -n "$apid" ] || fail "the agent did not stay"
  wait_for "$APP_ERR" "Due in 1 min: Renew the library card" 120 ||
    { show_app_output; fail "the reminder did not reach the window's banner"; }
  sleep 0.5
  settled_screenshot "$WIN" "$ARTIFACTS/e2e-agent-nobus-banner.png"
  close_app
  no_crash_in_log
  kill -0 "$apid" 2>/dev/null || fail "the agent ended with the window"
  kill -TERM "$apid"
  for i in $(seq 50); do kill -0 "$apid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$apid" 2>/dev/null && fail "the agent ignored SIGTERM"
  sleep 0.5
  left=$(ours_left "$HOME")
  [ -z "$left" ] || fail "left running without a bus: $left"
  echo "no bus: reminder in the banner, nothing left running (no autolaunched bus)"
}

# First: they clean up after themselves, and a check before them that fails can leave its
# window open (the notifications check does between 22:00 and 07:00, when quiet hours hold
# its celebration back).
CHECKS=(agent_tray agent_no_tray agent_no_bus "${CHECKS[@]}")
