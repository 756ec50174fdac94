package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// press sends a key with modifiers exactly as Fyne's desktop driver does (v2.8.1,
// internal/driver/glfw/window.go, triggersShortcut): Ctrl+Z and Ctrl+Y become the standard
// Undo and Redo shortcuts (Ctrl+C/X/V/A likewise), other chords a desktop.CustomShortcut; the
// main menu's items are matched first by shortcut name, then the focused widget gets it when
// it takes shortcuts (an Entry swallows every one), and only then the canvas.
func (h *harness) press(key fyne.KeyName, mod fyne.KeyModifier) {
	h.t.Helper()
	var sc fyne.Shortcut
	if mod == fyne.KeyModifierControl {
		switch key {
		case fyne.KeyZ:
			sc = &fyne.ShortcutUndo{}
		case fyne.KeyY:
			sc = &fyne.ShortcutRedo{}
		case fyne.KeyA:
			sc = &fyne.ShortcutSelectAll{}
		}
	}
	if sc == nil {
		sc = &desktop.CustomShortcut{KeyName: key, Modifier: mod}
	}
	for _, m := range h.w.MainMenu().Items {
		if h.triggerMenu(sc, m) {
			return
		}
	}
	if f, ok := h.w.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	h.w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(sc)
}

func (h *harness) triggerMenu(sc fyne.Shortcut, m *fyne.Menu) bool {
	for _, it := range m.Items {
		if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() && it.Action != nil {
			it.Action()
			return true
		}
		if it.ChildMenu != nil && h.triggerMenu(sc, it.ChildMenu) {
			return true
		}
	}
	return false
}

// typeKeys types into whatever has the keyboard focus, as the keyboard does.
func (h *harness) typeKeys(s string) {
	h.t.Helper()
	f := h.w.Canvas().Focused()
	if f == nil {
		h.t.Fatalf("nothing has the keyboard focus to type %q into", s)
	}
	for _, r := range s {
		f.TypedRune(r)
	}
}

// key sends a plain key (Enter, Tab, Escape…) to whatever has the focus.
func (h *harness) keyDown(name fyne.KeyName) {
	h.t.Helper()
	if f := h.w.Canvas().Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: name})
		return
	}
	if f := h.w.Canvas().OnTypedKey(); f != nil {
		f(&fyne.KeyEvent{Name: name})
	}
}

// tab presses Tab as the driver does: a widget that accepts Tab gets it, otherwise the focus
// moves on.
func (h *harness) tab() {
	h.t.Helper()
	if t, ok := h.w.Canvas().Focused().(fyne.Tabbable); ok && t.AcceptsTab() {
		h.w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
		return
	}
	h.w.Canvas().FocusNext()
}

const ctrl = fyne.KeyModifierControl

func TestFirstRunByKeyboardWritesOneObjectiveAndMovesOnToQuickAdd(t *testing.T) {
	h := newHarness(t)
	h.typeKeys("Finish the first draft of my novel")
	h.keyDown(fyne.KeyReturn)
	h.typeKeys("Write 500 words of chapter 1")
	h.keyDown(fyne.KeyReturn)
	if n := len(h.stored().Objectives); n != 1 {
		t.Fatalf("%d objectives after the first run", n)
	}
	if h.w.Canvas().Focused() != fyne.Focusable(h.u.outline.quickAdd) {
		t.Fatalf("after the first run the focus is on %T, not the quick add", h.w.Canvas().Focused())
	}
	// More typing and Enter add steps, never another objective.
	for _, s := range []string{"Outline chapter 2", "Call the editor"} {
		h.typeKeys(s)
		h.keyDown(fyne.KeyReturn)
	}
	st := h.stored()
	if len(st.Objectives) != 1 || len(st.Goals) != 3 {
		t.Fatalf("after more typing: %d objectives, %d steps", len(st.Objectives), len(st.Goals))
	}
}

