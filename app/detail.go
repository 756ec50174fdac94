package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// field is one editable value of the detail panel: its widget, and the label under it that
// shows what is wrong with it as the user types.
type field struct {
	name   string
	label  string
	widget fyne.CanvasObject
	entry  *widget.Entry // the field's entry, nil for a choice
	input  *formEntry    // the widget that takes the focus for entry
	hint   *widget.Label
	text   func() string
	set    func(string)
	// shown is what the field showed for the stored value when the row was filled: a date
	// field that still holds it keeps the stored instant as it is, unparsed.
	shown string
	// toDraft and fromDraft, when set, write the field's text in a draft in a form every
	// language reads the same way (a day as YYYY-MM-DD, a time as 15:04) and show it back
	// the current locale's way: a draft kept in French reads as the same day in English.
	toDraft, fromDraft func(string) string
}

// untouched reports whether the field still holds what it showed for the stored value.
func (f *field) untouched() bool { return f.text() == f.shown }

// detail is the right pane: every field of the selected micro-goal or objective, validated
// inline, saved as one undoable action.
type detail struct {
	ownerSug *ownerSuggestion // the owner suggested by the tags (ownersuggest.go)
	u        *UI
	key      string // the row being edited
	view     fyne.CanvasObject

	// drafts keeps edits that could not be saved yet (a field still has a problem) when the
	// selection moves on, so that coming back shows them again: nothing typed is lost.
	drafts  map[string]map[string]string
	loading bool
	dirty   bool

	heading *widget.Label
	empty   fyne.CanvasObject
	goalBox *fyne.Container
	objBox  *fyne.Container
	stack   *fyne.Container

	goalFields map[string]*field
	objFields  map[string]*field
	smart      *smartBadges
	metricLog  *metricLog
	smartScore *widget.Label
	smartHints *widget.Label
	stamps     *widget.Label
	objStats   *widget.Label
	saveBtn    *widget.Button
	doneBtn    *widget.Button
	objSaveBtn *widget.Button
	// revertBtns put the stored values back (and forget the draft): one per form.
	revertBtns []*widget.Button
	// scrolls are the two forms' scrollers, so that a new selection starts at its top.
	scrolls []*container.Scroll
	// decisions shows the quarterly audit's decision log of the selected item (decisionlog.go).
	decisions, objDecisions *widget.Label

	horizon, stage, metricKind, objStatus *widget.Select
	inFocus                               *widget.Check

	dropRow     fyne.CanvasObject  // the reason field, shown for dropped steps only
	repeatKind  *widget.Select     // detail_routine.go
	repeatEvery *widget.Entry      // weeks between occurrences
	repeatDays  *widget.CheckGroup // chosen weekdays()

	goal model.MicroGoal // the stored values of the row being edited
	obj  model.Objective
}

func metricKindLabels() map[model.MetricKind]string {
	return map[model.MetricKind]string{
		model.MetricNone: lang.L("No metric"), model.MetricQuantitative: lang.L("Quantity (unit and target)"), model.MetricQualitative: lang.L("Checkpoint (done with evidence)"),
	}
}

func newDetail(u *UI) *detail {
	d := &detail{u: u, drafts: map[string]map[string]string{}, goalFields: map[string]*field{}, objFields: map[string]*field{}, ownerSug: newOwnerSuggestion()}
	d.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.heading.Wrapping = fyne.TextWrapWord
	// The hint wraps: the panel is as wide as its widest page, and a one-line hint would make
	// the German panel ("Wählen Sie ein Ziel …") squeeze the outline.
	hint := widget.NewLabelWithStyle(lang.L("Select an objective or a micro-goal to see and edit it."), fyne.TextAlignCenter, fyne.TextStyle{})
	hint.Wrapping = fyne.TextWrapWord
	d.empty = container.NewVBox(layout.NewSpacer(), hint, layout.NewSpacer())
	d.stack = container.NewStack(d.empty)
	d.view = d.stack
	return d
}

