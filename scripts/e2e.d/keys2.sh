# keys2.sh — Today and the Calendar worked from the keyboard alone, and the Settings dialog's
# keys, on the built binary with xdotool (issue 10). Sourced by e2e.sh; uses keys.sh's helpers.

# check_keys_today_calendar: three steps due today. Ctrl+2 puts the keyboard on Today's list:
# Down selects the second, Space marks it done, Up and M ask for a day, "tomorrow" and Enter
# move the first there. Ctrl+3: the calendar's selection starts on today, Right goes to
# tomorrow, Enter opens the moved step in the outline, where Ctrl+D marks it done. Ctrl+,
# opens Settings and Escape closes it. Verified in the file; screenshots light and dark.
check_keys_today_calendar() {
  local theme today tomorrow ms
  today=$(date -u +%F) tomorrow=$(date -u -d tomorrow +%F)
  for theme in light dark; do
    DB=$WORK/keys2-$theme.db
    use_home "keys2-$theme"
    "$DEMO" --db "$DB" --path 3 >"$WORK/demo.log" 2>&1 || { cat "$WORK/demo.log" >&2; fail "demo generator failed"; }
    ms=$(( $(date -u -d "$today 00:00" +%s) * 1000 ))
    q "UPDATE micro_goals SET due_day = '$today', due_has_time = 1, horizon = 'day',
      due_at = $ms + (8 + id) * 3600000, rrule = '' WHERE id <= 3"
    FYNE_THEME=$theme start_app "keys2-$theme" --db "$DB"
    wait_window; sleep 2
    xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || xdotool windowfocus --sync "$WIN" >/dev/null 2>&1 || true
    press ctrl+2 Down
    screenshot "$WIN" "$ARTIFACTS/e2e-keys2-today-$theme.png"
    press space
    [ "$(q 'SELECT status FROM micro_goals WHERE id = 2')" = done ] || fail "Space on Today's second row did not mark Step 2 done"
    press Up m
    screenshot "$WIN" "$ARTIFACTS/e2e-keys2-move-$theme.png"
    typeline tomorrow
    [ "$(q 'SELECT due_day FROM micro_goals WHERE id = 1')" = "$tomorrow" ] ||
      fail "M, 'tomorrow', Enter moved Step 1 to $(q 'SELECT due_day FROM micro_goals WHERE id = 1'), not $tomorrow"
    press ctrl+3 Right
    screenshot "$WIN" "$ARTIFACTS/e2e-keys2-calendar-$theme.png"
    press Return ctrl+d
    [ "$(q 'SELECT status FROM micro_goals WHERE id = 1')" = done ] ||
      fail "Enter on the calendar's selection did not open Step 1 (Ctrl+D then left it $(q 'SELECT status FROM micro_goals WHERE id = 1'))"
    press ctrl+comma
    screenshot "$WIN" "$WORK/keys2-settings-$theme.png"
    press Escape
    screenshot "$WIN" "$WORK/keys2-after-settings-$theme.png"
    cmp -s "$WORK/keys2-settings-$theme.png" "$WORK/keys2-after-settings-$theme.png" && fail "Escape did not close Settings"
    close_app
    no_crash_in_log
    db_ok "$DB"
  done
}

CHECKS+=(keys_today_calendar)

# check_theme_first_frame: the theme chosen in Settings (Fyne's preferences) wins over the
# desktop's (FYNE_THEME here) from the first frame drawn: a window that should be dark is dark
# in its first screenshot, and light likewise.
check_theme_first_frame() {
  local pref desk shot m i
  DB=$WORK/theme-first.db
  make_demo "$DB" 30 0
  for pref in dark light; do
    desk=light; [ $pref = light ] && desk=dark
    use_home "theme-$pref"
    mkdir -p "$XDG_CONFIG_HOME/fyne/io.github.microgoals.Microgoals"
    printf '{"appearance.theme":"%s"}\n' "$pref" >"$XDG_CONFIG_HOME/fyne/io.github.microgoals.Microgoals/preferences.json"
    FYNE_THEME=$desk start_app "theme-$pref" --db "$DB"
    wait_window
    # The first frame drawn: the window may be mapped a moment before anything is drawn in it.
    shot=$ARTIFACTS/e2e-theme-first-frame-$pref.png
    for i in $(seq 50); do
      import -window "$WIN" "$shot" 2>/dev/null &&
        awk -v s="$(convert "$shot" -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0)" 'BEGIN{ exit !(s > 0.01) }' && break
      sleep 0.1
    done
    screenshot "$WIN" "$shot"
    m=$(mean_brightness "$shot")
    if [ $pref = dark ]; then
      awk -v m="$m" 'BEGIN{ exit !(m < 0.35) }' || fail "the theme set to dark drew a first frame of brightness $m (desktop: $desk)"
    else
      awk -v m="$m" 'BEGIN{ exit !(m > 0.6) }' || fail "the theme set to light drew a first frame of brightness $m (desktop: $desk)"
    fi
    echo "theme $pref over desktop $desk: first frame brightness $m"
    close_app
    no_crash_in_log
  done
}

CHECKS+=(theme_first_frame)