func TestUndoRedoKeysWorkWhateverHasTheFocus(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes")
	// The focus is in the (empty) quick add, which swallows every canvas shortcut.
	h.press(fyne.KeyL, ctrl)
	h.typeKeys("Tag the release")
	h.keyDown(fyne.KeyReturn)
	tag := h.storedGoal("Tag the release")
	h.press(fyne.KeyZ, ctrl)
	if got := h.outlineTitles(); len(got) != 2 {
		t.Fatalf("Ctrl+Z did not undo the addition: %q", got)
	}
	h.press(fyne.KeyZ, ctrl|fyne.KeyModifierShift)
	if g := h.storedGoal("Tag the release"); g.ID != tag.ID {
		t.Fatalf("Ctrl+Shift+Z brought back a copy (%d), not the step (%d)", g.ID, tag.ID)
	}
	// Mark done, undo, redo with Ctrl+Y: the step is done again.
	h.selectRow("Tag the release")
	h.press(fyne.KeyD, ctrl)
	h.press(fyne.KeyZ, ctrl)
	if g := h.storedGoal("Tag the release"); g.Status != model.StatusOpen {
		t.Fatalf("undo of done: %s", g.Status)
	}
	h.press(fyne.KeyY, ctrl)
	if g := h.storedGoal("Tag the release"); g.Status != model.StatusDone {
		t.Fatalf("Ctrl+Y did not redo done: %s", g.Status)
	}
	// Undo twice more and redo twice: the addition and then the done status come back, in
	// order, on the same row.
	h.press(fyne.KeyZ, ctrl)
	h.press(fyne.KeyZ, ctrl)
	h.press(fyne.KeyY, ctrl)
	h.press(fyne.KeyY, ctrl)
	if g := h.storedGoal("Tag the release"); g.ID != tag.ID || g.Status != model.StatusDone {
		t.Fatalf("after undo, undo, redo, redo: %+v", g)
	}
	// A new change empties the redo history.
	h.press(fyne.KeyZ, ctrl)
	h.press(fyne.KeyL, ctrl)
	h.typeKeys("Announce the release")
	h.keyDown(fyne.KeyReturn)
	if !h.u.redoItem.Disabled {
		t.Fatal("redo stays available after a new change")
	}
}

func TestCtrlZInAnEntryUndoesTheTypingFirst(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes")
	h.selectRow("Write the release notes")
	title := h.u.detail.goalFields["title"].entry
	h.w.Canvas().Focus(h.u.detail.goalFields["title"].input)
	h.keyDown(fyne.KeyEnd)
	h.typeKeys(" today")
	h.press(fyne.KeyZ, ctrl)
	if title.Text != "Write the release notes" {
		t.Fatalf("Ctrl+Z in the title left %q", title.Text)
	}
	if len(h.stored().Goals) != 1 {
		t.Fatal("Ctrl+Z undid a change of the plan while the entry had typing to undo")
	}
	// Nothing left to undo in the entry: the plan's last change (the addition) goes.
	h.press(fyne.KeyZ, ctrl)
	if len(h.stored().Goals) != 0 {
		t.Fatal("Ctrl+Z with nothing typed did not undo the plan's last change")
	}
}

func TestCtrlNumberSwitchesTabsAndFocusFollows(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes")
	for i, title := range []string{"Outline", "Today", "Calendar", "Charts", "Reviews"} {
		h.press(fyne.KeyName(string(rune('1'+i))), ctrl)
		if h.u.tabs.selected != i {
			t.Fatalf("Ctrl+%d selected tab %d, not %s", i+1, h.u.tabs.selected, title)
		}
	}
	h.press(fyne.Key1, ctrl)
	if h.w.Canvas().Focused() != fyne.Focusable(h.u.outline.quickAdd) {
		t.Fatalf("Ctrl+1 leaves the focus on %T", h.w.Canvas().Focused())
	}
}

