package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// newFormDialog asks for one value in e and calls done when confirmed.
func newFormDialog(title, confirm string, e *widget.Entry, done func(), u *UI) dialog.Dialog {
	d := dialog.NewForm(title, confirm, "Cancel", []*widget.FormItem{widget.NewFormItem("", e)}, func(ok bool) {
		if ok {
			done()
		}
	}, u.win)
	d.Resize(fyne.NewSize(520, 220))
	return d
}
