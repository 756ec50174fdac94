package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// retype replaces what a detail field holds with s, typed through the canvas as a user does:
// focus, select all with Ctrl+A, type.
func (h *harness) retype(f *field, s string) {
	h.t.Helper()
	h.w.Canvas().Focus(f.input)
	h.press(fyne.KeyA, ctrl)
	if s == "" {
		h.keyDown(fyne.KeyBackspace)
		return
	}
	h.typeKeys(s)
}

// TestDetailDateFieldsFollowTheLocale opens a step in the detail panel under each locale: its
// due date and time are shown the locale's way; saving an edit that leaves them alone keeps
// the stored instant to the second; a date typed in the shown format is saved as that day
// (3 April, not 4 March); the day picker writes the locale's format.
func TestDetailDateFieldsFollowTheLocale(t *testing.T) {
	for _, c := range []struct {
		env, day, clock, allDay, typed string
	}{
		{"de_DE.UTF-8", "09.01.2027", "09:00", "03.04.2027", "03.04.2027"},
		{"fr_FR.UTF-8", "09/01/2027", "09:00", "03/04/2027", "03/04/2027"},
		{"es_ES.UTF-8", "09/01/2027", "09:00", "03/04/2027", "03/04/2027"},
		{"en_US.UTF-8", "01/09/2027", "9:00 AM", "04/03/2027", "04/03/2027"},
		{"C.UTF-8", "2027-01-09", "09:00", "2027-04-03", "2027-04-03"},
	} {
		t.Run(c.env, func(t *testing.T) {
			desktopLocale(t, c.env, "system")
			h := newHarness(t)
			seed(h, "Plan", "Write the release notes", "Book the venue")
			// Instants with seconds, which no field shows: only an unparsed save keeps them.
			timed := time.Date(2027, 1, 9, 9, 0, 37, 0, time.UTC)
			h.setGoal("Write the release notes", func(g *model.MicroGoal) { g.Due, g.DueHasTime = timed, true })
			h.setGoal("Book the venue", func(g *model.MicroGoal) { g.Due, g.DueHasTime = time.Date(2027, 4, 3, 0, 0, 0, 0, time.UTC), false })
			before := h.storedGoal("Write the release notes")
			allDay := h.storedGoal("Book the venue")
			h.u.reload()

			h.selectRow("Write the release notes")
			d := h.u.detail
			due, clk := d.goalFields["due"], d.goalFields["dueTime"]
			if due.text() != c.day || clk.text() != c.clock {
				t.Fatalf("the fields show %q %q, want %q %q", due.text(), clk.text(), c.day, c.clock)
			}
			h.retype(d.goalFields["outcome"], "Notes everyone can read")
			h.press(fyne.KeyS, ctrl)
			g := h.storedGoal("Write the release notes")
			if g.Outcome != "Notes everyone can read" {
				t.Fatalf("the edit was not saved: %+v", g)
			}
			if !g.Due.Equal(before.Due) || !g.DueHasTime {
				t.Fatalf("an untouched due date moved: %v (time %v), stored %v", g.Due, g.DueHasTime, before.Due)
			}

			h.selectRow("Book the venue")
			if due.text() != c.allDay || clk.text() != "" {
				t.Fatalf("the all-day step shows %q %q, want %q", due.text(), clk.text(), c.allDay)
			}
			h.retype(d.goalFields["outcome"], "A room for forty")
			h.press(fyne.KeyS, ctrl)
			if g := h.storedGoal("Book the venue"); !g.Due.Equal(allDay.Due) || g.DueHasTime || g.Outcome != "A room for forty" {
				t.Fatalf("the all-day step saved as %v (time %v) %q", g.Due, g.DueHasTime, g.Outcome)
			}

			// Typed the way it is shown: the 3rd of April, at the time still in its field.
			h.selectRow("Write the release notes")
			h.retype(due, c.typed)
			h.press(fyne.KeyS, ctrl)
			g = h.storedGoal("Write the release notes")
			if want := time.Date(2027, 4, 3, 9, 0, 0, 0, time.UTC); !g.Due.Equal(want) || !g.DueHasTime {
				t.Fatalf("%q saved as %v (time %v), want %v", c.typed, g.Due, g.DueHasTime, want)
			}
			if due.text() != c.allDay {
				t.Errorf("after the save the field shows %q, want %q", due.text(), c.allDay)
			}
			// ISO works in every locale.
			h.retype(due, "2027-05-06")
			h.press(fyne.KeyS, ctrl)
			if g := h.storedGoal("Write the release notes"); !g.Due.Equal(time.Date(2027, 5, 6, 9, 0, 0, 0, time.UTC)) {
				t.Fatalf("2027-05-06 saved as %v", g.Due)
			}

			// The picker starts at the field's month and writes the day the locale's way.
			test.Tap(due.widget.(*fyne.Container).Objects[1].(*iconButton))
			picked := false
			for _, o := range visible(h.w.Canvas().Overlays().Top()) {
				if b, ok := o.(*widget.Button); ok && b.Text == "15" {
					test.Tap(b)
					picked = true
					break
				}
			}
			if !picked {
				t.Fatal("no day 15 in the picker")
			}
			want := model.ParseLocale(c.env).FieldDate(time.Date(2027, 5, 15, 0, 0, 0, 0, time.UTC))
			if due.text() != want {
				t.Fatalf("the picker wrote %q, want %q", due.text(), want)
			}
			h.press(fyne.KeyS, ctrl)
			if g := h.storedGoal("Write the release notes"); !g.Due.Equal(time.Date(2027, 5, 15, 9, 0, 0, 0, time.UTC)) || !g.DueHasTime {
				t.Fatalf("the picked day saved as %v (time %v)", g.Due, g.DueHasTime)
			}
		})
	}
}

