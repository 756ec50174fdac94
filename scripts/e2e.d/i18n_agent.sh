# i18n_agent.sh — issue 15: the background agent speaks the language chosen in the window's
# settings, not the session's locale. Sourced by scripts/e2e.sh after agent.sh (its helpers:
# agent_plan, agent_pid, wait_window_of, wait_file, agent_cleanup, menu_id).

# prefer_language CODE: the language chosen in the window's settings, where Fyne keeps it.
prefer_language() {
  local dir=$XDG_CONFIG_HOME/fyne/io.github.microgoals.Microgoals
  mkdir -p "$dir"
  printf '{"appearance.language":"%s"}\n' "$1" >"$dir/preferences.json"
}

# open_window_once NAME CODE: the window opened in a C.UTF-8 session and closed as a window
# manager closes it; it must have copied the chosen language CODE into the plan's file.
open_window_once() {
  LANG=C.UTF-8 LC_ALL= LC_MESSAGES= LANGUAGE= start_app "$1" --db "$DB"
  wait_window_of "$APP_PID"
  local i
  for i in $(seq 50); do
    [ "$(sqlite3 "$DB" "SELECT value FROM settings WHERE key = 'appearance.language'")" = "$2" ] && break
    sleep 0.2
  done
  [ "$(sqlite3 "$DB" "SELECT value FROM settings WHERE key = 'appearance.language'")" = "$2" ] ||
    { show_app_output; fail "the window did not copy the language '$2' into the plan's file"; }
  sleep 1
  $PY "$E2E_D/wm-close.py" "$WIN"
  wait_exit 10 || fail "closing the window did not end the window process"
  no_crash_in_log
}

# The window, with German chosen in its settings, starts the agent in a C.UTF-8 session and
# closes: the agent's reminder reaches the notification daemon in German and its tray menu is
# German. The window opens again with French chosen and closes: the same agent process (not
# restarted) sends the next reminder in French and relabels its tray menu in French. dunst's
# popups are screenshotted.
check_i18n_agent() {
  unset MICROGOALS_NO_AGENT
  [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || fail "no private D-Bus session bus"
  $PY -c 'import dbus, gi' 2>/dev/null || fail "/usr/bin/python3 lacks python3-dbus or python3-gi (run 'make deps')"
  for tool in dunst dunstctl dbus-monitor gdbus; do command -v "$tool" >/dev/null || fail "$tool not found (run 'make deps')"; done
  use_home i18n-agent
  DB=$WORK/i18n-agent/plan.db
  local apid item i
  mkdir -p "$WORK/i18n-agent"
  trap "agent_cleanup '$DB'" EXIT
  agent_plan "$DB"
  sqlite3 "$DB" "INSERT OR REPLACE INTO settings (key, value) VALUES ('notify.quiet', '0')"
  # An opaque popup that stays for the screenshot.
  printf '[global]\n  width = 460\n  height = 200\n  origin = top-right\n  offset = 10x40\n  transparency = 0\n  font = Sans 10\n  frame_width = 1\n[urgency_normal]\n  background = "#ffffff"\n  foreground = "#111111"\n  frame_color = "#3060c0"\n  timeout = 120\n' >"$WORK/dunstrc-i18n-agent"
  dunst -conf "$WORK/dunstrc-i18n-agent" >"$WORK/dunst-i18n-agent.log" 2>&1 &
  DUNST_PID=$!
  MON=$WORK/i18n-agent-monitor.log
  dbus-monitor "interface='org.freedesktop.Notifications',member='Notify'" >"$MON" 2>&1 &
  MON_PID=$!
  $PY "$E2E_D/sni-watcher.py" "$WORK/sni-i18n.log" >"$WORK/sni-i18n.stderr" 2>&1 &
  WATCHER_PID=$!
  wait_file "$WORK/sni-i18n.log" ready 10 || { cat "$WORK/sni-i18n.stderr" >&2; fail "the fake tray host did not start"; }
  for i in $(seq 50); do
    gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
      --method org.freedesktop.DBus.NameHasOwner org.freedesktop.Notifications 2>/dev/null | grep -q true && break
    sleep 0.1
  done

  # German. "Due soon" comes a minute ahead (agent_plan), some 40 s after the window closed.
  add_timed_goal "$DB" "Call the dentist about the crown" 100 >/dev/null
  prefer_language de
  open_window_once i18n-agent-de de
  apid=$(agent_pid "$DB")
  [ -n "$apid" ] || fail "the window started no agent"
  echo "agent: pid $apid"
  wait_file "$MON" "In 1 Min. fällig: Call the dentist about the crown" 150 ||
    { tail -20 "$MON" >&2; fail "no German 'due soon' from the agent"; }
  grep -qF "Fällig um " "$MON" || fail "the German reminder's body is not German: $(grep -A2 -F 'fällig' "$MON" | head -n 4)"
  sleep 1
  import -window root "$ARTIFACTS/agent-notification-de.png" && echo "screenshot $ARTIFACTS/agent-notification-de.png"
  wait_file "$WORK/sni-i18n.log" item 10 || fail "the agent's tray never registered with the tray host"
  item=$(awk '/^item/ {print $2; exit}' "$WORK/sni-i18n.log")
  [ -n "$(menu_id "$item" "Microgoals öffnen")" ] || fail "the tray menu is not German"
  dunstctl close-all >/dev/null 2>&1 || true

  # French, chosen while the agent runs: the window tells it at once.
  add_timed_goal "$DB" "Water the tomatoes" 100 >/dev/null
  prefer_language fr
  open_window_once i18n-agent-fr fr
  [ "$(agent_pid "$DB")" = "$apid" ] || fail "the agent was replaced (pid $(agent_pid "$DB"), was $apid)"
  for i in $(seq 25); do [ -n "$(menu_id "$item" "Ouvrir Microgoals")" ] && break; sleep 0.2; done
  [ -n "$(menu_id "$item" "Ouvrir Microgoals")" ] || fail "the tray menu did not change to French"
  wait_file "$MON" "À échéance dans 1 min" 150 || { tail -20 "$MON" >&2; fail "no French 'due soon' from the agent"; }
  grep -qF "Water the tomatoes" "$MON" || fail "the French reminder is not the tomatoes'"
  grep -qF "Échéance à " "$MON" || fail "the French reminder's body is not French"
  sleep 1
  import -window root "$ARTIFACTS/agent-notification-fr.png" && echo "screenshot $ARTIFACTS/agent-notification-fr.png"
  [ "$(grep -c "Call the dentist about the crown" "$MON")" = 1 ] || fail "the German reminder came more than once"

  kill -TERM "$apid"
  for i in $(seq 50); do kill -0 "$apid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$apid" 2>/dev/null && fail "the agent ignored SIGTERM"
  stop_bus_tools
  db_ok "$DB"
  echo "agent: German, then French without a restart (notifications and tray menu)"
}

CHECKS+=(i18n_agent)
