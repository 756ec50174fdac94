package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/microgoals/microgoals/model"
)

// pointer is an absolute position in the window.
type pointer = fyne.Position

// rowPoint is the absolute point at fraction fy of a row's height, x pixels into the list.
func (h *harness) rowPoint(title string, x, fy float32) pointer {
	h.t.Helper()
	r := h.row(title)
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(r)
	list := fyne.CurrentApp().Driver().AbsolutePositionForObject(h.u.outline.list)
	return fyne.NewPos(list.X+x, abs.Y+r.Size().Height*fy)
}

// dragTo presses on a row, moves in steps to the target and holds there (no release).
func (h *harness) dragTo(title string, to pointer) *rowView {
	h.t.Helper()
	h.u.outline.manualEdgeScroll = true
	r := h.row(title)
	from := fyne.CurrentApp().Driver().AbsolutePositionForObject(r).AddXY(60, r.Size().Height/2)
	const steps = 5
	for i := 1; i <= steps; i++ {
		f := float32(i) / steps
		p := fyne.NewPos(from.X+(to.X-from.X)*f, from.Y+(to.Y-from.Y)*f)
		r.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: p}})
	}
	return r
}

// dragDrop drags a row to a point and releases it there.
func (h *harness) dragDrop(title string, to pointer) {
	h.t.Helper()
	h.dragTo(title, to).DragEnd()
}

func (h *harness) mustOutline(want ...string) {
	h.t.Helper()
	if got := h.outlineTitles(); !equalStrings(got, want) {
		h.t.Fatalf("outline = %q\nwant      %q", got, want)
	}
}

// storedOrder is the stored tree of objective obj, depth first, indented as the outline is.
func (h *harness) storedOrder() []string {
	h.t.Helper()
	out := h.stored()
	tree := model.NewTree(out.Goals)
	var lines []string
	var walk func(obj, parent int64, depth int)
	walk = func(obj, parent int64, depth int) {
		for _, id := range tree.Children(obj, parent) {
			g, _ := tree.Goal(id)
			lines = append(lines, strings.Repeat("  ", depth)+g.Title)
			walk(obj, id, depth+1)
		}
	}
	for _, o := range out.Objectives {
		lines = append(lines, o.Title)
		walk(o.ID, 0, 1)
	}
	return lines
}

func abcPlan(t *testing.T) *harness {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes", "Tag the release", "Announce the release")
	return h
}

func TestDragReordersSiblingsAndSurvivesRestart(t *testing.T) {
	h := abcPlan(t)
	h.dragDrop("Announce the release", h.rowPoint("Write the release notes", 40, 0.1))
	want := []string{"Ship the Microgoals 1.0 release", "  Announce the release", "  Write the release notes", "  Tag the release"}
	h.mustOutline(want...)
	h.reopen()
	h.mustOutline(want...)
	if got := h.storedOrder(); !equalStrings(got, want) {
		t.Fatalf("stored order = %q", got)
	}
}

func TestDragShowsInsertionLineAndGhostWhileMoving(t *testing.T) {
	h := abcPlan(t)
	h.dragTo("Announce the release", h.rowPoint("Write the release notes", 40, 0.1))
	ov := h.u.outline.overlay
	if !ov.line.Visible() || ov.highlight.Visible() {
		t.Fatal("a gap target shows the insertion line only")
	}
	if !ov.ghost.Visible() || ov.ghostText.Text != "Announce the release" {
		t.Fatalf("the ghost should follow the pointer with the title, got %q", ov.ghostText.Text)
	}
	first := h.row("Write the release notes")
	lineY := ov.line.Position().Y
	rowTop := fyne.CurrentApp().Driver().AbsolutePositionForObject(first).Y - fyne.CurrentApp().Driver().AbsolutePositionForObject(h.u.outline.list).Y
	if lineY > rowTop || lineY < rowTop-theme.Padding()*2-2 {
		t.Errorf("insertion line at %v, want just above the first step's top %v", lineY, rowTop)
	}
	h.dragTo("Announce the release", h.rowPoint("Tag the release", 40, 0.5))
	if !ov.highlight.Visible() || ov.line.Visible() {
		t.Fatal("over the middle of a row the row is highlighted as the new parent")
	}
	h.u.outline.dragEnd()
}