func TestQuitSavesAValidEditAndKeepsAnInvalidOneAsDraft(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes", "Tag the release")
	h.selectRow("Write the release notes")
	h.w.Canvas().Focus(h.u.detail.goalFields["title"].input)
	h.keyDown(fyne.KeyEnd)
	h.typeKeys(" for 1.0")
	h.press(fyne.KeyQ, ctrl)
	h.reopen()
	h.storedGoal("Write the release notes for 1.0")

	// An edit that cannot be saved (no title) comes back as the draft on the next start.
	h.selectRow("Tag the release")
	h.w.Canvas().Focus(h.u.detail.goalFields["due"].input)
	h.typeKeys("someday")
	h.press(fyne.KeyQ, ctrl)
	h.reopen()
	if g := h.storedGoal("Tag the release"); g.HasDue() {
		t.Fatalf("an invalid due date was saved: %v", g.Due)
	}
	if got := h.u.detail.goalFields["due"].entry.Text; got != "someday" {
		t.Fatalf("the draft did not come back: the due field shows %q", got)
	}
	if h.u.outline.selected != goalKey(h.storedGoal("Tag the release").ID) {
		t.Fatalf("the window opened on %q, not the draft's step", h.u.outline.selected)
	}
	h.mustSee("not a date")
	// Revert forgets it for good.
	h.tapButton("Revert")
	h.reopen()
	if h.u.outline.selected != "" {
		t.Fatalf("a reverted draft came back: %q", h.u.outline.selected)
	}
}

func TestDetailPanelWheelTabAndNaturalDates(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes")
	h.w.Resize(fyne.NewSize(1080, 680))
	h.selectRow("Write the release notes")
	d := h.u.detail
	// Save and Revert are in view without scrolling.
	h.mustSee("Save")
	h.mustSee("Revert")
	// The wheel over an entry scrolls the form.
	outcome := d.goalFields["outcome"].input
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(outcome).Add(fyne.NewPos(10, 10))
	test.Scroll(h.w.Canvas(), pos, 0, -120)
	if off := d.scrolls[0].Offset.Y; off <= 0 {
		t.Fatalf("the wheel over “Expected outcome” moved the form by %v", off)
	}
	// Tab leaves the multi-line outcome for the next field.
	if fe, ok := d.goalFields["outcome"].widget.(*formEntry); !ok || fe.AcceptsTab() {
		t.Fatal("the outcome field keeps Tab for itself")
	}
	h.w.Canvas().Focus(d.goalFields["outcome"].input)
	h.w.Canvas().FocusNext()
	if h.u.focusedEntry() != d.goalFields["doneWhen"].entry {
		t.Fatalf("Tab from the outcome went to %T", h.w.Canvas().Focused())
	}
	// The due date reads quick add's words.
	h.w.Canvas().Focus(d.goalFields["due"].input)
	d.goalFields["due"].entry.SetText("")
	h.typeKeys("fri 9am")
	h.press(fyne.KeyS, ctrl)
	g := h.storedGoal("Write the release notes")
	if want := clock.AddDate(0, 0, 2); !g.DueHasTime || g.Due.Day() != want.Day() || g.Due.Hour() != 9 {
		t.Fatalf("“fri 9am” saved as %v (time %v)", g.Due, g.DueHasTime)
	}
}

func TestMessagesFloatAndGoWhenStale(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes")
	h.selectRow("Write the release notes")
	before := fyne.CurrentApp().Driver().AbsolutePositionForObject(h.u.outline.quickAdd)
	title := h.u.detail.goalFields["title"].entry
	h.w.Canvas().Focus(h.u.detail.goalFields["title"].input)
	title.SetText("")
	h.press(fyne.KeyS, ctrl)
	h.mustSee("Fix the fields marked in red")
	if after := fyne.CurrentApp().Driver().AbsolutePositionForObject(h.u.outline.quickAdd); after != before {
		t.Fatalf("the message moved the window's content from %v to %v", before, after)
	}
	h.typeKeys("Write the release notes for 1.0")
	h.press(fyne.KeyS, ctrl)
	if h.u.messageBx.Visible() && strings.Contains(h.u.message.Text, "Fix the fields") {
		t.Fatal("the message about red fields stays after a successful save")
	}
}

