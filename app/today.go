package app

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// todayView is the Today tab: the day's milestones under the routine anchors, overdue ones
// on top with a way to bring them to today, the focus limit and a clear "all done" state.
type todayView struct {
	u       *UI
	head    *widget.Label
	focus   *widget.Label
	warning *fyne.Container
	done    *fyne.Container
	add     *widget.Entry
	list    *fyne.Container
	plan    model.TodayPlan
	rows    []*todayRow
	allLate bool // every overdue step is listed, not only the latest few

	// The keyboard: the pad takes the arrow keys, sel is the selected row (drawn while the pad
	// has the keyboard).
	pad    *keyPad
	scroll *container.Scroll
	sel    int
}

// overdueShown is how many overdue steps the view lists before "Show all": a long backlog
// belongs to the weekly review and must not push the day itself off the screen.
const overdueShown = 5

// todayRow is one step in the Today view.
type todayRow struct {
	occ        model.Occurrence
	check      *iconButton
	title      *widget.Label
	reschedule *widget.Button // overdue steps only
	move       *iconButton    // to another day
	bg         *canvas.Rectangle
	view       fyne.CanvasObject
}

func newTodayView(u *UI) *todayView { return &todayView{u: u} }

// Title is the tab's label.
func (tv *todayView) Title() string { return lang.L("Today") }

// Icon is the tab's icon.
func (tv *todayView) Icon() fyne.Resource { return theme.HomeIcon() }

// Build makes the view.
func (tv *todayView) Build() fyne.CanvasObject {
	tv.head = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	tv.focus = widget.NewLabel("")
	warnText := widget.NewLabel("")
	warnText.Wrapping = fyne.TextWrapWord
	tv.warning = container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, warnText)
	doneText := widget.NewLabelWithStyle(lang.L("All done today. Every step of the day is finished — well done!"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	doneText.Wrapping = fyne.TextWrapWord
	tv.done = container.NewBorder(nil, nil, widget.NewIcon(theme.ConfirmIcon()), nil, doneText)
	tv.add = widget.NewEntry()
	tv.add.SetPlaceHolder(lang.L("Add a step for today (verb first; “2pm” sets a time, “fri” another day)"))
	tv.add.OnSubmitted = func(text string) {
		if tv.u.addOnDay(text, model.DateOf(tv.u.now(), tv.u.loc)) {
			tv.add.SetText("")
		}
	}
	tv.list = container.NewVBox()
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon(lang.L("Settings"), theme.SettingsIcon(), tv.u.showRoutineSettings),
			container.NewHBox(tv.head, tv.focus)),
		tv.warning, tv.done, tv.add)
	tv.scroll = container.NewVScroll(container.NewPadded(tv.list))
	tv.pad = newKeyPad(container.NewBorder(container.NewPadded(top), nil, nil, nil, tv.scroll), tv.typedKey, tv.typedRune,
		func(bool) { tv.showSelection() })
	return tv.pad
}

// focusTarget is what takes the keyboard when the tab is opened: the list, when it has rows.
func (tv *todayView) focusTarget() fyne.Focusable {
	if len(tv.rows) == 0 {
		return tv.add
	}
	return tv.pad
}

// typedKey moves the selection with the arrow keys; Enter opens the selected step.
func (tv *todayView) typedKey(e *fyne.KeyEvent) {
	if len(tv.rows) == 0 {
		return
	}
	switch e.Name {
	case fyne.KeyUp:
		tv.selectRow(tv.sel - 1)
	case fyne.KeyDown:
		tv.selectRow(tv.sel + 1)
	case fyne.KeyHome:
		tv.selectRow(0)
	case fyne.KeyEnd:
		tv.selectRow(len(tv.rows) - 1)
	case fyne.KeyReturn, fyne.KeyEnter:
		tv.u.openGoal(tv.rows[tv.sel].occ.Goal.ID)
	case fyne.KeySpace:
		tv.rows[tv.sel].check.onTapped()
	}
}

// typedRune: M moves the selected step to another day.
func (tv *todayView) typedRune(r rune) {
	if len(tv.rows) > 0 && (r == 'm' || r == 'M') {
		tv.askMove(tv.rows[tv.sel].occ)
	}
}

func (tv *todayView) selectRow(i int) {
	tv.sel = max(0, min(i, len(tv.rows)-1))
	tv.showSelection()
	if r := tv.rows[tv.sel]; r.view != nil {
		// Keep the selected row in view.
		y := r.view.Position().Y
		if off := tv.scroll.Offset.Y; y < off || y+r.view.Size().Height > off+tv.scroll.Size().Height {
			tv.scroll.ScrollToOffset(fyne.NewPos(0, max(0, y-r.view.Size().Height)))
		}
	}
}

// showSelection draws the selected row's background while the list has the keyboard.
func (tv *todayView) showSelection() {
	for i, r := range tv.rows {
		c := color.Color(color.Transparent)
		if i == tv.sel && tv.pad != nil && tv.pad.focused {
			c = selectionColor()
		}
		if r.bg.FillColor != c {
			r.bg.FillColor = c
			r.bg.Refresh()
		}
	}
}

