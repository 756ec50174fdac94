# search.sh — issue 13: the outline's search typed with xdotool, and the stage board, in both
# themes. Sourced by scripts/e2e.sh.

# search_and_board THEME: Ctrl+F, a query typed into the search, a screenshot of the filtered
# outline; a click on the first match's check box marks it done (it must be a step the query
# asks for); Escape clears the search; then the Board and People tabs, screenshotted.
search_and_board() {
  local theme=$1 db=$WORK/demo-search-$1.db got
  use_home "search-$theme"
  make_demo "$db"
  FYNE_THEME=$theme start_app "search-$theme" --db "$db"
  wait_window
  sleep 2
  xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || true
  # A click on the detail pane's empty side gives the window the focus without selecting a row.
  xdotool mousemove --window "$WIN" 900 600 click 1; sleep 0.3
  xdotool key ctrl+f; sleep 0.5
  xdotool type --delay 30 "horizon:month #writing"; sleep 1
  screenshot "$WIN" "$ARTIFACTS/e2e-search-$theme.png"
  # The filtered outline: the objective (dimmed, as context), then the matches. The first
  # match's check box is 82 px in, on the second row.
  xdotool mousemove --window "$WIN" 82 225 click 1; sleep 1
  # The filter stays after the change; Escape in the search clears it.
  screenshot "$WIN" "$ARTIFACTS/e2e-search-after-done-$theme.png"
  xdotool mousemove --window "$WIN" 450 98 click 1; sleep 0.3
  xdotool key Escape; sleep 0.5
  screenshot "$WIN" "$ARTIFACTS/e2e-search-cleared-$theme.png"
  # The Board tab, the last of the tabs.
  xdotool mousemove --window "$WIN" 510 53 click 1; sleep 1.5
  screenshot "$WIN" "$ARTIFACTS/e2e-board-$theme.png"
  # Five columns must fit the default window, not widen it.
  [ "$(identify -format '%w' "$ARTIFACTS/e2e-board-$theme.png")" = 1080 ] || fail "the Board tab widened the window past 1080 px"
  # The People tab, after the Board.
  xdotool mousemove --window "$WIN" 590 53 click 1; sleep 1
  screenshot "$WIN" "$ARTIFACTS/e2e-people-$theme.png"
  close_app
  no_crash_in_log
  db_ok "$db"
  got=$(sqlite3 "$db" "SELECT status || ' ' || horizon || ' ' || (' ' || tags || ' ' LIKE '% writing %')
    FROM micro_goals ORDER BY updated_at DESC LIMIT 1")
  [ "$got" = "done month 1" ] || fail "the step marked done in the filtered outline is '$got', want a done month step tagged writing"
}

check_search_light() { search_and_board light; }
check_search_dark() { search_and_board dark; }

CHECKS+=(search_light search_dark)

# charts_places THEME: the Charts tab of the demo plan: the burn-up with its projection (the
# dashed line, the target date and "N days ahead/behind" on the chart), then, scrolled down,
# the bar charts by place and by collaborator. The demo's completions carry where and with
# whom, so the bars must be there: the card is compared with an empty one by its colours.
charts_places() {
  local theme=$1 db=$WORK/demo-charts13-$1.db
  use_home "charts13-$theme"
  make_demo "$db"
  FYNE_THEME=$theme start_app "charts13-$theme" --db "$db"
  wait_window
  sleep 2
  xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || true
  # The Charts tab, the fourth.
  xdotool mousemove --window "$WIN" 325 53 click 1; sleep 1.5
  screenshot "$WIN" "$ARTIFACTS/e2e-charts-burnup-$theme.png"
  # Scroll to the end of the tab: the places and people card.
  xdotool mousemove --window "$WIN" 540 400
  for _ in $(seq 30); do xdotool click 5; sleep 0.05; done
  sleep 1
  screenshot "$WIN" "$ARTIFACTS/e2e-charts-places-$theme.png"
  [ "$(identify -format '%w' "$ARTIFACTS/e2e-charts-places-$theme.png")" = 1080 ] || fail "the Charts tab widened the window past 1080 px"
  close_app
  no_crash_in_log
  db_ok "$db"
}

check_charts_places_light() { charts_places light; }
check_charts_places_dark() { charts_places dark; }

CHECKS+=(charts_places_light charts_places_dark)

# ask_context_and_owner THEME: a focus sprint started (Ctrl+R, Enter) and stopped on the bar
# asks where and with whom in the corner panel; the answers typed there are stored on the
# sprint. Then a step quick-added with #writing (Ctrl+L) gets an owner filled in by the
# suggestion, stored once the step is left.
ask_context_and_owner() {
  local theme=$1 db=$WORK/demo-ask-$1.db got
  use_home "ask-$theme"
  make_demo "$db"
  FYNE_THEME=$theme start_app "ask-$theme" --db "$db"
  wait_window
  sleep 2
  xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || true
  xdotool mousemove --window "$WIN" 300 219 click 1; sleep 0.5
  xdotool key ctrl+r; sleep 0.7
  xdotool key Return
  for _ in $(seq 50); do
    [ "$(sqlite3 "$db" 'SELECT count(*) FROM sprints WHERE ended_at IS NULL')" = 1 ] && break
    sleep 0.2
  done
  [ "$(sqlite3 "$db" 'SELECT count(*) FROM sprints WHERE ended_at IS NULL')" = 1 ] || fail "Ctrl+R, Enter started no sprint"
  sleep 1.5 # the sprint bar laid out above the tabs
  # Stop, at the right end of the sprint bar above the tabs (once more if the first click came
  # before the bar was drawn).
  for _ in 1 2 3; do
    xdotool mousemove --window "$WIN" 1040 48 click 1; sleep 1.5
    [ "$(sqlite3 "$db" 'SELECT count(*) FROM sprints WHERE ended_at IS NULL')" = 0 ] && break
  done
  [ "$(sqlite3 "$db" 'SELECT count(*) FROM sprints WHERE ended_at IS NULL')" = 0 ] || fail "Stop on the sprint bar did not end the sprint"
  screenshot "$WIN" "$ARTIFACTS/e2e-sprint-ended-ask-$theme.png"
  # The panel's Where field, in the bottom-right corner: a click, the answers, Enter saves.
  xdotool mousemove --window "$WIN" 740 600 click 1; sleep 0.3
  xdotool key ctrl+a; xdotool type --delay 20 "library"; xdotool key Tab; sleep 0.2
  xdotool key ctrl+a; xdotool type --delay 20 "Ana"; xdotool key Return; sleep 1
  got=$(sqlite3 "$db" "SELECT environment || '|' || partner FROM sprints WHERE ended_at IS NOT NULL ORDER BY id DESC LIMIT 1")
  [ "$got" = "library|Ana" ] || fail "the sprint's answers stored as '$got', want 'library|Ana'"
  # Quick add under the selected step's objective, with a tag the demo's owners have done.
  xdotool key ctrl+l; sleep 0.5
  xdotool type --delay 20 "Outline the epilogue #writing"; xdotool key Return; sleep 1.5
  screenshot "$WIN" "$ARTIFACTS/e2e-owner-suggested-$theme.png"
  # Leaving the step saves the filled-in owner: select another row.
  xdotool mousemove --window "$WIN" 300 219 click 1; sleep 1
  close_app
  no_crash_in_log
  db_ok "$db"
  got=$(sqlite3 "$db" "SELECT owner FROM micro_goals WHERE title = 'Outline the epilogue'")
  case "$got" in me|Sam|Alex) ;; *) fail "the quick-added #writing step's owner is '$got', want the suggested one" ;; esac
}

