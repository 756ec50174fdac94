package app

import (
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// formEntry is an entry of the detail panel. A multi-line one lets Tab and Shift+Tab move to
// the next or previous field, as the single-line ones do, instead of typing a tab character:
// a tab is never part of an outcome or a reason, and the keyboard must reach every field.
type formEntry struct {
	widget.Entry
	hasFocus bool    // the entry has the keyboard focus
	shift    float32 // how far right a right-to-left text is drawn (rtlentry.go)
}

func newFormEntry(multiline bool) *formEntry {
	e := &formEntry{}
	e.MultiLine = multiline
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab is false: Tab moves the focus on.
func (e *formEntry) AcceptsTab() bool { return false }

// entry is the Entry inside, for the keys that work on any entry (keys.go).
func (e *formEntry) entry() *widget.Entry { return &e.Entry }

// wheelCatcher lies over a form's scroller and sends it every wheel event. Fyne gives the wheel
// to the innermost scrollable under the pointer, and each Entry has a scroller of its own that
// keeps the event without moving; a pointer over a field would make the wheel do nothing.
// The catcher takes nothing else: taps, hovering and the cursor go to the widgets under it.
type wheelCatcher struct {
	widget.BaseWidget
	target fyne.Scrollable
}

func newWheelCatcher(target fyne.Scrollable) *wheelCatcher {
	w := &wheelCatcher{target: target}
	w.ExtendBaseWidget(w)
	return w
}

// Scrolled passes the wheel on to the form's scroller.
func (w *wheelCatcher) Scrolled(ev *fyne.ScrollEvent) { w.target.Scrolled(ev) }

// CreateRenderer draws nothing.
func (w *wheelCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// dateField is a date entry that reads what quick add reads ("tomorrow", "fri 9am", a
// YYYY-MM-DD) with a button beside it that picks the day on a calendar.
func (d *detail) dateField(fields map[string]*field, name, label string) *field {
	f := d.entryField(fields, name, label, lang.L("fri, tomorrow 9am, YYYY-MM-DD"), false)
	f.toDraft = func(s string) string { return currentLocale().FieldDateISO(s, d.u.loc) }
	f.fromDraft = func(s string) string {
		if day, err := model.ParseDay(s, d.u.loc); err == nil && !day.IsZero() {
			return currentLocale().FieldDate(day)
		}
		return s
	}
	fe := f.widget.(*formEntry)
	pick := newIconButton(theme.CalendarIcon(), func() { d.pickDate(fe) })
	f.widget = container.NewBorder(nil, nil, nil, pick, fe)
	return f
}

// clockField is dateField's time of day: shown the locale's way ("09:00", "9:00 AM"), kept in
// a draft as 15:04.
func (d *detail) clockField(fields map[string]*field, name, label, placeholder string) *field {
	f := d.entryField(fields, name, label, placeholder, false)
	f.toDraft = func(s string) string {
		if h, m, ok, err := model.ParseClock(s); ok && err == nil {
			return fmt.Sprintf("%02d:%02d", h, m)
		}
		return s
	}
	f.fromDraft = func(s string) string {
		if h, m, ok, err := model.ParseClock(s); ok && err == nil {
			return currentLocale().Time(time.Date(2000, 1, 1, h, m, 0, 0, time.UTC))
		}
		return s
	}
	return f
}

// pickDate shows a month calendar; the day chosen is written into e the locale's way
// (model.Locale.FieldDate).
func (d *detail) pickDate(e *formEntry) {
	u := d.u
	start := u.now().In(u.loc)
	if t, _, err := model.ParseDateField(currentLocale(), e.Text, u.now(), u.loc); err == nil && !t.IsZero() {
		start = t.In(u.loc)
	}
	var dlg dialog.Dialog
	cal := newDayPicker(start, func(t time.Time) {
		e.SetText(currentLocale().FieldDate(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, u.loc)))
		dlg.Hide()
		u.win.Canvas().Focus(e)
	})
	dlg = dialog.NewCustom(lang.L("Pick a day"), lang.L("Cancel"), cal, u.win)
	u.escapable(dlg, func() { u.win.Canvas().Focus(e) })
	dlg.Show()
}

// readDay reads a day typed into a dialog's date field: the locale's way (as
// model.Locale.FieldDate writes it), YYYY-MM-DD, or words ("tomorrow", "lundi"). An empty
// field is an error that shows how to write one.
func (u *UI) readDay(s string) (time.Time, error) {
	t, _, err := model.ParseDateField(currentLocale(), s, u.now(), u.loc)
	if err != nil {
		return time.Time{}, err
	}
	if t.IsZero() {
		return time.Time{}, errors.New(lang.L("write the day as {{.Example}}", args("Example", currentLocale().FieldDate(u.now().In(u.loc)))))
	}
	return model.DateOf(t, u.loc).Start(u.loc), nil
}

// dialogEntry is the entry of a one-line dialog: Escape cancels the dialog, which a plain
// Entry would keep for itself and ignore.
type dialogEntry struct {
	widget.Entry
	onEscape func()
}

func newDialogEntry() *dialogEntry {
	e := &dialogEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey cancels on Escape and leaves every other key to the entry. Enter in a one-line
// entry is only its submit (as in Entry), called here so that nothing of the entry runs after
// a submit that has closed the dialog and started a worker (an export, an import).
func (e *dialogEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	if (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) && !e.MultiLine && !e.Disabled() {
		if e.OnSubmitted != nil {
			e.OnSubmitted(e.Text)
		}
		return
	}
	e.Entry.TypedKey(ev)
}

// AcceptsTab is false: Tab moves on to the dialog's next field, from a multi-line one too.
func (e *dialogEntry) AcceptsTab() bool { return false }

// entry is the Entry inside, for the keys that work on any entry (keys.go).
func (e *dialogEntry) entry() *widget.Entry { return &e.Entry }
