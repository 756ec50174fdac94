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

	// Adding a #writing step suggests Alex, who does them on time most often.
	h.u.tabs.selectTab(0)
	h.selectRow("Write the book")
	h.typeInto(h.u.outline.quickAdd, "Draft the epilogue #writing")
	h.submit(h.u.outline.quickAdd)
	h.mustSee("Suggested owner: Alex did 3 of 3 #writing steps on time")

	// The People view follows the owner given.
	h.update("Draft the epilogue", func(g *model.MicroGoal) { g.Owner = "Alex" })
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
	h.mustSee("By place — home: 1 done, 100% on time")
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
		"## Decisions", "![Burn-up of the objective in focus](progress-2026-11-16-burnup.png)", "| Place | home | 1 | 100% | 0 |"} {
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
