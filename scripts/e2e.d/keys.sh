# keys.sh — every documented shortcut pressed with xdotool on the built binary, a keyboard-only
# walk from the first run to quit, and quits with an unsaved edit (issue 10). Sourced by e2e.sh.

# press KEYS...: presses each chord in the focused window, with a pause for the frame after.
press() {
  local k
  for k in "$@"; do xdotool key --clearmodifiers "$k"; sleep 0.6; done
  release_keys
}

# typeline TEXT: types TEXT into the focused widget and presses Return.
typeline() {
  xdotool type --delay 15 "$1"; sleep 0.3
  xdotool key Return; sleep 0.8
}

q() { sqlite3 "$DB" "$1"; }

# check_keys_first_run_walk: keyboard only, on a fresh file — first run, adding steps, editing
# one, done, undo, redo, Today, Calendar, quit. No duplicate objective; the file holds the walk.
check_keys_first_run_walk() {
  DB=$WORK/keys-walk.db
  use_home keys-walk
  FYNE_THEME=light start_app keys-walk --db "$DB"
  wait_window
  sleep 2
  xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || xdotool windowfocus --sync "$WIN" >/dev/null 2>&1 || true
  # First run: the objective's entry has the cursor; Enter goes on to the steps, Enter starts.
  typeline "Finish the first draft of my novel"
  typeline "Write 500 words of chapter 1"
  # The keys go on into the quick add, never into the hidden first-run entries.
  typeline "Outline chapter 2 tomorrow"
  typeline "Call the editor fri"
  [ "$(q 'SELECT count(*) FROM objectives')" = 1 ] || fail "the first run wrote $(q 'SELECT count(*) FROM objectives') objectives"
  [ "$(q 'SELECT count(*) FROM micro_goals')" = 3 ] || fail "$(q 'SELECT count(*) FROM micro_goals') steps after the walk's additions, want 3"
  # Edit the selected step (the last added) from the keyboard: Ctrl+I, type, Ctrl+S.
  press ctrl+i
  xdotool type --delay 15 " about the deadline"; sleep 0.3
  press ctrl+s
  [ "$(q "SELECT count(*) FROM micro_goals WHERE title = 'Call the editor about the deadline'")" = 1 ] ||
    fail "Ctrl+I, typing and Ctrl+S did not save the title: $(q 'SELECT title FROM micro_goals')"
  # Done, undo, redo.
  press ctrl+d
  [ "$(q "SELECT status FROM micro_goals WHERE title LIKE 'Call the editor%'")" = done ] || fail "Ctrl+D did not mark the step done"
  press ctrl+z
  [ "$(q "SELECT status FROM micro_goals WHERE title LIKE 'Call the editor%'")" = open ] || fail "Ctrl+Z did not undo done"
  press ctrl+shift+z
  [ "$(q "SELECT status FROM micro_goals WHERE title LIKE 'Call the editor%'")" = done ] || fail "Ctrl+Shift+Z did not redo done"
  press ctrl+z ctrl+y
  [ "$(q "SELECT status FROM micro_goals WHERE title LIKE 'Call the editor%'")" = done ] || fail "Ctrl+Y did not redo done"
  press ctrl+2
  screenshot "$WIN" "$ARTIFACTS/e2e-keys-today.png"
  press ctrl+3
  screenshot "$WIN" "$ARTIFACTS/e2e-keys-calendar.png"
  press ctrl+1
  screenshot "$WIN" "$ARTIFACTS/e2e-keys-outline.png"
  cmp -s "$ARTIFACTS/e2e-keys-today.png" "$ARTIFACTS/e2e-keys-calendar.png" && fail "Ctrl+2 and Ctrl+3 show the same view"
  close_app
  no_crash_in_log
  db_ok "$DB"
  [ "$(q 'SELECT count(*) FROM objectives')" = 1 ] || fail "duplicate objectives after the walk"
}

