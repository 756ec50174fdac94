# i15d_import.sh — issue 15: a metric entries CSV exported in German imported in a French
# window. Sourced by scripts/e2e.sh (after i11_exports.sh and i15d.sh, whose menu_keys and
# export_metrics_csv it uses).

# check_i15d_csv_import: a demo plan's entries exported by the German window (File → Export ▸
# Metric entries), then the same plan without its entries opened in French: File → Import ▸
# Metric entries (CSV)… opens the German file by its typed path, and every entry is back,
# each as it was.
check_i15d_csv_import() {
  local db=$WORK/i15d-import.db empty=$WORK/i15d-import-empty.db want got i
  use_home i15d-import
  make_demo "$db"
  LC_ALL= LANGUAGE= LC_TIME= LC_MESSAGES= LANG=de_DE.UTF-8 start_app i15d-import-de --db "$db"
  wait_window
  sleep 2
  xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || true
  export_metrics_csv
  close_app
  no_crash_in_log
  head -n 1 "$HOME/microgoals-metrics.csv" | grep -q '^Eintrag,Mikroziel,' || fail "the German export's header is $(head -n 1 "$HOME/microgoals-metrics.csv")"
  want=$(sqlite3 "$db" "SELECT count(*) || ' ' || total(value) FROM metric_entries")
  cp "$db" "$empty"
  sqlite3 "$empty" "DELETE FROM metric_entries"
  LC_ALL= LANGUAGE= LC_TIME= LC_MESSAGES= LANG=fr_FR.UTF-8 FYNE_THEME=dark start_app i15d-import-fr --db "$empty"
  wait_window
  sleep 2
  xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || true
  # File → Import ▸ (the tenth item) → Metric entries (CSV)… (its second).
  menu_keys Down Down Down Down Down Down Down Down Down Down Right
  xdotool key --window "$WIN" Down Return
  sleep 1.5
  screenshot "$WIN" "$ARTIFACTS/i15d-import-dialog-fr.png"
  # The open chooser takes the German export's path typed into its name field, then Enter.
  xdotool type --delay 15 "~/microgoals-metrics.csv"
  xdotool key --window "$WIN" Return
  for i in $(seq 50); do
    [ "$(sqlite3 "$empty" "SELECT count(*) FROM metric_entries")" != 0 ] && break
    sleep 0.2
  done
  sleep 1
  screenshot "$WIN" "$ARTIFACTS/i15d-import-done-fr.png"
  close_app
  no_crash_in_log
  db_ok "$empty"
  got=$(sqlite3 "$empty" "SELECT count(*) || ' ' || total(value) FROM metric_entries")
  [ "$got" = "$want" ] || fail "the French window imported '$got' (entries, sum) from the German CSV, want '$want'"
  [ "$(sqlite3 "$empty" "SELECT group_concat(uuid || at || value || note || created_at, ',') FROM (SELECT * FROM metric_entries ORDER BY uuid)")" = \
    "$(sqlite3 "$db" "SELECT group_concat(uuid || at || value || note || created_at, ',') FROM (SELECT * FROM metric_entries ORDER BY uuid)")" ] ||
    fail "the imported entries differ from the exported ones"
  echo "German CSV imported in French: $got"
}

CHECKS+=(i15d_csv_import)
