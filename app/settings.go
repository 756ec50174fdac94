package app

import (
	"context"
	"fmt"
	"maps"
	"strconv"
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

func weekdays() []string {
	return []string{lang.L("Sunday"), lang.L("Monday"), lang.L("Tuesday"), lang.L("Wednesday"), lang.L("Thursday"), lang.L("Friday"), lang.L("Saturday")}
}

// settingsForm is the Settings dialog's content: one switch per notification kind, the lead
// time, quiet hours, the morning and weekly review times, and a line that says why desktop
// notifications are unavailable, when they are.
type settingsForm struct {
	kinds        map[model.NotifyKind]*widget.Check
	lead         *dialogEntry
	quiet        *widget.Check
	quietFrom    *dialogEntry
	quietTo      *dialogEntry
	morning      *dialogEntry
	reviewDay    *widget.Select
	reviewAt     *dialogEntry
	availability *widget.Label
}

func minutesEntry(v int) *dialogEntry {
	e := newDialogEntry()
	e.SetText(strconv.Itoa(v))
	e.Validator = func(s string) error {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 0 || n > 24*60 {
			return fmt.Errorf("write a number of minutes from 0 to 1440")
		}
		return nil
	}
	return e
}

func clockEntry(m int) *dialogEntry {
	e := newDialogEntry()
	e.SetText(model.FormatClock(m))
	e.Validator = func(s string) error {
		_, _, ok, err := model.ParseClock(s)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("write the time as HH:MM, for example 08:30")
		}
		return nil
	}
	return e
}

func newSettingsForm(s model.NotifySettings, unavailable string) *settingsForm {
	f := &settingsForm{kinds: map[model.NotifyKind]*widget.Check{}}
	for _, k := range model.NotifyKinds {
		c := widget.NewCheck(k.Label(), nil)
		c.SetChecked(s.Enabled(k))
		f.kinds[k] = c
	}
	f.lead = minutesEntry(int(s.Lead / time.Minute))
	f.quiet = widget.NewCheck(lang.L("Hold reminders and celebrations during quiet hours"), nil)
	f.quiet.SetChecked(s.QuietOn)
	f.quietFrom, f.quietTo = clockEntry(s.QuietFrom), clockEntry(s.QuietTo)
	f.morning = clockEntry(s.MorningAt)
	f.reviewDay = widget.NewSelect(weekdays(), nil)
	f.reviewDay.SetSelectedIndex(int(s.ReviewDay))
	f.reviewAt = clockEntry(s.ReviewAt)
	f.availability = widget.NewLabel(availabilityText(unavailable))
	f.availability.Wrapping = fyne.TextWrapWord
	return f
}

// availabilityText is the settings' line about the desktop's notification service.
func availabilityText(reason string) string {
	if reason == "" {
		return lang.L("Desktop notifications: sent through the desktop's notification service.")
	}
	return lang.L("Desktop notifications are unavailable, so they show in the window's banner instead. Why: ") + reason
}

// items are the notification switches and times, then the reminders of the morning plan and the
// weekly review under a heading of their own (the Reviews tab opens Settings there).
func (f *settingsForm) items() (notifications, reminders []*widget.FormItem) {
	var checks []fyne.CanvasObject
	for _, k := range model.NotifyKinds {
		checks = append(checks, f.kinds[k])
	}
	hint := func(o fyne.CanvasObject, h string) *widget.FormItem {
		it := widget.NewFormItem("", o)
		it.HintText = h
		return it
	}
	lead := widget.NewFormItem(lang.L("Lead time (min)"), f.lead)
	lead.HintText = lang.L("How long before a deadline the first notification comes")
	return []*widget.FormItem{
			widget.NewFormItem(lang.L("Notify"), container.NewGridWithColumns(2, checks...)),
			lead,
			hint(f.quiet, lang.L("Deadlines still come; the rest waits until the quiet hours end")),
			widget.NewFormItem(lang.L("Quiet hours"), container.NewGridWithColumns(3, f.quietFrom, widget.NewLabel(lang.L("until")), f.quietTo)),
			widget.NewFormItem("", f.availability),
		}, []*widget.FormItem{
			widget.NewFormItem(lang.L("Weekly review"), container.NewGridWithColumns(2, f.reviewDay, f.reviewAt)),
			widget.NewFormItem(lang.L("Morning plan at"), f.morning),
		}
}

// settings reads the form over base (which keeps Since and Location). The entries have
// validators, so the dialog cannot be confirmed with a value that does not parse.
func (f *settingsForm) settings(base model.NotifySettings) model.NotifySettings {
	s := base
	s.Off = map[model.NotifyKind]bool{}
	for k, c := range f.kinds {
		if !c.Checked {
			s.Off[k] = true
		}
	}
	if n, err := strconv.Atoi(strings.TrimSpace(f.lead.Text)); err == nil {
		s.Lead = time.Duration(n) * time.Minute
	}
	clock := func(e *dialogEntry, m *int) {
		if h, mi, ok, err := model.ParseClock(e.Text); ok && err == nil {
			*m = h*60 + mi
		}
	}
	s.QuietOn = f.quiet.Checked
	clock(f.quietFrom, &s.QuietFrom)
	clock(f.quietTo, &s.QuietTo)
	clock(f.morning, &s.MorningAt)
	clock(f.reviewAt, &s.ReviewAt)
	if i := f.reviewDay.SelectedIndex(); i >= 0 {
		s.ReviewDay = time.Weekday(i)
	}
	return s
}

// showSettings opens the Settings dialog. Saving is one undoable action.
func (u *UI) showSettings() { u.openSettings() }

