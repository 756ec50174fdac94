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
	"github.com/microgoals/microgoals/storage"
)

// setGoal stores changes to a step straight through storage, as earlier days of work would.
func (h *harness) setGoal(title string, change func(g *model.MicroGoal)) model.MicroGoal {
	h.t.Helper()
	g := h.storedGoal(title)
	change(&g)
	g, err := h.st.UpdateGoal(context.Background(), g)
	if err != nil {
		h.t.Fatal(err)
	}
	return g
}

// reviewsView opens the Reviews tab at sub-tab i and returns it.
func (h *harness) reviews(i int) *reviewsView {
	h.t.Helper()
	h.u.openReviews(i)
	for _, tv := range h.u.views {
		if rv, ok := tv.view.(*reviewsView); ok {
			return rv
		}
	}
	h.t.Fatal("no Reviews tab")
	return nil
}

// tapButton taps the visible button labelled label in the row that shows rowText.
func (h *harness) tapInRow(rowText, label string) {
	h.t.Helper()
	for _, o := range visible(h.w.Content()) {
		l, ok := o.(*widget.Label)
		if !ok || !strings.Contains(l.Text, rowText) {
			continue
		}
		// The row is the container holding the label; its buttons are beside it.
		for _, c := range visible(h.w.Content()) {
			if containsObject(c, l) {
				for _, b := range visible(c) {
					if btn, ok := b.(*widget.Button); ok && btn.Text == label && containsObject(c, btn) && len(visible(c)) < 40 {
						test.Tap(btn)
						return
					}
				}
			}
		}
	}
	h.t.Fatalf("no %q button beside %q", label, rowText)
}

