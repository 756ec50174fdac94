package app

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// peoplePlan: Alex did three #writing steps on time, Sam two of three; Maria partners one.
func peoplePlan(h *harness) int64 {
	h.t.Helper()
	ctx := context.Background()
	o, err := h.st.CreateObjective(ctx, model.Objective{Title: "Write the book", Status: model.ObjectiveActive,
		TargetDate: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		h.t.Fatal(err)
	}
	add := func(title, owner string, done, late bool, tags ...string) {
		g := model.NewMicroGoal(o.ID, 0, title, clock.AddDate(0, 0, -20))
		g.Owner, g.Tags, g.Partner = owner, tags, "Maria"
		g.Due, g.DueHasTime = clock.AddDate(0, 0, -3), true
		g, err := h.st.CreateGoal(ctx, g, 0)
		if err != nil {
			h.t.Fatal(err)
		}
		if done {
			at := g.Due.Add(-time.Hour)
			if late {
				at = g.Due.Add(48 * time.Hour)
			}
			g = g.WithStatus(model.StatusDone, "", at)
			if _, err := h.st.UpdateGoal(ctx, g); err != nil {
				h.t.Fatal(err)
			}
		}
	}
	add("Draft chapter one", "Alex", true, false, "writing")
	add("Draft chapter two", "Alex", true, false, "writing")
	add("Draft chapter three", "Alex", true, false, "writing", "@home")
	add("Edit chapter one", "Sam", true, false, "writing")
	add("Edit chapter two", "Sam", true, false, "writing")
	add("Edit chapter three", "Sam", true, true, "writing")
	add("Fix the build script", "Sam", false, false, "code")
	h.u.reload()
	return o.ID
}

func TestPeopleViewAndOwnerSuggestion(t *testing.T) {
	h := newHarness(t)
	peoplePlan(h)
	h.u.selectView("People")
	h.mustSee("Sam")
	h.mustSee("Owns: 1 open · 3 done · 2 of 3 on time (67%)")
	h.mustSee("#writing: 0 open · 3 done · 2 of 3 on time (67%)")
	h.mustSee("#code: 1 open · 0 done")
	h.mustSee("Owns: 0 open · 3 done · 3 of 3 on time (100%)")      // Alex
	h.mustSee("Partner of: 1 open · 6 done · 5 of 6 on time (83%)") // Maria
	h.mustNotSee("@home:")                                          // a place is not a skill

	// Adding a #writing step suggests Alex, who does them on time most often, by filling the
	// new step's Owner field, with the reason under it.
	h.u.tabs.selectTab(0)
	h.selectRow("Write the book")
	h.typeInto(h.u.outline.quickAdd, "Draft the epilogue #writing")
	h.submit(h.u.outline.quickAdd)
	owner := h.u.detail.goalFields["owner"]
	if g, ok := h.u.selectedGoal(); !ok || g.Title != "Draft the epilogue" || owner.text() != "Alex" {
		t.Fatalf("after quick add: selected %q, owner field %q", g.Title, owner.text())
	}
	h.mustSee("Suggested: Alex — 3 of 3 #writing steps done on time.")
	h.mustSee("Owner filled in: Alex, who does these tags on time most often")
	// Leaving the step saves the filled-in field like any edit.
	h.selectRow("Write the book")
	if g := h.storedGoal("Draft the epilogue"); g.Owner != "Alex" {
		t.Fatalf("stored owner %q", g.Owner)
	}
	// The tags field suggests too; a name the user types replaces the suggestion and stays.
	h.selectRow("Fix the build script")
	h.w.Canvas().Focus(owner.entry)
	owner.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	for range "Sam" { // the owner, erased key by key
		owner.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	}
	tags := h.u.detail.goalFields["tags"].entry
	h.typeInto(tags, "")
	tags.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	test.Type(tags, " #writing")
	if owner.text() != "Alex" {
		t.Fatalf("the tags field %q suggested %q", tags.Text, owner.text())
	}
	h.mustSee("Suggested: Alex — 3 of 3 #writing steps done on time.")
	h.w.Canvas().Focus(owner.entry)
	owner.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	for range "Alex" {
		owner.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	}
	h.typeInto(owner.entry, "Sam")
	h.mustNotSee("Suggested: Alex")
	h.typeInto(tags, "")
	tags.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	test.Type(tags, " @home")
	if owner.text() != "Sam" {
		t.Fatalf("the suggestion replaced the typed owner: %q", owner.text())
	}
	h.submit(owner.entry)
	if g := h.storedGoal("Fix the build script"); g.Owner != "Sam" || model.JoinTags(g.Tags) != model.JoinTags([]string{"code", "writing", "@home"}) {
		t.Fatalf("stored %q %v", g.Owner, g.Tags)
	}

	// The People view follows the owner given.
	h.u.selectView("People")
	h.mustSee("#writing: 1 open · 3 done · 3 of 3 on time (100%)")
}

func TestChartsShowProjectionAndPlaces(t *testing.T) {
	h := newHarness(t)
	peoplePlan(h)
	h.selectRow("Write the book")
	h.u.selectView("Charts")
	// 6 done in four weeks (1.5 a week), 1 open: 5 days from Wed 25 Nov, 31 days before the 31st.
	h.mustSee("At 1.5 steps a week (last four weeks), the open step is done by Mon 30 Nov 2026: 31")
	h.mustSee("days ahead of the target date.")
	// The burn-up draws the projection and says it on the chart itself.
	burn := h.charts().burn
	for _, want := range []string{"31 days ahead", "target 31 Dec", "projected", "today"} {
		if !containsText(burn, want) {
			t.Errorf("the burn-up lacks %q: %q", want, chartTexts(burn))
		}
	}
	// The axis runs to the target date: its last label is in late December.
	if !containsText(burn, "Dec") {
		t.Errorf("the axis stops before the target: %q", chartTexts(burn))
	}
	// Hovering past today reads the projected count out.
	projected := ""
	for x := burn.Size().Width / 3; x < burn.Size().Width && projected == ""; x += 2 {
		burn.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, burn.Size().Height/2)}})
		if strings.Contains(burn.readout, "projected") {
			projected = burn.readout
		}
	}
	if projected == "" {
		t.Errorf("hovering past today never reads a projected count (last %q)", burn.readout)
	}
	burn.MouseOut()
	// A target before the projected finish: behind, in days.
	o, _ := h.u.objective(h.charts().objID)
	o.TargetDate = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	if _, err := h.st.UpdateObjective(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.mustSee("behind the target date.")
	if burn := h.charts().burn; !containsText(burn, "3 days behind") || !containsText(burn, "target 27 Nov") {
		t.Errorf("behind: the burn-up draws %q", chartTexts(burn))
	}
	// The patterns by place and collaborator are charts: bars named by place and by person.
	v := h.charts()
	if !containsText(v.places[0], "Done by place") || !containsText(v.places[0], "home") {
		t.Fatalf("done by place draws %q", chartTexts(v.places[0]))
	}
	if !containsText(v.places[1], "100% (1/1)") {
		t.Fatalf("on time by place draws %q", chartTexts(v.places[1]))
	}
	if !containsText(v.places[3], "Nobody noted yet") {
		t.Fatalf("done with draws %q", chartTexts(v.places[3]))
	}
}

