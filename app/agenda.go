package app

import (
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

// agenda is the dialog of one day: its milestones with quick completion and a date field to
// move each to another day, and a line to add a milestone on that day.
type agenda struct {
	cv   *calendarView
	day  model.Date
	dlg  dialog.Dialog
	head *widget.Label
	list *fyne.Container
	add  *dialogEntry
	to   *widget.Label
	rows []*agendaRow
	open bool
}

// agendaRow is one milestone in the agenda.
type agendaRow struct {
	occ   model.Occurrence
	check *iconButton
	skip  *widget.Button
	title *widget.Label
	date  *dialogEntry
	move  *widget.Button
}

func newAgenda(cv *calendarView) *agenda {
	a := &agenda{cv: cv}
	a.head = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	a.list = container.NewVBox()
	a.add = newDialogEntry()
	a.add.SetPlaceHolder(lang.L("Add a milestone on this day (verb first; “9am” sets a time)"))
	a.add.OnSubmitted = func(string) { a.submit() }
	a.to = widget.NewLabel("")
	a.to.Wrapping = fyne.TextWrapWord
	addBtn := widget.NewButtonWithIcon(lang.L("Add"), theme.ContentAddIcon(), a.submit)
	content := container.NewBorder(a.head,
		container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, addBtn, a.add), a.to),
		nil, nil, container.NewVScroll(a.list))
	a.dlg = dialog.NewCustom(lang.L("Day"), lang.L("Close"), content, cv.u.win)
	a.add.onEscape = a.dlg.Hide
	return a
}

func (a *agenda) show(day model.Date) {
	a.day = day
	a.open = true
	a.refresh()
	a.dlg.Resize(fyne.NewSize(640, 460))
	a.cv.u.escapable(a.dlg, func() { a.open = false })
	a.dlg.Show()
	// The keyboard starts in the line that adds a milestone on this day.
	a.cv.u.win.Canvas().Focus(a.add)
}

func (a *agenda) submit() {
	if a.cv.u.addOnDay(a.add.Text, a.day) {
		a.add.SetText("")
	}
}

// refresh rebuilds the list from the loaded plan; it runs after every change.
func (a *agenda) refresh() {
	if !a.open {
		return
	}
	u := a.cv.u
	a.head.SetText(currentLocale().LongDateYear(a.day.Start(u.loc)))
	objective := "the first objective"
	if o, ok := u.objective(u.selectedObjectiveID()); ok {
		objective = quoted(ellipsis(o.Title, 60))
	}
	a.to.SetText(lang.L("New milestones go to {{.Objective}} (the objective selected in the outline).", args("Objective", objective)))
	occs := u.occurrences(a.day, a.day)
	model.SortByAnchor(occs, u.routineSettings().anchors)
	a.rows = a.rows[:0]
	a.list.Objects = a.list.Objects[:0]
	if len(occs) == 0 {
		a.list.Objects = append(a.list.Objects, widget.NewLabel(lang.L("Nothing due this day yet.")))
	}
	today := model.DateOf(u.now(), u.loc)
	for _, o := range occs {
		a.rows = append(a.rows, a.newRow(o, today))
		a.list.Objects = append(a.list.Objects, a.rowView(a.rows[len(a.rows)-1]))
	}
	a.list.Refresh()
}

func (a *agenda) newRow(o model.Occurrence, today model.Date) *agendaRow {
	u := a.cv.u
	r := &agendaRow{occ: o}
	icon := theme.CheckButtonIcon()
	next := model.StatusDone
	if o.Goal.Status != model.StatusOpen {
		icon, next = theme.CheckButtonCheckedIcon(), model.StatusOpen
	}
	r.check = newIconButton(icon, func() { u.occurrenceStatus(o, next) })
	text := embedTitle(o.Goal.Title)
	if o.Goal.DueHasTime {
		text = currentLocale().Time(o.Goal.Due.In(u.loc)) + "  " + text
	}
	if o.Goal.Horizon != model.HorizonDay {
		text += fmt.Sprintf("  (%s)", horizonLabel(string(o.Goal.Horizon)))
	}
	if o.Recurring() {
		text += "  ↻ " + currentLocale().DescribeRule(o.Goal.Repeat)
	}
	if o.Goal.Status == model.StatusDropped {
		text += "  — skipped"
	}
	r.title = widget.NewLabel(text)
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.date = newDialogEntry()
	r.date.onEscape = a.dlg.Hide
	r.date.SetText(currentLocale().FieldDate(o.Day.Start(a.cv.u.loc)))
	r.move = widget.NewButton(lang.L("Move"), func() { a.move(r) })
	r.date.OnSubmitted = func(string) { a.move(r) }
	if o.Recurring() && o.Goal.Status == model.StatusOpen {
		r.skip = widget.NewButton(lang.L("Skip"), func() { u.occurrenceStatus(o, model.StatusDropped) })
	}
	return r
}

func (a *agenda) rowView(r *agendaRow) fyne.CanvasObject {
	right := container.NewHBox(container.NewGridWrap(fyne.NewSize(120, r.date.MinSize().Height), r.date), r.move)
	if r.skip != nil {
		right.Objects = append([]fyne.CanvasObject{r.skip}, right.Objects...)
	}
	return container.NewBorder(nil, nil, r.check, right, r.title)
}

// move reschedules a row's milestone to the date typed in its field.
func (a *agenda) move(r *agendaRow) {
	u := a.cv.u
	t, err := u.readDay(r.date.Text)
	if err != nil {
		u.showMessage(lang.L("Could not move “%s”: %s."), r.occ.Goal.Title, err.Error())
		return
	}
	day := model.DateOf(t, u.loc)
	if u.moveOccurrence(r.occ, day) && day != r.occ.Day {
		u.showMessage(lang.L("Moved “%s” to %s."), r.occ.Goal.Title, dayName(day))
	}
}

// dayName names a day in a message, in full so that a move far away is unmistakable:
// "Tue 1 Dec 2026".
func dayName(d model.Date) string {
	return currentLocale().ShortDateYear(d.Start(time.UTC))
}
