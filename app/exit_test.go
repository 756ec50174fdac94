package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

// The window process ends itself (exit.go): Ctrl+Q keeps the pending edit, remembers the
// window's size in one preference and ends the process with status 0, once, however often it is
// pressed while it goes. (Fyne's test window has no close button that honours the close
// intercept: the e2e check quit_paths closes the real window.)
func TestQuitEndsTheProcessItselfKeepingEditAndSize(t *testing.T) {
	for _, way := range []string{"Ctrl+Q"} {
		t.Run(way, func(t *testing.T) {
			h := newHarness(t)
			seed(h, "Ship the Microgoals 1.0 release", "Write the release notes")
			var codes []int
			h.u.exitProcess = func(code int) { codes = append(codes, code) }
			h.selectRow("Write the release notes")
			h.w.Canvas().Focus(h.u.detail.goalFields["title"].input)
			h.keyDown(fyne.KeyEnd)
			h.typeKeys(" today")
			h.w.Resize(fyne.NewSize(900, 640))
			h.press(fyne.KeyQ, ctrl)
			h.press(fyne.KeyQ, ctrl)
			if len(codes) != 1 || codes[0] != 0 {
				t.Fatalf("%s: the process was ended with %v, want once with status 0", way, codes)
			}
			if got := h.u.app.Preferences().FloatList(prefSize); len(got) != 2 || got[0] != 900 || got[1] != 640 {
				t.Fatalf("%s: the window size kept is %v, want [900 640]", way, got)
			}
			h.reopen()
			h.storedGoal("Write the release notes today")
		})
	}
}