// TestDateDraftReadsInAnotherLanguage: a draft left in French ("03/04/2027", the 3rd of
// April) is kept as a day every language reads the same way, and shows as the 3rd of April
// when the app comes back in American English (where 03/04 would be the 4th of March).
func TestDateDraftReadsInAnotherLanguage(t *testing.T) {
	desktopLocale(t, "fr_FR.UTF-8", "system")
	h := newHarness(t)
	seed(h, "Plan", "Write the release notes", "Book the venue")
	h.setGoal("Write the release notes", func(g *model.MicroGoal) {
		g.Due, g.DueHasTime = time.Date(2027, 1, 9, 14, 30, 0, 0, time.UTC), true
	})
	h.u.reload()
	h.selectRow("Write the release notes")
	d := h.u.detail
	h.retype(d.goalFields["due"], "03/04/2027")
	h.retype(d.goalFields["title"], "")
	h.selectRow("Book the venue") // an invalid edit is kept as a draft
	v, _, err := h.st.Setting(context.Background(), draftsSetting)
	if err != nil || !strings.Contains(v, `"due":"2027-04-03"`) || !strings.Contains(v, `"dueTime":"14:30"`) {
		t.Fatalf("the stored draft is %s (%v)", v, err)
	}

	uiLocale.Store(model.ParseLocale("en_US.UTF-8"))
	h.selectRow("Write the release notes")
	if got := d.goalFields["due"].text(); got != "04/03/2027" {
		t.Fatalf("the French draft shows %q in American English, want 04/03/2027", got)
	}
	if got := d.goalFields["dueTime"].text(); got != "2:30 PM" {
		t.Fatalf("the draft's time shows %q, want 2:30 PM", got)
	}
	h.retype(d.goalFields["title"], "Write the release notes")
	h.press(fyne.KeyS, ctrl)
	if g := h.storedGoal("Write the release notes"); !g.Due.Equal(time.Date(2027, 4, 3, 14, 30, 0, 0, time.UTC)) {
		t.Fatalf("the draft saved as %v, want 3 April 2027 14:30", g.Due)
	}
}

// TestDialogDatesFollowTheLocale: the progress report's days and the metric log's "when" are
// shown the locale's way; left as shown they keep their day and instant (a correction logged
// at the corrected entry's second), and what they show reads back as that day.
func TestDialogDatesFollowTheLocale(t *testing.T) {
	for _, c := range []struct{ env, when string }{
		{"de_DE.UTF-8", "26.11.2026 09:00"},
		{"fr_FR.UTF-8", "26/11/2026 09:00"},
		{"en_US.UTF-8", "11/26/2026 9:00 AM"},
		{"C.UTF-8", "2026-11-26 09:00"},
	} {
		t.Run(c.env, func(t *testing.T) {
			desktopLocale(t, c.env, "system")
			docs := chooserHome(t)
			h, clk := newClockHarness(t)
			g := minutesGoal(h)
			l := model.ParseLocale(c.env)

			clk.advance(24*time.Hour + 37*time.Second)
			h.menuItem(fyne.KeyE).Action()
			if got := h.dialogEntryText(2); got != c.when {
				t.Fatalf("the log's when shows %q, want %q", got, c.when)
			}
			h.typeFocusedAndEnter("30")
			h.tapButton(lang.L("Correct…"))
			if got := h.dialogEntryText(2); got != c.when {
				t.Fatalf("the correction's when shows %q, want %q", got, c.when)
			}
			h.typeFocusedAndEnter("10")
			log := h.entries(g.ID)
			if len(log) != 2 || !log[1].At.Equal(log[0].At) || log[0].At.Second() != 37 {
				t.Fatalf("a when left as shown moved: %+v", log)
			}

			menuItemLabeled(h.w, lang.L("Export")+"/"+lang.L("Progress report…")).Action()
			p := model.ReviewPeriod(clk.now(), time.UTC, model.PeriodWeek)
			if got := h.dialogEntryText(0); got != l.FieldDate(p.Start) {
				t.Fatalf("the report starts on %q, want %q", got, l.FieldDate(p.Start))
			}
			h.keyDown(fyne.KeyReturn)
			h.keyDown(fyne.KeyReturn)
			h.u.workers.wg.Wait()
			if _, err := os.Stat(filepath.Join(docs, "progress-"+p.Start.Format("2006-01-02")+".md")); err != nil {
				es, _ := os.ReadDir(docs)
				t.Fatalf("no report for the week shown: %v (%v)", err, es)
			}
		})
	}
}

