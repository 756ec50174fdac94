package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// reviewsView is the Reviews tab: the guided weekly review, the quarterly audit, the history
// of saved reviews and the searchable decision log.
type reviewsView struct {
	u    *UI
	tabs *container.AppTabs

	weekly  *weeklyReview
	audit   *audit
	history *widget.Label
	log     *decisionLogList
}

func newReviewsView(u *UI) *reviewsView { return &reviewsView{u: u} }

func (v *reviewsView) Title() string       { return lang.L("Reviews") }
func (v *reviewsView) Icon() fyne.Resource { return theme.HistoryIcon() }

func (v *reviewsView) Build() fyne.CanvasObject {
	v.weekly = newWeeklyReview(v.u)
	v.audit = newAudit(v.u)
	v.history = widget.NewLabel("")
	v.history.Wrapping = fyne.TextWrapWord
	v.log = newDecisionLogList(v.u)
	v.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Weekly review"), v.weekly.view),
		container.NewTabItem(lang.L("Quarterly audit"), v.audit.view),
		container.NewTabItem(lang.L("History"), container.NewVScroll(container.NewPadded(v.history))),
		container.NewTabItem(lang.L("Decision log"), v.log.view),
	)
	v.tabs.OnSelected = func(*container.TabItem) { v.Refresh() }
	return v.tabs
}

// Refresh redraws the open sub-tab from the plan; the others catch up when they are opened.
func (v *reviewsView) Refresh() {
	switch v.tabs.SelectedIndex() {
	case 0:
		v.weekly.refresh()
	case 1:
		v.audit.refresh()
	case 2:
		v.refreshHistory()
	case 3:
		v.log.refresh()
	}
}

func (v *reviewsView) refreshHistory() {
	list, err := v.u.store.Reviews(v.u.ctx())
	if err != nil {
		v.u.showError(lang.L("Could not read the saved reviews"), err)
		return
	}
	if len(list) == 0 {
		v.history.SetText(lang.L("No review saved yet. A weekly review closes the week: see what you did, decide what to do with what is left, and write down one lesson."))
		return
	}
	var b strings.Builder
	for _, r := range list {
		fmt.Fprintf(&b, lang.L("Week %s — %d completed, streak %s (saved %s)\n"), currentLocale().Period(r.Period), r.Completed, counted(r.Streak, "{{.Count}} day", "{{.Count}} days"),
			currentLocale().DateTime(r.UpdatedAt.In(v.u.loc)))
		for _, part := range []struct{ head, text string }{{lang.L("Wins"), r.Wins}, {lang.L("Adjustments"), r.Adjustments}, {lang.L("Lessons"), r.Lessons}} {
			if t := strings.TrimSpace(part.text); t != "" {
				fmt.Fprintf(&b, "    %s: %s\n", part.head, strings.ReplaceAll(t, "\n", " "))
			}
		}
		for _, a := range r.Actions {
			fmt.Fprintf(&b, "    • %s\n", a)
		}
		b.WriteString("\n")
	}
	v.history.SetText(strings.TrimSpace(b.String()))
}

// openReviews opens the Reviews tab at the sub-tab i.
func (u *UI) openReviews(i int) {
	u.selectView(lang.L("Reviews"))
	for _, tv := range u.views {
		if rv, ok := tv.view.(*reviewsView); ok && rv.tabs != nil {
			rv.tabs.SelectIndex(i)
			rv.Refresh()
		}
	}
}

// weeklyReview is the guided weekly review: wins first, then each open and overdue step with
// its actions, then what to adjust, the wins and the lessons, saved as one review.
type weeklyReview struct {
	u    *UI
	view fyne.CanvasObject

	kind      *widget.Select
	period    *widget.Label
	wins      *widget.Label
	completed *widget.Label
	pending   *fyne.Container
	openHead  *widget.Label
	actions   []string
	actionsLb *widget.Label

	adjustments, winsText, lessons *widget.Entry
	saveBtn                        *widget.Button
	reminder                       *widget.Label // when the reminder comes; Settings changes it

	summary model.WeekSummary
	saved   model.Review
	// shown is how many open and overdue steps are listed: a plan left alone for weeks can
	// have hundreds, and each row is three buttons.
	shown int // the review of this period once saved, so saving again updates it
}

func periodLabels() map[model.PeriodKind]string {
	return map[model.PeriodKind]string{model.PeriodWeek: lang.L("This week (Monday to Sunday)"), model.PeriodLast7: lang.L("The last 7 days")}
}

// pendingPage is how many open and overdue steps the review lists at a time.
const pendingPage = 25

