# i15d.sh — issue 15: a sync conflict in the decision log and a search typed in the window's
# language, under a German and a French desktop locale. Sourced by scripts/e2e.sh.

# i15d CODE LOCALE QUERY THEME LOGTAB HEADER: a demo plan whose first step in execution carries a sync
# conflict in the decision log, stored in the English form the sync engine writes; the app
# opened with LANG=LOCALE; QUERY (the stage and due keywords in that language) typed into the
# search with xdotool (without accents, which the search ignores: xdotool drops some non-ASCII keys); the filtered outline, the step's detail and the Reviews tab's decision
# log screenshotted; File → Export ▸ Metric entries (CSV) must write its header in that
# language (HEADER). The stored conflict must stay as it was (the window translates it when it
# shows it), and the query must leave the plan unchanged.
# export_metrics_csv: File → Export ▸ (the ninth item) → Metric entries (CSV)… (its fourth),
# then ~/microgoals-metrics.csv typed into the file chooser and Enter; waits for the file
# (menu_keys: scripts/e2e.d/i11_exports.sh).
export_metrics_csv() {
  local i
  menu_keys Down Down Down Down Down Down Down Down Down Right
  xdotool key --window "$WIN" Down Down Down Return
  sleep 1.5
  xdotool type --delay 15 "~/microgoals-metrics.csv"
  xdotool key --window "$WIN" Return
  for i in $(seq 50); do [ -s "$HOME/microgoals-metrics.csv" ] && break; sleep 0.2; done
  sleep 1
}

i15d() {
  local code=$1 locale=$2 query=$3 theme=$4 logtab=$5 header=$6
  local db=$WORK/i15d-$code.db gid before after got i
  use_home "i15d-$code"
  make_demo "$db"
  gid=$(sqlite3 "$db" "SELECT id FROM micro_goals WHERE stage = 'execution' AND status = 'open' AND due_day <> '' AND due_day < date('now') ORDER BY id LIMIT 1")
  [ -n "$gid" ] || fail "the demo plan has no open step in execution"
  sqlite3 "$db" "INSERT INTO decisions (uuid, goal_id, subject, decision, rationale, decided_at)
    SELECT lower(hex(randomblob(16))), id, title, 'adjust',
      'Sync conflict: this was changed on two devices at once; the later change was kept.' || char(10) ||
      'Owner: kept “Sam”, the other device had “Maria”.' || char(10) ||
      'Deleted: kept “the step, changed on another device”, the other device had “its deletion on this device”.',
      CAST(strftime('%s', 'now') AS INTEGER) * 1000 FROM micro_goals WHERE id = $gid"
  before=$(sqlite3 "$db" "SELECT group_concat(id || status || stage, ',') FROM micro_goals")
  LC_ALL= LANGUAGE= LC_TIME= LC_MESSAGES= LANG=$locale FYNE_THEME=$theme start_app "i15d-$code" --db "$db"
  wait_window
  sleep 2
  xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || true
  xdotool mousemove --window "$WIN" 900 600 click 1; sleep 0.3
  xdotool key ctrl+f; sleep 0.5
  xdotool type --delay 30 "$query"; sleep 1
  screenshot "$WIN" "$ARTIFACTS/i15d-search-$code.png"
  # The search's help (the ? beside the clear button).
  xdotool mousemove --window "$WIN" 1032 98 click 1; sleep 1
  screenshot "$WIN" "$ARTIFACTS/i15d-search-help-$code.png"
  # Its Close button, under the text.
  xdotool mousemove --window "$WIN" 550 535 click 1; sleep 0.5
  # The first match (the second row, after its objective) opens in the detail panel, which
  # ends with its decision log.
  xdotool mousemove --window "$WIN" 300 225 click 1; sleep 1
  screenshot "$WIN" "$ARTIFACTS/i15d-detail-$code.png"
  xdotool key ctrl+5; sleep 1.5
  # The Reviews tab's own tab "Decision log", the fourth (at x = logtab in this language).
  xdotool mousemove --window "$WIN" "$logtab" 98 click 1; sleep 1
  screenshot "$WIN" "$ARTIFACTS/i15d-reviews-$code.png"
  export_metrics_csv
  close_app
  no_crash_in_log
  db_ok "$db"
  after=$(sqlite3 "$db" "SELECT group_concat(id || status || stage, ',') FROM micro_goals")
  [ "$before" = "$after" ] || fail "searching changed the plan"
  sqlite3 "$db" "SELECT rationale FROM decisions WHERE goal_id = $gid" | grep -q '^Owner: kept “Sam”' ||
    fail "the stored conflict was rewritten"
  [ -s "$HOME/microgoals-metrics.csv" ] || fail "no metric entries CSV written to $HOME"
  got=$(head -n 1 "$HOME/microgoals-metrics.csv" | tr -d '\r')
  [ "$got" = "$header" ] || fail "the CSV's header is '$got', want '$header'"
  echo "CSV header under $locale: $got"
}

check_i15d_de() { i15d de de_DE.UTF-8 "phase:umsetzen fallig:uberfallig" light 444 \
  "Eintrag,Mikroziel,Titel des Mikroziels,Ziel,Zeitpunkt,Wert,Einheit,Notiz,korrigiert,erfasst am,zählt"; }
check_i15d_fr() { i15d fr fr_FR.UTF-8 "phase:executer echeance:retard" dark 477 \
  "entrée,micro-objectif,titre du micro-objectif,objectif,moment,valeur,unité,note,corrige,saisie le,compte"; }

CHECKS+=(i15d_de i15d_fr)
