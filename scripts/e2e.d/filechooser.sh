# shellcheck shell=bash
# The app's own file chooser (app/filechooser.go), used by every export and import, driven from
# the keyboard in a real window: Escape closes it and writes nothing, Enter saves, a second
# save of the same name asks before replacing. Sourced by scripts/e2e.sh (menu_keys is in
# i11_exports.sh).

# differing_pixels A B: how many pixels of two screenshots differ by more than 5 %.
differing_pixels() {
  compare -metric AE -fuzz 5% "$1" "$2" null: 2>&1 | awk '{ print int($1) }'
}

# check_filechooser: File › Export ▸ Everything (JSON)… by keyboard, Escape, then the same with
# a typed path and Enter; the file is checked with jq against the database. Light and dark.
check_filechooser() {
  use_home filechooser
  local db=$WORK/filechooser.db docs=$HOME/Documents theme out before during after n total
  # The demo database of the window checks when there is one (it is only read here).
  if [ -s "$WORK/demo-light.db" ]; then cp "$WORK/demo-light.db" "$db"; else make_demo "$db" 40 200; fi
  mkdir -p "$docs/Old plans" "$docs/Reports" "$HOME/Downloads"
  printf '{}' >"$docs/microgoals-2026-01-05.json"
  printf 'x' >"$docs/notes.txt"
  for theme in light dark; do
    FYNE_THEME=$theme start_app "filechooser-$theme" --db "$db"
    wait_window
    sleep 1.5
    xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || true
    before=$WORK/fc-before-$theme.png during=$WORK/fc-during-$theme.png after=$WORK/fc-after-$theme.png
    screenshot "$WIN" "$before"
    touch "$WORK/fc-mark"
    # File › Export ▸ (the ninth item; Right opens it on its first) → Everything (JSON)… (its fifth).
    menu_keys Down Down Down Down Down Down Down Down Down Right Down Down Down Down Return
    sleep 1
    screenshot "$WIN" "$during"
    cp "$during" "$ARTIFACTS/e2e-filechooser-$theme.png"
    total=$(identify -format '%[fx:w*h]' "$before")
    [ "$(differing_pixels "$before" "$during")" -gt $((total / 20)) ] || fail "no file chooser appeared ($theme)"
    # Escape from the file name closes it; Enter afterwards must not save anything.
    xdotool key --window "$WIN" Escape
    sleep 0.6
    screenshot "$WIN" "$after"
    n=$(differing_pixels "$before" "$after")
    [ "$n" -lt $((total / 100)) ] || { cp "$after" "$ARTIFACTS/e2e-filechooser-after-escape-$theme.png"; fail "Escape left the chooser on screen ($n pixels differ, $theme)"; }
    xdotool key --window "$WIN" Return
    sleep 0.5
    [ -z "$(find "$HOME" -path "$HOME/.*" -prune -o -newer "$WORK/fc-mark" -type f -print)" ] || fail "cancelling wrote a file"
    if [ $theme = light ]; then
      # A path typed over the offered name (the extension is added), Enter saves.
      menu_keys Down Down Down Down Down Down Down Down Down Right Down Down Down Down Return
      sleep 0.8
      xdotool type --delay 15 "~/Documents/Reports/plan"
      xdotool key --window "$WIN" Return
      out=$docs/Reports/plan.json
      wait_for "$out" '"version": 2' 15 || fail "Enter in the chooser wrote no version 2 export to $out"
      jq -e '.version == 2' "$out" >/dev/null || fail "jq cannot read $out"
      [ "$(jq '.objectives | length' "$out")" = "$(sqlite3 "$db" 'SELECT count(*) FROM objectives')" ] ||
        fail "$out lacks objectives"
      [ "$(jq '[.. | objects | select(has("title"))] | length' "$out")" -gt 10 ] || fail "$out has too few items"
      # The same name again: the chooser opens in the folder used last and asks; Enter replaces.
      printf 'old' >"$out"
      menu_keys Down Down Down Down Down Down Down Down Down Right Down Down Down Down Return
      sleep 0.8
      xdotool type --delay 15 "plan.json"
      xdotool key --window "$WIN" Return
      sleep 0.6
      screenshot "$WIN" "$ARTIFACTS/e2e-filechooser-replace.png"
      [ "$(cat "$out")" = old ] || fail "the file was replaced before the question was answered"
      xdotool key --window "$WIN" Return
      wait_for "$out" '"version": 2' 15 || fail "Enter on the question did not replace $out"
      echo "export: $out ($(wc -c <"$out") bytes)"
      # File › Import ▸ (the tenth item) → Everything (JSON)… opens where the export went; the
      # typed name and Enter import it (the import backs the plan up first: one more backup).
      local backups
      backups=$(find "$WORK" -path '*backups*' -type f | wc -l)
      menu_keys Down Down Down Down Down Down Down Down Down Down Right Return
      sleep 0.8
      screenshot "$WIN" "$ARTIFACTS/e2e-filechooser-open-light.png"
      xdotool type --delay 15 "plan.json"
      xdotool key --window "$WIN" Return
      for _ in $(seq 50); do
        [ "$(find "$WORK" -path '*backups*' -type f | wc -l)" -gt "$backups" ] && break
        sleep 0.2
      done
      [ "$(find "$WORK" -path '*backups*' -type f | wc -l)" -gt "$backups" ] || fail "Enter in the open chooser did not import"
      sleep 1
    else
      # A small window: the chooser shrinks with it and keeps its buttons on screen.
      xdotool windowsize --sync "$WIN" 640 440 >/dev/null 2>&1 || xdotool windowsize "$WIN" 640 440
      sleep 0.8
      menu_keys Down Down Down Down Down Down Down Down Down Right Down Down Down Down Return
      sleep 1
      # A folder that does not exist: the message shows in the chooser, which stays open.
      xdotool type --delay 15 "/no/such/folder/plan"
      xdotool key --window "$WIN" Return
      sleep 0.5
      screenshot "$WIN" "$ARTIFACTS/e2e-filechooser-small-$theme.png"
      xdotool key --window "$WIN" Escape
      sleep 0.4
    fi
    close_app
    no_crash_in_log
  done
}

CHECKS+=(filechooser)
