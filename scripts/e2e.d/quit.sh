# Every way out of the window process ends it promptly with status 0 (app/exit.go): the window
# manager's close button (WM_DELETE_WINDOW, sent by scripts/e2e.d/wm-close.py since Xvfb runs no window
# manager), SIGTERM and SIGINT at any moment after the window shows. Fyne v2.8.1's own quit
# path could hang for good or die with status 2 depending on timing, so the signals are sent
# several times at different moments. The size the window was closed at comes back.

# quit_with SIGNAL: sends it to the app and waits for a clean exit.
quit_with() {
  kill "-$1" "$APP_PID"
  wait_exit 10 || { kill -QUIT "$APP_PID"; sleep 1; show_app_output; fail "the app did not end within 10 s of SIG$1"; }
  [ "$APP_STATUS" = 0 ] || { show_app_output; fail "SIG$1: exit status $APP_STATUS"; }
  no_crash_in_log
}

check_quit_paths() {
  local db=$WORK/quit.db geom i delay
  use_home quit
  make_demo "$db"
  start_app quit-close --db "$db"
  wait_window; sleep 1.5
  xdotool windowsize --sync "$WIN" 900 640 >/dev/null 2>&1 || xdotool windowsize "$WIN" 900 640
  sleep 1
  python3 "$ROOT/scripts/e2e.d/wm-close.py" "$WIN"
  wait_exit 10 || { show_app_output; fail "the close button did not end the process within 10 s"; }
  [ "$APP_STATUS" = 0 ] || { show_app_output; fail "close button: exit status $APP_STATUS"; }
  no_crash_in_log
  start_app quit-size --db "$db"
  wait_window; sleep 1.5
  geom=$(xdotool getwindowgeometry "$WIN" | sed -n 's/.*Geometry: //p')
  [ "$geom" = 900x640 ] || fail "the window reopened at $geom, not at the 900x640 it was closed at"
  quit_with TERM
  for i in 1 2 3 4 5 6; do
    start_app "quit-term-$i" --db "$db"
    wait_window
    delay=$(awk -v i="$i" 'BEGIN { printf "%.1f", (i * 7 % 10) / 4 }')  # 0.0 to 2.2 s
    sleep "$delay"
    quit_with TERM
  done
  start_app quit-int --db "$db"
  wait_window; sleep 1
  quit_with INT
  db_ok "$db"
}

CHECKS+=(quit_paths)
