# i15f.sh — issue 15: the detail panel's date fields under a German and a French desktop
# locale. Sourced by scripts/e2e.sh.

# i15f CODE LOCALE THEME SHOWN: a demo plan with a step due on 9 January 2027 at 09:00:37 (a
# second no field shows), opened with LANG=LOCALE; the step, found with the search, opens in
# the detail panel, which must show its date the locale's way (SHOWN, read by the test as the
# screenshot's text is not: it is looked at). Its title is edited by keyboard and saved with
# Ctrl+S: the stored instant must stay 09:00:37, to the second.
i15f() {
  local code=$1 locale=$2 theme=$3
  local db=$WORK/i15f-$code.db gid due got
  use_home "i15f-$code"
  make_demo "$db"
  due=$(( $(TZ=UTC date -d '2027-01-09 09:00:37' +%s) * 1000 ))
  gid=$(add_timed_goal "$db" "Zeugnisse zzabholen" 3600)
  sqlite3 "$db" "UPDATE micro_goals SET due_at = $due, due_day = '2027-01-09' WHERE id = $gid"
  TZ=UTC LC_ALL= LANGUAGE= LC_TIME= LC_MESSAGES= LANG=$locale FYNE_THEME=$theme start_app "i15f-$code" --db "$db"
  wait_window
  sleep 2
  xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || true
  xdotool mousemove --window "$WIN" 900 600 click 1; sleep 0.3
  xdotool key ctrl+f; sleep 0.5
  xdotool type --delay 30 "zzabholen"; sleep 1
  # The match (the second row, after its objective) opens in the detail panel.
  xdotool mousemove --window "$WIN" 300 225 click 1; sleep 1
  screenshot "$WIN" "$ARTIFACTS/i15f-detail-date-$code.png"
  # The title field, the first of the panel: the end of it, a word, Ctrl+S.
  xdotool mousemove --window "$WIN" "$I15F_TITLE_X" "$I15F_TITLE_Y" click 1; sleep 0.3
  xdotool key End; xdotool type --delay 30 " heute"; sleep 0.3
  xdotool key ctrl+s; sleep 1
  screenshot "$WIN" "$ARTIFACTS/i15f-detail-saved-$code.png"
  close_app
  no_crash_in_log
  db_ok "$db"
  got=$(sqlite3 "$db" "SELECT title || '|' || due_at || '|' || due_has_time || '|' || due_day FROM micro_goals WHERE id = $gid")
  [ "$got" = "Zeugnisse zzabholen heute|$due|1|2027-01-09" ] ||
    fail "after saving the title under $locale the step is '$got', want 'Zeugnisse zzabholen heute|$due|1|2027-01-09'"
  echo "untouched due date under $locale kept: $got"
}

I15F_TITLE_X=${I15F_TITLE_X:-800}
I15F_TITLE_Y=${I15F_TITLE_Y:-215}

check_i15f_de() { i15f de de_DE.UTF-8 light; }
check_i15f_fr() { i15f fr fr_FR.UTF-8 dark; }

CHECKS+=(i15f_de i15f_fr)
