package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// audit is the guided quarterly audit: one objective or long-horizon micro-goal at a time,
// the three questions, a decision and its rationale, written to the decision log.
type audit struct {
	u    *UI
	view fyne.CanvasObject

	items    []model.AuditItem
	pos      int
	decided  map[string]bool // keys with a decision in this audit's window (auditWindow)
	progress *widget.Label
	subject  *widget.Label
	context  *widget.Label
	answers  [3]*widget.Entry
	choice   *widget.RadioGroup
	reason   *widget.Entry
	hint     *widget.Label
	record   *widget.Button
	history  *widget.Label
	// overviewHead says how far the audit is.
	overviewHead *widget.Label
	scroll       *container.Scroll // the questions: each item starts at their top
	// overview lists every item by objective, decided or to decide; a tap opens one.
	overview *widget.List
	pages    *fyne.Container // the overview, then the item being decided
}

func decisionLabels() map[model.DecisionKind]string {
	return map[model.DecisionKind]string{
		model.DecisionKeep: lang.L("Keep"), model.DecisionAdjust: lang.L("Adjust"), model.DecisionDrop: lang.L("Drop"),
	}
}

func newAudit(u *UI) *audit {
	a := &audit{u: u, decided: map[string]bool{}}
	a.progress = widget.NewLabel("")
	a.subject = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	a.subject.Wrapping = fyne.TextWrapWord
	a.context = widget.NewLabel("")
	a.context.Wrapping = fyne.TextWrapWord
	form := container.NewVBox()
	// The model's questions, in the user's language.
	questions := [len(model.AuditQuestions)]string{lang.L("Is it still essential?"), lang.L("Is it the best use of your time now?"), lang.L("What evidence supports continuing?")}
	for i, q := range questions {
		a.answers[i] = widget.NewMultiLineEntry()
		a.answers[i].SetMinRowsVisible(2)
		a.answers[i].Wrapping = fyne.TextWrapWord
		form.Add(widget.NewLabelWithStyle(q, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		form.Add(a.answers[i])
	}
	a.choice = widget.NewRadioGroup([]string{lang.L("Keep"), lang.L("Adjust"), lang.L("Drop")}, func(string) { a.validate() })
	a.choice.Horizontal = true
	a.reason = widget.NewMultiLineEntry()
	a.reason.SetMinRowsVisible(2)
	a.reason.Wrapping = fyne.TextWrapWord
	a.reason.SetPlaceHolder(lang.L("Why? Required to adjust or drop."))
	a.reason.OnChanged = func(string) { a.validate() }
	a.hint = widget.NewLabel("")
	a.hint.Importance = widget.DangerImportance
	a.hint.Wrapping = fyne.TextWrapWord
	a.record = widget.NewButton(lang.L("Record decision"), a.recordDecision)
	a.record.Importance = widget.HighImportance
	a.history = widget.NewLabel("")
	a.history.Wrapping = fyne.TextWrapWord
	// The questions scroll; the item and the buttons stay in view.
	a.scroll = container.NewVScroll(container.NewPadded(container.NewVBox(
		form,
		widget.NewLabelWithStyle(lang.L("Decision"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), a.choice,
		widget.NewLabelWithStyle(lang.L("Rationale"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), a.reason,
		widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.L("Earlier decisions"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), a.history,
	)))
	item := container.NewBorder(
		container.NewPadded(container.NewVBox(a.progress, a.subject, a.context, widget.NewSeparator())),
		container.NewPadded(container.NewVBox(a.hint, container.NewHBox(a.record,
			widget.NewButton(lang.L("Previous"), func() { a.move(-1) }),
			widget.NewButton(lang.L("Skip"), func() { a.move(1) }),
			widget.NewButton(lang.L("Overview"), a.showOverview)))),
		nil, nil, a.scroll)
	a.overview = widget.NewList(func() int { return len(a.items) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			it := a.items[i]
			mark := lang.L("○ to decide")
			if a.decided[it.Key()] {
				mark = "✓ decided"
			}
			text := lang.L("Objective: {{.Title}}", args("Title", it.Objective.Title))
			if it.IsGoal {
				text = "      " + it.Goal.Title
			}
			o.(*widget.Label).SetText(mark + "   " + text)
		})
	a.overview.OnSelected = func(i widget.ListItemID) {
		a.overview.UnselectAll()
		a.pos = i
		a.showItem()
	}
	a.overviewHead = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	a.overviewHead.Wrapping = fyne.TextWrapWord
	over := container.NewBorder(container.NewPadded(container.NewVBox(a.overviewHead,
		container.NewHBox(widget.NewButton(lang.L("Decide the next one"), func() { a.restart(); a.showItem() })))), nil, nil, nil, a.overview)
	a.pages = container.NewStack(over, item)
	showPage(a.pages.Objects, 0)
	a.view = a.pages
	return a
}

// showOverview shows the list of every item, decided or to decide, and what is left.
func (a *audit) showOverview() {
	done := 0
	for _, x := range a.items {
		if a.decided[x.Key()] {
			done++
		}
	}
	switch {
	case len(a.items) == 0:
		a.overviewHead.SetText(lang.L("Nothing to audit: no active objective."))
	case done == len(a.items):
		a.overviewHead.SetText(fmt.Sprintf(lang.L("All decided: %s, each with a decision from the last 90 days. The audit is done."), counted(len(a.items), "{{.Count}} item", "{{.Count}} items")))
	default:
		a.overviewHead.SetText(fmt.Sprintf(lang.L("Quarterly audit: %d decided, %d to decide, by objective. Tap an item to decide it."), done, len(a.items)-done))
	}
	a.overview.Refresh()
	showPage(a.pages.Objects, 0)
}

// showItem shows the item at pos, from the top of its questions.
func (a *audit) showItem() {
	a.show()
	showPage(a.pages.Objects, 1)
	a.scroll.ScrollToTop()
}

// auditWindow is how far back a decision counts as part of the current audit: a quarter.
const auditWindow = 90 * 24 * time.Hour

// loadDecided marks the items decided within the audit window, so an audit interrupted by a
// restart carries on where it was.
func (a *audit) loadDecided() {
	a.decided = map[string]bool{}
	log, err := a.u.store.DecisionsSince(a.u.ctx(), a.u.now().Add(-auditWindow))
	if err != nil {
		a.u.showError(lang.L("Could not read the decision log"), err)
		return
	}
	for _, d := range log {
		if d.GoalID != 0 {
			a.decided[fmt.Sprintf("g:%d", d.GoalID)] = true
		} else {
			a.decided[fmt.Sprintf("o:%d", d.ObjectiveID)] = true
		}
	}
}

// refresh re-reads the items from the plan and keeps the audit on the same item.
func (a *audit) refresh() {
	key := ""
	if a.pos < len(a.items) {
		key = a.items[a.pos].Key()
	}
	a.items = model.AuditItems(a.u.data.Objectives, a.u.data.Goals)
	a.loadDecided()
	a.pos = -1
	for i, it := range a.items {
		if it.Key() == key {
			a.pos = i
		}
	}
	if a.pos < 0 {
		a.pos = 0
		a.nextUndecided(0)
	}
	a.show()
	if a.pages.Objects[0].Visible() {
		a.showOverview()
	}
}

// nextUndecided moves to the first item from i on (wrapping) that has no decision yet, and
// reports false when every item has one.
func (a *audit) nextUndecided(i int) bool {
	for k := 0; k < len(a.items); k++ {
		j := (i + k) % len(a.items)
		if !a.decided[a.items[j].Key()] {
			a.pos = j
			return true
		}
	}
	return false
}

func (a *audit) restart() {
	a.pos = 0
	a.nextUndecided(0)
	a.show()
}

// move goes to the previous or next item; past either end it shows the overview rather than
// coming round to the other end.
func (a *audit) move(d int) {
	if p := a.pos + d; p >= 0 && p < len(a.items) {
		a.pos = p
		a.showItem()
		return
	}
	a.showOverview()
}

func (a *audit) current() (model.AuditItem, bool) {
	if a.pos < len(a.items) {
		return a.items[a.pos], true
	}
	return model.AuditItem{}, false
}

func (a *audit) show() {
	for _, e := range a.answers {
		e.SetText("")
	}
	a.reason.SetText("")
	a.choice.SetSelected("")
	it, ok := a.current()
	if !ok {
		a.progress.SetText(lang.L("Nothing to audit: no active objective."))
		a.subject.SetText("")
		a.context.SetText("")
		a.history.SetText("")
		a.record.Disable()
		return
	}
	a.record.Enable()
	done := 0
	for _, x := range a.items {
		if a.decided[x.Key()] {
			done++
		}
	}
	progress := fmt.Sprintf(lang.L("Quarterly audit · %d of %d · %d decided in the last 90 days"), a.pos+1, len(a.items), done)
	if a.decided[it.Key()] {
		progress += lang.L(" · this one already has a decision (below)")
	}
	a.progress.SetText(progress)
	if it.IsGoal {
		a.subject.SetText(lang.L("Micro-goal: {{.Title}}", args("Title", it.Goal.Title)))
		ctx := []string{fmt.Sprintf(lang.L("%s horizon · %s"), horizonLabel(string(it.Goal.Horizon)), dueText(it.Goal, a.u.loc)), lang.L("Objective: {{.Title}}", args("Title", it.Objective.Title))}
		if it.Goal.DoneWhen != "" {
			ctx = append(ctx, lang.L("Done when: {{.Text}}", args("Text", it.Goal.DoneWhen)))
		}
		a.context.SetText(strings.Join(ctx, "\n"))
	} else {
		a.subject.SetText(lang.L("Objective: {{.Title}}", args("Title", it.Objective.Title)))
		p := model.ObjectiveProgress(a.u.data.Goals)[it.Objective.ID]
		why := it.Objective.Why
		if why == "" {
			why = lang.L("no reason written down")
		}
		a.context.SetText(fmt.Sprintf(lang.L("%d of %s done · why: %s"), p.Done, counted(p.Total, "{{.Count}} step", "{{.Count}} steps"), why))
	}
	a.history.SetText(a.u.decisionLogText(it.Objective.ID, it.Goal.ID))
	a.validate()
}

func (a *audit) decision() model.Decision {
	it, _ := a.current()
	d := model.Decision{Essential: strings.TrimSpace(a.answers[0].Text), BestUse: strings.TrimSpace(a.answers[1].Text),
		Evidence: strings.TrimSpace(a.answers[2].Text), Rationale: strings.TrimSpace(a.reason.Text)}
	if it.IsGoal {
		d.GoalID = it.Goal.ID
	} else {
		d.ObjectiveID = it.Objective.ID
	}
	for k, l := range decisionLabels() {
		if l == a.choice.Selected {
			d.Kind = k
		}
	}
	return d
}

// validate shows what still stops the decision from being recorded.
func (a *audit) validate() {
	d := a.decision()
	if d.Kind == "" {
		a.hint.SetText(lang.L("Choose keep, adjust or drop."))
		a.hint.Importance = widget.MediumImportance
		a.hint.Refresh()
		return
	}
	ps := auditProblems(d)
	if len(ps) == 0 {
		a.hint.SetText("")
		return
	}
	a.hint.Importance = widget.DangerImportance
	a.hint.SetText(capitalize(ps[0].Message) + ".")
}

// auditProblems is what stops the audit from recording d: the log's own rules, and one of the
// audit's: keeping an item is a claim that it works, so it needs the evidence at least. (The
// log itself accepts a keep without it: decisions imported from earlier files have none.)
func auditProblems(d model.Decision) []model.Problem {
	ps := model.Blocking(model.ValidateDecision(d))
	if d.Kind == model.DecisionKeep && strings.TrimSpace(d.Evidence) == "" {
		ps = append(ps, model.Problem{Field: "evidence", Message: lang.L("write the evidence that it works before you keep it"), Blocking: true})
	}
	return ps
}

// recordDecision writes the decision (and its effect) as one undoable action and moves on.
func (a *audit) recordDecision() {
	d := a.decision()
	if d.Kind == "" || len(auditProblems(d)) > 0 {
		a.validate()
		a.u.showMessage(lang.L("The decision was not recorded: %s"), a.hint.Text)
		return
	}
	it, _ := a.current()
	if a.u.recordDecision(d, it.Title()) {
		// Recording reloaded the plan (a dropped item has left the list): go on with the next
		// item that has no decision yet.
		a.items = model.AuditItems(a.u.data.Objectives, a.u.data.Goals)
		a.loadDecided()
		if !a.nextUndecided(min(a.pos, max(len(a.items)-1, 0))) {
			a.showOverview() // all decided
			return
		}
		a.showItem()
	}
}

// recordDecision writes d to the decision log as one undoable action.
func (u *UI) recordDecision(d model.Decision, title string) bool {
	verb := map[model.DecisionKind]string{model.DecisionKeep: lang.L("keep"), model.DecisionAdjust: lang.L("adjust"), model.DecisionDrop: lang.L("drop"), model.DecisionReverse: lang.L("reverse the drop of")}[d.Kind]
	ok := u.do(verb+" “"+title+"”", func(ctx context.Context) (func(context.Context) error, string, error) {
		out, err := u.store.RecordDecision(ctx, d)
		if err != nil {
			return nil, "", err
		}
		return func(ctx context.Context) error { return u.store.UndoDecision(ctx, out) }, "", nil
	})
	if ok {
		u.showMessage(lang.L("Decision recorded: %s “%s”. It is in the decision log."), verb, title)
		u.detail.refreshDecisions()
	}
	return ok
}

// decisionLogText is the decision log of one objective or micro-goal, newest first.
func (u *UI) decisionLogText(objectiveID, goalID int64) string {
	var log []model.Decision
	var err error
	if goalID != 0 {
		log, err = u.store.DecisionsFor(u.ctx(), 0, goalID)
	} else if objectiveID != 0 {
		log, err = u.store.DecisionsFor(u.ctx(), objectiveID, 0)
	}
	if err != nil {
		return lang.L("The decision log could not be read: {{.Error}}", args("Error", err.Error()))
	}
	if len(log) == 0 {
		return lang.L("No decisions yet.")
	}
	lines := make([]string, len(log))
	for i, d := range log {
		lines[i] = currentLocale().DayMonthYear(d.At.In(u.loc)) + " · " + d.Summary()
	}
	return strings.Join(lines, "\n")
}

// decisionLogList is the searchable list of every decision, with the drops reversible.
type decisionLogList struct {
	u      *UI
	view   fyne.CanvasObject
	search *widget.Entry
	list   *widget.List
	count  *widget.Label
	items  []model.Decision
	undone map[int64]bool // drops that a later decision reversed
}

func newDecisionLogList(u *UI) *decisionLogList {
	l := &decisionLogList{u: u}
	l.search = widget.NewEntry()
	l.search.SetPlaceHolder(lang.L("Search the decisions: a goal, a word of a rationale…"))
	l.search.OnChanged = func(string) { l.refresh() }
	l.count = widget.NewLabel("")
	l.list = widget.NewList(func() int { return len(l.items) }, func() fyne.CanvasObject {
		text := widget.NewLabel("")
		text.Truncation = fyne.TextTruncateEllipsis
		return container.NewBorder(nil, nil, nil, widget.NewButton(lang.L("Reverse…"), nil), text)
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		c := o.(*fyne.Container)
		text, btn := c.Objects[0].(*widget.Label), c.Objects[1].(*widget.Button)
		d := l.items[i]
		text.SetText(lang.L("{{.Date}} · {{.Subject}}: {{.Decision}}", args("Date", currentLocale().DayMonthYear(d.At.In(u.loc)), "Subject", d.Subject, "Decision", d.Summary())))
		btn.Hidden = d.Kind != model.DecisionDrop || l.undone[d.ID]
		btn.OnTapped = func() { l.askReverse(d) }
		btn.Refresh()
	})
	l.view = container.NewBorder(container.NewVBox(l.search, l.count), nil, nil, nil, l.list)
	return l
}

func (l *decisionLogList) refresh() {
	items, err := l.u.store.SearchDecisions(l.u.ctx(), l.search.Text, 2000)
	if err != nil {
		l.u.showError(lang.L("Could not read the decision log"), err)
		return
	}
	all, err := l.u.store.SearchDecisions(l.u.ctx(), "", 100000)
	if err != nil {
		l.u.showError(lang.L("Could not read the decision log"), err)
		return
	}
	l.undone = map[int64]bool{}
	for _, d := range all {
		if d.Kind == model.DecisionReverse {
			l.undone[d.ReversesID] = true
		}
	}
	l.items = items
	l.count.SetText(counted(len(items), "{{.Count}} decision", "{{.Count}} decisions"))
	l.list.Refresh()
}

func (l *decisionLogList) askReverse(d model.Decision) {
	askRequired(l.u, lang.L("Reverse the drop of “{{.Title}}”", args("Title", d.Subject)), lang.L("Reverse"), lang.L("Why bring it back?"), lang.L("a rationale is needed"),
		func(why string) { l.reverse(d, why) })
}

// reverse reopens what the drop d dropped, logging why.
func (l *decisionLogList) reverse(d model.Decision, rationale string) bool {
	ok := l.u.recordDecision(model.Decision{ObjectiveID: d.ObjectiveID, GoalID: d.GoalID, Kind: model.DecisionReverse,
		ReversesID: d.ID, Rationale: rationale}, d.Subject)
	if ok {
		l.refresh()
	}
	return ok
}
