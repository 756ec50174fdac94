# i18n.sh — issue 15: the app under a German and a French desktop locale. Sourced by
# scripts/e2e.sh.

# i18n LANG_CODE LOCALE LINE TITLE HOUR: a demo plan with a right-to-left title and an emoji
# family due in 15 min 20 s, opened with LANG=LOCALE (LC_ALL and LANGUAGE unset, as on a
# desktop that sets only LANG). Quick add typed with xdotool in the locale's words must store
# TITLE due tomorrow at HOUR; the outline and Today are screenshotted; the "due soon"
# notification must reach the notification daemon with the family in one piece (dbus-monitor),
# and dunst's popup is screenshotted.
i18n() {
  local code=$1 locale=$2 line=$3 title=$4 hour=$5 theme=$6
  local db=$WORK/i18n-$code.db mon=$WORK/i18n-$code-monitor.log got tomorrow dunst_pid mon_pid i
  local family=$'\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7'
  local due="$family Familienessen / dîner"
  for i in dunst dbus-monitor dbus-send; do command -v "$i" >/dev/null || fail "$i not found (run 'make deps')"; done
  use_home "i18n-$code"
  make_demo "$db"
  sqlite3 "$db" "INSERT OR REPLACE INTO settings (key, value) VALUES ('notify.quiet', '0')"
  add_timed_goal "$db" "$due" 920 >/dev/null
  add_timed_goal "$db" "كتابة التقرير الشهري" 7200 >/dev/null
  add_timed_goal "$db" "לכתוב את הדוח" 7300 >/dev/null
  dunst >"$WORK/dunst-$code.log" 2>&1 &
  dunst_pid=$!
  dbus-monitor "interface='org.freedesktop.Notifications',member='Notify'" >"$mon" 2>&1 &
  mon_pid=$!
  for i in $(seq 50); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null | grep -q 'boolean true' && break
    sleep 0.1
  done
  LC_ALL= LANGUAGE= LC_TIME= LC_MESSAGES= LANG=$locale FYNE_THEME=$theme start_app "i18n-$code" --db "$db"
  wait_window
  sleep 2
  xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || xdotool windowfocus --sync "$WIN" >/dev/null 2>&1 || true
  xdotool key ctrl+l; sleep 0.3
  xdotool type --delay 20 "$line"; xdotool key Return; sleep 1
  screenshot "$WIN" "$ARTIFACTS/e2e-i18n-$code-outline.png"
  # The Arabic step's row (the third from the bottom of the first objective's, at the default
  # window size), selected: the detail panel shows its title.
  xdotool mousemove --window "$WIN" 300 538 click 1; sleep 1
  screenshot "$WIN" "$ARTIFACTS/e2e-i18n-$code-rtl-detail.png"
  xdotool key ctrl+2; sleep 1.5
  screenshot "$WIN" "$ARTIFACTS/e2e-i18n-$code-today.png"
  xdotool key ctrl+3; sleep 1.5
  screenshot "$WIN" "$ARTIFACTS/e2e-i18n-$code-calendar.png"
  wait_for "$mon" "$due" 60 || { show_app_output; cat "$mon" >&2; fail "no 'due soon' notification for '$due'"; }
  sleep 0.7
  import -window root "$ARTIFACTS/e2e-i18n-$code-notification.png" && echo "screenshot $ARTIFACTS/e2e-i18n-$code-notification.png"
  close_app
  no_crash_in_log
  kill "$dunst_pid" "$mon_pid" 2>/dev/null || true
  wait "$dunst_pid" "$mon_pid" 2>/dev/null || true
  db_ok "$db"
  # The family arrived whole: its joiners were not turned into spaces.
  grep -qF "$family" "$mon" || fail "the notification lost the emoji family's joiners: $(grep -F 'Familienessen' "$mon" | head -n 2)"
  tomorrow=$(date -u -d tomorrow +%F)
  got=$(sqlite3 "$db" "SELECT due_day || ' ' || due_has_time || ' ' || strftime('%H:%M', due_at / 1000, 'unixepoch')
    FROM micro_goals WHERE title = '$title'")
  [ "$got" = "$tomorrow 1 $hour" ] || fail "quick add '$line' under $locale stored '$title' as '$got', want '$tomorrow 1 $hour'"
  echo "quick add under $locale: '$title' due $got"
}

# German in the light theme, French in the dark.
check_i18n_de() { i18n de de_DE.UTF-8 "Bericht schreiben morgen 9 Uhr" "Bericht schreiben" 09:00 light; }
check_i18n_fr() { i18n fr fr_FR.UTF-8 "Appeler Marie demain 14h" "Appeler Marie" 14:00 dark; }

CHECKS+=(i18n_de i18n_fr)
