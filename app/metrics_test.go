package app

import (
	"context"
	"image"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// testClock is a clock the test moves by hand; nothing sleeps.
type testClock struct{ t time.Time }

func (c *testClock) now() time.Time          { return c.t }
func (c *testClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// newClockHarness is newHarness on a clock the test moves, with the sprint timer's ticker
// off: the test calls tick itself.
func newClockHarness(t *testing.T) (*harness, *testClock) {
	t.Helper()
	c := &testClock{t: clock}
	h := &harness{t: t, path: filepath.Join(t.TempDir(), "plan.db")}
	openClock(h, c)
	return h, c
}

func openClock(h *harness, c *testClock) {
	h.t.Helper()
	st, err := storage.Open(h.path, storage.Options{Location: time.UTC, Now: c.now})
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { st.Close() })
	a := test.NewTempApp(h.t)
	h.st = st
	h.u = New(a, st, Config{Now: c.now, Location: time.UTC})
	h.u.sprint.every = 0
	if err := h.u.Load(); err != nil {
		h.t.Fatal(err)
	}
	h.w = h.u.Window()
	h.w.Resize(fyne.NewSize(1200, 800))
}

// menuItem finds the main-menu item bound to Ctrl+key.
func (h *harness) menuItem(key fyne.KeyName) *fyne.MenuItem {
	h.t.Helper()
	for _, m := range h.w.MainMenu().Items {
		for _, it := range m.Items {
			if sc, ok := it.Shortcut.(*desktop.CustomShortcut); ok && sc.KeyName == key && sc.Modifier == fyne.KeyModifierShortcutDefault {
				return it
			}
		}
	}
	h.t.Fatalf("no menu item on Ctrl+%s", key)
	return nil
}

// focusedEntry is the Entry that has the keyboard: a plain one, or the one inside a dialog's
// or the detail panel's entry.
func (h *harness) focusedEntry() *widget.Entry {
	h.t.Helper()
	switch f := h.w.Canvas().Focused().(type) {
	case *widget.Entry:
		return f
	case interface{ entry() *widget.Entry }:
		return f.entry()
	default:
		h.t.Fatalf("focus is on %T, not an entry", f)
		return nil
	}
}

// typeFocused types into the focused entry and presses Enter.
func (h *harness) typeFocusedAndEnter(s string) {
	h.t.Helper()
	e := h.focusedEntry()
	e.SetText("")
	test.Type(e, s)
	h.submit(e)
}

// minutesGoal makes an objective with one step measured in minutes, due in 4 days at 09:00
// (the line runs from its creation now: 60 minutes over 96 hours).
func minutesGoal(h *harness) model.MicroGoal {
	h.t.Helper()
	seed(h, "Learn conversational Spanish", "Practise Spanish for an hour")
	g := h.storedGoal("Practise Spanish for an hour")
	g.Metric = model.Metric{Kind: model.MetricQuantitative, Unit: "minutes", Target: 60}
	g.Due, g.DueHasTime = clock.AddDate(0, 0, 4), true
	g, err := h.st.UpdateGoal(context.Background(), g)
	if err != nil {
		h.t.Fatal(err)
	}
	h.u.reload()
	h.selectRow("Practise Spanish for an hour")
	return g
}

func (h *harness) entries(id int64) []model.MetricEntry {
	h.t.Helper()
	log, err := h.st.MetricEntries(context.Background(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	return log
}

func TestLogEntryCorrectItAndSeeTheChartChange(t *testing.T) {
	h, c := newClockHarness(t)
	g := minutesGoal(h)
	h.mustSee("Nothing logged yet; target 60 minutes.")

	// The charts tab first, so the change shows there too.
	h.u.selectView("Charts")
	h.mustSee("Nothing logged for “Practise Spanish for an hour” yet.")
	h.u.tabs.selectTab(0)

	// Two keystrokes: Ctrl+E opens the dialog with the value focused; type, Enter.
	c.advance(24 * time.Hour)
	h.menuItem(fyne.KeyE).Action()
	h.mustSee("Log “Practise Spanish for an hour”")
	h.typeFocusedAndEnter("30")
	log := h.entries(g.ID)
	if len(log) != 1 || log[0].Value != 30 || !log[0].At.Equal(c.now()) {
		t.Fatalf("stored log %+v", log)
	}
	h.mustSee("Thu 26 Nov 09:00 · 30 minutes")
	// A day of four has passed: the line is at 15 minutes, 30 are logged.
	h.mustSee("Ahead of plan by 15 minutes (30 of 60).")

	h.u.selectView("Charts")
	h.mustSee("Ahead of plan by 15 minutes (30 of 60).")
	h.mustNotSee("Nothing logged for")
	v := h.charts()
	if !containsText(v.metric, "logged minutes") || !containsText(v.metric, "target line") {
		t.Fatalf("the metric chart shows %q", chartTexts(v.metric))
	}

	// Correct the entry: a new entry naming the old one; both stay in the history.
	h.u.tabs.selectTab(0)
	h.tapButton("Correct…")
	h.mustSee("Correct the entry of Thu 26 Nov 09:00")
	h.typeFocusedAndEnter("10")
	log = h.entries(g.ID)
	if len(log) != 2 || log[0].Value != 30 || log[1].Value != 10 || log[1].CorrectsID != log[0].ID {
		t.Fatalf("after the correction: %+v", log)
	}
	h.mustSee("(was 30)")
	h.mustSee("corrected by the entry")
	h.mustSee("Behind plan by 5 minutes (10 of 60).")
	h.u.selectView("Charts")
	h.mustSee("Behind plan by 5 minutes (10 of 60).")

	// Undo writes a correction back to 30: nothing is deleted.
	h.u.undoLast()
	log = h.entries(g.ID)
	if len(log) != 3 || model.MetricTotal(log) != 30 {
		t.Fatalf("after undo: %+v", log)
	}
	h.mustSee("Ahead of plan by 15 minutes (30 of 60).")
}

func TestLogEntryRefusesBadInputAndKeepsIt(t *testing.T) {
	h, _ := newClockHarness(t)
	g := minutesGoal(h)
	h.menuItem(fyne.KeyE).Action()
	h.typeFocusedAndEnter("thirty")
	if len(h.entries(g.ID)) != 0 {
		t.Fatal("a value that is not a number was logged")
	}
	h.mustSee("Log “Practise Spanish for an hour”") // still open, with the text in it
	if e := h.focusedEntry(); e.Text != "thirty" {
		t.Fatalf("the typed text was lost: %q", e.Text)
	}
}

func (h *harness) tapButton(label string) {
	h.t.Helper()
	for _, o := range visible(h.w.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == label {
			test.Tap(b)
			return
		}
	}
	h.t.Fatalf("no button %q", label)
}

func chartTexts(c *chart) []string {
	var out []string
	for _, o := range test.WidgetRenderer(c).Objects() {
		if t, ok := o.(*canvas.Text); ok {
			out = append(out, t.Text)
		}
	}
	return out
}

func containsText(c *chart, s string) bool {
	for _, t := range chartTexts(c) {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

func TestFocusSprintSurvivesReopenAndLogsMinutes(t *testing.T) {
	h, c := newClockHarness(t)
	g := minutesGoal(h)

	h.menuItem(fyne.KeyR).Action()
	h.mustSee("Focus sprint on “Practise Spanish for an hour”")
	h.typeFocusedAndEnter("25")
	h.mustSee("Focus sprint on “Practise Spanish for an hour”: 25:00 left")

	c.advance(10 * time.Minute)
	h.u.sprint.tick()
	h.mustSee("15:00 left")
	h.tapButton("Pause")
	c.advance(7 * time.Minute)
	h.u.sprint.tick()
	h.mustSee("15:00 left · paused")

	// Close and reopen the window: the sprint is still there, still paused.
	if err := h.st.Close(); err != nil {
		t.Fatal(err)
	}
	openClock(h, c)
	h.mustSee("Focus sprint on “Practise Spanish for an hour”: 15:00 left · paused")
	h.tapButton("Resume")
	c.advance(14*time.Minute + 30*time.Second)
	h.u.sprint.tick()
	h.mustSee("0:30 left")
	if len(h.entries(g.ID)) != 0 {
		t.Fatal("nothing is logged before the sprint ends")
	}
	c.advance(30 * time.Second)
	h.u.sprint.tick()
	h.mustSee("Focus sprint done — 25 minutes on “Practise Spanish for an hour”. 25 minutes logged.")
	h.mustNotSee("left · paused")
	log := h.entries(g.ID)
	if len(log) != 1 || log[0].Value != 25 || log[0].Note != "Focus sprint" {
		t.Fatalf("logged %+v", log)
	}
	sprints, _ := h.st.Sprints(context.Background())
	if len(sprints) != 1 || !sprints[0].Completed || sprints[0].Paused != 7*time.Minute {
		t.Fatalf("stored sprints %+v", sprints)
	}
	h.selectRow("Practise Spanish for an hour")
	h.mustSee("Focus sprint")
	h.u.selectView("Charts")
	v := h.charts()
	test.Tap(radioOption(v.measure, measureMinutes()))
	h.mustSee("Best hour: 09:00–10:00")
}

func radioOption(r *widget.RadioGroup, label string) fyne.Tappable {
	for _, o := range visible(r) {
		if t, ok := o.(fyne.Tappable); ok {
			for _, x := range visible(o) {
				if txt, ok := x.(*canvas.Text); ok && txt.Text == label {
					return t
				}
			}
		}
	}
	return nil
}

func TestStopSprintEarly(t *testing.T) {
	h, c := newClockHarness(t)
	g := minutesGoal(h)
	if !h.u.beginSprint(model.Sprint{GoalID: g.ID, PlannedMinutes: 25, Environment: "library"}) {
		t.Fatal("start")
	}
	c.advance(12 * time.Minute)
	h.tapButton("Stop")
	h.mustSee("Focus sprint stopped after 12 of 25 minutes")
	if log := h.entries(g.ID); len(log) != 1 || log[0].Value != 12 {
		t.Fatalf("log %+v", log)
	}
}

func TestChartsShowEmptyStatesHoverAndExport(t *testing.T) {
	h, c := newClockHarness(t)
	seed(h, "Run a half marathon in under 2 hours")
	for _, tv := range h.u.views {
		if tv.built {
			t.Fatalf("the %s tab was built before it was opened", tv.view.Title())
		}
	}
	h.u.selectView("Charts")
	h.mustSee("No micro-goals under this objective yet.")
	h.mustSee("No micro-goal done in the last 12 weeks yet.")
	h.mustSee("No micro-goal of this objective has a metric yet.")

	h.u.tabs.selectTab(0)
	seed2 := func(title string) { h.typeInto(h.u.outline.quickAdd, title); h.submit(h.u.outline.quickAdd) }
	seed2("Run 5 km easy")
	seed2("Book the race")
	// One is due today, the other has no date.
	r := h.storedGoal("Run 5 km easy")
	r.Due = clock
	if _, err := h.st.UpdateGoal(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	test.Tap(h.row("Run 5 km easy").status)
	c.advance(24 * time.Hour)
	test.Tap(h.row("Book the race").status)
	h.u.selectView("Charts")
	h.mustSee("Current streak: 2 days · longest: 2 days · 2 steps done in 12 weeks.")
	v := h.charts()
	h.mustSee("2 of 2 steps done, 1 due by today: 1 ahead of plan.")
	h.mustSee("1 step without a due date")

	// Hover over the right end of the burn-up: the readout names the day and the values.
	f := v.burn
	f.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(f.Size().Width-12, f.Size().Height/2)}})
	if !strings.Contains(f.readout, "Thu 26 Nov: 2 done · 1 planned") {
		t.Fatalf("burn-up readout %q", f.readout)
	}
	f.MouseOut()
	if f.readout != "" {
		t.Fatal("the readout stays after the mouse left")
	}
	// Today's cell of the heat map.
	w := v.wins
	hovered := ""
	for x := float32(0); x < w.Size().Width && hovered == ""; x += 4 {
		for y := float32(0); y < w.Size().Height && hovered == ""; y += 4 {
			w.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, y)}})
			if strings.HasPrefix(w.readout, "Thu 26 Nov") {
				hovered = w.readout
			}
		}
	}
	if hovered != "Thu 26 Nov: 1 done" {
		t.Fatalf("heat map readout %q", hovered)
	}

	// PNG export: the card drawn off screen at twice the size, in the theme's colours.
	for key := range v.cards {
		img := v.images[key]()
		sz := v.cards[key].Size()
		// The image is a whole number of pixels: twice the card's size, rounded either way.
		if b := img.Bounds(); math.Abs(float64(b.Dx())-float64(2*sz.Width)) >= 1 || math.Abs(float64(b.Dy())-float64(2*sz.Height)) >= 1 || !varied(img) {
			t.Fatalf("exported %s image %v for a card of %v", key, img.Bounds(), sz)
		}
	}
	// The PNG button opens a save dialog named after the chart.
	h.tapButton("PNG")
	h.mustSee("burn-up.png")
}