// The Charts tab draws completions, on-time rate and sprint minutes by place and by
// collaborator as bars, from the answers given when steps were done and sprints ended.
func TestChartsDrawPlacesAndPeople(t *testing.T) {
	h, c := newClockHarness(t)
	peoplePlan(h)
	ctx := context.Background()
	// Two of Alex's steps were done at the library with Ana, one of Sam's late with Ana too.
	for _, title := range []string{"Draft chapter one", "Draft chapter two", "Edit chapter three"} {
		h.update(title, func(g *model.MicroGoal) { g.DoneWhere, g.DoneWith = "library", "Ana" })
	}
	// A 25-minute sprint at the café with Ben, answered when it ended.
	g := h.storedGoal("Fix the build script")
	sp, err := h.st.StartSprint(ctx, model.Sprint{GoalID: g.ID, PlannedMinutes: 25})
	if err != nil {
		t.Fatal(err)
	}
	c.advance(26 * time.Minute)
	if _, err := h.st.EndSprint(ctx, sp.ID); err != nil {
		t.Fatal(err)
	}
	if err := h.st.SetSprintContext(ctx, sp.ID, "café", "Ben"); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.u.selectView("Charts")
	v := h.charts()
	want := []struct {
		chart int
		texts []string
	}{
		{0, []string{"Done by place", "library", "3", "home", "1"}},
		{1, []string{"On time by place", "67% (2/3)", "100% (1/1)"}},
		{2, []string{"Sprint minutes by place", "café", "25 min"}},
		{3, []string{"Done with", "Ana", "3"}},
		{4, []string{"On time with", "67% (2/3)"}},
		{5, []string{"Sprint minutes with", "Ben", "25 min"}},
	}
	for _, w := range want {
		for _, s := range w.texts {
			if !containsText(v.places[w.chart], s) {
				t.Errorf("chart %d lacks %q: %q", w.chart, s, chartTexts(v.places[w.chart]))
			}
		}
	}
	// The café has no completions: it is not a bar of "Done by place".
	if containsText(v.places[0], "café") {
		t.Errorf("a place with nothing done has a bar: %q", chartTexts(v.places[0]))
	}
	h.mustSee("Most done at library (3) · most done with Ana (3) · most on time at library (67% of 3) · most on time with Ana (67% of 3).")
	// Hovering a bar reads its value out.
	ch := v.places[0]
	test.MoveMouse(h.w.Canvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(ch).Add(fyne.NewPos(ch.Size().Width/2, 30)))
	if ch.readout != "library: 3 done" {
		t.Errorf("hover readout %q", ch.readout)
	}
}