func TestDragOntoAStepNestsItWithItsSubSteps(t *testing.T) {
	h := abcPlan(t)
	tag := h.storedGoal("Tag the release")
	if !h.u.createGoal(tag.ObjectiveID, tag.ID, 0, "Sign the release tag") {
		t.Fatal("sub-step")
	}
	h.dragDrop("Tag the release", h.rowPoint("Write the release notes", 40, 0.5))
	want := []string{"Ship the Microgoals 1.0 release", "  Write the release notes", "    Tag the release", "      Sign the release tag", "  Announce the release"}
	h.mustOutline(want...)
	h.reopen()
	if got := h.storedOrder(); !equalStrings(got, want) {
		t.Fatalf("stored order = %q", got)
	}
}

func TestDragToAShallowerPositionLiftsTheStep(t *testing.T) {
	h := abcPlan(t)
	h.selectRow("Tag the release")
	h.u.moveSelected(fyne.KeyRight) // Tag under Write
	h.mustOutline("Ship the Microgoals 1.0 release", "  Write the release notes", "    Tag the release", "  Announce the release")
	// Into the gap below "Tag", with the pointer at the top level's indent.
	h.dragDrop("Tag the release", h.rowPoint("Tag the release", 2, 0.9))
	h.mustOutline("Ship the Microgoals 1.0 release", "  Write the release notes", "  Tag the release", "  Announce the release")
}

func TestDragUnderAnotherObjectiveMovesIt(t *testing.T) {
	h := abcPlan(t)
	seed(h, "Run a half marathon in under 2 hours", "Run 5 km at an easy pace")
	h.dragDrop("Tag the release", h.rowPoint("Run a half marathon in under 2 hours", 40, 0.5))
	h.mustOutline("Ship the Microgoals 1.0 release", "  Write the release notes", "  Announce the release",
		"Run a half marathon in under 2 hours", "  Run 5 km at an easy pace", "  Tag the release")
	h.reopen()
	g := h.storedGoal("Tag the release")
	run := h.stored().Objectives[1]
	if g.ObjectiveID != run.ID || g.ParentID != 0 {
		t.Fatalf("stored: %+v", g)
	}
}

func TestEscapeCancelsAndDroppingInPlaceChangesNothing(t *testing.T) {
	h := abcPlan(t)
	before := h.storedOrder()
	h.dragTo("Announce the release", h.rowPoint("Write the release notes", 40, 0.1))
	h.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.u.outline.overlay.line.Visible() {
		t.Fatal("Escape should hide the insertion line")
	}
	h.u.outline.dragEnd()
	h.mustSee("Move cancelled.")
	if got := h.storedOrder(); !equalStrings(got, before) {
		t.Fatalf("cancelled drag changed the order: %q", got)
	}
	undoDepth := len(h.u.undo.entries)
	h.dragDrop("Tag the release", h.rowPoint("Tag the release", 40, 0.2))
	if got := h.storedOrder(); !equalStrings(got, before) || len(h.u.undo.entries) != undoDepth {
		t.Fatalf("dropping where it started changed something: %q", got)
	}
}

func TestImpossibleDropsAreRefusedVisibly(t *testing.T) {
	h := abcPlan(t)
	h.selectRow("Tag the release")
	h.u.moveSelected(fyne.KeyRight) // Tag under Write
	before := h.storedOrder()
	h.dragTo("Write the release notes", h.rowPoint("Tag the release", 40, 0.5))
	if h.u.outline.drag.target.err == nil {
		t.Fatal("dropping a step into its own sub-step must be refused while dragging")
	}
	h.u.outline.dragEnd()
	h.mustSee("Cannot move it there")
	if got := h.storedOrder(); !equalStrings(got, before) {
		t.Fatalf("refused drop changed the order: %q", got)
	}

	// A chain as deep as allowed: nothing may go under its last step.
	parent := h.storedGoal("Announce the release")
	for d := 2; d <= model.MaxDepth; d++ {
		title := fmt.Sprintf("Check level %d of the chain", d)
		if !h.u.createGoal(parent.ObjectiveID, parent.ID, 0, title) {
			t.Fatal("chain")
		}
		parent = h.storedGoal(title)
	}
	h.u.outline.list.ScrollToBottom()
	h.dragDrop("Write the release notes", h.rowPoint(parent.Title, 40, 0.5))
	h.mustSee("nest at most")
}