func TestTodayRowOpensTheStepAndMovesItToAnotherDay(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes today", "Tag the release today")
	h.press(fyne.Key2, ctrl)
	var tv *todayView
	for _, v := range h.u.views {
		if x, ok := v.view.(*todayView); ok {
			tv = x
		}
	}
	if tv == nil || len(tv.rows) != 2 {
		t.Fatalf("Today shows %d rows", len(tv.rows))
	}
	var open *tapArea
	for _, o := range visible(h.w.Content()) {
		if a, ok := o.(*tapArea); ok && containsObject(a, tv.rows[0].title) {
			open = a
		}
	}
	if open == nil {
		t.Fatal("the Today row's text cannot be tapped")
	}
	title := tv.rows[0].occ.Goal.Title
	test.Tap(open)
	if h.u.tabs.selected != 0 || h.u.detail.goalFields["title"].entry.Text != title {
		t.Fatalf("tapping the Today row of %q did not open it (tab %d, detail %q)", title, h.u.tabs.selected, h.u.detail.goalFields["title"].entry.Text)
	}
	// Move the other one to Friday with the calendar button.
	h.press(fyne.Key2, ctrl)
	moved := tv.rows[1].occ.Goal.Title
	test.Tap(tv.rows[1].move)
	tapped := false
	for _, o := range visible(h.w.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "27" {
			test.Tap(b)
			tapped = true
			break
		}
	}
	if !tapped {
		t.Fatal("no day 27 in the move dialog")
	}
	if g := h.storedGoal(moved); model.DateOf(g.Due, time.UTC) != model.D(2026, 11, 27) {
		t.Fatalf("moved to %v, want 2026-11-27", g.Due)
	}
}

func TestExamplePlanIsOneCoherentObjectiveThatPassesSMART(t *testing.T) {
	h := newHarness(t)
	h.tapButton("Try an example")
	st := h.stored()
	if len(st.Objectives) != 1 || len(st.Goals) < 5 {
		t.Fatalf("the example wrote %d objectives and %d steps", len(st.Objectives), len(st.Goals))
	}
	o := st.Objectives[0]
	if o.TargetDate.Before(clock) || !strings.Contains(o.Title, o.TargetDate.Format("2 January")) {
		t.Fatalf("the objective %q has the target date %v", o.Title, o.TargetDate)
	}
	for _, g := range st.Goals {
		s := model.CheckSMART(g, h.u.smartContext(g))
		if s.Score() != 5 {
			t.Errorf("example step %q fails SMART: %v", g.Title, s.Hints())
		}
		if g.Due.After(o.TargetDate) {
			t.Errorf("example step %q is due %v, after the objective's target %v", g.Title, g.Due, o.TargetDate)
		}
	}
	if h.w.Canvas().Focused() != fyne.Focusable(h.u.outline.quickAdd) {
		t.Fatalf("after the example the focus is on %T", h.w.Canvas().Focused())
	}
}

func TestFirstRunStepsPassSMARTsTimeBound(t *testing.T) {
	h := newHarness(t)
	h.typeKeys("Finish the first draft of my novel")
	h.keyDown(fyne.KeyReturn)
	h.typeKeys("Write 500 words of chapter 1")
	h.keyDown(fyne.KeyReturn)
	g := h.storedGoal("Write 500 words of chapter 1")
	if s := model.CheckSMART(g, h.u.smartContext(g)); !s[model.TimeBound].OK {
		t.Fatalf("a step planned for tomorrow fails T: %v", s.Hints())
	}
}

