package app

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// calendar opens the Calendar tab and returns its view.
func (h *harness) calendar() *calendarView {
	h.t.Helper()
	h.u.selectView("Calendar")
	for _, tv := range h.u.views {
		if cv, ok := tv.view.(*calendarView); ok && tv.built {
			return cv
		}
	}
	h.t.Fatal("the Calendar tab did not open")
	return nil
}

// cell finds the day cell on screen for d.
func (h *harness) cell(cv *calendarView, d model.Date) *dayCell {
	h.t.Helper()
	for _, r := range cv.rowsBox.Objects {
		for _, c := range r.(*weekRowView).cells {
			if c.cell.Date == d {
				return c
			}
		}
	}
	h.t.Fatalf("no cell shows %v", d)
	return nil
}

// cellLines is what a day cell draws, line by line.
func cellLines(c *dayCell) []string {
	return append([]string(nil), test.WidgetRenderer(c).(*dayCellRenderer).shown...)
}

// update changes a stored goal as another part of the app would, and reloads the window.
func (h *harness) update(title string, change func(*model.MicroGoal)) model.MicroGoal {
	h.t.Helper()
	g := h.storedGoal(title)
	change(&g)
	g, err := h.st.UpdateGoal(context.Background(), g)
	if err != nil {
		h.t.Fatal(err)
	}
	h.u.reload()
	return g
}

func (h *harness) key(name fyne.KeyName) {
	h.t.Helper()
	f, ok := h.w.Canvas().Focused().(*calendarKeys)
	if !ok {
		h.t.Fatalf("the calendar does not have the keyboard focus (%T has)", h.w.Canvas().Focused())
	}
	f.TypedKey(&fyne.KeyEvent{Name: name})
}

func TestCalendarMonthNavigateAddCompleteAndRollUp(t *testing.T) {
	h := newHarness(t)
	seed(h, "Finish the first draft of my novel", "Draft chapter 2 this week fri")
	h.update("Draft chapter 2 this week", func(g *model.MicroGoal) { g.Horizon = model.HorizonWeek })
	if g := h.storedGoal("Draft chapter 2 this week"); model.DateOf(g.Due, time.UTC) != model.D(2026, 11, 27) {
		t.Fatalf("quick add read “fri” as %v", g.Due)
	}

	cv := h.calendar()
	h.mustSee("November 2026")
	h.mustSee("W48")
	h.mustSee("◆ Draft chapter 2 this week")
	h.mustSee("no daily steps")
	if !h.cell(cv, model.D(2026, 11, 25)).cellIsToday() {
		t.Error("today is not highlighted")
	}

	// Navigate with the keyboard and back.
	h.key(fyne.KeyPageDown)
	h.mustSee("December 2026")
	h.mustSee("W53") // 2026 has an ISO week 53, shown in December's last row
	h.key(fyne.KeyPageDown)
	h.mustSee("January 2027")
	h.w.Canvas().Focused().TypedRune('t')
	h.mustSee("November 2026")
	h.key(fyne.KeyPageUp)
	h.mustSee("October 2026")
	h.key(fyne.KeyPageDown)

	// Tap Thursday the 26th, add a milestone there.
	test.Tap(h.cell(cv, model.D(2026, 11, 26)))
	h.mustSee("Thursday 26 November 2026")
	h.mustSee("Nothing due this day yet.")
	h.typeInto(cv.agenda.add.entry(), "Write 500 words of chapter 2")
	h.submit(cv.agenda.add.entry())
	g := h.storedGoal("Write 500 words of chapter 2")
	if model.DateOf(g.Due, time.UTC) != model.D(2026, 11, 26) || g.DueHasTime || g.Horizon != model.HorizonDay {
		t.Fatalf("added on the 26th: %+v", g)
	}
	if got := cellLines(h.cell(cv, model.D(2026, 11, 26))); len(got) != 1 || got[0] != "Write 500 words of chapter 2" {
		t.Fatalf("the cell shows %q", got)
	}
	h.mustSee("0/1 done")

	// Complete it from the agenda: the band's progress moves.
	if len(cv.agenda.rows) != 1 {
		t.Fatalf("agenda rows: %d", len(cv.agenda.rows))
	}
	test.Tap(cv.agenda.rows[0].check)
	h.mustSee("1/1 done")
	if g := h.storedGoal("Write 500 words of chapter 2"); g.Status != model.StatusDone {
		t.Fatalf("not stored done: %+v", g)
	}
	band := h.u.views[1].view.(*calendarView).rows[4].targets[0]
	if band.p.Fraction() != 1 {
		t.Errorf("band fraction = %v", band.p.Fraction())
	}

	// Add one with a time and move it to another day by its date.
	h.typeInto(cv.agenda.add.entry(), "Outline chapter 3 at 14:30")
	h.submit(cv.agenda.add.entry())
	if g := h.storedGoal("Outline chapter 3"); !g.DueHasTime || !g.Due.Equal(time.Date(2026, 11, 26, 14, 30, 0, 0, time.UTC)) {
		t.Fatalf("timed add: %+v", g)
	}
	h.mustSee("1/2 done")
	var row *agendaRow
	for _, r := range cv.agenda.rows {
		if r.occ.Goal.Title == "Outline chapter 3" {
			row = r
		}
	}
	row.date.SetText("2026-12-02")
	test.Tap(row.move)
	if g := h.storedGoal("Outline chapter 3"); !g.Due.Equal(time.Date(2026, 12, 2, 14, 30, 0, 0, time.UTC)) {
		t.Fatalf("moved: %+v", g)
	}
	h.mustSee("1/1 done") // the band of this week lost it
	row = cv.agenda.rows[0]
	row.date.SetText("2026-02-30")
	test.Tap(row.move)
	h.mustSee("2026-02 has 28 days")

	// Undo brings the move back.
	h.u.undoLast()
	if g := h.storedGoal("Outline chapter 3"); model.DateOf(g.Due, time.UTC) != model.D(2026, 11, 26) {
		t.Fatalf("undo of the move: %+v", g)
	}
}