func TestUndoPutsAMoveBack(t *testing.T) {
	h := abcPlan(t)
	before := h.storedOrder()
	h.dragDrop("Announce the release", h.rowPoint("Write the release notes", 40, 0.1))
	h.u.undoLast()
	if got := h.storedOrder(); !equalStrings(got, before) {
		t.Fatalf("after undo: %q", got)
	}
	h.mustOutline(before...)
}

func TestKeyboardMovesKeepTheSelection(t *testing.T) {
	h := abcPlan(t)
	menu := map[string]*fyne.MenuItem{}
	for _, m := range h.u.win.MainMenu().Items {
		for _, it := range m.Items {
			menu[it.Label] = it
		}
	}
	for label, key := range map[string]fyne.KeyName{"Move up": fyne.KeyUp, "Move down": fyne.KeyDown, "Nest under the step above": fyne.KeyRight, "Lift one level": fyne.KeyLeft} {
		it := menu[label]
		sc, ok := it.Shortcut.(interface{ ShortcutName() string })
		if it == nil || !ok || !strings.Contains(sc.ShortcutName(), "Alt") || !strings.Contains(sc.ShortcutName(), string(key)) {
			t.Fatalf("menu item %q should have Alt+%s, got %+v", label, key, it)
		}
	}
	h.selectRow("Announce the release")
	menu["Move up"].Action()
	h.mustOutline("Ship the Microgoals 1.0 release", "  Write the release notes", "  Announce the release", "  Tag the release")
	menu["Nest under the step above"].Action()
	h.mustOutline("Ship the Microgoals 1.0 release", "  Write the release notes", "    Announce the release", "  Tag the release")
	menu["Lift one level"].Action()
	menu["Move down"].Action()
	h.mustOutline("Ship the Microgoals 1.0 release", "  Write the release notes", "  Tag the release", "  Announce the release")
	if h.u.outline.selected != goalKey(h.storedGoal("Announce the release").ID) {
		t.Fatalf("selection moved to %s", h.u.outline.selected)
	}
	menu["Move down"].Action()
	h.mustSee("already the last step")
}

func TestListScrollsByItselfNearTheBottomEdge(t *testing.T) {
	h := newHarness(t)
	var steps []string
	for i := 1; i <= 60; i++ {
		steps = append(steps, fmt.Sprintf("Write section %d of the guide", i))
	}
	seed(h, "Write the user guide", steps...)
	h.u.outline.list.ScrollToTop()
	list := h.u.outline.list
	bottom := fyne.CurrentApp().Driver().AbsolutePositionForObject(list).AddXY(40, list.Size().Height-5)
	h.dragTo("Write section 2 of the guide", bottom)
	off := list.GetScrollOffset()
	for i := 0; i < 10; i++ {
		h.u.outline.edgeScroll()
	}
	if list.GetScrollOffset() <= off {
		t.Fatalf("the list did not scroll: offset %v → %v", off, list.GetScrollOffset())
	}
	h.u.outline.cancelDrag()
	h.u.outline.dragEnd()
}

// TestMovesKeepTheWindowInStepWithStorage checks the patched-in refresh after moves against a
// full re-read: many moves, including ones that renumber the siblings, must leave the window's
// plan equal to the stored one.
func TestMovesKeepTheWindowInStepWithStorage(t *testing.T) {
	h := newHarness(t)
	var steps []string
	for i := 1; i <= 8; i++ {
		steps = append(steps, fmt.Sprintf("Write section %d of the guide", i))
	}
	seed(h, "Write the user guide", steps...)
	obj := h.u.data.Objectives[0].ID
	for i := 0; i < 60; i++ { // the same spot over and over: the gap runs out and renumbers
		kids := h.u.tree.Children(obj, 0)
		if !h.u.moveGoal(kids[len(kids)-1], placement{objectiveID: obj, beforeID: kids[1]}) {
			t.Fatal("move refused")
		}
	}
	h.selectRow("Write section 3 of the guide")
	h.u.moveSelected(fyne.KeyRight)
	window := h.outlineTitles()
	if got := h.storedOrder(); !equalStrings(got, window) {
		t.Fatalf("window %q\nstored %q", window, got)
	}
}
