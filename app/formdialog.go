package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// showFormDialog asks for one value in e, with the typing focus in it, and calls done when
// confirmed.
func showFormDialog(title, confirm string, e *widget.Entry, done func(), u *UI) *dialog.FormDialog {
	d := dialog.NewForm(title, confirm, "Cancel", []*widget.FormItem{widget.NewFormItem("", e)}, func(ok bool) {
		if ok {
			done()
		}
	}, u.win)
	// Enter confirms, as in the other dialogs (Submit does nothing while the entry is invalid).
	e.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(520, 220))
	d.Show()
	u.win.Canvas().Focus(e)
	return d
}