# check_keys_shortcuts: each shortcut of the menus and the README, on a small plan, checked in
# the file (or on a screenshot for the views).
check_keys_shortcuts() {
  DB=$WORK/keys-shortcuts.db
  use_home keys-shortcuts
  sqlite3 "$WORK/keys-seed.sql" 'SELECT 1' >/dev/null 2>&1 || true
  start_app keys-shortcuts --db "$DB"
  wait_window
  sleep 2
  xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || xdotool windowfocus --sync "$WIN" >/dev/null 2>&1 || true
  typeline "Ship the Microgoals 1.0 release"
  typeline "Write the release notes"
  # Ctrl+Shift+N: a new objective; Enter submits the dialog.
  press ctrl+shift+n
  typeline "Run a half marathon"
  [ "$(q "SELECT count(*) FROM objectives WHERE title = 'Run a half marathon'")" = 1 ] || fail "Ctrl+Shift+N, Enter added no objective"
  # Ctrl+Shift+N then Escape cancels.
  press ctrl+shift+n
  xdotool type --delay 15 "Not this one"; press Escape
  [ "$(q "SELECT count(*) FROM objectives WHERE title = 'Not this one'")" = 0 ] || fail "Escape did not cancel the dialog"
  # Ctrl+N: the quick add, under the selected (new) objective.
  press ctrl+n
  typeline "Run 5 km easy"
  typeline "Book the race entry"
  typeline "Buy running shoes"
  [ "$(q "SELECT count(*) FROM micro_goals g JOIN objectives o ON o.id = g.objective_id WHERE o.title = 'Run a half marathon'")" = 3 ] ||
    fail "Ctrl+N and three lines did not add three steps"
  # Ctrl+L also reaches the quick add, from wherever the focus is (here: the detail panel).
  press ctrl+i ctrl+l
  typeline "Stretch after each run"
  [ "$(q "SELECT count(*) FROM micro_goals WHERE title = 'Stretch after each run'")" = 1 ] || fail "Ctrl+L did not reach the quick add"
  # Ctrl+Alt+N: a sub-step of the selected step; Enter submits.
  press ctrl+alt+n
  typeline "Do ten minutes of stretches"
  [ "$(q "SELECT p.title FROM micro_goals c JOIN micro_goals p ON p.id = c.parent_id WHERE c.title = 'Do ten minutes of stretches'")" = "Stretch after each run" ] ||
    fail "Ctrl+Alt+N did not add a sub-step"
  # Quick add puts "Plan the route" after the selected sub-step, under "Stretch after each run".
  # Alt+Up moves it above its sibling, Alt+Down back; Alt+Left lifts it out, Alt+Right nests it
  # under the step above again.
  press ctrl+l
  typeline "Plan the route"
  local order
  order() { q "SELECT group_concat(title, '|') FROM (SELECT title FROM micro_goals WHERE parent_id = (SELECT id FROM micro_goals WHERE title = 'Stretch after each run') ORDER BY position)"; }
  [ "$(order)" = "Do ten minutes of stretches|Plan the route" ] || fail "quick add after a sub-step: $(order)"
  press alt+Up
  [ "$(order)" = "Plan the route|Do ten minutes of stretches" ] || fail "Alt+Up did not move the step up: $(order)"
  press alt+Down
  [ "$(order)" = "Do ten minutes of stretches|Plan the route" ] || fail "Alt+Down did not move the step down: $(order)"
  press alt+Left
  [ "$(q "SELECT count(*) FROM micro_goals WHERE title = 'Plan the route' AND parent_id IS NULL")" = 1 ] || fail "Alt+Left did not lift the step"
  press alt+Right
  [ "$(q "SELECT p.title FROM micro_goals c JOIN micro_goals p ON p.id = c.parent_id WHERE c.title = 'Plan the route'")" = "Stretch after each run" ] || fail "Alt+Right did not nest the step"
  # Ctrl+D, Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y.
  press ctrl+d
  [ "$(q "SELECT status FROM micro_goals WHERE title = 'Plan the route'")" = done ] || fail "Ctrl+D"
  press ctrl+z
  [ "$(q "SELECT status FROM micro_goals WHERE title = 'Plan the route'")" = open ] || fail "Ctrl+Z"
  press ctrl+shift+z
  [ "$(q "SELECT status FROM micro_goals WHERE title = 'Plan the route'")" = done ] || fail "Ctrl+Shift+Z"
  press ctrl+z ctrl+y
  [ "$(q "SELECT status FROM micro_goals WHERE title = 'Plan the route'")" = done ] || fail "Ctrl+Y"
  # Ctrl+I and Ctrl+S edit and save; Ctrl+Delete moves to the trash.
  press ctrl+i
  xdotool type --delay 15 " along the river"; press ctrl+s
  [ "$(q "SELECT count(*) FROM micro_goals WHERE title = 'Plan the route along the river'")" = 1 ] || fail "Ctrl+I, Ctrl+S"
  press ctrl+Delete
  [ "$(q "SELECT trash_id IS NOT NULL FROM micro_goals WHERE title = 'Plan the route along the river'")" = 1 ] || fail "Ctrl+Delete did not trash the step"
  press ctrl+z
  [ "$(q "SELECT trash_id IS NULL FROM micro_goals WHERE title = 'Plan the route along the river'")" = 1 ] || fail "Ctrl+Z did not restore the trashed step"
  # Ctrl+E logs a metric entry on the selected step.
  press ctrl+e
  typeline 3
  [ "$(q "SELECT count(*) FROM metric_entries WHERE value = 3")" -ge 1 ] || fail "Ctrl+E, 3, Enter logged nothing"
  # Ctrl+1…5 switch the tabs: five different views.
  local i
  for i in 1 2 3 4 5; do
    press ctrl+$i; sleep 0.5
    screenshot "$WIN" "$WORK/keys-tab-$i.png"
  done
  [ "$(md5sum "$WORK"/keys-tab-*.png | awk '{print $1}' | sort -u | wc -l)" = 5 ] || fail "Ctrl+1…5 did not show five different views"
  # Ctrl+, opens the settings; Escape closes them.
  press ctrl+1 ctrl+comma
  screenshot "$WIN" "$ARTIFACTS/e2e-keys-settings.png"
  press Escape
  screenshot "$WIN" "$WORK/keys-after-settings.png"
  cmp -s "$ARTIFACTS/e2e-keys-settings.png" "$WORK/keys-after-settings.png" && fail "Escape did not close the settings"
  # Ctrl+R starts a sprint (Enter confirms).
  press ctrl+l Escape
  press ctrl+r Return
  [ "$(q 'SELECT count(*) FROM sprints WHERE ended_at IS NULL')" = 1 ] || fail "Ctrl+R, Enter started no sprint"
  close_app   # Ctrl+Q
  no_crash_in_log
  db_ok "$DB"
}

