package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// clock is the injected time of the UI tests: a Wednesday morning.
var clock = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

type harness struct {
	t    *testing.T
	path string
	st   *storage.Store
	u    *UI
	w    fyne.Window
}

// newHarness opens the main window headless on a fresh SQLite file in a temp dir.
func newHarness(t *testing.T) *harness {
	t.Helper()
	h := &harness{t: t, path: filepath.Join(t.TempDir(), "plan.db")}
	h.open()
	return h
}

func (h *harness) open() {
	h.t.Helper()
	st, err := storage.Open(h.path, storage.Options{Location: time.UTC, Now: func() time.Time { return clock }})
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { st.Close() })
	a := test.NewTempApp(h.t)
	h.st = st
	h.u = New(a, st, Config{Now: func() time.Time { return clock }, Location: time.UTC})
	if err := h.u.Load(); err != nil {
		h.t.Fatal(err)
	}
	h.w = h.u.Window()
	h.w.Resize(fyne.NewSize(1200, 800))
}

// reopen closes the store and opens the same file again, as a restart does.
func (h *harness) reopen() {
	h.t.Helper()
	if err := h.st.Close(); err != nil {
		h.t.Fatal(err)
	}
	h.open()
}

// visible is every object the user can see under root, parents before children: hidden
// objects and everything inside them are left out.
func visible(root fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		out = append(out, o)
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(root)
	return out
}

// texts is every piece of text visible in the window (and its overlays), in layout order.
func (h *harness) texts() []string {
	var out []string
	roots := []fyne.CanvasObject{h.w.Content()}
	roots = append(roots, h.w.Canvas().Overlays().List()...)
	for _, root := range roots {
		for _, o := range visible(root) {
			if x, ok := o.(*canvas.Text); ok && x.Text != "" {
				out = append(out, x.Text)
			}
		}
	}
	return out
}