// ensureForms builds the two forms the first time something is selected: a window that only
// shows its outline does not pay for (or measure the text of) forms nobody looks at yet.
func (d *detail) ensureForms() {
	if d.goalBox != nil {
		return
	}
	goalBar := d.buildGoalForm()
	objBar := d.buildObjectiveForm()
	d.stack.Add(d.page(d.goalBox, goalBar))
	d.stack.Add(d.page(d.objBox, objBar))
}

// page is one form of the panel: the fields scroll, the buttons stay in view under them, and
// the wheel scrolls the form wherever the pointer is (an entry under the pointer would
// otherwise take the wheel for its own scroller and move nothing).
func (d *detail) page(form fyne.CanvasObject, buttons fyne.CanvasObject) fyne.CanvasObject {
	sc := container.NewVScroll(form)
	d.scrolls = append(d.scrolls, sc)
	return container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), buttons), nil, nil,
		container.NewStack(sc, newWheelCatcher(sc)))
}

// revertButton makes the Revert button of a form.
func (d *detail) revertButton() *widget.Button {
	b := widget.NewButtonWithIcon(lang.L("Revert"), theme.ContentUndoIcon(), d.revert)
	b.Disable()
	d.revertBtns = append(d.revertBtns, b)
	return b
}

// revert puts the stored values of the row back in the form and forgets its draft.
func (d *detail) revert() {
	if _, had := d.drafts[d.key]; had {
		delete(d.drafts, d.key)
		d.persistDrafts()
	}
	d.dirty = false
	switch kind, _ := parseKey(d.key); kind {
	case 'g':
		d.fillGoal(d.goal)
	case 'o':
		d.fillObjective(d.obj)
	}
	d.u.clearMessage()
}

func (d *detail) showOnly(i int) { showPage(d.stack.Objects, i) }

// showPage shows page i of a stack of pages and hides the others.
func showPage(pages []fyne.CanvasObject, i int) {
	for j, o := range pages {
		if i == j {
			o.Show()
		} else {
			o.Hide()
		}
	}
}

func (d *detail) entryField(fields map[string]*field, name, label, placeholder string, multiline bool) *field {
	fe := newFormEntry(multiline)
	e := &fe.Entry
	if multiline {
		e.SetMinRowsVisible(3)
		e.Wrapping = fyne.TextWrapWord
	}
	e.SetPlaceHolder(placeholder)
	e.OnChanged = func(string) { d.changed() }
	if !multiline {
		e.OnSubmitted = func(string) { d.save() }
	}
	f := &field{name: name, label: label, widget: fe, entry: e, input: fe, text: func() string { return e.Text }, set: e.SetText}
	fields[name] = f
	return f
}

func (d *detail) selectField(fields map[string]*field, name, label string, options []string) (*field, *widget.Select) {
	s := widget.NewSelect(options, func(string) { d.changed() })
	f := &field{name: name, label: label, widget: s, text: func() string { return s.Selected }, set: s.SetSelected}
	fields[name] = f
	return f, s
}

// choiceField is a select whose choices are stored values shown in the user's words: the
// field reads and sets the value, the select shows labelOf(value).
func (d *detail) choiceField(fields map[string]*field, name, label string, values []string, labelOf func(string) string) (*field, *widget.Select) {
	labels := make([]string, len(values))
	valueOf := make(map[string]string, len(values))
	for i, v := range values {
		labels[i] = labelOf(v)
		valueOf[labels[i]] = v
	}
	s := widget.NewSelect(labels, func(string) { d.changed() })
	f := &field{name: name, label: label, widget: s,
		text: func() string {
			if v, ok := valueOf[s.Selected]; ok {
				return v
			}
			return s.Selected
		},
		set: func(v string) { s.SetSelected(labelOf(v)) }}
	fields[name] = f
	return f, s
}