func TestWeeklyReviewFlowWithEveryAction(t *testing.T) {
	h := newHarness(t)
	seed(h, "Run a half marathon in under 2 hours", "Run 5 km easy", "Do the interval session", "Book the race entry",
		"Buy running shoes", "Stretch for 15 minutes", "Plan the taper week")
	day := func(d, hh, mm int) time.Time { return time.Date(2026, 11, d, hh, mm, 0, 0, time.UTC) }
	// Two wins this week (Mon and Tue), one last Sunday; three steps still open or overdue.
	for _, c := range []struct {
		title string
		due   time.Time
		done  time.Time
	}{
		{"Run 5 km easy", day(23, 0, 0), day(23, 7, 0)},
		{"Do the interval session", day(24, 0, 0), day(24, 18, 0)},
		{"Stretch for 15 minutes", day(22, 0, 0), day(22, 8, 0)},
	} {
		c := c
		h.setGoal(c.title, func(g *model.MicroGoal) { g.Due = c.due; *g = g.WithStatus(model.StatusDone, "", c.done) })
	}
	h.setGoal("Book the race entry", func(g *model.MicroGoal) { g.Due, g.DueHasTime = day(18, 14, 30), true }) // overdue, last Wed
	h.setGoal("Buy running shoes", func(g *model.MicroGoal) { g.Due = day(27, 0, 0) })                         // open, Friday
	h.setGoal("Plan the taper week", func(g *model.MicroGoal) { g.Due = day(20, 0, 0) })                       // overdue, last Fri
	h.u.reload()

	h.reviews(0)
	h.mustSee("Week Mon 23 Nov – Sun 29 Nov 2026")
	h.mustSee("🎉 2 steps completed (2 day) · streak 3 days")
	h.mustSee("✓ Run 5 km easy — Mon 07:00")
	h.mustSee("Book the race entry  (overdue · due Wed 18 Nov 14:30)")
	h.mustSee("Buy running shoes  (due Fri 27 Nov)")

	// Carry over: the overdue Wednesday step moves to Wednesday of next week, same time.
	h.tapInRow("Book the race entry", "Carry over")
	if g := h.storedGoal("Book the race entry"); !g.Due.Equal(day(2, 14, 30).AddDate(0, 1, 0)) || !g.DueHasTime {
		t.Fatalf("carried over to %v", g.Due)
	}
	h.mustNotSee("Book the race entry  (")
	h.mustSee("Carried over “Book the race entry” to Wed 2 Dec 14:30")

	// Undo puts it back, and the action leaves the review.
	h.u.undoLast()
	if g := h.storedGoal("Book the race entry"); !g.Due.Equal(day(18, 14, 30)) {
		t.Fatalf("undo of carry over: %v", g.Due)
	}
	h.mustNotSee("Carried over “Book the race entry”")
	h.tapInRow("Book the race entry", "Carry over")

	// Pick a new date: the dialog offers next week; a bad date is refused, a good one moves it.
	rv := h.reviews(0)
	h.tapInRow("Buy running shoes", "New date…")
	h.mustSee("New date for “Buy running shoes”")
	if rv.weekly.pickDate(h.storedGoal("Buy running shoes"), "2026-02-30") {
		t.Fatal("an impossible date was accepted")
	}
	h.mustSee("2026-02 has 28 days")
	if !rv.weekly.pickDate(h.storedGoal("Buy running shoes"), "2026-12-05") {
		t.Fatal("pick a new date failed")
	}
	if g := h.storedGoal("Buy running shoes"); !g.Due.Equal(day(5, 0, 0).AddDate(0, 1, 0)) || g.DueHasTime {
		t.Fatalf("new date = %v", g.Due)
	}

	// Drop with a reason: no reason is refused; with one the step is dropped with it.
	h.tapInRow("Plan the taper week", "Drop…")
	h.mustSee("Drop “Plan the taper week”")
	if rv.weekly.drop(h.storedGoal("Plan the taper week"), "  ") {
		t.Fatal("a drop without reason was accepted")
	}
	if !rv.weekly.drop(h.storedGoal("Plan the taper week"), "The race moved to autumn") {
		t.Fatal("drop failed")
	}
	if g := h.storedGoal("Plan the taper week"); g.Status != model.StatusDropped || g.DropReason != "The race moved to autumn" {
		t.Fatalf("dropped: %+v", g)
	}
	h.mustSee("Nothing open or overdue in this period.")

	// Adjustments, wins, lessons; save; it shows in the history and survives a restart.
	h.typeInto(rv.weekly.adjustments, "Run in the morning, not after work")
	h.typeInto(rv.weekly.winsText, "Two runs done")
	h.typeInto(rv.weekly.lessons, "Booking late cost me the early-bird price")
	test.Tap(rv.weekly.saveBtn)
	h.mustSee("Weekly review saved")
	list, err := h.st.Reviews(context.Background())
	if err != nil || len(list) != 1 {
		t.Fatalf("reviews = %v, %v", list, err)
	}
	r := list[0]
	if r.Completed != 2 || r.Streak != 3 || r.Lessons != "Booking late cost me the early-bird price" || len(r.Actions) != 3 ||
		r.Actions[0] != "Carried over “Book the race entry” to Wed 2 Dec 14:30" || r.Actions[1] != "Moved “Buy running shoes” to Sat 5 Dec" ||
		r.Actions[2] != "Dropped “Plan the taper week”: The race moved to autumn" {
		t.Fatalf("saved review = %+v", r)
	}
	// Saving again updates the same review.
	h.typeInto(rv.weekly.winsText, ", and a PB")
	test.Tap(rv.weekly.saveBtn)
	if list, _ := h.st.Reviews(context.Background()); len(list) != 1 || list[0].Wins != "Two runs done, and a PB" {
		t.Fatalf("after second save: %+v", list)
	}
	h.reopen()
	// A save in a later session updates the week's review too: one week, one review.
	rv = h.reviews(0)
	if rv.weekly.lessons.Text != "Booking late cost me the early-bird price" {
		t.Fatalf("the next session's review form does not show the saved review: %q", rv.weekly.lessons.Text)
	}
	rv.weekly.winsText.SetText("")
	h.typeInto(rv.weekly.winsText, "Two runs done, a PB and a rest day")
	test.Tap(rv.weekly.saveBtn)
	if list, _ := h.st.Reviews(context.Background()); len(list) != 1 || list[0].Wins != "Two runs done, a PB and a rest day" {
		t.Fatalf("after a save in the next session: %d reviews, %+v", len(list), list)
	}
	h.reviews(2)
	h.mustSee("Week Mon 23 Nov – Sun 29 Nov 2026 — 2 completed, streak 3 days")
	h.mustSee("Lessons: Booking late cost me the early-bird price")

	// The reminder's day and time are settings the notifier reads; the review page leads to
	// them in the one Settings dialog, with the keyboard in the reminder's time.
	rv = h.reviews(0)
	h.tapButton("Change in Settings…")
	sw, _ := h.u.settingsDialog.(*settingsWindow)
	if sw == nil || h.w.Canvas().Focused() != fyne.Focusable(sw.form.reviewAt) {
		t.Fatalf("the review's Settings button left the focus on %T", h.w.Canvas().Focused())
	}
	sw.form.reviewDay.SetSelected("Friday")
	h.press(fyne.KeyA, ctrl)
	h.typeKeys("5pm")
	h.keyDown(fyne.KeyReturn)
	if h.w.Canvas().Overlays().Top() != nil {
		t.Fatal("Enter did not save and close the settings")
	}
	h.mustSee("Reminder: Friday at 17:00")
	day2, _, _ := h.st.Setting(context.Background(), model.SettingReviewDay)
	at, _, _ := h.st.Setting(context.Background(), model.SettingReviewAt)
	if day2 != "5" || at != "17:00" {
		t.Fatalf("reminder settings = %q %q, want Friday (5) at 17:00", day2, at)
	}
	if s := h.u.notify.currentSettings(); s.ReviewDay != time.Friday || s.ReviewAt != 17*60 {
		t.Fatalf("the notifier plans the review reminder for %v %d", s.ReviewDay, s.ReviewAt)
	}
}

