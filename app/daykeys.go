package app

import (
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// keyPad is a focusable holder for a view that is worked with the arrow keys (the Today list,
// the calendar): it draws its content and hands every key to onKey and every character to
// onRune. Entries inside the content still take the keyboard when they are clicked.
type keyPad struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onKey   func(*fyne.KeyEvent)
	onRune  func(rune)
	onFocus func(bool) // the selection is drawn only while the pad has the keyboard
	focused bool
}

func newKeyPad(content fyne.CanvasObject, onKey func(*fyne.KeyEvent), onRune func(rune), onFocus func(bool)) *keyPad {
	k := &keyPad{content: content, onKey: onKey, onRune: onRune, onFocus: onFocus}
	k.ExtendBaseWidget(k)
	return k
}

// CreateRenderer draws the content.
func (k *keyPad) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(k.content) }

// Tapped takes the keyboard (a tap on a row's button or text still does its own thing first).
func (k *keyPad) Tapped(*fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(k); c != nil {
		c.Focus(k)
	}
}

// FocusGained shows the selection.
func (k *keyPad) FocusGained() {
	k.focused = true
	if k.onFocus != nil {
		k.onFocus(true)
	}
}

// FocusLost hides the selection.
func (k *keyPad) FocusLost() {
	k.focused = false
	if k.onFocus != nil {
		k.onFocus(false)
	}
}

// TypedRune hands the character on.
func (k *keyPad) TypedRune(r rune) {
	if k.onRune != nil {
		k.onRune(r)
	}
}

// TypedKey hands the key on.
func (k *keyPad) TypedKey(e *fyne.KeyEvent) {
	if k.onKey != nil {
		k.onKey(e)
	}
}

// selectionColor is the fill behind the selected row or line.
func selectionColor() color.Color { return theme.Color(theme.ColorNameSelection) }

// askMoveDay asks for the day to move o to: a field that reads the words quick add reads
// ("fri", "tomorrow", "2026-12-03"), with the keyboard in it, and a month to click.
func (u *UI) askMoveDay(o model.Occurrence) {
	var dlg *dialog.CustomDialog
	move := func(day model.Date) {
		dlg.Hide()
		u.moveOccurrence(o, day)
	}
	cal := newDayPicker(o.Day.Start(u.loc), func(t time.Time) { move(model.DateOf(t, t.Location())) })
	e := newDialogEntry()
	e.SetPlaceHolder(lang.L("fri, tomorrow, next monday, 2026-12-03…"))
	problem := widget.NewLabel("")
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	submit := func() {
		due, _, err := model.ParseDateField(currentLocale(), e.Text, u.now(), u.loc)
		if err == nil && due.IsZero() {
			err = problemError(lang.L("Type a day, or pick one below."))
		}
		if err != nil {
			problem.SetText(capitalize(strings.TrimSpace(err.Error())))
			problem.Show()
			return
		}
		move(model.DateOf(due, u.loc))
	}
	content := container.NewVBox(widget.NewLabel(lang.L("Type the day and press Enter, or pick it:")), e, problem, cal)
	dlg = dialog.NewCustom(lang.X("move.title", "Move “{{.Title}}” to another day", map[string]any{"Title": ellipsis(o.Goal.Title, 40)}), lang.L("Cancel"), content, u.win)
	u.escapable(dlg)
	dialogKeys(content, submit, dlg.Hide)
	dlg.Show()
	u.win.Canvas().Focus(e)
}