func TestDialogsTakeEnterAndEscape(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes")
	h.selectRow("Write the release notes")
	h.press(fyne.KeyN, ctrl|fyne.KeyModifierShift)
	h.typeKeys("Run a half marathon")
	h.keyDown(fyne.KeyReturn)
	if n := len(h.stored().Objectives); n != 2 {
		t.Fatalf("Enter in “New objective” left %d objectives", n)
	}
	h.press(fyne.KeyN, ctrl|fyne.KeyModifierShift)
	h.typeKeys("Not this one")
	h.keyDown(fyne.KeyEscape)
	if n := len(h.stored().Objectives); n != 2 || h.w.Canvas().Overlays().Top() != nil {
		t.Fatalf("Escape did not cancel: %d objectives, overlay %v", n, h.w.Canvas().Overlays().Top())
	}
	// A sub-step: Enter submits, and the focus goes back where it was.
	h.selectRow("Write the release notes")
	h.press(fyne.KeyL, ctrl)
	h.press(fyne.KeyN, ctrl|fyne.KeyModifierAlt)
	h.typeKeys("Collect the merged pull requests")
	h.keyDown(fyne.KeyReturn)
	g := h.storedGoal("Collect the merged pull requests")
	if p := h.storedGoal("Write the release notes"); g.ParentID != p.ID {
		t.Fatalf("the sub-step's parent is %d, want %d", g.ParentID, p.ID)
	}
	if h.w.Canvas().Focused() != fyne.Focusable(h.u.outline.quickAdd) {
		t.Fatalf("after the dialog the focus is on %T, not where it was", h.w.Canvas().Focused())
	}
	// The settings close on Escape too, from their first field, which has the keyboard.
	h.press(fyne.KeyComma, ctrl)
	if h.w.Canvas().Overlays().Top() == nil {
		t.Fatal("Ctrl+, opened nothing")
	}
	if sw, _ := h.u.settingsDialog.(*settingsWindow); sw == nil || h.w.Canvas().Focused() != fyne.Focusable(sw.form.lead) {
		t.Fatalf("Ctrl+, left the keyboard on %T, not the first field", h.w.Canvas().Focused())
	}
	h.keyDown(fyne.KeyEscape)
	if h.w.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not close the settings")
	}
	// Settings → Sync leads to the sync set-up.
	h.press(fyne.KeyComma, ctrl)
	var setUp *widget.Button
	for _, o := range visible(h.w.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Set up sync…" {
			setUp = b
		}
	}
	if setUp == nil {
		t.Fatal("Settings has no Sync section with “Set up sync…”")
	}
	test.Tap(setUp)
	if h.u.syncDialog == nil || len(h.w.Canvas().Overlays().List()) != 2 {
		t.Fatalf("“Set up sync…” did not open the sync settings over Settings (%d overlays)", len(h.w.Canvas().Overlays().List()))
	}
	h.u.syncDialog.Hide()
	h.keyDown(fyne.KeyEscape)
	if h.w.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not close the settings after the sync set-up")
	}
	// The focus sprint's dialog: Escape with the cursor in its minutes cancels, no sprint runs.
	h.selectRow("Write the release notes")
	h.press(fyne.KeyR, ctrl)
	if h.w.Canvas().Overlays().Top() == nil {
		t.Fatal("Ctrl+R opened no sprint dialog")
	}
	h.keyDown(fyne.KeyEscape)
	if h.w.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not close the sprint dialog")
	}
	if sp, ok, err := h.st.RunningSprint(context.Background()); err != nil || ok {
		t.Fatalf("Escape started a sprint: %+v %v", sp, err)
	}
}

func (h *harness) todayView() *todayView {
	for _, v := range h.u.views {
		if x, ok := v.view.(*todayView); ok {
			return x
		}
	}
	h.t.Fatal("no Today view")
	return nil
}

func TestTodayByKeyboard(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes today", "Tag the release today", "Announce the release today")
	h.press(fyne.Key2, ctrl)
	tv := h.todayView()
	if h.w.Canvas().Focused() != fyne.Focusable(tv.pad) {
		t.Fatalf("Ctrl+2 left the focus on %T, not the Today list", h.w.Canvas().Focused())
	}
	if tv.rows[0].bg.FillColor != selectionColor() {
		t.Fatal("the selected row is not drawn as selected")
	}
	h.keyDown(fyne.KeyDown)
	h.keyDown(fyne.KeyDown)
	h.keyDown(fyne.KeyDown) // stays on the last row
	h.keyDown(fyne.KeyUp)
	if tv.sel != 1 || tv.rows[1].bg.FillColor != selectionColor() || tv.rows[0].bg.FillColor == selectionColor() {
		t.Fatalf("the arrows left the selection on row %d", tv.sel)
	}
	second := tv.rows[1].occ.Goal.Title
	// Space marks the selected step done.
	h.keyDown(fyne.KeySpace)
	if g := h.storedGoal(second); g.Status != model.StatusDone {
		t.Fatalf("Space left %q %v", second, g.Status)
	}
	// M moves the selected step: the dialog reads "fri", Enter moves it.
	h.keyDown(fyne.KeyUp)
	first := tv.rows[0].occ.Goal.Title
	h.w.Canvas().Focused().TypedRune('m')
	if _, ok := h.w.Canvas().Focused().(*dialogEntry); !ok {
		t.Fatalf("M opened no day field (focus on %T)", h.w.Canvas().Focused())
	}
	h.typeKeys("someday")
	h.keyDown(fyne.KeyReturn)
	if h.w.Canvas().Overlays().Top() == nil {
		t.Fatal("an unreadable day closed the move dialog")
	}
	h.press(fyne.KeyA, ctrl)
	h.typeKeys("fri")
	h.keyDown(fyne.KeyReturn)
	if g := h.storedGoal(first); model.DateOf(g.Due, time.UTC) != model.D(2026, 11, 27) {
		t.Fatalf("“fri” moved %q to %v", first, g.Due)
	}
	if h.w.Canvas().Focused() != fyne.Focusable(tv.pad) {
		t.Fatalf("after the move the focus is on %T, not back on the list", h.w.Canvas().Focused())
	}
	// Enter opens the selected step in the outline.
	sel := tv.rows[tv.sel].occ.Goal.Title
	h.keyDown(fyne.KeyReturn)
	if h.u.tabs.selected != 0 || h.u.detail.goalFields["title"].entry.Text != sel {
		t.Fatalf("Enter on %q: tab %d, detail %q", sel, h.u.tabs.selected, h.u.detail.goalFields["title"].entry.Text)
	}
}