// varied reports whether an image has more than one colour: something was drawn.
func varied(img image.Image) bool {
	b := img.Bounds()
	first := img.At(b.Min.X, b.Min.Y)
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			if img.At(x, y) != first {
				return true
			}
		}
	}
	return false
}

func TestNiceTicksCoverTheMaximum(t *testing.T) {
	for _, tc := range []struct {
		max  float64
		want []float64
	}{
		{49, []float64{0, 20, 40, 60}},
		{23, []float64{0, 10, 20, 30}},
		{4, []float64{0, 1, 2, 3, 4}},
		{0, []float64{0, 1}},
		{90, []float64{0, 25, 50, 75, 100}},
		{1500, []float64{0, 500, 1000, 1500}},
	} {
		got, _ := niceTicks(tc.max, 4)
		if len(got) != len(tc.want) {
			t.Errorf("niceTicks(%v) = %v, want %v", tc.max, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("niceTicks(%v) = %v, want %v", tc.max, got, tc.want)
				break
			}
		}
	}
}

// charts is the Charts view (other features add tabs beside it).
func (h *harness) charts() *chartsView {
	h.t.Helper()
	for _, tv := range h.u.views {
		if v, ok := tv.view.(*chartsView); ok {
			return v
		}
	}
	h.t.Fatal("no Charts view")
	return nil
}

func TestCheckpointIsLoggedWithItsEvidence(t *testing.T) {
	h, _ := newClockHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Record a two-minute demo video")
	g := h.storedGoal("Record a two-minute demo video")
	g.Metric = model.Metric{Kind: model.MetricQualitative}
	g.DoneWhen = "Video uploaded"
	if _, err := h.st.UpdateGoal(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.selectRow("Record a two-minute demo video")
	h.mustSee("Checkpoint not reached yet")
	h.menuItem(fyne.KeyE).Action()
	h.mustSee("Reached (1 yes, 0 no)")
	// The value is already 1: Tab to the note, type the evidence, Enter.
	value := h.focusedEntry()
	if value.Text != "1" {
		t.Fatalf("checkpoint value starts at %q", value.Text)
	}
	h.w.Canvas().FocusNext()
	h.typeFocusedAndEnter("https://example.org/demo.webm")
	log := h.entries(g.ID)
	if len(log) != 1 || log[0].Value != 1 || log[0].Note != "https://example.org/demo.webm" {
		t.Fatalf("log %+v", log)
	}
	h.mustSee("Checkpoint reached.")
	h.mustSee("checkpoint reached ·")
	h.mustSee("https://example.org/demo.webm")
}