func newWeeklyReview(u *UI) *weeklyReview {
	w := &weeklyReview{u: u, shown: pendingPage}
	w.kind = widget.NewSelect([]string{periodLabels()[model.PeriodWeek], periodLabels()[model.PeriodLast7]}, nil)
	w.kind.SetSelectedIndex(0)
	w.kind.OnChanged = func(string) {
		w.saved = model.Review{}
		w.actions = nil
		w.refresh()
	}
	w.period = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.wins = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.completed = widget.NewLabel("")
	w.completed.Wrapping = fyne.TextWrapWord
	w.pending = container.NewVBox()
	w.openHead = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.actionsLb = widget.NewLabel("")
	w.actionsLb.Wrapping = fyne.TextWrapWord
	multi := func(ph string) *widget.Entry {
		e := widget.NewMultiLineEntry()
		e.SetPlaceHolder(ph)
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(2)
		return e
	}
	w.adjustments = multi(lang.L("What will you change next week? Fewer steps, another time of day, a smaller first step…"))
	w.winsText = multi(lang.L("What went well? Name the wins, small ones too."))
	w.lessons = multi(lang.L("What did not go to plan — and what does it teach you?"))
	w.saveBtn = widget.NewButton(lang.L("Save the review"), w.save)
	w.saveBtn.Importance = widget.HighImportance
	w.reminder = widget.NewLabel("")
	head := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	w.view = container.NewVScroll(container.NewPadded(container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("Review")), nil, w.kind),
		w.period,
		widget.NewSeparator(),
		head(lang.L("1. Celebrate what you completed")),
		w.wins, w.completed,
		widget.NewSeparator(),
		w.openHead,
		w.pending, w.actionsLb,
		widget.NewSeparator(),
		head("3. Adjustments"), w.adjustments,
		head("4. Wins"), w.winsText,
		head("5. Lessons"), w.lessons,
		container.NewHBox(w.saveBtn),
		widget.NewSeparator(),
		head(lang.L("Weekly reminder")),
		// The reminder is a setting: it is changed where every setting is (one Settings dialog).
		container.NewHBox(w.reminder, widget.NewButtonWithIcon(lang.L("Change in Settings…"), theme.SettingsIcon(),
			func() { u.openSettingsAt(sectionReminders) })),
	)))
	w.loadReminder()
	return w
}

func (w *weeklyReview) periodKind() model.PeriodKind {
	if w.kind.Selected == periodLabels()[model.PeriodLast7] {
		return model.PeriodLast7
	}
	return model.PeriodWeek
}

func (w *weeklyReview) refresh() {
	u := w.u
	w.showReminder()
	p := model.ReviewPeriod(u.now(), u.loc, w.periodKind())
	w.summary = model.SummarizeWeek(u.completedWork(), p, u.now(), u.loc)
	s := w.summary
	w.period.SetText(lang.L("Week {{.Period}}", args("Period", currentLocale().Period(p))))
	if w.saved.ID == 0 {
		// The week was reviewed already (in an earlier session): the form shows that review,
		// so saving again updates it and keeps what it says.
		if same, err := u.store.ReviewsOverlapping(u.ctx(), p); err == nil {
			for _, r := range same {
				if r.Period == p {
					w.saved = r
					w.actions = append([]string(nil), r.Actions...)
					w.adjustments.SetText(r.Adjustments)
					w.winsText.SetText(r.Wins)
					w.lessons.SetText(r.Lessons)
					break
				}
			}
		}
	}
	n := len(s.Completed)
	switch {
	case n == 0:
		w.wins.SetText(lang.L("No step completed yet this week — the review is where the next win starts."))
	default:
		var parts []string
		for _, h := range model.Horizons {
			if c := s.ByHorizon[h]; c > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", c, h))
			}
		}
		w.wins.SetText(fmt.Sprintf(lang.L("🎉 %s completed (%s) · streak %s"), counted(n, "{{.Count}} step", "{{.Count}} steps"), strings.Join(parts, ", "), counted(s.Streak, "{{.Count}} day", "{{.Count}} days")))
	}
	var lines []string
	for i, g := range s.Completed {
		if i == 15 {
			lines = append(lines, fmt.Sprintf(lang.L("…and %d more"), n-i))
			break
		}
		lines = append(lines, "✓ "+g.Title+" — "+currentLocale().WeekdayShort(g.DoneAt.In(u.loc).Weekday())+" "+currentLocale().Time(g.DoneAt.In(u.loc)))
	}
	w.completed.SetText(strings.Join(lines, "\n"))
	w.completed.Hidden = len(lines) == 0

	w.openHead.SetText(fmt.Sprintf(lang.L("2. Decide about what is still open: %d overdue, %d due later this period"), len(s.Overdue), len(s.Open)))
	w.pending.Objects = nil
	if len(s.Overdue)+len(s.Open) == 0 {
		w.pending.Add(widget.NewLabel(lang.L("Nothing open or overdue in this period.")))
	}
	all := append(append([]model.MicroGoal(nil), s.Overdue...), s.Open...)
	for i, g := range all {
		if i == w.shown {
			more := widget.NewButton(fmt.Sprintf(lang.L("Show %d more (%d not shown)"), min(pendingPage, len(all)-i), len(all)-i), func() {
				w.shown += pendingPage
				w.refresh()
			})
			w.pending.Add(container.NewHBox(more))
			break
		}
		w.pending.Add(w.pendingRow(g, i < len(s.Overdue)))
	}
	w.pending.Refresh()
	w.actionsLb.SetText(strings.Join(w.actions, "\n"))
	w.actionsLb.Hidden = len(w.actions) == 0
}

