# i18n_ui.sh — the window and a notification in German and in French (issue 15): the app started
# with the desktop's locale variables, every tab, the Settings dialog and the File menu
# screenshotted for a look at cut-off labels, and the "due soon" notification's text checked
# on the session bus. Sourced by e2e.sh.

# run_i18n LANGUAGE LOCALE DUE_TEXT MENU_TEXT: one language's walk; DUE_TEXT is how the
# notification of a step due in 15 minutes starts in that language.
run_i18n() {
  local l=$1 loc=$2 due_text=$3 db=$WORK/i18n-ui-$1.db mon=$WORK/i18n-ui-$1-monitor.log
  local due="Call the dentist about the crown" dunst_pid mon_pid i shot
  use_home "i18n-ui-$l"
  make_demo "$db"
  sqlite3 "$db" "INSERT OR REPLACE INTO settings (key, value) VALUES ('notify.quiet', '0')"
  # Opaque black on white, and long enough on screen for the screenshot.
  printf '[global]\n  width = 420\n  height = 200\n  origin = top-right\n  offset = 10x40\n  transparency = 0\n  font = Sans 10\n  frame_width = 1\n[urgency_normal]\n  background = "#ffffff"\n  foreground = "#111111"\n  frame_color = "#3060c0"\n  timeout = 120\n' >"$WORK/dunstrc-$l"
  dunst -conf "$WORK/dunstrc-$l" >"$WORK/dunst-$l.log" 2>&1 &
  dunst_pid=$!
  dbus-monitor "interface='org.freedesktop.Notifications',member='Notify'" >"$mon" 2>&1 &
  mon_pid=$!
  for i in $(seq 50); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null | grep -q 'boolean true' && break
    sleep 0.1
  done
  add_timed_goal "$db" "$due" 920 >/dev/null
  LANG=$loc LANGUAGE=$l FYNE_THEME=light start_app "i18n-ui-$l" --db "$db"
  wait_window
  sleep 2
  xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || xdotool windowfocus --sync "$WIN" >/dev/null 2>&1 || true
  wait_for "$mon" "$due_text" 60 || { show_app_output; cat "$mon" >&2; fail "no '$due_text…' notification in $l"; }
  sleep 1
  import -window root "$ARTIFACTS/i18n-$l-notification.png" && echo "screenshot $ARTIFACTS/i18n-$l-notification.png"
  dunstctl close-all >/dev/null 2>&1 || true
  local n=1
  for shot in outline today calendar charts reviews; do
    xdotool key --clearmodifiers "ctrl+$n"; sleep 1.2; release_keys
    screenshot "$WIN" "$ARTIFACTS/i18n-$l-$shot.png"
    n=$((n + 1))
  done
  xdotool key --clearmodifiers ctrl+1; sleep 0.8
  xdotool key --clearmodifiers ctrl+comma; sleep 1.5; release_keys
  screenshot "$WIN" "$ARTIFACTS/i18n-$l-settings.png"
  xdotool key Escape; sleep 0.8
  # The File menu: the first item of the menu bar, at the window's top left.
  xdotool mousemove --window "$WIN" 20 12 click 1; sleep 1
  screenshot "$WIN" "$ARTIFACTS/i18n-$l-menu.png"
  xdotool key Escape; sleep 0.5
  close_app
  no_crash_in_log
  kill "$dunst_pid" "$mon_pid" 2>/dev/null || true
  wait "$dunst_pid" "$mon_pid" 2>/dev/null || true
  db_ok "$db"
}

check_i18n_ui_de() { run_i18n de de_DE.UTF-8 "In 15 Min. fällig: Call the dentist"; }

check_i18n_ui_fr() { run_i18n fr fr_FR.UTF-8 "À échéance dans 15 min"; }

CHECKS+=(i18n_ui_de i18n_ui_fr)