func (c *dayCell) cellIsToday() bool { return c.cell.Date == c.today }

func TestCalendarShowsRepeatsAndCompletesOneOccurrence(t *testing.T) {
	h := newHarness(t)
	seed(h, "Finish the first draft of my novel", "Write for 30 minutes 2026-11-23 07:00")
	h.update("Write for 30 minutes", func(g *model.MicroGoal) { g.Repeat = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" })
	cv := h.calendar()
	for d := model.D(2026, 11, 23); !d.After(model.D(2026, 11, 29)); d = d.AddDays(1) {
		got := cellLines(h.cell(cv, d))
		weekday := d.Weekday() != time.Saturday && d.Weekday() != time.Sunday
		if weekday != (len(got) == 1 && got[0] == "↻ 07:00 Write for 30 minutes") {
			t.Errorf("%v shows %q", d, got)
		}
	}
	// Complete Tuesday's occurrence only.
	test.Tap(h.cell(cv, model.D(2026, 11, 24)))
	test.Tap(cv.agenda.rows[0].check)
	ex, err := h.st.Exceptions(context.Background(), model.D(2026, 11, 1), model.D(2026, 11, 30))
	if err != nil || len(ex) != 1 || ex[0].Original != model.D(2026, 11, 24) || ex[0].Status != model.StatusDone {
		t.Fatalf("exceptions = %+v, %v", ex, err)
	}
	if g := h.storedGoal("Write for 30 minutes"); g.Status != model.StatusOpen {
		t.Fatalf("the series itself must stay open: %+v", g)
	}
	occ := h.u.occurrences(model.D(2026, 11, 23), model.D(2026, 11, 25))
	if len(occ) != 3 || occ[0].Done() || !occ[1].Done() || occ[2].Done() {
		t.Fatalf("occurrences = %+v", occ)
	}
	// Skip Wednesday's and move Thursday's to Saturday.
	test.Tap(h.cell(cv, model.D(2026, 11, 25)))
	test.Tap(cv.agenda.rows[0].skip)
	if occ := h.u.occurrences(model.D(2026, 11, 25), model.D(2026, 11, 25)); occ[0].Goal.Status != model.StatusDropped {
		t.Fatalf("skipped: %+v", occ[0].Goal.Status)
	}
	h.u.undoLast()
	if occ := h.u.occurrences(model.D(2026, 11, 25), model.D(2026, 11, 25)); occ[0].Goal.Status != model.StatusOpen {
		t.Fatalf("undo of the skip: %+v", occ[0].Goal.Status)
	}
	test.Tap(cv.agenda.rows[0].skip)
	test.Tap(h.cell(cv, model.D(2026, 11, 26)))
	cv.agenda.rows[0].date.SetText("2026-11-28")
	test.Tap(cv.agenda.rows[0].move)
	if got := cellLines(h.cell(cv, model.D(2026, 11, 28))); len(got) != 1 {
		t.Fatalf("Saturday shows %q", got)
	}
	if got := cellLines(h.cell(cv, model.D(2026, 11, 26))); len(got) != 0 {
		t.Fatalf("Thursday still shows %q", got)
	}
	// Editing the rule keeps the past completion.
	h.update("Write for 30 minutes", func(g *model.MicroGoal) { g.Repeat = "FREQ=WEEKLY;BYDAY=MO" })
	if got := cellLines(h.cell(cv, model.D(2026, 11, 24))); len(got) != 1 {
		t.Fatalf("the completion on Tuesday is gone after the rule changed: %q", got)
	}
	if got := cellLines(h.cell(cv, model.D(2026, 11, 27))); len(got) != 0 {
		t.Fatalf("Friday still shows %q", got)
	}
}

func TestCalendarWeekViewAndSettings(t *testing.T) {
	h := newHarness(t)
	seed(h, "Finish the first draft of my novel",
		"Review the numbers 2026-11-25 19:00", "Plan the day 2026-11-25 08:00", "Write the scene 2026-11-25")
	h.update("Write the scene", func(g *model.MicroGoal) { g.Anchor = "After lunch" })
	cv := h.calendar()
	test.Tap(cv.weekBtn)
	h.mustSee("Week 48 · 23–29 November 2026")
	got := cellLines(h.cell(cv, model.D(2026, 11, 25)))
	want := []string{"08:30 Morning planning", "08:00 Plan the day", "13:30 After lunch", "Write the scene", "18:00 After work", "19:00 Review the numbers"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("Wednesday column = %q, want %q", got, want)
	}
	h.key(fyne.KeyPageDown)
	h.mustSee("Week 49")

	// Weeks starting on Sunday, and another anchor: the calendar's Settings button opens the
	// one Settings dialog at its section, the keyboard in the anchors.
	h.tapButton("Settings")
	anchors, limit, first := h.routineFields()
	if h.w.Canvas().Focused() != fyne.Focusable(anchors) {
		t.Fatalf("the calendar's Settings left the focus on %T", h.w.Canvas().Focused())
	}
	first.SetSelected("Sunday")
	h.press(fyne.KeyA, ctrl)
	h.typeKeys("07:00 Wake up")
	h.keyDown(fyne.KeyReturn) // a new line in the multi-line anchors
	h.typeKeys("12:00 Lunch")
	h.tab()
	if h.w.Canvas().Focused() != fyne.Focusable(limit) {
		t.Fatalf("Tab in the anchors moved the focus to %T, not the focus limit", h.w.Canvas().Focused())
	}
	h.press(fyne.KeyA, ctrl)
	h.typeKeys("2")
	h.keyDown(fyne.KeyReturn)
	if h.w.Canvas().Overlays().Top() != nil {
		t.Fatal("Enter in the focus limit did not save and close the settings")
	}
	h.w.Canvas().Focus(cv.keys)
	h.w.Canvas().Focused().TypedRune('t')
	if cv.heads[0].Text != "Sun" || cv.start != model.D(2026, 11, 22) {
		t.Fatalf("week starts %q %v", cv.heads[0].Text, cv.start)
	}
	got = cellLines(h.cell(cv, model.D(2026, 11, 25)))
	want = []string{"07:00 Wake up", "08:00 Plan the day", "12:00 Lunch", "19:00 Review the numbers", "Any time", "Write the scene"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("with new anchors = %q, want %q", got, want)
	}
	if v, _, _ := h.st.Setting(context.Background(), settingFirstWeekday); v != "sunday" {
		t.Fatalf("stored first weekday %q", v)
	}
	h.reopen()
	if r := h.u.routineSettings(); r.firstWeekday != time.Sunday || len(r.anchors) != 2 || r.focusLimit != 2 {
		t.Fatalf("settings after restart: %+v", r)
	}
}

// routineFields finds the open Settings dialog's calendar and Today fields.
func (h *harness) routineFields() (anchors, limit *dialogEntry, first *widget.Select) {
	h.t.Helper()
	if _, ok := h.u.settingsDialog.(*settingsWindow); !ok || h.w.Canvas().Overlays().Top() == nil {
		h.t.Fatal("no Settings dialog is open")
	}
	for _, o := range visible(h.w.Canvas().Overlays().Top()) {
		switch x := o.(type) {
		case *dialogEntry:
			if x.MultiLine {
				anchors = x
			} else if x.Validator != nil && x.Validator("5") == nil && x.Validator("0") != nil && x.Validator("21") != nil {
				limit = x // only the focus limit takes 5 but neither 0 nor 21
			}
		case *widget.Select:
			if len(x.Options) == 3 && x.Options[2] == "Saturday" {
				first = x
			}
		}
	}
	if anchors == nil || limit == nil || first == nil {
		h.t.Fatal("the Settings dialog has no anchors, focus limit or first weekday")
	}
	return anchors, limit, first
}

func TestDetailSetsRepeatAndAnchor(t *testing.T) {
	h := newHarness(t)
	seed(h, "Finish the first draft of my novel", "Review the week's word count 2026-11-27")
	h.selectRow("Review the week's word count")
	d := h.u.detail
	d.repeatKind.SetSelected("Every N weeks")
	h.typeInto(d.repeatEvery, "x")
	h.mustSee("cannot be read")
	if !d.saveBtn.Disabled() {
		t.Fatal("Save must wait for a readable interval")
	}
	d.repeatEvery.SetText("2")
	d.repeatDays.SetSelected([]string{"Fri", "Mon"})
	d.goalFields["anchor"].set("After work")
	test.Tap(d.saveBtn)
	g := h.storedGoal("Review the week's word count")
	if g.Repeat != "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR" || g.Anchor != "After work" {
		t.Fatalf("stored %q %q", g.Repeat, g.Anchor)
	}
	h.selectRow("Finish the first draft of my novel")
	h.selectRow("Review the week's word count")
	if d.repeatKind.Selected != "Every N weeks" || d.repeatEvery.Text != "2" || strings.Join(d.repeatDays.Selected, ",") != "Mon,Fri" {
		t.Fatalf("form shows %q %q %v", d.repeatKind.Selected, d.repeatEvery.Text, d.repeatDays.Selected)
	}
	d.repeatKind.SetSelected("Every month")
	test.Tap(d.saveBtn)
	if g := h.storedGoal("Review the week's word count"); g.Repeat != "FREQ=MONTHLY" {
		t.Fatalf("monthly: %q", g.Repeat)
	}
	d.repeatKind.SetSelected("Does not repeat")
	test.Tap(d.saveBtn)
	if g := h.storedGoal("Review the week's word count"); g.Repeat != "" {
		t.Fatalf("no repeat: %q", g.Repeat)
	}
}

func TestQuickAddInOutlineReadsTheDate(t *testing.T) {
	h := newHarness(t)
	seed(h, "Run a half marathon in under 2 hours", "Run 5 km easy on Monday", "Draft intro section tomorrow 9am", "Pay the fee 2026-02-30")
	if g := h.storedGoal("Run 5 km easy"); g.DueHasTime || !g.Due.Equal(time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("“on Monday”: %+v", g)
	}
	if g := h.storedGoal("Draft intro section"); !g.DueHasTime || !g.Due.Equal(time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("“tomorrow 9am”: %+v", g)
	}
	if g := h.storedGoal("Pay the fee 2026-02-30"); g.HasDue() {
		t.Errorf("an impossible date must stay in the title: %+v", g)
	}
	h.mustSee("2026-02 has 28 days")
}

func TestTodayGroupsWarnsAndCelebrates(t *testing.T) {
	h := newHarness(t)
	seed(h, "Finish the first draft of my novel",
		"Plan the day 2026-11-25 08:00", "Write 500 words 2026-11-25 09:30", "Edit chapter 1 2026-11-25 14:00",
		"Review the numbers 2026-11-25 19:00", "Send the outline to Ann 2026-11-20", "Read one chapter 2026-11-25")
	h.u.selectView("Today")
	var tv *todayView
	for _, v := range h.u.views {
		if x, ok := v.view.(*todayView); ok {
			tv = x
		}
	}
	h.mustSee("Wednesday 25 November")
	for _, s := range []string{"Overdue (1)", "08:30  Morning planning", "09:00  Work start", "13:30  After lunch", "18:00  After work", "Any time"} {
		h.mustSee(s)
	}
	h.mustSee("5 open steps today — more than your focus limit of 3")
	titles := func() []string {
		var out []string
		for _, r := range tv.rows {
			out = append(out, r.occ.Goal.Title)
		}
		return out
	}
	if got := strings.Join(titles(), "|"); got != "Send the outline to Ann|Plan the day|Write 500 words|Edit chapter 1|Review the numbers|Read one chapter" {
		t.Fatalf("order = %s", got)
	}
	test.Tap(tv.rows[0].reschedule)
	if g := h.storedGoal("Send the outline to Ann"); model.DateOf(g.Due, time.UTC) != model.D(2026, 11, 25) {
		t.Fatalf("rescheduled: %+v", g)
	}
	h.mustNotSee("Overdue")
	h.mustSee("6 open steps today")

	// Finish everything: the warning goes, the day says it is all done.
	for len(tv.rows) > 0 {
		var open *todayRow
		for _, r := range tv.rows {
			if r.occ.Goal.Status == model.StatusOpen {
				open = r
				break
			}
		}
		if open == nil {
			break
		}
		test.Tap(open.check)
		if tv.plan.Open <= 3 && tv.warning.Visible() {
			t.Fatal("the focus warning stays after the day is back under the limit")
		}
	}
	h.mustSee("All done today")
	h.mustSee("🎉 All done today")
	// Adding a step for today makes the day open again.
	h.typeInto(tv.add, "Celebrate with a walk")
	h.submit(tv.add)
	h.mustNotSee("All done today. Every step")
	h.mustSee("Celebrate with a walk")
}

func TestSettingsDialogRefusesBadAnchors(t *testing.T) {
	h := newHarness(t)
	seed(h, "Finish the first draft of my novel", "Write")
	h.calendar()
	h.tapButton("Settings")
	anchors, limit, _ := h.routineFields()
	if anchors.Text != "08:30 Morning planning\n09:00 Work start\n13:30 After lunch\n18:00 After work" || limit.Text != "3" {
		t.Fatalf("defaults: %q %q", anchors.Text, limit.Text)
	}
	h.press(fyne.KeyA, ctrl)
	h.typeKeys("Lunch at noon")
	h.tab()
	h.mustSee("Line 1: start with the time")
	if sw := h.u.settingsDialog.(*settingsWindow); !sw.save.Disabled() {
		t.Fatal("Save stays on with anchors that cannot be read")
	}
	h.keyDown(fyne.KeyReturn) // Enter in the focus limit: nothing is saved while a field is wrong
	if h.w.Canvas().Overlays().Top() == nil {
		t.Fatal("Enter closed the settings with bad anchors")
	}
	h.keyDown(fyne.KeyEscape)
	if h.w.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not close the settings")
	}
	// Enter straight after typing a wrong value (the form has not marked it yet) saves nothing.
	h.tapButton("Settings")
	_, limit, _ = h.routineFields()
	h.w.Canvas().Focus(limit)
	h.press(fyne.KeyA, ctrl)
	h.typeKeys("0")
	h.keyDown(fyne.KeyReturn)
	if h.w.Canvas().Overlays().Top() == nil {
		t.Fatal("Enter saved a focus limit of 0")
	}
	h.mustSee("Not saved: The focus limit is a number of steps from 1 to 20")
	h.keyDown(fyne.KeyEscape)
	if _, ok, _ := h.st.Setting(context.Background(), settingAnchors); ok {
		t.Fatal("bad anchors were stored")
	}
}

func TestCalendarDragMilestoneToAnotherDay(t *testing.T) {
	h := newHarness(t)
	seed(h, "Finish the first draft of my novel", "Write 500 words 2026-11-26 09:00", "Write for 30 minutes 2026-11-23 07:00")
	h.update("Write for 30 minutes", func(g *model.MicroGoal) { g.Repeat = "FREQ=DAILY" })
	cv := h.calendar()
	drag := func(from, to model.Date, line int) {
		t.Helper()
		src, dst := h.cell(cv, from), h.cell(cv, to)
		d := fyne.CurrentApp().Driver()
		start := d.AbsolutePositionForObject(src).Add(fyne.NewPos(20, src.linesTop+lineHeight(false)*(float32(line)+0.5)))
		delta := d.AbsolutePositionForObject(dst).Subtract(d.AbsolutePositionForObject(src))
		driverDrag(src, start, fyne.NewDelta(delta.X, delta.Y))
	}
	// Thursday the 26th holds the 07:00 occurrence first, then the 09:00 step.
	if got := cellLines(h.cell(cv, model.D(2026, 11, 26))); len(got) != 2 || got[1] != "09:00 Write 500 words" {
		t.Fatalf("Thursday shows %q", got)
	}
	drag(model.D(2026, 11, 26), model.D(2026, 12, 1), 1)
	if g := h.storedGoal("Write 500 words"); !g.Due.Equal(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)) {
		t.Fatalf("dragged to December 1st: due %v", g.Due)
	}
	h.mustSee("Moved “Write 500 words” to Tue 1 Dec 2026")
	// Dragging one occurrence of the daily step moves that occurrence only.
	drag(model.D(2026, 11, 24), model.D(2026, 11, 28), 0)
	if got := cellLines(h.cell(cv, model.D(2026, 11, 28))); len(got) != 2 {
		t.Fatalf("Saturday shows %q", got)
	}
	if got := cellLines(h.cell(cv, model.D(2026, 11, 24))); len(got) != 0 {
		t.Fatalf("Tuesday still shows %q", got)
	}
	if got := cellLines(h.cell(cv, model.D(2026, 11, 25))); len(got) != 1 {
		t.Fatalf("Wednesday lost its occurrence: %q", got)
	}
	// A drag that starts on no milestone moves nothing.
	before := h.stored().Goals
	src := h.cell(cv, model.D(2026, 11, 30))
	driverDrag(src, fyne.CurrentApp().Driver().AbsolutePositionForObject(src).Add(fyne.NewPos(20, src.Size().Height-4)), fyne.NewDelta(-200, 0))
	after := h.stored().Goals
	for i := range before {
		if !before[i].Due.Equal(after[i].Due) {
			t.Fatalf("a drag from an empty spot moved %q", before[i].Title)
		}
	}
	// A quick drag upwards from December 1st's second line ("09:00 Write 500 words") to the
	// Tuesday a week before: the desktop driver's first event comes once the pointer has left
	// that line, and what was pressed is still what goes.
	d := fyne.CurrentApp().Driver()
	up, to := h.cell(cv, model.D(2026, 12, 1)), h.cell(cv, model.D(2026, 11, 24))
	upStart := d.AbsolutePositionForObject(up).Add(fyne.NewPos(20, up.linesTop+lineHeight(false)*1.5))
	move := d.AbsolutePositionForObject(to).Subtract(d.AbsolutePositionForObject(up))
	driverDrag(up, upStart, fyne.NewDelta(move.X, move.Y), 12)
	if g := h.storedGoal("Write 500 words"); !g.Due.Equal(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)) {
		t.Fatalf("a quick drag upwards from the milestone: due %v, want Tue 24 Nov 09:00", g.Due)
	}
}