// pendingRow is one open or overdue step and what can be done with it.
func (w *weeklyReview) pendingRow(g model.MicroGoal, overdue bool) fyne.CanvasObject {
	when := dueText(g, w.u.loc)
	if overdue {
		when = lang.L("overdue · {{.When}}", args("When", when))
	}
	title := widget.NewLabel(g.Title + "  (" + when + ")")
	title.Truncation = fyne.TextTruncateEllipsis
	if overdue {
		title.Importance = widget.DangerImportance
	}
	return container.NewBorder(nil, nil, nil, container.NewHBox(
		widget.NewButton(lang.L("Carry over"), func() { w.carryOver(g) }),
		widget.NewButton(lang.L("New date…"), func() { w.askNewDate(g) }),
		widget.NewButton(lang.L("Drop…"), func() { w.askDrop(g) }),
	), title)
}

func dueText(g model.MicroGoal, loc *time.Location) string {
	if !g.HasDue() {
		return lang.L("no date")
	}
	return lang.L("due {{.Date}}", args("Date", dueDate(g.Due, g.DueHasTime, loc)))
}

// dueDate is a due date with its time when it has one: "Wed 2 Dec 14:30", "Sat 5 Dec".
func dueDate(t time.Time, hasTime bool, loc *time.Location) string {
	if hasTime {
		return currentLocale().DateTime(t.In(loc))
	}
	return currentLocale().ShortDate(t.In(loc))
}

// noteAction remembers an action for the review and returns how to forget it on undo.
func (w *weeklyReview) noteAction(line string) func() {
	w.actions = append(w.actions, line)
	return func() {
		for i := len(w.actions) - 1; i >= 0; i-- {
			if w.actions[i] == line {
				w.actions = append(w.actions[:i], w.actions[i+1:]...)
				return
			}
		}
	}
}

// reschedule moves g to due as one undoable action: carried over to the next period, or moved
// to a day the user chose.
func (w *weeklyReview) reschedule(g model.MicroGoal, due time.Time, hasTime bool, moved bool) bool {
	u := w.u
	a := args("Title", quoted(g.Title), "Date", dueDate(due, hasTime, u.loc))
	line, action := lang.L("Carried over {{.Title}} to {{.Date}}", a), lang.L("carry over {{.Title}}", a)
	if moved {
		line, action = lang.L("Moved {{.Title}} to {{.Date}}", a), lang.L("move {{.Title}}", a)
	}
	return u.do(action, func(ctx context.Context) (func(context.Context) error, string, error) {
		if _, err := u.store.RescheduleGoal(ctx, g.ID, due, hasTime); err != nil {
			return nil, "", err
		}
		forget := w.noteAction(line)
		u.showMessage("%s.", line)
		return func(ctx context.Context) error {
			if _, err := u.store.RescheduleGoal(ctx, g.ID, g.Due, g.DueHasTime); err != nil {
				return err
			}
			forget()
			return nil
		}, "", nil
	})
}

func (w *weeklyReview) carryOver(g model.MicroGoal) bool {
	return w.reschedule(g, model.CarryOverDue(g, w.summary.Period, w.u.loc), g.DueHasTime, false)
}

// pickDate moves g to the day written in text (the locale's way, YYYY-MM-DD or words),
// keeping its time of day.
func (w *weeklyReview) pickDate(g model.MicroGoal, text string) bool {
	day, err := w.u.readDay(text)
	if err != nil {
		w.u.showMessage(lang.L("Could not move “%s”: %s."), g.Title, err)
		return false
	}
	due := day
	if g.DueHasTime {
		t := g.Due.In(w.u.loc)
		due = time.Date(day.Year(), day.Month(), day.Day(), t.Hour(), t.Minute(), 0, 0, w.u.loc)
	}
	return w.reschedule(g, due, g.DueHasTime, true)
}