// settingsWindow is the Settings dialog: its sections scroll (together they are taller than a
// laptop-sized window), while Cancel and Save stay in view below them; Save is off while a
// field is wrong.
type settingsWindow struct {
	*dialog.CustomDialog
	save    *widget.Button
	onSave  func()
	check   func() error // the first wrong field's problem
	problem func(error)
	form    *settingsForm
}

// Submit saves and closes, as the Save button does (not while a field is wrong). The field
// being typed in tells the form it is wrong only when it loses the keyboard, so Enter checks
// every field itself.
func (w *settingsWindow) Submit() {
	if w.save.Disabled() {
		return
	}
	if err := w.check(); err != nil {
		w.problem(err)
		return
	}
	w.Hide()
	w.onSave()
}

func (u *UI) openSettings() (*settingsForm, *settingsWindow) { return u.openSettingsAt("") }

// The sections other views open Settings at.
const (
	sectionNotifications = "notifications"
	sectionReminders     = "reminders"
	sectionCalendar      = "calendar"
)

// openSettingsAt opens the Settings dialog scrolled to the section with the given id (none: the
// top), with the keyboard in that section's first field, so a view's "Settings" button leads
// straight to what it is about.
func (u *UI) openSettingsAt(section string) (*settingsForm, *settingsWindow) {
	if !u.notify.active() {
		// The scheduler has not read them yet (the first seconds after start).
		if err := u.notify.loadSettings(); err != nil {
			u.showError(lang.L("Could not read the settings"), err)
			return nil, nil
		}
	}
	old := u.notify.currentSettings()
	f := newSettingsForm(old, u.notify.unavailableReason())
	notifications, reminders := f.items()
	sections := append([]settingsSection{
		{id: sectionNotifications, title: lang.L("Notifications"), items: notifications, save: func() {}},
		{id: sectionReminders, title: lang.L("Plan and review reminders"), items: reminders, save: func() {}},
	}, u.settingsSections()...)
	var items []*widget.FormItem
	heads := map[string]fyne.CanvasObject{}
	for _, s := range sections {
		head := widget.NewLabelWithStyle(s.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		heads[s.id] = head
		items = append(items, widget.NewFormItem("", head))
		items = append(items, s.items...)
	}
	d := &settingsWindow{form: f, onSave: func() {
		if !maps.Equal(old.Values(), f.settings(old).Values()) {
			u.saveSettings(old, f.settings(old))
		}
		for _, s := range sections {
			s.save()
		}
		u.refreshViews() // the Reviews tab shows the reminder's time
	}}
	d.save = widget.NewButtonWithIcon(lang.L("Save"), theme.ConfirmIcon(), d.Submit)
	d.save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() { d.Hide() })
	form := widget.NewForm(items...)
	d.check = func() (err error) {
		walkObjects(form, func(o fyne.CanvasObject) {
			if e, ok := o.(*dialogEntry); ok && err == nil && e.Validator != nil {
				err = e.Validator(e.Text)
			}
		})
		return err
	}
	d.problem = func(err error) {
		u.showMessage("%s", lang.X("settings.problem", "Not saved: {{.Problem}}", map[string]any{"Problem": strings.TrimSuffix(err.Error(), ".")}))
	}
	form.SetOnValidationChanged(func(err error) {
		if err != nil {
			d.save.Disable()
		} else {
			d.save.Enable()
		}
	})
	scroll := container.NewVScroll(form)
	// The wheel scrolls the sections wherever the pointer is, over an entry too (formwidgets.go).
	d.CustomDialog = dialog.NewCustomWithoutButtons(lang.L("Settings"), container.NewStack(scroll, newWheelCatcher(scroll)), u.win)
	d.SetButtons([]fyne.CanvasObject{cancel, d.save})
	win := u.win.Canvas().Size()
	size := fyne.NewSize(min(760, win.Width-40), min(620, win.Height-40))
	d.Resize(size)
	u.escapable(d)
	// Enter in a one-line field saves, Escape in any field cancels (a plain Entry keeps both).
	dialogKeys(form, d.Submit, d.Hide)
	u.settingsDialog = d
	d.Show()
	if head, ok := heads[section]; ok {
		// The desktop driver lays the dialog out at its next frame: the form and its scroll are
		// laid out here at about the size they will have, so the section's place is known now
		// (the head sits in the form's grid, which is at the form's top).
		w := size.Width - 4*theme.Padding()
		form.Resize(fyne.NewSize(w, form.MinSize().Height))
		if scroll.Size().Height == 0 {
			scroll.Resize(fyne.NewSize(w, size.Height/2))
		}
		scroll.ScrollToOffset(fyne.NewPos(0, head.Position().Y))
	}
	// The keyboard goes to the first field of the section (of the dialog, when none is named).
	var first fyne.Focusable
	for _, s := range sections {
		if section != "" && s.id != section {
			continue
		}
		for _, it := range s.items {
			walkObjects(it.Widget, func(o fyne.CanvasObject) {
				if e, ok := o.(*dialogEntry); ok && first == nil && !e.Disabled() {
					first = e
				}
			})
		}
	}
	if first != nil {
		u.win.Canvas().Focus(first)
	}
	return f, d
}

func (u *UI) saveSettings(old, s model.NotifySettings) {
	u.record(lang.L("change the settings"), func(ctx context.Context) (func(context.Context) error, error) {
		if err := u.store.SetSettings(ctx, s.Values()); err != nil {
			return nil, err
		}
		u.notify.setSettings(s)
		return func(ctx context.Context) error {
			if err := u.store.SetSettings(ctx, old.Values()); err != nil {
				return err
			}
			u.notify.setSettings(old)
			return nil
		}, nil
	})
}