// Completing a step asks where and with whom, optionally; the answers are stored and offered
// again next time.
func TestDoneAsksWhereAndWith(t *testing.T) {
	h := newHarness(t)
	searchPlan(h)
	h.selectRow("Read the draft aloud")
	h.menuItem(fyne.KeyD).Action()
	d := h.u.doneCtx
	if d == nil || !d.popup.Visible() {
		t.Fatal("no question after marking done")
	}
	h.mustSee("Done “Read the draft aloud”: where, with whom?")
	h.typeInto(d.where, "library")
	h.typeInto(d.with, "Sam")
	test.Tap(h.buttonIn(d.popup, "Save"))
	g := h.storedGoal("Read the draft aloud")
	if g.Status != model.StatusDone || g.DoneWhere != "library" || g.DoneWith != "Sam" {
		t.Fatalf("stored %s where %q with %q", g.Status, g.DoneWhere, g.DoneWith)
	}
	if d.popup.Visible() {
		t.Fatal("the question stays after Save")
	}
	// The next completion offers the same answers; Skip leaves the step as it is.
	h.selectRow("Buy running shoes")
	h.menuItem(fyne.KeyD).Action()
	if d.where.Text != "library" || d.with.Text != "Sam" {
		t.Fatalf("remembered %q / %q", d.where.Text, d.with.Text)
	}
	// Switching tabs leaves the question behind; it is not carried over the next view.
	test.Tap(h.u.tabs.buttons[1])
	if d.popup.Visible() {
		t.Fatal("the question follows the user to another tab")
	}
	test.Tap(h.u.tabs.buttons[0])
	d.popup.Show()
	test.Tap(h.buttonIn(d.popup, "Skip"))
	if g := h.storedGoal("Buy running shoes"); g.Status != model.StatusDone || g.DoneWhere != "" {
		t.Fatalf("skipped: %s where %q", g.Status, g.DoneWhere)
	}
}

// buttonIn finds the button labelled label under root.
func (h *harness) buttonIn(root fyne.CanvasObject, label string) *widget.Button {
	h.t.Helper()
	for _, o := range visible(root) {
		if b, ok := o.(*widget.Button); ok && b.Text == label {
			return b
		}
	}
	h.t.Fatalf("no button %q", label)
	return nil
}

// "Report for last week" writes last week's report in one click, into the folder of the
// previous report, with sections by owner, the decisions and the burn-up.
func TestReportForLastWeekInOneClick(t *testing.T) {
	h := newHarness(t)
	peoplePlan(h)
	dir := t.TempDir()
	if err := h.st.SetSetting(context.Background(), settingReportDir, dir); err != nil {
		t.Fatal(err)
	}
	item := menuItemLabeled(h.w, "Report for last week")
	if item == nil {
		t.Fatal("no “Report for last week” in the menu")
	}
	item.Action()
	h.u.workers.wg.Wait()                                // the report is written on a worker
	path := filepath.Join(dir, "progress-2026-11-16.md") // the week before Wed 25 Nov
	md, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no report at %s: %v (banner: %q)", path, err, h.u.message.Text)
	}
	for _, want := range []string{"# Progress report: Mon 16 Nov – Sun 22 Nov 2026", "## By owner", "- **Alex**: 3 done, 3 of 3 on time",
		"## Decisions", "![Burn-up of the objective in focus](progress-2026-11-16-burnup.png)", "| Place | home | 1 | 100% | 0 |",
		"![Done, on time and sprint minutes by place and collaborator](progress-2026-11-16-places.png)"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	if f, err := os.Open(filepath.Join(dir, "progress-2026-11-16-burnup.png")); err != nil {
		t.Fatal(err)
	} else {
		img, err := png.Decode(f)
		f.Close()
		if err != nil || img.Bounds().Dx() < 640 {
			t.Fatalf("burn-up image: %v", err)
		}
	}
	if f, err := os.Open(filepath.Join(dir, "progress-2026-11-16-places.png")); err != nil {
		t.Fatal(err)
	} else {
		img, err := png.Decode(f)
		f.Close()
		if err != nil || img.Bounds().Dx() < 960 || !varied(img) {
			t.Fatalf("places image: %v", err)
		}
	}
	for _, w := range fyne.CurrentApp().Driver().AllWindows() {
		if strings.Contains(w.Title(), "progress-2026-11-16.md") {
			w.Close()
		}
	}
}

