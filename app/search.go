package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// searchBar is the outline's search and filter (Ctrl+F): a query (words, #tag, @place,
// owner:, partner:, stage:, status:, horizon:, due:) and menus for the stage, the due date and
// the objective in focus. Matches keep their place in the hierarchy, their ancestors shown
// dimmed; the filter stays while steps are edited, added and dragged; Escape clears it.
type searchBar struct {
	o     *outline
	entry *searchEntry
	stage *widget.Select
	due   *widget.Select
	focus *widget.Check
	count *widget.Label
	clear *iconButton
	help  *iconButton
	view  fyne.CanvasObject

	// The index is built for one loaded plan and rebuilt when the plan changes.
	index     *model.SearchIndex
	indexedAt *model.MicroGoal
	indexLen  int
	indexObjs []model.Objective
	result    model.FilterResult
	filter    model.Filter
}

// searchWord is a search key's word in the window's language, with its colon: "fällig:".
func searchWord(key string) string {
	return model.FilterKeyWord(currentLocale().Language(), key) + ":"
}

// searchPlaceholder names the search's keys in the window's language: the words shown are
// the words the search reads.
func searchPlaceholder() string {
	l := currentLocale().Language()
	return lang.L("Find: words, #tag, @place, {{.Owner}}, {{.Due}}… (Ctrl+F)", args("Owner", searchWord(model.FilterKeyOwner),
		"Due", searchWord(model.FilterKeyDue)+model.FilterValueWord(l, model.FilterKeyDue, string(model.DueToday))))
}

// searchHelp is the search's syntax in the window's language: each key with the values it
// takes, written as they are typed.
func searchHelp() string {
	l := currentLocale().Language()
	values := func(key string) string {
		var vs []string
		for _, v := range model.FilterValues(key) {
			vs = append(vs, model.FilterValueWord(l, key, v))
		}
		return searchWord(key) + strings.Join(vs, ", ")
	}
	lines := []string{
		lang.L("Words: steps whose title, outcome, done-when, notes or tags hold them all."),
		lang.L("#tag, @place: steps with that tag or place."),
		lang.L("Stage: {{.Syntax}}", args("Syntax", values(model.FilterKeyStage))),
		lang.L("Status: {{.Syntax}}", args("Syntax", values(model.FilterKeyStatus))),
		lang.L("Horizon: {{.Syntax}}", args("Syntax", values(model.FilterKeyHorizon))),
		lang.L("Due date: {{.Syntax}}", args("Syntax", values(model.FilterKeyDue))),
		lang.L("Owner and partner: {{.Owner}}{{.Name}}, {{.Partner}}{{.Name}}", args("Owner", searchWord(model.FilterKeyOwner),
			"Partner", searchWord(model.FilterKeyPartner), "Name", lang.L("name"))),
		lang.L("In focus: {{.Syntax}}", args("Syntax", values(model.FilterKeyIs))),
		lang.L("A value may be cut short (“{{.Example}}”). The English words (stage:, status:, horizon:, owner:, partner:, due:, is:focus) always work too.",
			args("Example", searchWord(model.FilterKeyStage)+shortWord(model.FilterValueWord(l, model.FilterKeyStage, string(model.StageExecution))))),
	}
	return strings.Join(lines, "\n")
}

// shortWord is the first four letters of a word, as an example of a value cut short.
func shortWord(w string) string {
	r := []rune(w)
	if len(r) > 4 {
		r = r[:4]
	}
	return string(r)
}

// showHelp shows the search's syntax.
func (s *searchBar) showHelp() {
	text := widget.NewLabel(searchHelp())
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.L("Search"), lang.L("Close"), text, s.o.u.win)
	// A wrapping label asks for no width of its own: the dialog is given room for the lines.
	d.Resize(fyne.NewSize(620, 460))
	d.Show()
}

func anyStage() string { return lang.L("Any stage") }

func anyDue() string { return lang.L("Any date") }

func dueLabels() map[model.DueWindow]string {
	return map[model.DueWindow]string{
		model.DueAny: anyDue(), model.DueOverdue: lang.L("Overdue"), model.DueToday: lang.L("Due today"),
		model.DueThisWeek: lang.L("Due this week"), model.DueNone: lang.L("No date"),
	}
}

func newSearchBar(o *outline) *searchBar {
	s := &searchBar{o: o}
	s.entry = newSearchEntry(s)
	s.entry.SetPlaceHolder(searchPlaceholder())
	s.entry.OnChanged = func(string) { s.changed() }
	stages := []string{anyStage()}
	for _, st := range model.Stages {
		stages = append(stages, stageName(st))
	}
	s.stage = widget.NewSelect(stages, func(string) { s.changed() })
	s.stage.SetSelected(anyStage())
	var dues []string
	for _, d := range model.DueWindows {
		dues = append(dues, dueLabels()[d])
	}
	s.due = widget.NewSelect(dues, func(string) { s.changed() })
	s.due.SetSelected(anyDue())
	s.focus = widget.NewCheck(lang.L("In focus"), func(bool) { s.changed() })
	s.count = widget.NewLabel("")
	s.count.Importance = widget.LowImportance
	s.count.Hide()
	// The clear button stays, so the bar does not jump as a search starts and ends.
	s.clear = newIconButton(theme.CancelIcon(), s.reset)
	s.help = newIconButton(theme.HelpIcon(), s.showHelp)
	right := container.NewHBox(s.count, s.stage, s.due, s.focus, s.help, s.clear)
	s.view = container.NewBorder(nil, nil, nil, right, s.entry)
	return s
}