func TestCalendarByKeyboard(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes 2026-11-26 09:00", "Tag the release 2026-11-26 15:00",
		"Announce the release 2026-12-03")
	h.update("Announce the release", func(g *model.MicroGoal) { g.Horizon = model.HorizonDay })
	h.press(fyne.Key3, ctrl)
	cv := h.calendar()
	if _, ok := h.w.Canvas().Focused().(*calendarKeys); !ok {
		t.Fatalf("Ctrl+3 left the focus on %T", h.w.Canvas().Focused())
	}
	if cv.sel != model.D(2026, 11, 25) || h.cell(cv, cv.sel).selectedItem() < 0 {
		t.Fatalf("the selection starts on %v, not today, or is not drawn", cv.sel)
	}
	selected := func() string {
		t.Helper()
		o, ok := cv.selected()
		if !ok {
			return ""
		}
		return o.Goal.Title
	}
	h.key(fyne.KeyRight)
	if got := selected(); got != "Write the release notes" {
		t.Fatalf("Right selected %q", got)
	}
	h.key(fyne.KeyDown)
	if got := selected(); got != "Tag the release" {
		t.Fatalf("Down selected %q", got)
	}
	h.key(fyne.KeyDown) // past the day's last milestone: the same weekday a week on
	if got := selected(); cv.sel != model.D(2026, 12, 3) || got != "Announce the release" {
		t.Fatalf("Down past the last milestone selected %v %q", cv.sel, got)
	}
	if cv.month.Month != time.December {
		t.Fatalf("moving into December left the month at %v", cv.month)
	}
	h.key(fyne.KeyUp)
	if got := selected(); cv.sel != model.D(2026, 11, 26) || got != "Tag the release" {
		t.Fatalf("Up came back to %v %q", cv.sel, got)
	}
	// Space marks the selected milestone done.
	h.key(fyne.KeySpace)
	if g := h.storedGoal("Tag the release"); g.Status != model.StatusDone {
		t.Fatalf("Space left it %v", g.Status)
	}
	// M moves it: the dialog reads "fri".
	h.key(fyne.KeyUp)
	h.w.Canvas().Focused().TypedRune('m')
	h.typeKeys("fri")
	h.keyDown(fyne.KeyReturn)
	if g := h.storedGoal("Write the release notes"); model.DateOf(g.Due, time.UTC) != model.D(2026, 11, 27) || g.Due.Hour() != 9 {
		t.Fatalf("M “fri” moved it to %v", g.Due)
	}
	// Enter opens the selected milestone's step.
	h.key(fyne.KeyRight)
	if got := selected(); got != "Write the release notes" {
		t.Fatalf("Right to Friday selected %q", got)
	}
	h.key(fyne.KeyReturn)
	if h.u.tabs.selected != 0 || h.u.detail.goalFields["title"].entry.Text != "Write the release notes" {
		t.Fatalf("Enter: tab %d, detail %q", h.u.tabs.selected, h.u.detail.goalFields["title"].entry.Text)
	}
}