# check_keys_quit_keeps_edits: an edit left unsaved is saved on Ctrl+Q and on SIGTERM, an
# invalid one is kept as a draft, and the next start shows it.
check_keys_quit_keeps_edits() {
  DB=$WORK/keys-quit.db
  use_home keys-quit
  start_app keys-quit --db "$DB"
  wait_window; sleep 2
  xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || xdotool windowfocus --sync "$WIN" >/dev/null 2>&1 || true
  typeline "Learn conversational Spanish"
  typeline "Learn the 50 words of unit 1"
  typeline "Practise Spanish for an hour"   # in the quick add: the new step is selected
  press ctrl+i
  xdotool type --delay 15 " with Ana"; sleep 0.5
  close_app   # Ctrl+Q with the edit unsaved
  [ "$(q "SELECT count(*) FROM micro_goals WHERE title = 'Practise Spanish for an hour with Ana'")" = 1 ] || fail "Ctrl+Q lost the edit: $(q 'SELECT title FROM micro_goals')"
  # SIGTERM with an unsaved edit.
  start_app keys-quit2 --db "$DB"
  wait_window; sleep 2
  xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || xdotool windowfocus --sync "$WIN" >/dev/null 2>&1 || true
  press ctrl+l
  typeline "Book a lesson tomorrow"
  press ctrl+i
  xdotool type --delay 15 " online"; sleep 0.5
  quit_with TERM  # scripts/e2e.d/quit.sh
  [ "$(q "SELECT count(*) FROM micro_goals WHERE title = 'Book a lesson online'")" = 1 ] || fail "SIGTERM lost the edit: $(q 'SELECT title FROM micro_goals')"
  # An invalid edit (a due date that is not a date) is kept as the draft and shown again.
  start_app keys-quit3 --db "$DB"
  wait_window; sleep 2
  xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || xdotool windowfocus --sync "$WIN" >/dev/null 2>&1 || true
  press ctrl+l
  typeline "Watch a film in Spanish"
  press ctrl+i Tab Tab Tab
  xdotool type --delay 15 "someday"; sleep 0.5
  close_app
  [ "$(q "SELECT due_day IS NULL FROM micro_goals WHERE title = 'Watch a film in Spanish'")" = 1 ] || fail "an invalid due date was saved"
  q "SELECT value FROM settings WHERE key = 'detail.drafts'" | grep -q someday || fail "the invalid edit was not kept as a draft"
  for theme in light dark; do
    FYNE_THEME=$theme start_app "keys-draft-$theme" --db "$DB"
    wait_window; sleep 2.5
    screenshot "$WIN" "$ARTIFACTS/e2e-keys-draft-back-$theme.png"
    close_app
  done
  q "SELECT value FROM settings WHERE key = 'detail.drafts'" | grep -q someday || fail "reopening lost the draft"
  no_crash_in_log
  db_ok "$DB"
}

CHECKS+=(keys_first_run_walk keys_shortcuts keys_quit_keeps_edits)