func TestAuditDropsAndLaterRestoresAGoal(t *testing.T) {
	h := newHarness(t)
	seed(h, "Learn conversational Spanish", "Finish unit 1 of the course", "Review the flashcard deck")
	h.setGoal("Finish unit 1 of the course", func(g *model.MicroGoal) { g.Horizon = model.HorizonMonth })
	h.u.reload()
	rv := h.reviews(1)
	a := rv.audit
	// The audit opens on its overview: every item by objective, decided or not.
	h.mustSee("Quarterly audit: 0 decided, 2 to decide, by objective.")
	h.mustSee("○ to decide   Objective: Learn conversational Spanish")
	h.tapButton("Decide the next one")
	h.mustSee("Quarterly audit · 1 of 2 · 0 decided")
	h.mustSee("Objective: Learn conversational Spanish")

	// Keep the objective: no rationale needed, but the evidence is.
	a.answers[0].SetText("Yes, the family visit is in June")
	a.choice.SetSelected("Keep")
	test.Tap(a.record)
	if log, _ := h.st.SearchDecisions(context.Background(), "", 10); len(log) != 0 {
		t.Fatalf("a keep without evidence was logged: %+v", log)
	}
	a.answers[2].SetText("Two calls in Spanish went well")
	test.Tap(a.record)
	h.mustSee("Quarterly audit · 2 of 2 · 1 decided")
	h.mustSee("Micro-goal: Finish unit 1 of the course")

	// Drop without a rationale is refused and records nothing.
	a.choice.SetSelected("Drop")
	h.mustSee("Write why you decide to drop it")
	test.Tap(a.record)
	if log, _ := h.st.SearchDecisions(context.Background(), "", 10); len(log) != 1 {
		t.Fatalf("a drop without rationale was logged: %+v", log)
	}
	a.answers[1].SetText("No: conversation practice works better")
	a.answers[2].SetText("Three calls went well without it")
	h.typeInto(a.reason, "The tutor's conversation plan replaces it")
	test.Tap(a.record)
	g := h.storedGoal("Finish unit 1 of the course")
	if g.Status != model.StatusDropped || g.DropReason != "The tutor's conversation plan replaces it" {
		t.Fatalf("after drop: %+v", g)
	}
	// The last decision ends the audit on its overview, not back at the first item.
	h.mustSee("All decided")

	// The decision log shows in the goal's detail…
	h.u.selectView("Reviews")
	h.u.tabs.selectTab(0)
	h.selectRow("Finish unit 1 of the course")
	h.mustSee("Decision log")
	h.mustSee("25 Nov 2026 · Dropped — The tutor's conversation plan replaces it")
	h.selectRow("Learn conversational Spanish")
	h.mustSee("25 Nov 2026 · Kept")

	// …and in the searchable list, where the drop can be reversed.
	rv = h.reviews(3)
	h.mustSee("2 decisions")
	rv.log.search.SetText("tutor")
	h.mustSee("1 decision")
	h.mustSee("Finish unit 1 of the course: Dropped — The tutor's conversation plan replaces it")
	h.tapInRow("Finish unit 1 of the course: Dropped", "Reverse…")
	h.mustSee("Reverse the drop of “Finish unit 1 of the course”")
	drop := rv.log.items[0]
	if !rv.log.reverse(drop, "The tutor moved away") {
		t.Fatal("reverse failed")
	}
	if g := h.storedGoal("Finish unit 1 of the course"); g.Status != model.StatusOpen || g.DropReason != "" {
		t.Fatalf("after reverse: %+v", g)
	}
	rv.log.search.SetText("")
	h.mustSee("3 decisions")
	log, _ := h.st.DecisionsFor(context.Background(), 0, g.ID)
	if len(log) != 2 || log[0].Kind != model.DecisionReverse || log[0].ReversesID != drop.ID || log[0].Rationale != "The tutor moved away" ||
		log[1].Kind != model.DecisionDrop || log[1].BestUse != "No: conversation practice works better" || log[1].Evidence != "Three calls went well without it" {
		t.Fatalf("decision log = %+v", log)
	}
	// A reversed drop offers no second reversal.
	for _, it := range rv.log.items {
		if it.ID == drop.ID && !rv.log.undone[it.ID] {
			t.Fatal("the reversed drop still offers Reverse")
		}
	}
	// Undo takes the reversal back: the step is dropped again and the entry is gone.
	h.u.undoLast()
	if g := h.storedGoal("Finish unit 1 of the course"); g.Status != model.StatusDropped {
		t.Fatalf("undo of reverse: %+v", g)
	}
	if log, _ := h.st.DecisionsFor(context.Background(), 0, g.ID); len(log) != 1 {
		t.Fatalf("after undo the log has %d entries", len(log))
	}

	// A restarted audit remembers what this quarter decided.
	h.reopen()
	h.reviews(1)
	h.mustSee("All decided: 1 item, each with a decision")
}