// changed applies the filter after any change to the query or the menus.
func (s *searchBar) changed() {
	if s.o.u.tree == nil {
		return
	}
	s.o.refresh()
}

// reset clears the query and the menus: the whole outline comes back.
func (s *searchBar) reset() {
	s.entry.SetText("")
	s.stage.SetSelected(anyStage())
	s.due.SetSelected(anyDue())
	s.focus.SetChecked(false)
	s.changed()
}

// active reports whether the bar filters anything.
func (s *searchBar) active() bool {
	return s.entry.Text != "" || s.stage.Selected != anyStage() || s.due.Selected != anyDue() || s.focus.Checked
}

// currentFilter is the query with the menus on top.
func (s *searchBar) currentFilter() model.Filter {
	f := model.ParseFilter(s.entry.Text)
	for _, st := range model.Stages {
		if s.stage.Selected == stageName(st) {
			f.Stage = st
		}
	}
	for d, label := range dueLabels() {
		if d != model.DueAny && s.due.Selected == label {
			f.Due = d
		}
	}
	f.FocusOnly = f.FocusOnly || s.focus.Checked
	return f
}

// apply filters the loaded plan, keeping the selection on screen, and reports whether the
// outline is filtered.
func (s *searchBar) apply() bool {
	u := s.o.u
	if !s.active() {
		s.result = model.FilterResult{}
		s.count.Hide()
		return false
	}
	goals := u.data.Goals
	var first *model.MicroGoal
	if len(goals) > 0 {
		first = &goals[0]
	}
	if s.index == nil || first != s.indexedAt || len(goals) != s.indexLen || !sameObjectiveSlice(s.indexObjs, u.data.Objectives) {
		s.index = model.NewSearchIndex(u.data.Objectives, goals)
		s.indexedAt, s.indexLen, s.indexObjs = first, len(goals), u.data.Objectives
	}
	s.filter = s.currentFilter()
	s.result = s.index.Apply(s.filter, model.FilterContext{Now: s.o.now, Location: u.loc, FirstWeekday: u.routineSettings().firstWeekday})
	if kind, id := parseKey(s.o.selected); kind == 'g' {
		s.index.Reveal(&s.result, id)
	}
	text := counted(s.result.Matches, "{{.Count}} found", "{{.Count}} found")
	if len(s.filter.Unknown) > 0 {
		// Cut short: the count takes its room from the query, whose words are longer in some
		// languages.
		text += lang.L(" · not understood: {{.Words}}", args("Words", ellipsis(strings.Join(s.filter.Unknown, " "), 16)))
	}
	s.count.SetText(text)
	s.count.Show()
	return true
}

// sameObjectiveSlice reports whether a and b are the same loaded slice.
func sameObjectiveSlice(a, b []model.Objective) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// appendFiltered builds the rows the filter shows: every shown objective and step in outline
// order, expanded, the context rows marked to be dimmed.
func (o *outline) appendFiltered(objectives []model.Objective) {
	r := o.search.result
	for _, obj := range objectives {
		shown, matched := r.Objective(obj.ID)
		if !shown {
			continue
		}
		kids := o.shownChildren(obj.ID, 0)
		o.rows = append(o.rows, outlineRow{id: obj.ID, isObjective: true, hasChildren: len(kids) > 0, expanded: true, context: !matched})
		o.appendFilteredGoals(obj.ID, kids, 1)
	}
}

func (o *outline) appendFilteredGoals(objectiveID int64, ids []int64, depth int32) {
	for _, id := range ids {
		_, matched := o.search.result.Goal(id)
		kids := o.shownChildren(objectiveID, id)
		o.rows = append(o.rows, outlineRow{id: id, depth: depth, hasChildren: len(kids) > 0, expanded: true, context: !matched})
		o.appendFilteredGoals(objectiveID, kids, depth+1)
	}
}

func (o *outline) shownChildren(objectiveID, parentID int64) []int64 {
	var out []int64
	for _, id := range o.u.tree.Children(objectiveID, parentID) {
		if shown, _ := o.search.result.Goal(id); shown {
			out = append(out, id)
		}
	}
	return out
}

// focusFirst orders the objectives with the one in focus first (a stable move: the others
// keep their order).
func focusFirst(objectives []model.Objective) []model.Objective {
	for i, obj := range objectives {
		if obj.InFocus && i > 0 {
			out := make([]model.Objective, 0, len(objectives))
			out = append(out, obj)
			out = append(out, objectives[:i]...)
			return append(out, objectives[i+1:]...)
		}
	}
	return objectives
}

// focusObjectiveID is the objective in focus, 0 when none is.
func (u *UI) focusObjectiveID() int64 {
	for _, o := range u.data.Objectives {
		if o.InFocus {
			return o.ID
		}
	}
	return 0
}

// find puts the cursor in the search (Ctrl+F, a menu shortcut so it works while an entry has
// the focus).
func (u *UI) find() {
	if !u.built() || len(u.data.Objectives) == 0 {
		return
	}
	u.tabs.selectTab(0)
	u.win.Canvas().Focus(u.outline.search.entry)
}

// searchEntry is the query entry: Escape clears the filter.
type searchEntry struct {
	widget.Entry
	bar *searchBar
}

func newSearchEntry(bar *searchBar) *searchEntry {
	e := &searchEntry{bar: bar}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey clears the filter on Escape; other keys edit the query.
func (e *searchEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		e.bar.reset()
		return
	}
	e.Entry.TypedKey(ev)
}