// Every dialog takes the keyboard in its first field, closes on Escape from there, and gives the
// focus back where it was; one opened over another hands Escape back when it closes.
func TestEveryDialogTakesEscapeFromItsFields(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes 2026-11-26", "Tag the release today")
	escapeCloses := func(what string, open func(), n int) {
		t.Helper()
		open()
		if got := len(h.w.Canvas().Overlays().List()); got != n {
			t.Fatalf("%s: %d dialogs open, want %d", what, got, n)
		}
		if _, ok := h.w.Canvas().Focused().(*dialogEntry); !ok {
			t.Fatalf("%s: the keyboard is on %T, not in the dialog's first field", what, h.w.Canvas().Focused())
		}
		h.keyDown(fyne.KeyEscape)
		if got := len(h.w.Canvas().Overlays().List()); got != n-1 {
			t.Fatalf("%s: Escape left %d dialogs open", what, got)
		}
	}
	// File → Sync…: its server field.
	escapeCloses("Sync…", func() { menuItemLabeled(h.w, "Sync…").Action() }, 1)
	// Settings → Set up sync…: Escape closes the sync set-up, then Settings.
	h.press(fyne.KeyComma, ctrl)
	escapeCloses("Set up sync… over Settings", func() { h.tapOverlayButton("Set up sync…") }, 2)
	h.keyDown(fyne.KeyEscape)
	if h.w.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not close Settings after the sync set-up")
	}
	// The progress report's days.
	escapeCloses("Export progress report…", func() { menuItemLabeled(h.w, "Export/Progress report…").Action() }, 1)
	// The file chooser of every export and import: its file name.
	chooserHome(t)
	escapeCloses("Export everything (JSON)…", func() { menuItemLabeled(h.w, "Export/Everything (JSON)…").Action() }, 1)
	escapeCloses("Import calendar…", func() { menuItemLabeled(h.w, "Import/Calendar (iCalendar)…").Action() }, 1)
	// A calendar day: the line that adds a milestone.
	cv := h.calendar()
	escapeCloses("the day's agenda", func() { cv.openDay(model.D(2026, 11, 26)) }, 1)
	if h.w.Canvas().Focused() != fyne.Focusable(cv.keys) {
		t.Fatalf("after the agenda the focus is on %T, not back on the calendar", h.w.Canvas().Focused())
	}
	// Today's "move to another day".
	h.press(fyne.Key2, ctrl)
	tv := h.todayView()
	escapeCloses("move to another day", func() { tv.askMove(tv.rows[0].occ) }, 1)
	// The detail panel's date picker: Escape, and the focus is back in the date.
	h.press(fyne.Key1, ctrl)
	h.selectRow("Write the release notes")
	due := h.u.detail.goalFields["due"]
	h.w.Canvas().Focus(due.input)
	h.u.detail.pickDate(due.widget.(*fyne.Container).Objects[0].(*formEntry))
	if h.w.Canvas().Overlays().Top() == nil {
		t.Fatal("no date picker")
	}
	h.keyDown(fyne.KeyEscape)
	if h.w.Canvas().Overlays().Top() != nil || h.w.Canvas().Focused() != due.input {
		t.Fatalf("Escape in the date picker: overlay %v, focus %T", h.w.Canvas().Overlays().Top(), h.w.Canvas().Focused())
	}
}

func (h *harness) tapOverlayButton(label string) {
	h.t.Helper()
	for _, o := range visible(h.w.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Text == label {
			test.Tap(b)
			return
		}
	}
	h.t.Fatalf("no button %q in the dialog", label)
}

// The File menu, drawn as the window draws it, fits the default window (1080×680) below the
// menu bar: Back up now, Restore and Quit need no scrolling.
func TestFileMenuFitsTheDefaultWindow(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes")
	for _, m := range h.w.MainMenu().Items {
		menu := widget.NewMenu(m)
		t.Logf("%s menu: %.0f px", m.Label, menu.MinSize().Height)
		if hgt := menu.MinSize().Height; hgt > 680-40 {
			t.Errorf("the %s menu is %.0f px tall; the default window has 640 px below the menu bar", m.Label, hgt)
		}
	}
	for _, label := range []string{"Export/Progress report…", "Export/Everything (JSON)…", "Import/Everything (JSON)…", "Import/Calendar (iCalendar)…", "Back up now", "Quit"} {
		if menuItemLabeled(h.w, label) == nil {
			t.Errorf("no %q in the menus", label)
		}
	}
}
