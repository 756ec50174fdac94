package app

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// The repeat choices of the detail panel, in the words it shows.
func repeatLabels() []string {
	return []string{lang.L("Does not repeat"), lang.L("Every day"), lang.L("Every weekday"), lang.L("Weekly on chosen days"), lang.L("Every N weeks"), lang.L("Every month")}
}

func noAnchor() string { return lang.L("No anchor") }

// weekdayOrder lists the weekdays() Monday first, as the day boxes show them.
var weekdayOrder = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// routineFields adds the anchor and repeat fields to the goal form. The repeat field's text is
// the RRULE its widgets make up, so the form's validation checks it like any other field.
func (d *detail) routineFields() (anchorF, repeatF *field) {
	gf := d.goalFields
	names := []string{noAnchor()}
	for _, a := range d.u.routineSettings().anchors {
		names = append(names, anchorLabel(a.Name))
	}
	anchor := widget.NewSelect(names, func(string) { d.changed() })
	anchorF = &field{name: "anchor", label: lang.L("Routine anchor"), widget: anchor,
		text: func() string {
			if anchor.Selected == noAnchor() {
				return ""
			}
			return anchorValue(anchor.Selected)
		},
		set: func(s string) {
			s = anchorLabel(s)
			if s == "" {
				s = noAnchor()
			}
			if !containsString(anchor.Options, s) {
				// An anchor removed from the settings stays readable on the steps paired with it.
				anchor.Options = append(anchor.Options, s)
			}
			anchor.SetSelected(s)
		}}
	gf["anchor"] = anchorF

	kind := widget.NewSelect(append([]string(nil), repeatLabels()...), nil)
	every := widget.NewEntry()
	every.SetPlaceHolder("2")
	var dayNames []string
	for _, wd := range weekdayOrder {
		dayNames = append(dayNames, currentLocale().WeekdayShort(wd))
	}
	days := widget.NewCheckGroup(dayNames, nil)
	days.Horizontal = true
	everyRow := container.NewBorder(nil, nil, widget.NewLabel(lang.L("Every")), widget.NewLabel(lang.L("weeks")), every)
	custom := "" // a rule written elsewhere, kept as it is unless the user picks a choice
	show := func() {
		everyRow.Hide()
		days.Hide()
		switch kind.SelectedIndex() {
		case 3:
			days.Show()
		case 4:
			everyRow.Show()
			days.Show()
		}
	}
	onChange := func() {
		show()
		d.changed()
	}
	kind.OnChanged = func(string) { onChange() }
	every.OnChanged = func(string) { d.changed() }
	days.OnChanged = func([]string) { d.changed() }
	text := func() string {
		var r model.Repeat
		switch kind.SelectedIndex() {
		case 1:
			r.Kind = model.RepeatDaily
		case 2:
			r.Kind = model.RepeatWeekdays
		case 3, 4:
			r.Kind, r.Interval = model.RepeatWeekly, 1
			for i, wd := range weekdayOrder {
				if containsString(days.Selected, dayNames[i]) {
					r.Days = append(r.Days, wd)
				}
			}
			if kind.SelectedIndex() == 4 {
				n, err := strconv.Atoi(strings.TrimSpace(every.Text))
				if err != nil || n < 1 {
					// Not a rule: the validation says what is wrong with it.
					return "FREQ=WEEKLY;INTERVAL=" + strings.TrimSpace(every.Text)
				}
				r.Interval = n
			}
		case 5:
			r.Kind = model.RepeatMonthly
		case 6:
			return custom
		}
		return r.Rule()
	}
	set := func(rule string) {
		r, err := model.ParseRule(rule)
		kind.Options = append([]string(nil), repeatLabels()...)
		custom = ""
		if err != nil || r.Kind == model.RepeatCustom {
			custom = rule
			kind.Options = append(kind.Options, currentLocale().DescribeRule(rule))
		}
		var sel []string
		for _, wd := range r.Days {
			sel = append(sel, currentLocale().WeekdayShort(wd))
		}
		days.SetSelected(sel)
		every.SetText("")
		switch {
		case custom != "":
			kind.SetSelectedIndex(6)
		case r.Kind == model.RepeatWeekly && r.Interval > 1:
			every.SetText(strconv.Itoa(r.Interval))
			kind.SetSelectedIndex(4)
		case r.Kind == model.RepeatMonthly:
			kind.SetSelectedIndex(5)
		default: // never, daily, weekdays(), weekly: the choice's index is the kind
			kind.SetSelectedIndex(int(r.Kind))
		}
		show()
	}
	repeatF = &field{name: "repeat", label: lang.L("Repeat"), widget: container.NewVBox(kind, everyRow, days), text: text, set: set}
	gf["repeat"] = repeatF
	d.repeatKind, d.repeatEvery, d.repeatDays = kind, every, days
	show()
	return anchorF, repeatF
}

func containsString(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// routineRow lays the anchor and repeat fields out in the goal form.
func (d *detail) routineRow() fyne.CanvasObject {
	a, r := d.routineFields()
	return row(a, r)
}