// dialogEntryText is the text of the i-th entry of the top dialog.
func (h *harness) dialogEntryText(i int) string {
	h.t.Helper()
	var es []*dialogEntry
	for _, o := range visible(h.w.Canvas().Overlays().Top()) {
		if e, ok := o.(*dialogEntry); ok {
			es = append(es, e)
		}
	}
	if i >= len(es) {
		h.t.Fatalf("the dialog has %d entries", len(es))
	}
	return es[i].Text
}

// TestAgendaMoveDayFollowsTheLocale: a day's agenda in the calendar shows each milestone's day
// the locale's way; "28/11/2026" typed there in French and Enter moves it to the 28th of
// November, not to a month 28; a day left as shown stays where it was.
func TestAgendaMoveDayFollowsTheLocale(t *testing.T) {
	desktopLocale(t, "fr_FR.UTF-8", "system")
	h := newHarness(t)
	seed(h, "Plan", "Write the release notes")
	h.setGoal("Write the release notes", func(g *model.MicroGoal) {
		g.Due, g.DueHasTime = time.Date(2026, 11, 26, 14, 30, 0, 0, time.UTC), true
	})
	h.u.reload()
	cv := h.calendar()
	test.Tap(h.cell(cv, model.D(2026, 11, 26)))
	r := cv.agenda.rows[0]
	if r.date.Text != "26/11/2026" {
		t.Fatalf("the agenda shows the day as %q, want 26/11/2026", r.date.Text)
	}
	h.w.Canvas().Focus(r.date)
	h.keyDown(fyne.KeyReturn)
	if g := h.storedGoal("Write the release notes"); !g.Due.Equal(time.Date(2026, 11, 26, 14, 30, 0, 0, time.UTC)) {
		t.Fatalf("a day left as shown moved the step to %v", g.Due)
	}
	test.Tap(h.cell(cv, model.D(2026, 11, 26)))
	r = cv.agenda.rows[0]
	h.w.Canvas().Focus(r.date)
	h.press(fyne.KeyA, ctrl)
	h.typeKeys("28/11/2026")
	h.keyDown(fyne.KeyReturn)
	if g := h.storedGoal("Write the release notes"); !g.Due.Equal(time.Date(2026, 11, 28, 14, 30, 0, 0, time.UTC)) {
		t.Fatalf("28/11/2026 moved the step to %v", g.Due)
	}
}

// TestObjectiveTargetDateFollowsTheLocale: an objective's target date is shown the locale's
// way, kept as stored when another field is saved, and read in the locale's order when typed.
func TestObjectiveTargetDateFollowsTheLocale(t *testing.T) {
	for _, c := range []struct{ env, shown, typed string }{
		{"de_DE.UTF-8", "03.04.2027", "05.06.2027"},
		{"en_US.UTF-8", "04/03/2027", "06/05/2027"},
	} {
		t.Run(c.env, func(t *testing.T) {
			desktopLocale(t, c.env, "system")
			h := newHarness(t)
			seed(h, "Plan", "Write the release notes")
			o := h.stored().Objectives[0]
			o.TargetDate = time.Date(2027, 4, 3, 0, 0, 0, 0, time.UTC)
			if _, err := h.st.UpdateObjective(context.Background(), o); err != nil {
				t.Fatal(err)
			}
			h.u.reload()
			h.selectRow("Plan")
			d := h.u.detail
			target := d.objFields["target"]
			if target.text() != c.shown {
				t.Fatalf("the target date shows %q, want %q", target.text(), c.shown)
			}
			h.retype(d.objFields["why"], "So that people can use it")
			h.press(fyne.KeyS, ctrl)
			got := h.stored().Objectives[0]
			if got.Why != "So that people can use it" || !got.TargetDate.Equal(o.TargetDate) {
				t.Fatalf("saved %q with the target %v, want %v", got.Why, got.TargetDate, o.TargetDate)
			}
			h.retype(target, c.typed)
			h.press(fyne.KeyS, ctrl)
			if got := h.stored().Objectives[0].TargetDate; !got.Equal(time.Date(2027, 6, 5, 0, 0, 0, 0, time.UTC)) {
				t.Fatalf("%q saved as %v, want 5 June 2027", c.typed, got)
			}
		})
	}
}
