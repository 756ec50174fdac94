package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// chooserHome gives the test a home folder of its own (with Documents), so the chooser starts
// there and nothing is written outside the temp dir.
func chooserHome(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	if err := os.Mkdir(filepath.Join(home, "Documents"), 0o755); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(home, "Documents")
}

// chooser is the file chooser on top of the window, or nil.
func (h *harness) chooser() *fileChooser {
	h.t.Helper()
	c, _ := h.u.topDialog.(*fileChooser)
	if c == nil || h.w.Canvas().Overlays().Top() == nil {
		return nil
	}
	return c
}

// tabTo presses Tab until a widget of the wanted kind has the keyboard.
func tabTo[T any](h *harness) T {
	h.t.Helper()
	for i := 0; i < 20; i++ {
		h.tab()
		if f, ok := h.w.Canvas().Focused().(T); ok {
			return f
		}
	}
	var zero T
	h.t.Fatalf("Tab never reached a %T; the focus is on %T", zero, h.w.Canvas().Focused())
	return zero
}

func TestFileChooserSavesWithEnterAndCancelsWithEscape(t *testing.T) {
	docs := chooserHome(t)
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes")
	if err := os.WriteFile(filepath.Join(docs, "notes.txt"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(docs, "Old plans"), 0o755); err != nil {
		t.Fatal(err)
	}
	quick := h.u.outline.quickAdd
	open := func() *fileChooser {
		t.Helper()
		h.w.Canvas().Focus(quick)
		menuItemLabeled(h.w, "Export/Everything (JSON)…").Action()
		c := h.chooser()
		if c == nil {
			t.Fatal("File › Export › Everything opened no file chooser")
		}
		if h.w.Canvas().Focused() != fyne.Focusable(c.name) {
			t.Fatalf("the keyboard is on %T, not in the file name", h.w.Canvas().Focused())
		}
		return c
	}
	written := func() []string {
		es, _ := os.ReadDir(docs)
		var out []string
		for _, e := range es {
			if strings.HasSuffix(e.Name(), ".json") {
				out = append(out, e.Name())
			}
		}
		return out
	}
	closed := func(what string) {
		t.Helper()
		if h.w.Canvas().Overlays().Top() != nil || h.u.topDialog != nil {
			t.Fatalf("%s left the chooser open", what)
		}
		if h.w.Canvas().Focused() != fyne.Focusable(quick) {
			t.Fatalf("after %s the keyboard is on %T, not back in quick add", what, h.w.Canvas().Focused())
		}
	}

	// It opens in Documents, folders first, only JSON files listed; the name is offered.
	c := open()
	if c.dir != docs || c.name.Text != "microgoals-2026-11-25.json" {
		t.Fatalf("chooser in %q offering %q", c.dir, c.name.Text)
	}
	if len(c.items) != 1 || c.items[0].name != "Old plans" || !c.items[0].dir {
		t.Fatalf("listed %v", c.items)
	}
	// Escape in the name field cancels, writes nothing.
	h.keyDown(fyne.KeyEscape)
	closed("Escape in the name")
	// Escape from the list and from a button too.
	open()
	tabTo[*chooserList](h)
	h.keyDown(fyne.KeyEscape)
	closed("Escape in the list")
	open()
	tabTo[*chooserButton](h)
	h.keyDown(fyne.KeyEscape)
	closed("Escape on a button")
	if got := written(); len(got) != 0 {
		t.Fatalf("cancelling wrote %v", got)
	}

	// An empty name and a missing folder are told in the dialog, which stays open.
	c = open()
	h.press(fyne.KeyA, ctrl)
	h.keyDown(fyne.KeyBackspace)
	h.keyDown(fyne.KeyReturn)
	h.mustSee("Type a name for the file.")
	h.typeKeys("/no/such/folder/plan.json")
	h.keyDown(fyne.KeyReturn)
	h.mustSee("The folder /no/such/folder does not exist.")
	if h.chooser() != c || c.name.Text != "/no/such/folder/plan.json" {
		t.Fatalf("a missing folder closed the chooser or lost the name (%q)", c.name.Text)
	}
	// A folder nobody may write in (not even root).
	h.press(fyne.KeyA, ctrl)
	h.typeKeys("/proc/plan.json")
	h.keyDown(fyne.KeyReturn)
	h.mustSee("Cannot save in /proc: choose another folder.")
	// The typed name replaces the offered one, the extension is added, Enter saves.
	h.press(fyne.KeyA, ctrl)
	h.typeKeys("plan")
	h.keyDown(fyne.KeyReturn)
	h.u.workers.wg.Wait()
	closed("saving")
	data, err := os.ReadFile(filepath.Join(docs, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version    int               `json:"version"`
		Objectives []json.RawMessage `json:"objectives"`
	}
	if err := json.Unmarshal(data, &doc); err != nil || doc.Version != 2 || len(doc.Objectives) != 1 {
		t.Fatalf("export: version %d, %d objectives, %v", doc.Version, len(doc.Objectives), err)
	}

	// The same name again asks first; Escape keeps the file, Enter replaces it.
	if err := os.WriteFile(filepath.Join(docs, "plan.json"), []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	c = open()
	if c.dir != docs {
		t.Fatalf("the last folder was not remembered: %q", c.dir)
	}
	h.typeKeys("plan.json")
	h.keyDown(fyne.KeyReturn)
	h.mustSee("plan.json already exists. Replace it?")
	h.keyDown(fyne.KeyEscape)
	if h.chooser() != c || h.w.Canvas().Focused() != fyne.Focusable(c.name) {
		t.Fatalf("Escape in the question closed the chooser or lost the focus (%T)", h.w.Canvas().Focused())
	}
	if b, _ := os.ReadFile(filepath.Join(docs, "plan.json")); string(b) != "old" {
		t.Fatal("the file was replaced without a yes")
	}
	h.keyDown(fyne.KeyReturn)
	h.keyDown(fyne.KeyReturn) // the question has no focused field: Enter confirms it
	h.u.workers.wg.Wait()
	closed("replacing")
	if b, _ := os.ReadFile(filepath.Join(docs, "plan.json")); !strings.Contains(string(b), `"version": 2`) {
		t.Fatalf("the file was not replaced: %.40q", b)
	}
}

func TestFileChooserBrowsesByKeyboardAndOpensForImport(t *testing.T) {
	chooserHome(t)
	src := newHarness(t)
	seed(src, "Ship the Microgoals 1.0 release", "Write the release notes", "Tag the release")
	dir := filepath.Join(t.TempDir(), "exports")
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "backup.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := src.st.ExportJSON(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, n := range []string{"notes.csv", "a.ics"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}

	h := newHarness(t)
	seed(h, "Learn Go")
	menuItemLabeled(h.w, "Import/Everything (JSON)…").Action()
	c := h.chooser()
	if c == nil || h.w.Canvas().Focused() != fyne.Focusable(c.name) {
		t.Fatalf("no chooser with the keyboard in its name field (%T)", h.w.Canvas().Focused())
	}
	// A folder typed into the name field is entered; only folders and JSON files are listed.
	h.typeKeys(dir)
	h.keyDown(fyne.KeyReturn)
	if c.dir != dir || len(c.items) != 2 || c.items[0].name != "sub" || c.items[1].name != "backup.json" {
		t.Fatalf("in %q listing %v", c.dir, c.items)
	}
	// Into the list: Enter on "sub" enters it, Backspace comes back, Down and Enter opens.
	tabTo[*chooserList](h)
	h.keyDown(fyne.KeyReturn)
	if c.dir != filepath.Join(dir, "sub") {
		t.Fatalf("Enter on the folder went to %q", c.dir)
	}
	h.keyDown(fyne.KeyBackspace)
	if c.dir != dir {
		t.Fatalf("Backspace went to %q", c.dir)
	}
	h.keyDown(fyne.KeyDown)
	h.keyDown(fyne.KeyReturn)
	h.u.workers.wg.Wait()
	if h.w.Canvas().Overlays().Top() != nil {
		t.Fatal("the chooser stayed open after Enter on the file")
	}
	var titles []string
	for _, o := range h.stored().Objectives {
		titles = append(titles, o.Title)
	}
	if !strings.Contains(strings.Join(titles, "|"), "Ship the Microgoals 1.0 release") {
		t.Fatalf("the import did not run: objectives %q", titles)
	}
}

// chooserRowNamed is the list row showing name in the open chooser.
func (h *harness) chooserRowNamed(name string) *chooserRow {
	h.t.Helper()
	for _, o := range visible(h.w.Canvas().Overlays().Top()) {
		if r, ok := o.(*chooserRow); ok && r.label.Text == name {
			return r
		}
	}
	h.t.Fatalf("no row %q in the chooser", name)
	return nil
}

func TestFileChooserByMouseDoubleClickAndOpenButton(t *testing.T) {
	docs := chooserHome(t)
	src := newHarness(t)
	seed(src, "Ship the Microgoals 1.0 release", "Write the release notes")
	sub := filepath.Join(docs, "Backups")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(sub, "backup.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := src.st.ExportJSON(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	f.Close()

	h := newHarness(t)
	seed(h, "Learn Go")
	h.w.Canvas().Focus(h.u.outline.quickAdd)
	menuItemLabeled(h.w, "Import/Everything (JSON)…").Action()
	c := h.chooser()
	// The side bar names the places that exist; Downloads does not here.
	h.mustSee("Documents")
	h.mustNotSee("Downloads")
	// A double click on the folder enters it; the empty folder above says so.
	h.mustNotSee("No folders and no files of this kind here.")
	test.DoubleTap(h.chooserRowNamed("Backups"))
	if c.dir != sub {
		t.Fatalf("the double click went to %q", c.dir)
	}
	// The parent button goes back up, the double click goes in again.
	h.tapChooserButton("")
	if c.dir != docs {
		t.Fatalf("the parent button went to %q", c.dir)
	}
	test.DoubleTap(h.chooserRowNamed("Backups"))
	// A click on the file names it; Open opens it and the import runs.
	test.Tap(h.chooserRowNamed("backup.json"))
	if c.name.Text != "backup.json" || h.w.Canvas().Focused() != fyne.Focusable(c.list) {
		t.Fatalf("after a click the name is %q and the focus on %T", c.name.Text, h.w.Canvas().Focused())
	}
	h.tapChooserButton("Open")
	h.u.workers.wg.Wait()
	if h.chooser() != nil {
		t.Fatal("Open left the chooser open")
	}
	if got := len(h.stored().Objectives); got < 2 {
		t.Fatalf("the import did not run: %d objectives", got)
	}
}

// The chooser fits a small window: all it needs (fields, side bar, buttons) is smaller than
// a 736×440 window less the margin it keeps, so it is shown whole there.
func TestFileChooserFitsASmallWindow(t *testing.T) {
	chooserHome(t)
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release")
	h.w.Resize(fyne.NewSize(736, 440))
	c := h.u.chooseSaveFile("microgoals-2026-11-25.json", func(string) {})
	if m := c.MinSize(); m.Width > 736-24 || m.Height > 440-24 {
		t.Fatalf("the chooser needs %v", m)
	}
}

// tapChooserButton taps the chooser's button labelled label ("" is the parent folder's).
func (h *harness) tapChooserButton(label string) {
	h.t.Helper()
	for _, o := range visible(h.w.Canvas().Overlays().Top()) {
		if b, ok := o.(*chooserButton); ok && b.Text == label {
			test.Tap(b)
			return
		}
	}
	h.t.Fatalf("no button %q in the chooser", label)
}

// File › Export ▸ Progress report…: Enter in its days goes on to the chooser with the keyboard
// in the file name; Enter there writes the report; Escape in the chooser gives the keyboard
// back to where the report was asked from, and no dialog is left to take Enter or Escape.
func TestProgressReportGoesOnToTheChooserByKeyboard(t *testing.T) {
	docs := chooserHome(t)
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes")
	quick := h.u.outline.quickAdd
	for _, cancel := range []bool{true, false} {
		h.w.Canvas().Focus(quick)
		menuItemLabeled(h.w, "Export/Progress report…").Action()
		h.keyDown(fyne.KeyReturn)
		c := h.chooser()
		if c == nil || h.w.Canvas().Focused() != fyne.Focusable(c.name) {
			t.Fatalf("Enter in the report's days: chooser %v, focus on %T", c != nil, h.w.Canvas().Focused())
		}
		if got := len(h.w.Canvas().Overlays().List()); got != 1 {
			t.Fatalf("%d dialogs open over the window, want the chooser alone", got)
		}
		if cancel {
			h.keyDown(fyne.KeyEscape)
		} else {
			h.keyDown(fyne.KeyReturn)
			h.u.workers.wg.Wait()
		}
		if h.u.topDialog != nil && h.w.Canvas().Overlays().Top() == nil {
			t.Fatal("a closed dialog is still the one Enter and Escape go to")
		}
		if cancel && (h.w.Canvas().Overlays().Top() != nil || h.w.Canvas().Focused() != fyne.Focusable(quick)) {
			t.Fatalf("after Escape: overlay %v, focus on %T", h.w.Canvas().Overlays().Top() != nil, h.w.Canvas().Focused())
		}
	}
	if _, err := os.Stat(filepath.Join(docs, "progress-2026-11-23.md")); err != nil {
		es, _ := os.ReadDir(docs)
		t.Fatalf("no report written: %v (%v)", err, es)
	}
}

// New folder… makes a folder where the chooser is and goes into it; the name field keeps the
// keyboard, and Enter saves there.
func TestFileChooserNewFolder(t *testing.T) {
	docs := chooserHome(t)
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release")
	menuItemLabeled(h.w, "Export/Milestones (iCalendar)…").Action()
	c := h.chooser()
	h.tapChooserButton("New folder…")
	if _, ok := h.w.Canvas().Focused().(*dialogEntry); !ok || h.w.Canvas().Focused() == fyne.Focusable(c.name) {
		t.Fatalf("the keyboard is on %T, not in the new folder's name", h.w.Canvas().Focused())
	}
	h.typeKeys("Calendars")
	h.keyDown(fyne.KeyReturn)
	if c.dir != filepath.Join(docs, "Calendars") || !isDir(c.dir) {
		t.Fatalf("the chooser is in %q", c.dir)
	}
	if h.w.Canvas().Focused() != fyne.Focusable(c.name) {
		t.Fatalf("after the new folder the keyboard is on %T", h.w.Canvas().Focused())
	}
	h.keyDown(fyne.KeyReturn)
	h.u.workers.wg.Wait()
	if _, err := os.Stat(filepath.Join(docs, "Calendars", "microgoals-milestones.ics")); err != nil {
		t.Fatal(err)
	}
}