// Refresh recomputes the day from the loaded plan.
func (tv *todayView) Refresh() {
	u := tv.u
	r := u.routineSettings()
	now := u.now()
	today := model.DateOf(now, u.loc)
	// Overdue steps are looked for over the last year; older ones belong to a review.
	occs := u.occurrences(today.AddDays(-366), today)
	tv.plan = model.PlanToday(today, occs, r.anchors, r.focusLimit)
	tv.plan.FocusFirst(u.focusObjectiveID(), u.loc)
	p := tv.plan
	tv.head.SetText(currentLocale().LongDate(now.In(u.loc)))
	tv.focus.SetText(fmt.Sprintf(lang.L("%d open · %d done · focus limit %d"), p.Open, p.Done, p.Limit))
	warn := tv.warning.Objects[0].(*widget.Label)
	if p.OverLoad {
		warn.SetText(fmt.Sprintf(lang.L("%s today — more than your focus limit of %d. Move some to another day so the day stays winnable."), counted(p.Open, "{{.Count}} open step", "{{.Count}} open steps"), p.Limit))
		tv.warning.Show()
	} else {
		tv.warning.Hide()
	}
	if p.AllDone() {
		tv.done.Show()
	} else {
		tv.done.Hide()
	}

	tv.rows = tv.rows[:0]
	objs := []fyne.CanvasObject{}
	heading := func(s string) {
		objs = append(objs, widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	if len(p.Overdue) > 0 {
		heading(fmt.Sprintf(lang.L("Overdue (%d)"), len(p.Overdue)))
		// The latest first: yesterday's step is the one most worth bringing to today.
		for i := len(p.Overdue) - 1; i >= 0; i-- {
			if !tv.allLate && len(p.Overdue)-i > overdueShown {
				objs = append(objs, widget.NewButton(counted(len(p.Overdue), "Show all {{.Count}} overdue step", "Show all {{.Count}} overdue steps"), func() {
					tv.allLate = true
					tv.Refresh()
				}))
				break
			}
			objs = append(objs, tv.row(p.Overdue[i], true))
		}
	}
	for _, g := range p.Groups {
		name := g.Anchor.Name
		if name != model.AnyTime {
			name = g.Anchor.Clock() + "  " + anchorLabel(name)
		} else {
			name = lang.L("Any time")
		}
		heading(name)
		for _, o := range g.Items {
			objs = append(objs, tv.row(o, false))
		}
	}
	if len(p.Groups) == 0 && len(p.Overdue) == 0 {
		objs = append(objs, widget.NewLabel(lang.L("Nothing is due today. Add a small step above, or pick one from the outline.")))
	}
	tv.list.Objects = objs
	tv.list.Refresh()
	tv.sel = max(0, min(tv.sel, len(tv.rows)-1))
	tv.showSelection()
}

func (tv *todayView) row(o model.Occurrence, overdue bool) fyne.CanvasObject {
	u := tv.u
	r := &todayRow{occ: o}
	icon, next := theme.CheckButtonIcon(), model.StatusDone
	if o.Goal.Status != model.StatusOpen {
		icon, next = theme.CheckButtonCheckedIcon(), model.StatusOpen
	}
	r.check = newIconButton(icon, func() {
		u.occurrenceStatus(o, next)
		if next == model.StatusDone && tv.plan.Open == 1 && len(tv.plan.Overdue) == 0 && !overdue {
			u.celebrate(lang.L("All done today"), lang.L("every step of the day is finished"))
		}
	})
	text := embedTitle(o.Goal.Title)
	if o.Goal.DueHasTime {
		text = currentLocale().Time(o.Goal.Due.In(u.loc)) + "  " + text
	}
	if overdue {
		text += "  (" + lang.L("due {{.Date}}", args("Date", inSentence(formatDay(o.Goal.Due, u.now(), u.loc)))) + ")"
	}
	if o.Recurring() {
		text += "  ↻"
	}
	if o.Goal.Status == model.StatusDropped {
		text += "  — skipped"
	}
	if obj, ok := u.objective(o.Goal.ObjectiveID); ok {
		text += "  · " + ellipsis(obj.Title, 40)
	}
	r.title = widget.NewLabel(text)
	r.title.Truncation = fyne.TextTruncateEllipsis
	if o.Goal.Status != model.StatusOpen {
		r.title.Importance = widget.LowImportance
	}
	tv.rows = append(tv.rows, r)
	// The row's text opens the step in the outline; the calendar button moves it to another day.
	open := newTapArea(r.title, func() { u.openGoal(o.Goal.ID) })
	r.move = newIconButton(theme.CalendarIcon(), func() { tv.askMove(o) })
	right := container.NewHBox(r.move)
	if overdue {
		r.reschedule = widget.NewButton(lang.L("Reschedule to today"), func() {
			u.moveOccurrence(o, model.DateOf(u.now(), u.loc))
		})
		right.Add(r.reschedule)
	}
	r.bg = canvas.NewRectangle(color.Transparent)
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.view = container.NewStack(r.bg, container.NewBorder(nil, nil, r.check, right, open))
	return r.view
}

// askMove asks for the day to move the step (or this occurrence of a repeating one) to.
func (tv *todayView) askMove(o model.Occurrence) { tv.u.askMoveDay(o) }

// tapArea makes what it holds open something when tapped (a Today row's text opens its step),
// with the pointing hand over it.
type tapArea struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onTap   func()
}

func newTapArea(content fyne.CanvasObject, onTap func()) *tapArea {
	t := &tapArea{content: content, onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

// Tapped runs the action.
func (t *tapArea) Tapped(*fyne.PointEvent) { t.onTap() }

// Cursor is the pointing hand.
func (t *tapArea) Cursor() desktop.Cursor { return desktop.PointerCursor }

// CreateRenderer draws the content.
func (t *tapArea) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.content) }