func (h *harness) sees(s string) bool {
	for _, t := range h.texts() {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

func (h *harness) mustSee(s string) {
	h.t.Helper()
	if !h.sees(s) {
		h.t.Fatalf("the window does not show %q; it shows %q", s, h.texts())
	}
}

func (h *harness) mustNotSee(s string) {
	h.t.Helper()
	if h.sees(s) {
		h.t.Fatalf("the window still shows %q", s)
	}
}

// outlineTitles is the titles of the outline's rows on screen, indented two spaces a level.
func (h *harness) outlineTitles() []string {
	var out []string
	for _, o := range visible(h.u.outline.list) {
		if r, ok := o.(*rowView); ok && r.title.Text != "" {
			out = append(out, strings.Repeat("  ", int(r.row.depth))+r.title.Text)
		}
	}
	return out
}

// row finds the row on screen showing title.
func (h *harness) row(title string) *rowView {
	h.t.Helper()
	for _, o := range visible(h.u.outline.list) {
		if r, ok := o.(*rowView); ok && r.title.Text == title {
			return r
		}
	}
	h.t.Fatalf("no row shows %q; rows: %q", title, h.outlineTitles())
	return nil
}

// selectRow taps a row as the user does.
func (h *harness) selectRow(title string) {
	h.t.Helper()
	r := h.row(title)
	for _, o := range visible(h.u.outline.list) {
		if item, ok := o.(fyne.Tappable); ok && o != fyne.CanvasObject(r) && containsObject(o, r) {
			test.Tap(item)
			return
		}
	}
	h.t.Fatalf("row %q is not tappable", title)
}

func containsObject(parent, child fyne.CanvasObject) bool {
	for _, o := range visible(parent)[1:] {
		if o == child {
			return true
		}
	}
	return false
}

func (h *harness) stored() storage.Outline {
	h.t.Helper()
	out, err := h.st.LoadOutline(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return out
}

func (h *harness) storedGoal(title string) model.MicroGoal {
	h.t.Helper()
	for _, g := range h.stored().Goals {
		if g.Title == title {
			return g
		}
	}
	h.t.Fatalf("storage holds no micro-goal %q", title)
	return model.MicroGoal{}
}

func (h *harness) typeInto(e *widget.Entry, s string) {
	h.w.Canvas().Focus(e)
	test.Type(e, s)
}

func (h *harness) submit(e *widget.Entry) {
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFirstRunWritesObjectiveAndFirstSteps(t *testing.T) {
	h := newHarness(t)
	h.mustSee("What do you want to achieve?")
	f := h.u.firstRun
	if h.u.win.Canvas().Focused() != f.objective {
		t.Fatal("the first run does not put the cursor in the objective's entry")
	}
	if !f.nextBtn.Disabled() {
		t.Fatal("Next should wait for an objective")
	}
	h.typeInto(f.objective, "Get fit, learn Spanish, write a book")
	h.mustSee("reads like a list")
	f.objective.SetText("")
	h.typeInto(f.objective, "Finish the first draft of my novel by March")
	test.Tap(f.nextBtn)
	h.mustSee("What are the first small steps for tomorrow?")
	h.mustSee("“Finish the first draft of my novel by March”")
	h.typeInto(f.goals[0], "Write the opening scene of chapter 1")
	h.typeInto(f.goals[1], "Outline chapters 2 to 4")
	h.submit(f.goals[1])

	want := []string{"Finish the first draft of my novel by March", "  Write the opening scene of chapter 1", "  Outline chapters 2 to 4"}
	if got := h.outlineTitles(); !equalStrings(got, want) {
		t.Fatalf("outline = %q, want %q", got, want)
	}
	h.mustSee("Tomorrow")
	h.mustSee("0 / 2 done")

	h.reopen()
	if got := h.outlineTitles(); !equalStrings(got, want) {
		t.Fatalf("after reopening, outline = %q, want %q", got, want)
	}
	g := h.storedGoal("Outline chapters 2 to 4")
	if !g.Due.Equal(time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)) || g.DueHasTime || g.Horizon != model.HorizonDay {
		t.Errorf("first steps should be daily milestones due tomorrow, got %+v", g)
	}
}

// seed writes an objective with steps through the UI's own quick add.
func seed(h *harness, objective string, steps ...string) {
	h.t.Helper()
	if !h.u.createObjective(objective) {
		h.t.Fatal("could not create objective")
	}
	for _, s := range steps {
		h.typeInto(h.u.outline.quickAdd, s)
		h.submit(h.u.outline.quickAdd)
	}
}

func TestQuickAddMarkDoneEditDeleteRestore(t *testing.T) {
	h := newHarness(t)
	seed(h, "Run a half marathon in under 2 hours", "Run 5 km easy on Monday", "Book the race entry", "Buy running shoes")
	// Quick add reads "on Monday" as the due date (calendar_test.go checks the date).
	want := []string{"Run a half marathon in under 2 hours", "  Run 5 km easy", "  Book the race entry", "  Buy running shoes"}
	if got := h.outlineTitles(); !equalStrings(got, want) {
		t.Fatalf("outline = %q, want %q", got, want)
	}

	// Mark one done with the row's check button.
	test.Tap(h.row("Book the race entry").status)
	if g := h.storedGoal("Book the race entry"); g.Status != model.StatusDone || g.DoneAt.IsZero() {
		t.Fatalf("stored after mark done: %+v", g)
	}
	h.mustSee("1 / 3 done")

	// Edit it in the detail panel.
	h.selectRow("Buy running shoes")
	d := h.u.detail
	title := d.goalFields["title"].entry
	if title.Text != "Buy running shoes" {
		t.Fatalf("detail shows %q", title.Text)
	}
	title.SetText("")
	h.typeInto(title, "Buy trail running shoes in size 44")
	due := d.goalFields["due"].entry
	h.typeInto(due, "2026-02-30")
	h.mustSee("2026-02 has 28 days")
	if !d.saveBtn.Disabled() {
		t.Fatal("Save must be disabled while the date is impossible")
	}
	due.SetText("")
	h.typeInto(due, "2026-11-28")
	h.typeInto(d.goalFields["dueTime"].entry, "17:30")
	h.typeInto(d.goalFields["doneWhen"].entry, "Receipt in the drawer")
	test.Tap(d.saveBtn)
	if got := h.outlineTitles()[3]; got != "  Buy trail running shoes in size 44" {
		t.Fatalf("outline row after edit = %q", got)
	}
	h.mustSee("Sat 17:30")
	g := h.storedGoal("Buy trail running shoes in size 44")
	if !g.DueHasTime || !g.Due.Equal(time.Date(2026, 11, 28, 17, 30, 0, 0, time.UTC)) || g.DoneWhen != "Receipt in the drawer" {
		t.Fatalf("stored after edit: %+v", g)
	}

	// Delete it, see it gone, restore it from the trash.
	h.selectRow("Buy trail running shoes in size 44")
	h.u.deleteSelected()
	h.mustSee("Moved “Buy trail running shoes in size 44” to the trash")
	if got := h.outlineTitles(); len(got) != 3 {
		t.Fatalf("after delete, outline = %q", got)
	}
	items, err := h.st.Trash(context.Background())
	if err != nil || len(items) != 1 {
		t.Fatalf("trash = %v, %v", items, err)
	}
	if !h.u.restore(items[0]) {
		t.Fatal("restore failed")
	}
	if got := h.outlineTitles(); len(got) != 4 || got[3] != "  Buy trail running shoes in size 44" {
		t.Fatalf("after restore, outline = %q", got)
	}

	h.reopen()
	if got := h.outlineTitles(); !equalStrings(got, []string{"Run a half marathon in under 2 hours", "  Run 5 km easy", "  Book the race entry", "  Buy trail running shoes in size 44"}) {
		t.Fatalf("after reopening, outline = %q", got)
	}
	if g := h.storedGoal("Book the race entry"); g.Status != model.StatusDone {
		t.Fatalf("done status lost on reopen: %+v", g)
	}
}

func TestUndoPutsBackTheLastChanges(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes", "Tag the release")
	test.Tap(h.row("Tag the release").status)
	h.selectRow("Write the release notes")
	h.u.deleteSelected()
	if got := h.outlineTitles(); len(got) != 2 {
		t.Fatalf("after delete: %q", got)
	}
	h.u.undoLast() // the delete
	if got := h.outlineTitles(); len(got) != 3 {
		t.Fatalf("undo of delete: %q", got)
	}
	h.u.undoLast() // the mark done
	if g := h.storedGoal("Tag the release"); g.Status != model.StatusOpen {
		t.Fatalf("undo of mark done: %+v", g)
	}
	h.u.undoLast() // the creation of "Tag the release"
	if got := h.outlineTitles(); !equalStrings(got, []string{"Ship the Microgoals 1.0 release", "  Write the release notes"}) {
		t.Fatalf("undo of creation: %q", got)
	}
	if h.u.undoItem.Label != "Undo add the micro-goal" {
		t.Errorf("undo menu item = %q", h.u.undoItem.Label)
	}
}

func TestSubStepsNestAndCollapse(t *testing.T) {
	h := newHarness(t)
	seed(h, "Learn conversational Spanish", "Finish unit 1 of the course")
	parent := h.storedGoal("Finish unit 1 of the course")
	if !h.u.createGoal(parent.ObjectiveID, parent.ID, 0, "Learn the 50 words of unit 1") {
		t.Fatal("sub-step")
	}
	child := h.storedGoal("Learn the 50 words of unit 1")
	if !h.u.createGoal(child.ObjectiveID, child.ID, 0, "Review 10 flash cards a day") {
		t.Fatal("sub-sub-step")
	}
	want := []string{"Learn conversational Spanish", "  Finish unit 1 of the course", "    Learn the 50 words of unit 1", "      Review 10 flash cards a day"}
	if got := h.outlineTitles(); !equalStrings(got, want) {
		t.Fatalf("outline = %q, want %q", got, want)
	}
	test.Tap(h.row("Finish unit 1 of the course").expander)
	if got := h.outlineTitles(); len(got) != 2 {
		t.Fatalf("collapsed outline = %q", got)
	}
	test.Tap(h.row("Finish unit 1 of the course").expander)
	if got := h.outlineTitles(); len(got) != 4 {
		t.Fatalf("expanded outline = %q", got)
	}
}

func TestBadTitlesGetClearMessagesAndLoseNothing(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes")
	h.submit(h.u.outline.quickAdd)
	h.mustSee("Type what you will do")
	huge := strings.Repeat("very long title ", 30)
	h.typeInto(h.u.outline.quickAdd, huge)
	h.submit(h.u.outline.quickAdd)
	h.mustSee("keep it to 200")
	if h.u.outline.quickAdd.Text != huge {
		t.Fatal("the refused text must stay in the entry")
	}
	if got := h.outlineTitles(); len(got) != 2 {
		t.Fatalf("nothing should be added: %q", got)
	}

	// An invalid edit left behind is kept as a draft, not saved and not lost.
	h.selectRow("Write the release notes")
	title := h.u.detail.goalFields["title"].entry
	title.SetText("")
	h.mustSee("Give the micro-goal a title")
	h.selectRow("Ship the Microgoals 1.0 release")
	h.mustSee("Your unsaved edits are kept")
	if g := h.storedGoal("Write the release notes"); g.Title != "Write the release notes" {
		t.Fatalf("invalid edit was saved: %+v", g)
	}
	h.selectRow("Write the release notes")
	if title.Text != "" {
		t.Fatalf("draft lost: title = %q", title.Text)
	}
}

func TestSMARTBadgesAndHintsShow(t *testing.T) {
	h := newHarness(t)
	seed(h, "Run a half marathon in under 2 hours", "shoes")
	h.selectRow("shoes")
	h.mustSee("2 of 5 pass")
	var failing []string
	for i, l := range h.u.detail.smart.letters {
		if l.Color != h.u.detail.smart.letters[model.Achievable].Color {
			failing = append(failing, model.SMARTLetters[i])
		}
	}
	if strings.Join(failing, "") != "SMT" {
		t.Errorf("letters coloured as failing: %v, want S M T", failing)
	}
	h.mustSee("S: Start with an action verb")
	h.mustSee("T: Give it a due date")
}

func TestWindowSizeIsRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("x")
	w.Resize(fyne.NewSize(900, 640))
	rememberWindowSize(a, w)
	w2 := a.NewWindow("y")
	restoreWindowSize(a, w2)
	if s := w2.Canvas().Size(); s.Width != 900 || s.Height != 640 {
		t.Fatalf("restored size = %v", s)
	}
}

func TestTryAnExampleFillsTheOutline(t *testing.T) {
	h := newHarness(t)
	var example *widget.Button
	for _, o := range visible(h.w.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Try an example" {
			example = b
		}
	}
	if example == nil {
		t.Fatal("the first-run screen has no “Try an example” button")
	}
	test.Tap(example)
	h.mustSee("This is an example plan")
	out := h.stored()
	// One coherent objective with its first steps (keys_test.go checks they pass SMART).
	if len(out.Objectives) != 1 || len(out.Goals) < 5 {
		t.Fatalf("example plan: %d objectives, %d goals", len(out.Objectives), len(out.Goals))
	}
	if got := h.outlineTitles(); len(got) < 5 || got[0] != out.Objectives[0].Title {
		t.Fatalf("outline after the example: %q", got)
	}
}

func TestFullDiskMessageIsPlain(t *testing.T) {
	h := newHarness(t)
	seed(h, "Write a book")
	h.u.showError("Could not save “Write a book”", fmt.Errorf("update: %w", storage.ErrDiskFull))
	// The banner wraps its text: the words are checked in its label.
	if !h.u.messageBx.Visible() || !strings.Contains(h.u.message.Text, "the disk is full. Nothing was lost: free some space and try again.") {
		t.Fatalf("the banner shows %q", h.u.message.Text)
	}
}

func TestValidEditsAreSavedWhenTheSelectionMoves(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes", "Tag the release")
	h.selectRow("Write the release notes")
	title := h.u.detail.goalFields["title"].entry
	title.SetText("")
	h.typeInto(title, "Write the release notes for 1.0")
	h.selectRow("Tag the release")
	h.mustOutline("Ship the Microgoals 1.0 release", "  Write the release notes for 1.0", "  Tag the release")
	if g := h.storedGoal("Write the release notes for 1.0"); g.Title == "" {
		t.Fatal("not stored")
	}
	if got := h.u.detail.goalFields["title"].entry.Text; got != "Tag the release" {
		t.Fatalf("the detail panel shows %q, want the newly selected step", got)
	}
	h.u.undoLast()
	h.mustOutline("Ship the Microgoals 1.0 release", "  Write the release notes", "  Tag the release")
}

// No tab may need a window wider or taller than the one the app opens with: Fyne would grow
// the window past the screen of a small laptop.
func TestEveryTabFitsTheDefaultWindow(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the release", "Write the notes", "Tag the build")
	for _, name := range []string{"Outline", "Today", "Calendar", "Charts", "Reviews"} {
		if name == "Outline" {
			h.u.tabs.selectTab(0)
		} else {
			h.u.selectView(name)
		}
		if m := h.u.win.Content().MinSize(); m.Width > defaultWindowSize.Width || m.Height > defaultWindowSize.Height {
			t.Errorf("the %s tab needs %.0f×%.0f, more than the default window %.0f×%.0f", name, m.Width, m.Height, defaultWindowSize.Width, defaultWindowSize.Height)
		}
	}
}
