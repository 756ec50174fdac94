package app

import (
	"context"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// searchPlan stores a small nested plan: two objectives, tags and notes on some steps.
func searchPlan(h *harness) {
	h.t.Helper()
	ctx := context.Background()
	o, err := h.st.CreateObjective(ctx, model.Objective{Title: "Finish the novel", Status: model.ObjectiveActive})
	if err != nil {
		h.t.Fatal(err)
	}
	add := func(obj, parent int64, title string, change func(*model.MicroGoal)) int64 {
		g := model.NewMicroGoal(obj, parent, title, clock)
		if change != nil {
			change(&g)
		}
		g, err := h.st.CreateGoal(ctx, g, 0)
		if err != nil {
			h.t.Fatal(err)
		}
		return g.ID
	}
	part := add(o.ID, 0, "Draft part one", nil)
	ch := add(o.ID, part, "Outline chapter one", nil)
	add(o.ID, ch, "Interview a retired detective", func(g *model.MicroGoal) { g.Tags = []string{"research", "@library"} })
	add(o.ID, part, "Read the draft aloud", func(g *model.MicroGoal) { g.Notes = "In the **quiet** room" })
	run, err := h.st.CreateObjective(ctx, model.Objective{Title: "Run a half marathon", Status: model.ObjectiveActive})
	if err != nil {
		h.t.Fatal(err)
	}
	add(run.ID, 0, "Buy running shoes", func(g *model.MicroGoal) { g.Tags = []string{"gear"}; g.Stage = model.StageExecution })
	h.u.reload()
}

// rowDimmed reports whether the row showing title is drawn dimmed (context of a match).
func (h *harness) rowDimmed(title string) bool {
	return h.row(title).title.Importance == widget.LowImportance
}

func TestSearchFiltersOutlineAndKeepsHierarchy(t *testing.T) {
	h := newHarness(t)
	searchPlan(h)
	h.mustOutline("Finish the novel", "  Draft part one", "    Outline chapter one", "      Interview a retired detective",
		"    Read the draft aloud", "Run a half marathon", "  Buy running shoes")

	// Ctrl+F (a menu shortcut, so it works from any entry) puts the cursor in the search.
	h.w.Canvas().Focus(h.u.outline.quickAdd)
	h.menuItem(fyne.KeyF).Action()
	e, ok := h.w.Canvas().Focused().(*searchEntry)
	if !ok {
		t.Fatalf("Ctrl+F focused %T, not the search", h.w.Canvas().Focused())
	}
	test.Type(e, "detective")
	h.mustOutline("Finish the novel", "  Draft part one", "    Outline chapter one", "      Interview a retired detective")
	for _, ctx := range []string{"Finish the novel", "Draft part one", "Outline chapter one"} {
		if !h.rowDimmed(ctx) {
			t.Errorf("ancestor %q is not dimmed", ctx)
		}
	}
	if h.rowDimmed("Interview a retired detective") {
		t.Error("the match is dimmed")
	}
	h.mustSee("1 found")

	// Notes are searched; a tag word filters by tag.
	e.SetText("")
	test.Type(e, "quiet")
	h.mustOutline("Finish the novel", "  Draft part one", "    Read the draft aloud")
	e.SetText("")
	test.Type(e, "#gear")
	h.mustOutline("Run a half marathon", "  Buy running shoes")
	h.mustSee("#gear") // the chip on the row

	// The stage menu filters too.
	e.SetText("")
	h.u.outline.search.stage.SetSelected(stageName(model.StageExecution))
	h.mustOutline("Run a half marathon", "  Buy running shoes")
	h.u.outline.search.stage.SetSelected(anyStage())

	// The filter stays while the match is edited: it stays on screen even once it no longer
	// matches, and the query is kept.
	test.Type(e, "detective")
	h.selectRow("Interview a retired detective")
	title := h.u.detail.goalFields["title"].entry
	title.SetText("")
	h.typeInto(title, "Interview a retired police officer")
	h.submit(title)
	if got := h.storedGoal("Interview a retired police officer"); got.ID == 0 {
		t.Fatal("the edit was not saved")
	}
	if e.Text != "detective" {
		t.Fatalf("the query became %q", e.Text)
	}
	h.mustOutline("Finish the novel", "  Draft part one", "    Outline chapter one", "      Interview a retired police officer")

	// Escape in the search clears it: the whole outline is back.
	h.w.Canvas().Focus(e)
	h.w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.Text != "" {
		t.Fatalf("Escape left %q in the search", e.Text)
	}
	if got := h.outlineTitles(); len(got) != 7 {
		t.Fatalf("after Escape the outline shows %q", got)
	}
	h.mustNotSee("found")
}

// Quick add reads #tags and @places; the detail panel edits them and the notes.
func TestTagsFromQuickAddAndDetail(t *testing.T) {
	h := newHarness(t)
	searchPlan(h)
	h.selectRow("Finish the novel")
	h.typeInto(h.u.outline.quickAdd, "Sketch the antagonist #writing @cafe")
	h.submit(h.u.outline.quickAdd)
	g := h.storedGoal("Sketch the antagonist")
	if !slices.Equal(g.Tags, []string{"writing", "@cafe"}) {
		t.Fatalf("quick add stored tags %q", g.Tags)
	}
	h.mustSee("#writing")
	h.mustSee("@cafe")

	h.selectRow("Sketch the antagonist")
	tags := h.u.detail.goalFields["tags"].entry
	if tags.Text != "#writing @cafe" {
		t.Fatalf("tags field shows %q", tags.Text)
	}
	tags.SetText("")
	h.typeInto(tags, "#writing, 42")
	if h.u.detail.saveBtn.Disabled() == false {
		t.Fatal("a word that is no tag can be saved")
	}
	h.mustSee("“42” is not a tag")
	tags.SetText("")
	h.typeInto(tags, "#writing #villain")
	h.u.detail.goalFields["notes"].set("")
	h.typeInto(h.noteEntry(), "Read [the wiki](https://example.com/villains) **first**")
	test.Tap(h.u.detail.saveBtn)
	g = h.storedGoal("Sketch the antagonist")
	if !slices.Equal(g.Tags, []string{"writing", "villain"}) || g.Notes != "Read [the wiki](https://example.com/villains) **first**" {
		t.Fatalf("saved tags %q notes %q", g.Tags, g.Notes)
	}
	// After saving, the notes show rendered: the link text, not the Markdown.
	h.mustSee("the wiki")
	h.mustNotSee("[the wiki]")
}

// noteEntry is the notes editor of the step's form, on screen.
func (h *harness) noteEntry() *widget.Entry {
	h.t.Helper()
	for _, o := range visible(h.u.detail.goalBox) {
		if e, ok := o.(*formEntry); ok && e.MultiLine && e.PlaceHolder == notesPlaceholder() {
			return &e.Entry
		}
	}
	h.t.Fatal("the notes editor is not on screen")
	return nil
}

// A step's tags show on its calendar item too.
func TestCalendarItemShowsTags(t *testing.T) {
	h := newHarness(t)
	searchPlan(h)
	h.update("Interview a retired detective", func(g *model.MicroGoal) { g.Due = clock })
	cv := h.calendar()
	lines := cellLines(h.cell(cv, model.DateOf(clock, time.UTC)))
	if !slices.Contains(lines, "Interview a retired detective  #research @library") {
		t.Fatalf("the calendar cell shows %q", lines)
	}
}

// The filter stays while steps are dragged in the outline: with a search on, a drag reorders
// the matches among themselves, the hidden steps keep their place in storage, and the
// filtered outline (ancestors dimmed) is still there after the drop.
func TestDragWithSearchOnKeepsHiddenStepsInPlace(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	o, err := h.st.CreateObjective(ctx, model.Objective{Title: "Ship the release", Status: model.ObjectiveActive})
	if err != nil {
		t.Fatal(err)
	}
	add := func(parent int64, title string, tags ...string) int64 {
		g := model.NewMicroGoal(o.ID, parent, title, clock)
		g.Tags = tags
		g, err := h.st.CreateGoal(ctx, g, 0)
		if err != nil {
			t.Fatal(err)
		}
		return g.ID
	}
	prep := add(0, "Prepare the launch")
	add(prep, "Write the release notes", "docs")
	add(prep, "Tag the release")
	add(prep, "Announce the release", "docs")
	add(prep, "Update the website", "docs")
	add(0, "Thank the testers")
	h.u.reload()

	h.menuItem(fyne.KeyF).Action()
	e := h.w.Canvas().Focused().(*searchEntry)
	test.Type(e, "#docs")
	h.mustOutline("Ship the release", "  Prepare the launch", "    Write the release notes", "    Announce the release", "    Update the website")
	if !h.rowDimmed("Prepare the launch") || !h.rowDimmed("Ship the release") {
		t.Fatal("the ancestors of the matches are not dimmed")
	}

	// "Update the website" dragged onto the top edge of "Write the release notes", at the
	// depth of the sub-steps: it becomes the first sub-step.
	unit := theme.Padding() * 4
	h.dragDrop("Update the website", h.rowPoint("Write the release notes", unit*1.5, 0.1))
	h.mustOutline("Ship the release", "  Prepare the launch", "    Update the website", "    Write the release notes", "    Announce the release")
	want := []string{"Ship the release", "  Prepare the launch", "    Update the website", "    Write the release notes",
		"    Tag the release", "    Announce the release", "  Thank the testers"}
	if got := h.storedOrder(); !equalStrings(got, want) {
		t.Fatalf("stored after the first drag %q\nwant %q", got, want)
	}

	// "Write the release notes" dragged below "Announce the release": it lands after it, and
	// the hidden "Tag the release" stays between "Update the website" and "Announce".
	h.dragDrop("Write the release notes", h.rowPoint("Announce the release", unit*1.5, 0.9))
	want = []string{"Ship the release", "  Prepare the launch", "    Update the website", "    Tag the release",
		"    Announce the release", "    Write the release notes", "  Thank the testers"}
	if got := h.storedOrder(); !equalStrings(got, want) {
		t.Fatalf("stored after the second drag %q\nwant %q", got, want)
	}

	// The filter is still on, with its query, its matches and its dimmed ancestors.
	if e.Text != "#docs" {
		t.Fatalf("the query became %q", e.Text)
	}
	h.mustOutline("Ship the release", "  Prepare the launch", "    Update the website", "    Announce the release", "    Write the release notes")
	if !h.rowDimmed("Prepare the launch") || h.rowDimmed("Write the release notes") {
		t.Fatal("the dimming did not survive the drag")
	}
	h.mustSee("3 found")

	// Ctrl+Z puts the last move back, filter still on.
	h.press(fyne.KeyZ, fyne.KeyModifierControl)
	h.mustOutline("Ship the release", "  Prepare the launch", "    Update the website", "    Write the release notes", "    Announce the release")
	if e.Text != "#docs" {
		t.Fatalf("undo cleared the query: %q", e.Text)
	}
}