func TestReportMarkdownAndCharts(t *testing.T) {
	h := newHarness(t)
	seed(h, "Finish the first draft of my novel by March", "Write 1000 words", "Outline chapter 2")
	g := h.setGoal("Write 1000 words", func(g *model.MicroGoal) {
		g.Metric = model.Metric{Kind: model.MetricQuantitative, Unit: "words", Target: 1000}
		*g = g.WithStatus(model.StatusDone, "", clock.Add(-time.Hour))
	})
	if _, err := h.st.AddMetricEntry(context.Background(), model.MetricEntry{GoalID: g.ID, At: clock.Add(-2 * time.Hour), Value: 600}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "progress.md")
	md, err := h.u.writeReport(context.Background(), h.u.store, path, model.ReviewPeriod(clock, time.UTC, model.PeriodWeek))
	if err != nil {
		t.Fatal(err)
	}
	onDisk, _ := os.ReadFile(path)
	if string(onDisk) != md || !strings.Contains(md, "| Write 1000 words | 600 words | 1000 words | 60% |") ||
		!strings.Contains(md, "![Steps completed per day](progress-completions.png)") {
		t.Fatalf("report:\n%s", md)
	}
	for _, name := range []string{"progress-completions.png", "progress-metrics.png"} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil || img.Bounds().Dx() != 640 {
			t.Fatalf("%s: %v", name, err)
		}
	}
	w := h.u.showReport(path, md)
	defer w.Close()
	if !strings.Contains(w.Title(), "progress.md") {
		t.Fatalf("report window %q", w.Title())
	}
}