func (w *weeklyReview) askNewDate(g model.MicroGoal) {
	e := newDialogEntry()
	e.SetText(currentLocale().FieldDate(model.CarryOverDue(g, w.summary.Period, w.u.loc).In(w.u.loc)))
	e.Validator = func(s string) error {
		_, err := w.u.readDay(s)
		return err
	}
	showFormDialog(lang.L("New date for “{{.Title}}”", args("Title", g.Title)), lang.L("Move"), e, func() { w.pickDate(g, e.Text) }, w.u)
}

// drop drops g with a reason as one undoable action.
func (w *weeklyReview) drop(g model.MicroGoal, reason string) bool {
	u := w.u
	reason = strings.TrimSpace(reason)
	if reason == "" {
		u.showMessage(lang.L("Write why you drop “%s”: the reason is what the review learns from."), g.Title)
		return false
	}
	return u.do(lang.L("drop “{{.Title}}”", args("Title", g.Title)), func(ctx context.Context) (func(context.Context) error, string, error) {
		if _, err := u.store.SetGoalStatus(ctx, g.ID, model.StatusDropped, reason); err != nil {
			return nil, "", err
		}
		forget := w.noteAction(fmt.Sprintf(lang.L("Dropped “%s”: %s"), g.Title, reason))
		u.showMessage(lang.L("Dropped “%s”. The reason is kept with it and in this review."), g.Title)
		return func(ctx context.Context) error {
			if _, err := u.store.UpdateGoal(ctx, g); err != nil {
				return err
			}
			forget()
			return nil
		}, "", nil
	})
}

func (w *weeklyReview) askDrop(g model.MicroGoal) {
	askRequired(w.u, lang.L("Drop “{{.Title}}”", args("Title", g.Title)), lang.L("Drop"), lang.L("Why drop it?"), lang.L("a reason is needed"),
		func(why string) { w.drop(g, why) })
}

// save stores the review of the period; saving again updates the same review.
func (w *weeklyReview) save() {
	u := w.u
	r := w.saved
	r.Period = w.summary.Period
	r.Completed, r.Streak = len(w.summary.Completed), w.summary.Streak
	r.Actions = append([]string(nil), w.actions...)
	r.Adjustments, r.Wins, r.Lessons = strings.TrimSpace(w.adjustments.Text), strings.TrimSpace(w.winsText.Text), strings.TrimSpace(w.lessons.Text)
	if r.ID == 0 {
		// A review of this period saved before (in an earlier session, or before the view was
		// rebuilt) is updated, not doubled: one week has one review.
		if same, err := u.store.ReviewsOverlapping(u.ctx(), r.Period); err == nil {
			for _, s := range same {
				if s.Period == r.Period {
					r.ID, w.saved = s.ID, s
					break
				}
			}
		}
	}
	prev := w.saved
	ok := u.record(lang.L("save the weekly review"), func(ctx context.Context) (func(context.Context) error, error) {
		saved, err := u.store.SaveReview(ctx, r)
		if err != nil {
			return nil, err
		}
		w.saved = saved
		return func(ctx context.Context) error {
			w.saved = prev
			if prev.ID == 0 {
				return u.store.DeleteReview(ctx, saved.ID)
			}
			_, err := u.store.SaveReview(ctx, prev)
			return err
		}, nil
	})
	if ok {
		u.celebrate(lang.L("Weekly review saved"), fmt.Sprintf(lang.L("%s completed, streak %s. See it under History."), counted(r.Completed, "{{.Count}} step", "{{.Count}} steps"), counted(r.Streak, "{{.Count}} day", "{{.Count}} days")))
	}
}

// loadReminder shows the weekly review reminder's day and time: the notifier's own settings,
// which the Settings dialog edits.
func (w *weeklyReview) loadReminder() {
	if err := w.u.notify.loadSettings(); err != nil {
		w.u.showError(lang.L("Could not read the reminder"), err)
	}
	w.showReminder()
}

func (w *weeklyReview) showReminder() {
	s := w.u.notify.currentSettings()
	w.reminder.SetText(lang.X("review.reminder", "Reminder: {{.Day}} at {{.Time}}", map[string]any{
		"Day": currentLocale().WeekdayName(s.ReviewDay), "Time": model.FormatClock(s.ReviewAt)}))
}
