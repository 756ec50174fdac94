package app

import (
	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/resources"
	"github.com/microgoals/microgoals/storage"
)

// ID is the application ID: it names the preferences, the .desktop file and the icons.
const ID = "io.github.microgoals.Microgoals"

func newFyneApp() fyne.App {
	a := fyneapp.NewWithID(ID)
	a.SetIcon(fyne.NewStaticResource("icon.png", resources.IconPNG))
	return a
}

// Run opens the main window on store and blocks until the user quits.
func Run(store *storage.Store, cfg Config) error {
	a := newFyneApp()
	u := New(a, store, cfg)
	if err := u.Load(); err != nil {
		return err
	}
	u.win.SetMaster()
	u.win.ShowAndRun()
	return nil
}

// ShowOpenError is what starts instead of the plan when the database cannot be opened: the
// reason in plain words, and a way out. The file itself is never touched.
func ShowOpenError(err error) {
	a := newFyneApp()
	w := a.NewWindow("Microgoals — cannot open the plan")
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewBorder(
		widget.NewLabelWithStyle("Microgoals could not open its database", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(layout.NewSpacer(), widget.NewButton("Quit", a.Quit)),
		nil, nil, msg))
	w.Resize(fyne.NewSize(560, 220))
	w.ShowAndRun()
}
