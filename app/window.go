package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

const (
	// prefSize is the window's size as one list [width, height]: one change of the preferences,
	// so one save. Fyne saves on the first change and holds a second one made within 100 ms for
	// a save the process may not live to make (it ends right after this, exit.go).
	prefSize = "window.size"
	// prefWidth and prefHeight are where versions before prefSize kept it.
	prefWidth  = "window.width"
	prefHeight = "window.height"
)

// defaultWindowSize is the first window's size, until the user resizes it: with a title bar
// and a desktop panel it still fits a 1366×768 laptop screen, the smallest common one.
var defaultWindowSize = fyne.NewSize(1080, 680)

// restoreWindowSize gives the window the size it had when it was last closed.
func restoreWindowSize(a fyne.App, w fyne.Window) {
	p := a.Preferences()
	wd, ht := p.Float(prefWidth), p.Float(prefHeight)
	if s := p.FloatList(prefSize); len(s) == 2 {
		wd, ht = s[0], s[1]
	}
	if wd >= 400 && ht >= 300 {
		w.Resize(fyne.NewSize(float32(wd), float32(ht)))
	}
}

// rememberWindowSize stores the window's size for the next start.
func rememberWindowSize(a fyne.App, w fyne.Window) {
	s := w.Canvas().Size()
	if s.Width >= 400 && s.Height >= 300 {
		a.Preferences().SetFloatList(prefSize, []float64{float64(s.Width), float64(s.Height)})
	}
}

// askText asks for a title in a dialog and calls done with it. Validation shows under the
// entry as the user types; an empty or over-long title cannot be confirmed.
func (u *UI) askText(title string, entry *dialogEntry, done func(string)) {
	hint := widget.NewLabel("")
	hint.Wrapping = fyne.TextWrapWord
	entry.Validator = func(s string) error {
		if ps := model.Blocking(model.ValidateObjective(model.Objective{Title: s, Status: model.ObjectiveActive})); len(ps) > 0 {
			return problemError(strings.Replace(ps[0].Message, "objective", "item", 1))
		}
		return nil
	}
	items := []*widget.FormItem{widget.NewFormItem("", entry)}
	d := dialog.NewForm(title, lang.L("Add"), lang.L("Cancel"), items, func(ok bool) {
		if ok {
			done(entry.Text)
		}
	}, u.win)
	u.showEntryDialog(d, entry)
}

// showEntryDialog shows a form dialog whose one entry takes the keyboard: Enter submits it
// (when its value is valid), Escape cancels it, and closing it gives the focus back to what
// had it before.
func (u *UI) showEntryDialog(d *dialog.FormDialog, entry *dialogEntry) {
	before := u.win.Canvas().Focused()
	entry.OnSubmitted = func(string) { d.Submit() }
	entry.onEscape = d.Hide
	d.SetOnClosed(func() {
		if before != nil {
			u.win.Canvas().Focus(before)
		}
	})
	d.Resize(fyne.NewSize(520, 160))
	d.Show()
	u.win.Canvas().Focus(entry)
}

// askTextOptional asks for an optional line of text, such as the reason for dropping a step.
func (u *UI) askTextOptional(title string, entry *dialogEntry, done func(string)) {
	d := dialog.NewForm(title, lang.L("OK"), lang.L("Cancel"), []*widget.FormItem{widget.NewFormItem("", entry)}, func(ok bool) {
		if ok {
			done(strings.TrimSpace(entry.Text))
		}
	}, u.win)
	u.showEntryDialog(d, entry)
}

type problemError string

func (e problemError) Error() string { return string(e) }