// driverDrag drags obj (pressed at the absolute point from) by delta in moves of at most step
// pixels, and releases it, sending the events the desktop driver sends: the first once the
// pointer has moved past its threshold, each with the pointer's current position (relative to
// obj and absolute) and the movement since the previous event, the first counting from the
// press. (Fyne's test.Drag sends one event at the pressed point with the whole movement.)
func driverDrag(obj fyne.CanvasObject, from fyne.Position, delta fyne.Delta, step ...float32) {
	s := float32(8)
	if len(step) > 0 {
		s = step[0]
	}
	d := obj.(fyne.Draggable)
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(obj)
	n := int(max(abs32(delta.DX), abs32(delta.DY))/s) + 1
	prev := from
	for i := 1; i <= n; i++ {
		f := float32(i) / float32(n)
		p := from.Add(fyne.NewPos(delta.DX*f, delta.DY*f))
		if i == 1 && max(abs32(p.X-from.X), abs32(p.Y-from.Y)) < 2 {
			continue // under the driver's threshold: no event yet
		}
		d.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: p.Subtract(origin), AbsolutePosition: p},
			Dragged: fyne.NewDelta(p.X-prev.X, p.Y-prev.Y)})
		prev = p
	}
	d.DragEnd()
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

func TestTodayListsTheLatestOverdueFirstAndShowsAllOnRequest(t *testing.T) {
	h := newHarness(t)
	var steps []string
	for d := 1; d <= 8; d++ {
		steps = append(steps, fmt.Sprintf("Write page %d 2026-11-%02d", d, d))
	}
	seed(h, "Finish the first draft of my novel", steps...)
	h.selectRow("Write page 3")
	h.mustSee("Tue 3 Nov") // the outline keeps showing an overdue step's date
	h.u.selectView("Today")
	tv := h.u.views[0].view.(*todayView)
	h.mustSee("Overdue (8)")
	if len(tv.rows) != overdueShown || tv.rows[0].occ.Goal.Title != "Write page 8" {
		t.Fatalf("rows = %d, first %q", len(tv.rows), tv.rows[0].occ.Goal.Title)
	}
	var all *widget.Button
	for _, o := range visible(h.w.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Show all 8 overdue steps" {
			all = b
		}
	}
	if all == nil {
		t.Fatal("no “Show all” button")
	}
	test.Tap(all)
	if len(tv.rows) != 8 || tv.rows[7].occ.Goal.Title != "Write page 1" {
		t.Fatalf("after Show all: %d rows", len(tv.rows))
	}
	// A repeating step is not late as a whole: the outline shows its rule, not a red date.
	h.update("Write page 1", func(g *model.MicroGoal) { g.Repeat = "FREQ=WEEKLY;BYDAY=MO" })
	h.u.tabs.selectTab(0)
	h.mustSee("↻ Every week on Mon")
}