// menuItemLabeled is the main-menu item with the label, or nil.
func menuItemLabeled(w fyne.Window, label string) *fyne.MenuItem {
	for _, m := range w.MainMenu().Items {
		if it := menuItemIn(m, label); it != nil {
			return it
		}
	}
	return nil
}

// menuItemIn finds an item by its label in m or its submenus ("Export ▸ Progress report…"
// is found as "Export/Progress report…").
func menuItemIn(m *fyne.Menu, label string) *fyne.MenuItem {
	for _, it := range m.Items {
		if it.Label == label {
			return it
		}
		if it.ChildMenu != nil {
			if sub, rest, ok := strings.Cut(label, "/"); ok && sub == it.Label {
				if found := menuItemIn(it.ChildMenu, rest); found != nil {
					return found
				}
			}
			if found := menuItemIn(it.ChildMenu, label); found != nil {
				return found
			}
		}
	}
	return nil
}

// A focus sprint that ends asks where and with whom it ran, in the same corner panel as a
// completion, filled with the last answers; Save stores them on the sprint and Ctrl+Z takes
// them back.
func TestSprintEndAsksWhereAndWith(t *testing.T) {
	h, c := newClockHarness(t)
	minutesGoal(h)
	ctx := context.Background()

	// The first sprint: no answers yet, so the panel comes up empty; Skip stores nothing.
	h.menuItem(fyne.KeyR).Action()
	h.mustNotSee("Where")
	h.typeFocusedAndEnter("25")
	c.advance(25 * time.Minute)
	h.u.sprint.tick()
	d := h.u.doneCtx
	if !d.popup.Visible() {
		t.Fatal("no question when the sprint ended")
	}
	h.mustSee("Sprint on “Practise Spanish fo…” ended: where, with whom?")
	if d.where.Text != "" || d.with.Text != "" {
		t.Fatalf("first sprint pre-filled %q / %q", d.where.Text, d.with.Text)
	}
	h.typeInto(d.where, "library")
	h.typeInto(d.with, "Ana")
	h.submit(d.with) // Enter saves
	if d.popup.Visible() {
		t.Fatal("the question stays after Enter")
	}
	sprints, err := h.st.Sprints(ctx)
	if err != nil || len(sprints) != 1 || sprints[0].Environment != "library" || sprints[0].Partner != "Ana" {
		t.Fatalf("stored %+v %v", sprints, err)
	}

	// The second sprint, stopped early, offers the same answers again.
	c.advance(time.Hour)
	h.menuItem(fyne.KeyR).Action()
	h.typeFocusedAndEnter("25")
	c.advance(5 * time.Minute)
	h.tapButton("Stop")
	if !d.popup.Visible() || d.where.Text != "library" || d.with.Text != "Ana" {
		t.Fatalf("second sprint: visible %v, %q / %q", d.popup.Visible(), d.where.Text, d.with.Text)
	}
	d.where.SetText("")
	h.typeInto(d.where, "home office")
	test.Tap(h.buttonIn(d.popup, "Save"))
	sprints, _ = h.st.Sprints(ctx)
	if len(sprints) != 2 || sprints[1].Environment != "home office" || sprints[1].Partner != "Ana" || sprints[0].Environment != "library" {
		t.Fatalf("stored %+v", sprints)
	}
	// The answers are one undoable action.
	h.press(fyne.KeyZ, fyne.KeyModifierControl)
	sprints, _ = h.st.Sprints(ctx)
	if sprints[1].Environment != "" || sprints[1].Partner != "" {
		t.Fatalf("after undo %+v", sprints[1])
	}
	// And they count in the Charts tab's patterns by place.
	h.press(fyne.KeyY, fyne.KeyModifierControl)
	h.u.selectView("Charts")
	if got := model.ContextPatternsOf(nil, mustSprints(h), time.UTC); len(got.Places) != 2 || got.Places[0].Name != "library" {
		t.Fatalf("patterns %+v", got)
	}
}

func mustSprints(h *harness) []model.Sprint {
	h.t.Helper()
	s, err := h.st.Sprints(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return s
}