// row lays out fields side by side under their labels, each with its problem line below.
func row(fs ...*field) fyne.CanvasObject {
	cols := make([]fyne.CanvasObject, len(fs))
	for i, f := range fs {
		f.hint = widget.NewLabel("")
		f.hint.Wrapping = fyne.TextWrapWord
		f.hint.Hide()
		cols[i] = container.NewVBox(widget.NewLabelWithStyle(f.label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), f.widget, f.hint)
	}
	if len(cols) == 1 {
		return cols[0]
	}
	return container.NewGridWithColumns(len(cols), cols...)
}

func (d *detail) buildGoalForm() fyne.CanvasObject {
	gf := d.goalFields
	var horizonF, stageF, kindF *field
	horizonF, d.horizon = d.choiceField(gf, "horizon", lang.L("Horizon"), stringsOf(model.Horizons), horizonLabel)
	stageF, d.stage = d.choiceField(gf, "stage", lang.L("Stage"), stringsOf(model.Stages), stageLabel)
	kinds := []string{metricKindLabels()[model.MetricNone], metricKindLabels()[model.MetricQuantitative], metricKindLabels()[model.MetricQualitative]}
	kindF, d.metricKind = d.selectField(gf, "metric", lang.L("Metric"), kinds)
	d.smart = newSMARTBadges()
	d.smartScore = widget.NewLabel("")
	d.smartHints = widget.NewLabel("")
	d.smartHints.Wrapping = fyne.TextWrapWord
	d.stamps = widget.NewLabel("")
	d.stamps.Wrapping = fyne.TextWrapWord
	d.dropRow = row(d.entryField(gf, "dropReason", lang.L("Reason for dropping"), "", false))
	d.metricLog = newMetricLog(d.u)
	d.saveBtn = widget.NewButton(lang.L("Save"), d.save)
	d.saveBtn.Importance = widget.HighImportance
	d.doneBtn = widget.NewButton(lang.L("Mark done"), d.u.toggleDone)
	bar := container.NewHBox(d.saveBtn, d.revertButton(), d.doneBtn)
	buttons := container.NewHBox(
		widget.NewButton(lang.L("Drop…"), d.u.dropSelected),
		widget.NewButton(lang.L("Add sub-step"), d.u.addSubStep),
		widget.NewButton(lang.L("Delete"), d.u.deleteSelected))
	d.goalBox = container.NewVBox(
		d.heading,
		row(d.entryField(gf, "title", lang.L("Action"), lang.L("Verb first: “Write the intro of chapter 2”"), false)),
		row(d.entryField(gf, "outcome", lang.L("Expected outcome"), lang.L("What will exist when it is done?"), true)),
		row(d.entryField(gf, "doneWhen", lang.L("Done when"), lang.L("The check that proves it: “1,000 words in the draft”"), false)),
		row(d.dateField(gf, "due", lang.L("Due date")), d.clockField(gf, "dueTime", lang.L("Time"), lang.L("HH:MM (optional)"))),
		row(horizonF, stageF, d.entryField(gf, "estimate", lang.L("Estimate"), lang.L("45 min, 1h 30m"), false)),
		d.routineRow(),
		row(kindF, d.entryField(gf, "unit", lang.L("Unit"), lang.L("minutes, pages, words…"), false), d.entryField(gf, "target", lang.L("Target"), "500", false)),
		row(d.canDecreaseField(), d.fromCompletionField()),
		row(d.entryField(gf, "owner", lang.L("Owner"), lang.L("Who does it"), false), d.entryField(gf, "partner", lang.L("Accountability partner"), lang.L("Who checks in"), false)),
		d.ownerSug.why,
		row(d.tagsField(gf)),
		row(d.newNotesField(gf)),
		d.dropRow,
		widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.L("SMART check"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(d.smart.box, d.smartScore), d.smartHints,
		d.metricLog.box,
		widget.NewSeparator(),
		d.stamps,
		buttons,
		decisionSection(&d.decisions),
	)
	return bar
}

func (d *detail) buildObjectiveForm() fyne.CanvasObject {
	of := d.objFields
	var statusF *field
	statusF, d.objStatus = d.choiceField(of, "status", lang.L("Status"), []string{string(model.ObjectiveActive), string(model.ObjectiveAchieved), string(model.ObjectiveArchived)}, objectiveStatusLabel)
	d.inFocus = widget.NewCheck(lang.L("In focus"), func(bool) { d.changed() })
	of["focus"] = &field{name: "focus", widget: d.inFocus,
		text: func() string { return strconv.FormatBool(d.inFocus.Checked) },
		set:  func(s string) { d.inFocus.SetChecked(s == "true") }}
	d.objStats = widget.NewLabel("")
	d.objStats.Wrapping = fyne.TextWrapWord
	d.objSaveBtn = widget.NewButton(lang.L("Save"), d.save)
	d.objSaveBtn.Importance = widget.HighImportance
	d.objBox = container.NewVBox(
		widget.NewLabelWithStyle(lang.L("Objective"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		row(d.entryField(of, "title", lang.L("In one sentence"), lang.L("What do you want to achieve?"), false)),
		row(d.entryField(of, "why", lang.L("Why it matters"), lang.L("The reason that keeps you going"), true)),
		row(d.newNotesField(of)),
		row(d.dateField(of, "target", lang.L("Target date")), statusF),
		d.inFocus,
		d.objStats,
		container.NewHBox(
			widget.NewButton(lang.L("Add micro-goal"), d.u.addGoal),
			widget.NewButton(lang.L("Delete"), d.u.deleteSelected)),
		decisionSection(&d.objDecisions),
	)
	return container.NewHBox(d.objSaveBtn, d.revertButton())
}

func stringsOf[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// refreshSelection shows the selected row. Edits to the row being left are saved when they are
// valid and kept as a draft when they are not.
func (d *detail) refreshSelection() {
	key := d.u.outline.selected
	if d.key != "" && d.key != key && d.dirty && d.leave() {
		// The edits were saved: show them everywhere, then come back here for the new row.
		d.dirty = false
		d.u.reload()
		return
	}
	kind, _ := parseKey(key)
	g, _ := d.u.selectedGoal()
	o, _ := d.u.selectedObjective()
	if key == d.key && d.dirty {
		// The plan changed under an edit in progress: keep what the user typed.
		d.goal, d.obj = g, o
		d.refreshUntouchedDates()
		d.changed()
		if kind == 'g' {
			d.metricLog.show(g)
		}
		return
	}
	d.key = key
	d.dirty = false
	if kind == 'g' || kind == 'o' {
		d.ensureForms()
		for _, sc := range d.scrolls {
			sc.ScrollToTop()
		}
	}
	switch kind {
	case 'g':
		d.goal = g
		d.fillGoal(g)
		d.metricLog.show(g)
		d.showOnly(1)
	case 'o':
		d.obj = o
		d.fillObjective(o)
		d.showOnly(2)
	default:
		d.showOnly(0)
	}
}

// leave saves the edits of the row being left and reports true, or keeps them as a draft.
func (d *detail) leave() bool {
	if !d.exists(d.key) {
		// The row itself went away (an undo took back its creation, it went to the trash):
		// its edits have nothing left to apply to.
		delete(d.drafts, d.key)
		d.dirty = false
		return false
	}
	if d.valid() && d.saveKey(d.key) {
		if _, had := d.drafts[d.key]; had {
			delete(d.drafts, d.key)
			d.persistDrafts()
		}
		return true
	}
	d.keepDraft()
	d.u.say(lang.L("Your unsaved edits are kept: select the item again to finish them."))
	return false
}

// exists reports whether the row key is still in the plan.
func (d *detail) exists(key string) bool {
	switch kind, id := parseKey(key); kind {
	case 'g':
		_, ok := d.u.tree.Goal(id)
		return ok
	case 'o':
		_, ok := d.u.objective(id)
		return ok
	}
	return false
}

func (d *detail) fieldsFor(key string) map[string]*field {
	if kind, _ := parseKey(key); kind == 'o' {
		return d.objFields
	}
	return d.goalFields
}

func (d *detail) fill(fields map[string]*field, values map[string]string) {
	d.loading = true
	defer func() { d.loading = false }()
	for name, f := range fields {
		f.shown = values[name]
	}
	if draft, ok := d.drafts[d.key]; ok {
		values = map[string]string{}
		for name, text := range draft {
			if f := fields[name]; f != nil && f.fromDraft != nil {
				text = f.fromDraft(text)
			}
			values[name] = text
		}
		d.dirty = true
	}
	for name, f := range fields {
		f.set(values[name])
	}
}

// dueTexts is what the due date and time fields show for g: written the locale's way
// ("09.01.2027", "01/09/2027" and "9:00 AM"), which ParseDateField and ParseClock read back.
func (d *detail) dueTexts(g model.MicroGoal) (day, clock string) {
	if !g.HasDue() {
		return "", ""
	}
	if g.DueHasTime {
		clock = currentLocale().Time(g.Due.In(d.u.loc))
	}
	return d.dayText(g.Due), clock
}

// dayText is what a date field shows for t ("" for the zero time).
func (d *detail) dayText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return currentLocale().FieldDate(t.In(d.u.loc))
}

// refreshUntouchedDates shows the stored dates, changed under an edit in progress, in the date
// fields the user has not touched: those keep the stored value when saved (dueFromForm).
func (d *detail) refreshUntouchedDates() {
	d.loading = true
	defer func() { d.loading = false }()
	set := func(f *field, text string) {
		f.shown = text
		f.set(text)
	}
	switch kind, _ := parseKey(d.key); kind {
	case 'g':
		if f := d.goalFields; f["due"].untouched() && f["dueTime"].untouched() {
			day, clock := d.dueTexts(d.goal)
			set(f["due"], day)
			set(f["dueTime"], clock)
		}
	case 'o':
		if f := d.objFields["target"]; f.untouched() {
			set(f, d.dayText(d.obj.TargetDate))
		}
	}
}

func (d *detail) fillGoal(g model.MicroGoal) {
	v := map[string]string{
		"title": g.Title, "outcome": g.Outcome, "doneWhen": g.DoneWhen,
		"horizon": string(g.Horizon), "stage": string(g.Stage), "metric": metricKindLabels()[g.Metric.Kind],
		"unit": g.Metric.Unit, "owner": g.Owner, "partner": g.Partner, "dropReason": g.DropReason,
		"anchor": g.Anchor, "repeat": g.Repeat, "tags": model.FormatTags(g.Tags), "notes": g.Notes,
	}
	v["due"], v["dueTime"] = d.dueTexts(g)
	if g.EstimateMinutes > 0 {
		v["estimate"] = model.FormatMinutes(g.EstimateMinutes)
	}
	if g.Metric.Target != 0 {
		v["target"] = strconv.FormatFloat(g.Metric.Target, 'f', -1, 64)
	}
	if g.Metric.CanDecrease {
		v["canDecrease"] = "1"
	}
	if g.RepeatFromCompletion {
		v["fromCompletion"] = "1"
	}
	d.fill(d.goalFields, v)
	d.ownerLoaded()
	d.changed()
	d.refreshDecisions()
}

func (d *detail) fillObjective(o model.Objective) {
	v := map[string]string{"title": o.Title, "why": o.Why, "status": string(o.Status), "focus": strconv.FormatBool(o.InFocus), "notes": o.Notes}
	v["target"] = d.dayText(o.TargetDate)
	d.fill(d.objFields, v)
	d.changed()
	d.refreshDecisions()
}

// goalFromForm reads the form into a copy of the stored goal. Parse errors come back as
// problems on their fields.
func (d *detail) goalFromForm() (model.MicroGoal, []model.Problem) {
	g := d.goal
	f := d.goalFields
	var ps []model.Problem
	bad := func(field string, err error) {
		ps = append(ps, model.Problem{Field: field, Message: capitalize(err.Error()), Blocking: true})
	}
	g.Title = model.CleanTitle(f["title"].text())
	if strings.TrimSpace(f["title"].text()) != "" && g.Title == "" {
		g.Title = f["title"].text()
	}
	g.Outcome = f["outcome"].text()
	g.DoneWhen = strings.TrimSpace(f["doneWhen"].text())
	g.Horizon = model.Horizon(f["horizon"].text())
	g.Stage = model.Stage(f["stage"].text())
	g.Owner = strings.TrimSpace(f["owner"].text())
	g.Partner = strings.TrimSpace(f["partner"].text())
	g.DropReason = strings.TrimSpace(f["dropReason"].text())
	g.Anchor, g.Repeat = f["anchor"].text(), f["repeat"].text()
	var dueProblems []model.Problem
	g.Due, g.DueHasTime, dueProblems = d.dueFromForm(f)
	ps = append(ps, dueProblems...)
	var err error
	if g.EstimateMinutes, err = model.ParseMinutes(f["estimate"].text()); err != nil {
		bad("estimate", err)
	}
	for kind, label := range metricKindLabels() {
		if label == f["metric"].text() {
			g.Metric.Kind = kind
		}
	}
	g.Metric.Unit = strings.TrimSpace(f["unit"].text())
	if g.Metric.Target, err = model.ParseNumber(f["target"].text()); err != nil {
		bad("target", err)
	}
	g.Metric.CanDecrease = f["canDecrease"].text() == "1"
	g.RepeatFromCompletion = f["fromCompletion"].text() == "1" && g.Repeat != ""
	if g.Metric.Kind != model.MetricQuantitative {
		g.Metric.Unit, g.Metric.Target, g.Metric.CanDecrease = "", 0, false
	}
	ps = append(ps, d.goalExtras(&g)...)
	return g, append(ps, model.ValidateGoal(g)...)
}

// dueFromForm reads the due date and time fields. Fields that still hold what they showed
// for the stored due date give it back exactly, unparsed, so that a save never moves a step
// the user did not move; otherwise the date is read the locale's way (ParseDateField).
func (d *detail) dueFromForm(f map[string]*field) (time.Time, bool, []model.Problem) {
	if f["due"].untouched() && f["dueTime"].untouched() {
		return d.goal.Due, d.goal.DueHasTime, nil
	}
	var ps []model.Problem
	bad := func(field string, err error) {
		ps = append(ps, model.Problem{Field: field, Message: capitalize(err.Error()), Blocking: true})
	}
	due, dueHasTime, err := model.ParseDateField(currentLocale(), f["due"].text(), d.u.now(), d.u.loc)
	if err != nil {
		bad("due", err)
	}
	day := due
	if !due.IsZero() {
		day = model.DateOf(due, d.u.loc).Start(d.u.loc)
	}
	h, m, hasTime, err := model.ParseClock(f["dueTime"].text())
	if err != nil {
		bad("dueTime", err)
	}
	if !hasTime && dueHasTime && strings.TrimSpace(f["dueTime"].text()) == "" {
		// "fri 9am" names the time too.
		h, m, hasTime = due.Hour(), due.Minute(), true
	}
	switch {
	case day.IsZero() && hasTime:
		ps = append(ps, model.Problem{Field: "dueTime", Message: lang.L("Give a due date for this time"), Blocking: true})
		return time.Time{}, false, ps
	case day.IsZero():
		return time.Time{}, false, ps
	}
	return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, d.u.loc), hasTime, ps
}

func (d *detail) objectiveFromForm() (model.Objective, []model.Problem) {
	o := d.obj
	f := d.objFields
	var ps []model.Problem
	o.Title = model.CleanTitle(f["title"].text())
	o.Why = f["why"].text()
	o.Status = model.ObjectiveStatus(f["status"].text())
	o.InFocus = d.inFocus.Checked
	o.Notes = f["notes"].text()
	if f["target"].untouched() {
		// Still what it showed for the stored date: kept as stored, unparsed.
		return o, append(ps, model.ValidateObjective(o)...)
	}
	day, _, err := model.ParseDateField(currentLocale(), f["target"].text(), d.u.now(), d.u.loc)
	if err != nil {
		ps = append(ps, model.Problem{Field: "target", Message: capitalize(err.Error()), Blocking: true})
	}
	if !day.IsZero() {
		day = model.DateOf(day, d.u.loc).Start(d.u.loc)
	}
	o.TargetDate = day
	return o, append(ps, model.ValidateObjective(o)...)
}

// changed re-validates the form after an edit and shows each problem under its field.
func (d *detail) changed() {
	if d.loading {
		return
	}
	kind, _ := parseKey(d.key)
	var ps []model.Problem
	var differs bool // the form holds something other than what is stored
	fields := d.goalFields
	switch kind {
	case 'g':
		d.suggestOwner(false)
		var g model.MicroGoal
		g, ps = d.goalFromForm()
		differs = !sameGoal(g, d.goal)
		d.showGoalState(g)
	case 'o':
		fields = d.objFields
		var o model.Objective
		o, ps = d.objectiveFromForm()
		differs = !sameObjective(o, d.obj)
		d.showObjectiveState(o)
	default:
		return
	}
	blocked := len(model.Blocking(ps)) > 0
	for name, f := range fields {
		if f.hint == nil {
			continue
		}
		var msgs []string
		danger := false
		for _, p := range model.ForField(ps, name) {
			msgs = append(msgs, p.Message)
			danger = danger || p.Blocking
		}
		if len(msgs) == 0 {
			f.hint.Hide()
			continue
		}
		f.hint.SetText(strings.Join(msgs, "\n"))
		f.hint.Importance = widget.WarningImportance
		if danger {
			f.hint.Importance = widget.DangerImportance
		}
		f.hint.Show()
		f.hint.Refresh()
	}
	d.dirty = d.dirty || differs || blocked
	canSave := d.dirty && !blocked
	for _, b := range []*widget.Button{d.saveBtn, d.objSaveBtn} {
		if canSave {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	for _, b := range d.revertBtns {
		if d.dirty {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

func sameGoal(a, b model.MicroGoal) bool {
	return a.Title == b.Title && a.Outcome == b.Outcome && a.DoneWhen == b.DoneWhen &&
		a.Due.Equal(b.Due) && a.DueHasTime == b.DueHasTime && a.Horizon == b.Horizon &&
		a.Stage == b.Stage && a.EstimateMinutes == b.EstimateMinutes && a.Metric == b.Metric &&
		a.Owner == b.Owner && a.Partner == b.Partner && a.DropReason == b.DropReason &&
		a.Anchor == b.Anchor && a.Repeat == b.Repeat && a.RepeatFromCompletion == b.RepeatFromCompletion && sameGoalExtras(a, b)
}

func sameObjective(a, b model.Objective) bool {
	return a.Title == b.Title && a.Why == b.Why && a.TargetDate.Equal(b.TargetDate) &&
		a.Status == b.Status && a.InFocus == b.InFocus && a.Notes == b.Notes
}

func (d *detail) valid() bool {
	switch kind, _ := parseKey(d.key); kind {
	case 'g':
		_, ps := d.goalFromForm()
		return len(model.Blocking(ps)) == 0
	case 'o':
		_, ps := d.objectiveFromForm()
		return len(model.Blocking(ps)) == 0
	}
	return false
}

func (d *detail) showGoalState(g model.MicroGoal) {
	d.heading.SetText(statusHeading(g.Status))
	s := model.CheckSMART(g, d.u.smartContext(g))
	d.smart.set(s, theme.CurrentForWidget(d.smartScore))
	d.smartScore.SetText(fmt.Sprintf(lang.L("%d of 5 pass"), s.Score()))
	if hints := s.Hints(); len(hints) > 0 {
		d.smartHints.SetText(strings.Join(hints, "\n"))
	} else {
		d.smartHints.SetText(lang.L("Specific, measurable, achievable, relevant and time-bound."))
	}
	stamp := func(t time.Time) string { return currentLocale().DateTimeYear(t.In(d.u.loc)) }
	lines := []string{lang.L("Created {{.Date}}", args("Date", stamp(g.CreatedAt))), lang.L("Updated {{.Date}}", args("Date", stamp(g.UpdatedAt)))}
	if !g.DoneAt.IsZero() {
		lines = append(lines, lang.L("Done {{.Date}}", args("Date", stamp(g.DoneAt))))
	}
	if !g.DroppedAt.IsZero() {
		lines = append(lines, lang.L("Dropped {{.Date}}", args("Date", stamp(g.DroppedAt))))
	}
	d.stamps.SetText(strings.Join(lines, " · "))
	if g.Status == model.StatusDropped {
		d.dropRow.Show()
	} else {
		d.dropRow.Hide()
	}
	if g.Status == model.StatusDone {
		d.doneBtn.SetText(lang.L("Reopen"))
	} else {
		d.doneBtn.SetText(lang.L("Mark done"))
	}
	unitOn := g.Metric.Kind == model.MetricQuantitative
	for _, name := range []string{"unit", "target"} {
		if e := d.goalFields[name].entry; e != nil {
			if unitOn {
				e.Enable()
			} else {
				e.Disable()
			}
		}
	}
	if c, ok := d.goalFields["canDecrease"].widget.(*widget.Check); ok {
		if unitOn {
			c.Enable()
		} else {
			c.Disable()
		}
	}
}

func (d *detail) showObjectiveState(o model.Objective) {
	p := d.u.outline.progress[o.ID]
	d.objStats.SetText(fmt.Sprintf(lang.L("%d of %d micro-goals done (%s) · created %s"),
		p.Done, p.Total, currentLocale().Percent(p.Fraction()), currentLocale().DayMonthYear(o.CreatedAt.In(d.u.loc))))
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// save stores the form as one undoable action.
func (d *detail) save() {
	if d.key == "" || !d.dirty {
		return
	}
	if !d.valid() {
		d.u.say(lang.L("Fix the fields marked in red, then save."))
		return
	}
	before := d.goal.Stage
	if d.saveKey(d.key) {
		if _, had := d.drafts[d.key]; had {
			delete(d.drafts, d.key)
			d.persistDrafts()
		}
		d.dirty = false
		d.u.clearMessage()
		d.u.reload()
		d.u.warnIfStarted(before, d.key)
	}
}

// saveKey writes the form for key to storage; it does not reload the view.
func (d *detail) saveKey(key string) bool {
	u := d.u
	switch kind, _ := parseKey(key); kind {
	case 'g':
		old := d.goal
		g, _ := d.goalFromForm()
		return u.record(lang.L("save “{{.Title}}”", args("Title", g.Title)), func(ctx context.Context) (func(context.Context) error, error) {
			if _, err := u.store.UpdateGoal(ctx, g); err != nil {
				return nil, err
			}
			return func(ctx context.Context) error { _, err := u.store.UpdateGoal(ctx, old); return err }, nil
		})
	case 'o':
		old := d.obj
		o, _ := d.objectiveFromForm()
		return u.record(lang.L("save “{{.Title}}”", args("Title", o.Title)), func(ctx context.Context) (func(context.Context) error, error) {
			if _, err := u.store.UpdateObjective(ctx, o); err != nil {
				return nil, err
			}
			return func(ctx context.Context) error { _, err := u.store.UpdateObjective(ctx, old); return err }, nil
		})
	}
	return false
}