# check_keys_screens: the detail panel at the default size and the audit overview, light and
# dark (screenshots in build/artifacts/, looked at by hand).
check_keys_screens() {
  local theme
  DB=$WORK/keys-screens.db
  make_demo "$DB"
  for theme in light dark; do
    use_home "keys-screens-$theme"
    FYNE_THEME=$theme start_app "keys-screens-$theme" --db "$DB"
    wait_window; sleep 2
    xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || xdotool windowfocus --sync "$WIN" >/dev/null 2>&1 || true
    xdotool mousemove --window "$WIN" 200 221 click 1; sleep 1
    # The wheel over the "Expected outcome" field scrolls the form.
    xdotool mousemove --window "$WIN" 860 300; sleep 0.3
    screenshot "$WIN" "$ARTIFACTS/e2e-detail-$theme.png"
    xdotool click 5 click 5 click 5; sleep 0.8
    screenshot "$WIN" "$WORK/detail-scrolled-$theme.png"
    cmp -s "$ARTIFACTS/e2e-detail-$theme.png" "$WORK/detail-scrolled-$theme.png" && fail "the wheel over a field did not scroll the form"
    # The quarterly audit opens on its overview (Reviews tab, second sub-tab).
    press ctrl+5
    screenshot "$WIN" "$WORK/reviews-$theme.png"
    xdotool mousemove --window "$WIN" $AUDIT_TAB_X $AUDIT_TAB_Y click 1; sleep 1
    screenshot "$WIN" "$ARTIFACTS/e2e-audit-overview-$theme.png"
    close_app
    no_crash_in_log
  done
  db_ok "$DB"
}

# Where the "Quarterly audit" sub-tab of the Reviews tab is in a window of the default size.
AUDIT_TAB_X=190 AUDIT_TAB_Y=95

CHECKS+=(keys_screens)

# check_banner_calendar_drag: a step carried with the mouse across the calendar in the real
# window: mid-drag the message "Moving …" floats over the calendar and nothing under it moves;
# dropped on the day a week earlier, the step is due that day. Light and dark. The step is
# found on screen: today's cell is the one whose day number is drawn in the accent blue, in
# today's weekday column (weeks start on Monday in the C locale).
check_banner_calendar_drag() {
  local theme db=$WORK/drag-banner.db col x y y0 before after day title
  make_demo "$db" 2 0
  sqlite3 "$db" "DELETE FROM micro_goals WHERE due_day >= date('now', '-7 days')"
  for theme in light dark; do
    title="Carry me back a week ($theme)"
    add_timed_goal "$db" "$title" 120 >/dev/null
    day=$(sqlite3 "$db" "SELECT due_day FROM micro_goals WHERE title = '$title'")
    use_home "drag-banner-$theme"
    FYNE_THEME=$theme start_app "drag-banner-$theme" --db "$db"
    wait_window; sleep 2
    xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || xdotool windowfocus --sync "$WIN" >/dev/null 2>&1 || true
    press ctrl+3; sleep 1
    screenshot "$WIN" "$WORK/drag-before-$theme.png"
    col=$(( ($(date -d "$day" +%u) - 1) * 148 + 40 ))
    y0=$(convert "$WORK/drag-before-$theme.png" -crop "140x500+$col+140" +repage -depth 8 txt:- |
      sed -n 's/^\([0-9]*\),\([0-9]*\): (\([0-9]*\),\([0-9]*\),\([0-9]*\).*/\1 \2 \3 \4 \5/p' |
      awk '!found && $5 > 200 && $3 < 110 && $4 < 170 { print $2; found = 1 }')  # reads it all: pipefail
    [ -n "$y0" ] || fail "today's cell ($day) not found in its column at x=$col"
    # The step's line is under the day number; up 8 px at a time, as a hand moves.
    x=$((col + 70)) y=$((140 + y0 + 22))
    xdotool mousemove --window "$WIN" "$x" "$y" mousedown 1; sleep 0.3
    for _ in 1 2 3 4 5 6 7 8 9 10; do y=$((y - 8)); xdotool mousemove --window "$WIN" "$x" "$y"; sleep 0.05; done
    sleep 0.8
    screenshot "$WIN" "$ARTIFACTS/e2e-banner-calendar-drag-$theme.png"
    # Nothing moved: the tabs, the month bar and the first weeks are the same pixels.
    before=$(convert "$WORK/drag-before-$theme.png" -crop 1080x140+0+0 +repage -format '%#' info:)
    after=$(convert "$ARTIFACTS/e2e-banner-calendar-drag-$theme.png" -crop 1080x140+0+0 +repage -format '%#' info:)
    [ "$before" = "$after" ] || fail "the message moved the calendar ($theme)"
    xdotool mouseup 1; sleep 0.8
    release_keys
    close_app
    no_crash_in_log
    [ "$(sqlite3 "$db" "SELECT due_day FROM micro_goals WHERE title = '$title'")" = "$(date -d "$day - 7 days" +%F)" ] ||
      fail "the step dropped a week earlier is due $(sqlite3 "$db" "SELECT due_day FROM micro_goals WHERE title = '$title'"), not $(date -d "$day - 7 days" +%F)"
  done
  db_ok "$db"
}
CHECKS+=(banner_calendar_drag)
