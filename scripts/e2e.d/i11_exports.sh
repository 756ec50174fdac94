# shellcheck shell=bash
# Checks of issue 11: dropping a step with open sub-steps, and the complete JSON export, in a
# real window. Sourced by scripts/e2e.sh.

# menu_keys works the window's menu from the keyboard, as a user without a mouse does: Alt
# opens the File menu, then each named key (Down, Right, Return…) is pressed in turn. Menu rows
# are counted, not measured, so the check survives a change of theme, font or menu height.
menu_keys() {
  xdotool key --window "$WIN" alt
  sleep 0.5
  local k
  for k in "$@"; do
    xdotool key --window "$WIN" "$k"
    sleep 0.12
  done
}

# check_drop_substeps_and_export: Edit → Drop… on a step with two open sub-steps offers to
# drop them too; with the box ticked all three are dropped with the reason. File → Export
# everything then writes a version 2 file holding them, the routines and no machine-local
# settings.
check_drop_substeps_and_export() {
  use_home i11
  local db=$WORK/i11.db theme shot out
  "$DEMO" --db "$db" --path 5 >"$WORK/demo.log" 2>&1 || { cat "$WORK/demo.log" >&2; fail "demo generator failed"; }
  sqlite3 "$db" "INSERT INTO micro_goals (objective_id, parent_id, position, title, created_at, updated_at)
      SELECT objective_id, 3, 1, 'Book the hotel', created_at, updated_at FROM micro_goals WHERE id = 3;
    INSERT INTO micro_goals (objective_id, parent_id, position, title, created_at, updated_at)
      SELECT objective_id, 3, 2, 'Print the route', created_at, updated_at FROM micro_goals WHERE id = 3;
    UPDATE micro_goals SET rrule = 'FREQ=DAILY', anchor = 'Work start', due_at = 1764000000000, due_day = '2025-11-24' WHERE id = 1;
    INSERT INTO settings (key, value) VALUES ('notify.since', '1');"
  for theme in light dark; do
    FYNE_THEME=$theme start_app "i11-$theme" --db "$db"
    wait_window
    sleep 1.5
    if [ $theme = light ]; then
      # Select "Step 3 of the path" (the third row), then Edit → Drop….
      xdotool mousemove --window "$WIN" $ROW_X $((ROW1_Y + 2 * ROW_PITCH)) click 1
      sleep 0.5
      # Edit (Alt opens File, Right goes on to Edit), then the seventh item: Drop….
      menu_keys Right Down Down Down Down Down Down Down Return
      sleep 0.7
      xdotool type --delay 30 "Race cancelled"
      sleep 0.3
      screenshot "$WIN" "$ARTIFACTS/e2e-i11-drop-dialog.png"
      xdotool key Return  # Enter drops, as the Drop button does
      sleep 1
    fi
    shot=$ARTIFACTS/e2e-i11-dropped-$theme.png
    screenshot "$WIN" "$shot"
    if [ $theme = dark ]; then
      # File → Export everything (JSON)…, then a path typed over the offered name and Enter
      # (the app's own file chooser, app/filechooser.go).
      # File: the ninth item is Export ▸, whose fifth is Everything (JSON)….
      menu_keys Down Down Down Down Down Down Down Down Down Right
      sleep 0.3
      screenshot "$WIN" "$ARTIFACTS/e2e-file-menu-export.png"  # the whole File menu, Quit included
      xdotool key --window "$WIN" Down Down Down Down Return
      sleep 1.5
      screenshot "$WIN" "$ARTIFACTS/e2e-i11-export-dialog.png"
      xdotool type --delay 15 "~/microgoals-e2e.json"
      xdotool key --window "$WIN" Return
      local i
      for i in $(seq 50); do compgen -G "$HOME/microgoals-*.json" >/dev/null && break; sleep 0.2; done
      compgen -G "$HOME/microgoals-*.json" >/dev/null || fail "no export written to $HOME"
      sleep 1
    fi
    close_app
    no_crash_in_log
    if grep -q 'Error in Fyne call thread' "$APP_ERR"; then
      show_app_output; fail "Fyne reports a UI call off its goroutine"
    fi
  done
  db_ok "$db"
  [ "$(sqlite3 "$db" "SELECT group_concat(status || ':' || drop_reason, ',') FROM micro_goals WHERE id = 3 OR parent_id = 3 ORDER BY id")" = \
    "dropped:Race cancelled,dropped:Race cancelled,dropped:Race cancelled" ] || fail "the step and its open sub-steps were not all dropped"
  out=$(ls "$HOME"/microgoals-*.json | head -n 1)
  grep -q '"version": 2' "$out" || fail "the export is not version 2"
  grep -q '"rrule": "FREQ=DAILY"' "$out" || fail "the export lacks the repeat rule"
  grep -q '"anchor": "Work start"' "$out" || fail "the export lacks the anchor"
  grep -q '"occurrence_exceptions"' "$out" || fail "the export lacks the occurrences"
  grep -q '"sprints"' "$out" || fail "the export lacks the sprints"
  ! grep -q 'notify.since' "$out" || fail "the export carries the machine-local notify.since"
  [ "$(grep -c '"drop_reason": "Race cancelled"' "$out")" = 3 ] || fail "the export lacks the dropped steps"
  echo "export: $out ($(wc -c <"$out") bytes)"
}

CHECKS+=(drop_substeps_and_export)