func TestImportJSONFromTheMenuPathRefusesForeignFiles(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes")
	imported := true
	h.u.importData([]byte(`{"some": "other app"}`), importJSON, func(ok bool) { imported = ok })
	h.u.workers.wg.Wait()
	if imported {
		t.Fatal("a foreign file was imported")
	}
	h.mustSee("not a Microgoals export")
	if list, _ := storage.Backups(storage.BackupDir(h.path), time.UTC); len(list) != 0 {
		t.Fatalf("a refused import left a backup: %v", list)
	}
}

func TestRestoreFromBackupWhileTheAppHasTheFileOpen(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes")
	h.u.backupNow()
	h.u.workers.wg.Wait()
	h.mustSee("Backed up the plan to")
	seed(h, "Learn conversational Spanish", "Book a session with a tutor")
	list, err := storage.Backups(storage.BackupDir(h.path), time.UTC)
	if err != nil || len(list) != 1 {
		t.Fatalf("backups = %v, %v", list, err)
	}
	old := h.u.store
	restored := false
	h.u.restoreFrom(list[0].Path, func(ok bool) { restored = ok })
	h.u.workers.wg.Wait()
	if !restored {
		t.Fatal("restore failed")
	}
	h.mustSee("Restored the backup")
	if got := h.outlineTitles(); !equalStrings(got, []string{"Ship the Microgoals 1.0 release", "  Write the release notes"}) {
		t.Fatalf("outline after restore = %q", got)
	}
	if h.u.store == old {
		t.Fatal("the store was not reopened")
	}
	// The restored plan takes new work, and the replaced one is kept as a backup.
	h.typeInto(h.u.outline.quickAdd, "Tag the release")
	h.submit(h.u.outline.quickAdd)
	h.st = h.u.store
	if g := h.storedGoal("Tag the release"); g.ID == 0 {
		t.Fatal("no write after restore")
	}
	list, _ = storage.Backups(storage.BackupDir(h.path), time.UTC)
	var before string
	for _, b := range list {
		if b.BeforeRestore {
			before = b.Path
		}
	}
	if len(list) != 2 || before == "" {
		t.Fatalf("backups after restore = %+v", list)
	}
	kept, err := storage.Open(before, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer kept.Close()
	if out, _ := kept.LoadOutline(context.Background()); len(out.Objectives) != 2 {
		t.Fatalf("the replaced plan kept %d objectives", len(out.Objectives))
	}
	// After a restart the file holds the restored plan and the new step.
	h.u.store.Close()
	h.open()
	if got := h.outlineTitles(); len(got) != 3 || got[2] != "  Tag the release" {
		t.Fatalf("after restart: %q", got)
	}
}

// Every menu item of this feature opens its dialog without trouble.
func TestMenuDialogsOpen(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes")
	for _, open := range []func(){h.u.exportJSON, func() { h.u.exportMetricsCSV(0) }, h.u.exportICalendar, h.u.importJSON, h.u.importCSV, h.u.exportReport} {
		open()
		if len(h.w.Canvas().Overlays().List()) == 0 {
			t.Fatal("no dialog opened")
		}
		h.w.Canvas().Overlays().Remove(h.w.Canvas().Overlays().Top())
	}
	h.u.askRestore()
	h.mustSee("There is no backup yet")
	h.u.backupNow()
	h.u.workers.wg.Wait()
	h.u.askRestore()
	h.mustSee("Restore from backup")
}

func TestWeeklyReviewListsOpenStepsAPageAtATime(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release")
	o := h.stored().Objectives[0]
	for i := 0; i < pendingPage+5; i++ {
		g := model.NewMicroGoal(o.ID, 0, "Close issue "+string(rune('A'+i)), clock)
		g.Due = clock.AddDate(0, 0, -3)
		if _, err := h.st.CreateGoal(context.Background(), g, 0); err != nil {
			t.Fatal(err)
		}
	}
	h.u.reload()
	h.reviews(0)
	h.mustSee("30 overdue, 0 due later this period")
	h.mustSee("Show 5 more (5 not shown)")
	h.mustNotSee("Close issue " + string(rune('A'+pendingPage)))
	for _, o := range visible(h.w.Content()) {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, "Show 5 more") {
			test.Tap(b)
		}
	}
	h.mustSee("Close issue " + string(rune('A'+pendingPage+4)))
	h.mustNotSee("not shown")
}
