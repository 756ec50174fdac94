package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// showFormDialog asks for one value in e, with the typing focus in it, and calls done when
// confirmed.
func showFormDialog(title, confirm string, e *dialogEntry, done func(), u *UI) *dialog.FormDialog {
	d := dialog.NewForm(title, confirm, lang.L("Cancel"), []*widget.FormItem{widget.NewFormItem("", e)}, func(ok bool) {
		if ok {
			done()
		}
	}, u.win)
	// Enter confirms (Submit does nothing while the entry is invalid), Escape cancels.
	u.showEntryDialog(d, e)
	d.Resize(fyne.NewSize(520, 220))
	return d
}

// askRequired asks for a line of text that may not be blank (a reason, a rationale) and calls
// done with it; missing is the message shown while it is blank.
func askRequired(u *UI, title, confirm, placeholder, missing string, done func(string)) {
	e := newDialogEntry()
	e.SetPlaceHolder(placeholder)
	e.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(missing)
		}
		return nil
	}
	showFormDialog(title, confirm, e, func() { done(e.Text) }, u)
}