check_ask_context_light() { ask_context_and_owner light; }
check_ask_context_dark() { ask_context_and_owner dark; }

CHECKS+=(ask_context_light ask_context_dark)

# report_last_week: File → Report for last week in the real window writes the report beside
# the plan, with its sections by owner, decisions, burn-up (with the projection) and the
# charts by place and collaborator, and opens it; screenshots of the menu, the report and the
# charts written.
check_report_last_week() {
  local db=$WORK/report/plan.db md
  mkdir -p "$WORK/report"
  use_home report
  make_demo "$db"
  start_app report --db "$db"
  wait_window
  sleep 2
  xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || true
  # File → Export ▸ (the ninth item; Right opens it on its first) → Report for last week (its
  # second), from the keyboard (menu_keys, i11_exports.sh): rows are counted, not measured.
  menu_keys Down Down Down Down Down Down Down Down Down Right Down
  sleep 0.5
  screenshot "$WIN" "$ARTIFACTS/e2e-report-menu.png"
  xdotool key --window "$WIN" Return
  for _ in $(seq 100); do
    ls "$WORK"/report/progress-*.md >/dev/null 2>&1 && break
    sleep 0.2
  done
  ls "$WORK"/report/progress-*.md >/dev/null 2>&1 || fail "no report written beside the plan"
  sleep 2
  screenshot "$(xdotool search --onlyvisible --name 'progress-' | head -n 1)" "$ARTIFACTS/e2e-report-window.png" || true
  md=$(ls "$WORK"/report/progress-*.md | head -n 1)
  for want in "## By owner" "## Decisions" "## Burn-up" "## Places and collaborators" "![Done, on time and sprint minutes by place and collaborator]("; do
    grep -qF -- "$want" "$md" || fail "the report lacks '$want'"
  done
  cp "${md%.md}-places.png" "$ARTIFACTS/e2e-report-places.png"
  cp "${md%.md}-burnup.png" "$ARTIFACTS/e2e-report-burnup.png"
  close_app
  no_crash_in_log
}

CHECKS+=(report_last_week)
