package app

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// Outline keys name a row: "o:12" is objective 12, "g:34" micro-goal 34 (widget IDs are strings).
func objectiveKey(id int64) string { return "o:" + strconv.FormatInt(id, 10) }
func goalKey(id int64) string      { return "g:" + strconv.FormatInt(id, 10) }

func parseKey(key string) (kind byte, id int64) {
	if len(key) < 3 || key[1] != ':' {
		return 0, 0
	}
	id, err := strconv.ParseInt(key[2:], 10, 64)
	if err != nil {
		return 0, 0
	}
	return key[0], id
}

// outlineRow is one visible line of the outline: an objective or a micro-goal at a depth. It
// is kept small (no copy of the goal) because a large plan has one per step.
type outlineRow struct {
	id          int64
	depth       int32 // 0 for an objective, 1 for a step directly under it, …
	isObjective bool
	hasChildren bool
	expanded    bool
	context     bool // shown only as the ancestor of a search match: dimmed
}

func (r outlineRow) key() string {
	if r.isObjective {
		return objectiveKey(r.id)
	}
	return goalKey(r.id)
}

// rowRef identifies a row in the index without building its string key.
type rowRef struct {
	objective bool
	id        int64
}

func refOf(key string) rowRef {
	kind, id := parseKey(key)
	return rowRef{kind == 'o', id}
}

// outline is the left pane: objectives and their micro-goals as an indented, collapsible list.
// Only the rows on screen have widgets (widget.List recycles them), so a 10,000-step plan costs
// a flat slice of rows, not 10,000 widgets.
type outline struct {
	u         *UI
	rows      []outlineRow
	index     map[rowRef]int
	selected  string
	collapsed map[rowRef]bool

	progress   map[int64]model.Progress
	inProgress int // steps in progress, for the focus limit (model.FocusCount)
	now        time.Time

	list     *widget.List
	quickAdd *widget.Entry
	search   *searchBar // search.go
	view     fyne.CanvasObject
	syncing  bool

	drag       *dragState // the drag in progress, if any
	overlay    *dragOverlay
	itemHeight float32
	// manualEdgeScroll leaves edge scrolling to explicit edgeScroll calls (headless tests,
	// where a ticker goroutine would race the test).
	manualEdgeScroll bool
}

func newOutline(u *UI) *outline {
	o := &outline{u: u, index: map[rowRef]int{}, collapsed: map[rowRef]bool{}}
	o.list = widget.NewList(
		func() int { return len(o.rows) },
		func() fyne.CanvasObject { return newRowView(o) },
		func(id widget.ListItemID, obj fyne.CanvasObject) {
			if id < len(o.rows) {
				obj.(*rowView).set(o.rows[id])
			}
		},
	)
	o.list.OnSelected = func(id widget.ListItemID) {
		if o.syncing || id >= len(o.rows) {
			return
		}
		o.selected = o.rows[id].key()
		u.detail.refreshSelection()
		u.outline.updateQuickAddHint()
	}
	o.quickAdd = widget.NewEntry()
	o.quickAdd.OnSubmitted = o.submitQuickAdd
	o.overlay = newDragOverlay()
	o.search = newSearchBar(o)
	o.view = container.NewBorder(container.NewPadded(o.quickAdd), nil, nil, nil, container.NewStack(o.list, o.overlay.box))
	return o
}

// refresh rebuilds the visible rows from the loaded plan and re-selects the selection.
func (o *outline) refresh() {
	u := o.u
	o.now = u.now()
	o.progress = model.ObjectiveProgress(u.data.Goals)
	o.inProgress = model.FocusCount(u.data.Goals, u.sprintGoalID())
	o.rows = o.rows[:0]
	// The objective in focus comes first; a search shows its matches only (search.go).
	objectives := focusFirst(u.data.Objectives)
	if o.search.apply() {
		o.appendFiltered(objectives)
	} else {
		o.appendAll(objectives)
	}
	clear(o.index)
	for i, r := range o.rows {
		o.index[rowRef{r.isObjective, r.id}] = i
	}
	if _, ok := o.index[refOf(o.selected)]; !ok {
		o.selected = o.revealSelected()
	}
	o.list.Refresh()
	o.syncSelection()
	o.updateQuickAddHint()
}

func (o *outline) appendAll(objectives []model.Objective) {
	for _, obj := range objectives {
		kids := o.u.tree.Children(obj.ID, 0)
		exp := !o.collapsed[rowRef{true, obj.ID}]
		o.rows = append(o.rows, outlineRow{id: obj.ID, isObjective: true, hasChildren: len(kids) > 0, expanded: exp})
		if exp {
			o.appendGoals(obj.ID, kids, 1)
		}
	}
}

func (o *outline) appendGoals(objectiveID int64, ids []int64, depth int32) {
	for _, id := range ids {
		kids := o.u.tree.Children(objectiveID, id)
		exp := !o.collapsed[rowRef{false, id}]
		o.rows = append(o.rows, outlineRow{id: id, depth: depth, hasChildren: len(kids) > 0, expanded: exp})
		if exp {
			o.appendGoals(objectiveID, kids, depth+1)
		}
	}
}

// revealSelected expands the ancestors of a selected step hidden in a collapsed branch, and
// returns the key to select ("" when the selection no longer exists).
func (o *outline) revealSelected() string {
	kind, id := parseKey(o.selected)
	if kind != 'g' {
		return ""
	}
	g, ok := o.u.tree.Goal(id)
	if !ok {
		return ""
	}
	changed := false
	for p := g.ParentID; p != 0; {
		if o.collapsed[rowRef{false, p}] {
			delete(o.collapsed, rowRef{false, p})
			changed = true
		}
		pg, _ := o.u.tree.Goal(p)
		p = pg.ParentID
	}
	if o.collapsed[rowRef{true, g.ObjectiveID}] {
		delete(o.collapsed, rowRef{true, g.ObjectiveID})
		changed = true
	}
	if !changed {
		return ""
	}
	sel := o.selected
	o.refresh()
	return sel
}

func (o *outline) syncSelection() {
	o.syncing = true
	defer func() { o.syncing = false }()
	if i, ok := o.index[refOf(o.selected)]; ok {
		o.list.Select(i)
		o.list.ScrollTo(i)
	} else {
		o.list.UnselectAll()
	}
}

func (o *outline) toggle(key string) {
	ref := refOf(key)
	if o.collapsed[ref] {
		delete(o.collapsed, ref)
	} else {
		o.collapsed[ref] = true
		if o.hides(key, o.selected) {
			// The selection folds away with its branch: select the branch instead.
			o.selected = key
			o.u.detail.refreshSelection()
		}
	}
	o.refresh()
}

// hides reports whether collapsing the row key hides the row inner.
func (o *outline) hides(key, inner string) bool {
	kind, id := parseKey(key)
	ikind, iid := parseKey(inner)
	if ikind != 'g' {
		return false
	}
	g, ok := o.u.tree.Goal(iid)
	if !ok {
		return false
	}
	if kind == 'o' {
		return g.ObjectiveID == id
	}
	return id != iid && o.u.tree.IsAncestor(id, iid)
}

func (o *outline) expand(key string) {
	if ref := refOf(key); o.collapsed[ref] {
		delete(o.collapsed, ref)
		o.refresh()
	}
}

// neighbourKey is the row to select once key (and its sub-steps) leave the outline.
func (o *outline) neighbourKey(key string) string {
	i, ok := o.index[refOf(key)]
	if !ok {
		return ""
	}
	d := o.rows[i].depth
	for j := i + 1; j < len(o.rows); j++ {
		if o.rows[j].depth <= d {
			return o.rows[j].key()
		}
	}
	if i > 0 {
		return o.rows[i-1].key()
	}
	return ""
}

func (o *outline) updateQuickAddHint() {
	obj, ok := o.u.objective(o.u.selectedObjectiveID())
	if !ok {
		o.quickAdd.SetPlaceHolder(lang.L("Add a micro-goal…"))
		return
	}
	o.quickAdd.SetPlaceHolder(fmt.Sprintf(lang.L("Add a micro-goal to “%s” (verb first, Enter)"), ellipsis(obj.Title, 40)))
}

// submitQuickAdd adds a micro-goal after the selected step, or at the end of the selected
// objective, and keeps the entry ready for the next one.
func (o *outline) submitQuickAdd(text string) {
	u := o.u
	title := model.CleanTitle(text)
	if title == "" {
		u.say(lang.L("Type what you will do, then press Enter."))
		return
	}
	var objectiveID, parentID, afterID int64
	if g, ok := u.selectedGoal(); ok {
		objectiveID, parentID, afterID = g.ObjectiveID, g.ParentID, g.ID
	} else {
		objectiveID = u.selectedObjectiveID()
	}
	if objectiveID == 0 {
		u.say(lang.L("Write your objective first."))
		return
	}
	// A date in the line ("tomorrow 9am", "fri") becomes the due date; the rest is the title.
	if u.createParsedGoal(objectiveID, parentID, afterID, model.ParseQuickAddIn(currentLocale().Language(), title, u.now(), u.loc)) {
		o.quickAdd.SetText("")
		u.win.Canvas().Focus(o.quickAdd)
	}
}

// rowView draws one outline row. Its parts are set from an outlineRow by set.
type rowView struct {
	widget.BaseWidget
	o        *outline
	row      outlineRow
	indent   *canvas.Rectangle
	expander *iconButton
	status   *iconButton
	title    *widget.Label
	due      *widget.Label
	badges   *smartBadges
	chips    *tagChips // chips.go
	progress *widget.ProgressBar
	progBox  *fyne.Container
	content  *fyne.Container
	look     rowLook // what the row shows now
	shown    bool
}

func newRowView(o *outline) *rowView {
	r := &rowView{o: o}
	r.indent = canvas.NewRectangle(color.Transparent)
	r.expander = newIconButton(theme.MenuDropDownIcon(), func() { o.toggle(r.row.key()) })
	r.status = newIconButton(theme.CheckButtonIcon(), r.onStatusTapped)
	r.title = widget.NewLabel("")
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.due = widget.NewLabel("")
	r.badges = newSMARTBadges()
	r.chips = newTagChips()
	r.progress = widget.NewProgressBar()
	r.progBox = container.NewGridWrap(fyne.NewSize(150, r.progress.MinSize().Height), r.progress)
	left := container.NewHBox(r.indent, r.expander, r.status)
	gutter := canvas.NewRectangle(color.Transparent) // keeps the badges clear of the scroll bar
	gutter.SetMinSize(fyne.NewSize(theme.ScrollBarSize(), 1))
	right := container.NewHBox(r.chips.box, r.due, r.progBox, container.NewCenter(r.badges.box), gutter)
	r.content = container.NewBorder(nil, nil, left, right, r.title)
	r.ExtendBaseWidget(r)
	return r
}

func (r *rowView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

// Dragged moves the row's step with the mouse (see drag.go); objective rows stay put.
func (r *rowView) Dragged(ev *fyne.DragEvent) { r.o.dragged(r, ev) }

// DragEnd drops the step where the drag shows it will land.
func (r *rowView) DragEnd() { r.o.dragEnd() }

func (r *rowView) onStatusTapped() {
	if r.row.isObjective {
		r.o.toggle(r.row.key())
		return
	}
	g, _ := r.o.u.tree.Goal(r.row.id)
	if g.Status == model.StatusDone {
		r.o.u.setStatus(g, model.StatusOpen, "")
	} else {
		r.o.u.setStatus(g, model.StatusDone, "")
	}
}

// rowLook is everything a row shows; set skips the widgets when it has not changed, which
// makes re-rendering after a change cost only the rows that really differ.
type rowLook struct {
	row      outlineRow
	title    string
	due      string
	overdue  bool
	status   model.Status
	achieved bool
	smart    [5]bool
	progress model.Progress
	tags     string
	// background stands for the theme: a fixed light or dark theme does not change the
	// desktop's variant, so the variant alone would keep the letters of the last theme.
	background color.NRGBA
}

func (r *rowView) set(row outlineRow) {
	o := r.o
	v := fyne.CurrentApp().Settings().ThemeVariant()
	look := rowLook{row: row, background: color.NRGBAModel.Convert(r.Theme().Color(theme.ColorNameBackground, v)).(color.NRGBA)}
	var g model.MicroGoal
	var obj model.Objective
	var smart model.SMART
	if row.isObjective {
		obj, _ = o.u.objective(row.id)
		look.title, look.achieved, look.progress = obj.Title, obj.Status == model.ObjectiveAchieved, o.progress[obj.ID]
		if !obj.TargetDate.IsZero() {
			look.due = lang.L("by {{.Date}}", args("Date", inSentence(formatDay(obj.TargetDate, o.now, o.u.loc))))
		}
	} else {
		g, _ = o.u.tree.Goal(row.id)
		smart = model.CheckSMART(g, o.u.smartContext(g))
		look.title, look.status, look.due = g.Title, g.Status, formatDue(g, o.now, o.u.loc)
		look.tags = model.JoinTags(g.Tags)
		look.overdue = g.Status == model.StatusOpen && g.HasDue() && g.Repeat == "" && g.DueInstant(o.u.loc).Before(o.now)
		for i, b := range smart {
			look.smart[i] = b.OK
		}
	}
	if r.shown && look == r.look {
		r.row = row
		return
	}
	relayout := !r.shown || look.row.depth != r.look.row.depth || look.row.isObjective != r.look.row.isObjective
	r.row, r.look, r.shown = row, look, true

	unit := theme.Padding() * 4
	r.indent.SetMinSize(fyne.NewSize(float32(row.depth)*unit, 1))
	if row.hasChildren {
		if row.expanded {
			r.expander.SetIcon(theme.MenuDropDownIcon())
		} else {
			r.expander.SetIcon(theme.MenuExpandIcon())
		}
		r.expander.Enable()
	} else {
		r.expander.SetIcon(blankIcon)
		r.expander.Disable()
	}
	r.due.Importance = widget.MediumImportance
	if row.isObjective {
		r.status.SetIcon(theme.NewPrimaryThemedResource(objectiveIcon(obj)))
		// A larger size rather than bold: every font style costs its own set of parsed fonts.
		r.title.SizeName = theme.SizeNameSubHeadingText
		r.title.Importance = widget.MediumImportance
		if row.context {
			r.title.Importance = widget.LowImportance
		}
		r.title.Alignment = titleAlignment(obj.Title)
		r.title.SetText(obj.Title)
		r.chips.set(nil, r.Theme())
		p := look.progress
		r.progress.TextFormatter = func() string { return fmt.Sprintf(lang.L("%d / %d done"), p.Done, p.Total) }
		r.progress.SetValue(p.Fraction())
		r.progBox.Show()
		r.badges.box.Hide()
		r.due.SetText(look.due)
	} else {
		r.progBox.Hide()
		r.badges.box.Show()
		r.status.SetIcon(statusIcon(g.Status))
		r.title.SizeName = theme.SizeNameText
		r.title.Importance = widget.MediumImportance
		if g.Status != model.StatusOpen || row.context {
			r.title.Importance = widget.LowImportance
		}
		r.title.Alignment = titleAlignment(g.Title)
		r.title.SetText(g.Title)
		r.chips.set(g.Tags, r.Theme())
		if look.overdue {
			r.due.Importance = widget.DangerImportance
		}
		r.due.SetText(look.due)
		r.badges.set(smart, r.Theme())
	}
	if relayout {
		r.content.Refresh()
	}
}

// smartBadges shows the five SMART letters, each coloured by whether it passes.
type smartBadges struct {
	letters [5]*canvas.Text
	box     *fyne.Container
}

func newSMARTBadges() *smartBadges {
	b := &smartBadges{box: container.NewHBox()}
	for i := range b.letters {
		b.letters[i] = canvas.NewText(model.SMARTLetters[i], color.Black)
		b.box.Add(b.letters[i])
	}
	return b
}

func (b *smartBadges) set(s model.SMART, th fyne.Theme) {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	for i, x := range s {
		b.letters[i].Color = smartLetterColor(x.OK, th, v)
		b.letters[i].Refresh()
	}
}

// blankIcon holds the expander's place on rows without sub-steps, so titles line up.
var blankIcon = fyne.NewStaticResource("blank.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24"/>`))

func statusIcon(s model.Status) fyne.Resource {
	switch s {
	case model.StatusDone:
		return theme.NewSuccessThemedResource(theme.CheckButtonCheckedIcon())
	case model.StatusDropped:
		return theme.NewDisabledResource(theme.CancelIcon())
	}
	return theme.CheckButtonIcon()
}

func objectiveIcon(o model.Objective) fyne.Resource {
	if o.Status == model.ObjectiveAchieved {
		return theme.ConfirmIcon()
	}
	return theme.RadioButtonCheckedIcon()
}

// smartContext is what the SMART check of g needs from the rest of the plan.
func (u *UI) smartContext(g model.MicroGoal) model.SMARTContext {
	_, ok := u.objective(g.ObjectiveID)
	return model.SMARTContext{
		Now: u.outline.now, Location: u.loc, ObjectiveExists: ok,
		InProgress: u.outline.inProgress, SprintGoalID: u.sprintGoalID(), FocusLimit: u.routineSettings().focusLimit,
		Language: currentLocale().Language(),
	}
}

// formatDue renders a due date the way a planner does: "Today 14:00", lang.L("Tomorrow"), "Mon 30 Nov".
func formatDue(g model.MicroGoal, now time.Time, loc *time.Location) string {
	if !g.HasDue() {
		return ""
	}
	if g.Repeat != "" {
		// A repeating step is never late as a whole: its occurrences are, in Today and the calendar.
		s := "↻ " + currentLocale().DescribeRule(g.Repeat)
		if g.DueHasTime {
			s += " " + currentLocale().Time(g.Due.In(loc))
		}
		return s
	}
	s := formatDay(g.Due, now, loc)
	if g.DueHasTime {
		s += " " + currentLocale().Time(g.Due.In(loc))
	}
	return s
}

func formatDay(t, now time.Time, loc *time.Location) string {
	t, now = t.In(loc), now.In(loc)
	day := func(x time.Time) time.Time { return time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, loc) }
	diff := int(day(t).Sub(day(now)).Hours()/24 + 0.5*sign(day(t).Sub(day(now))))
	switch {
	case diff == 0:
		return lang.L("Today")
	case diff == 1:
		return lang.L("Tomorrow")
	case diff == -1:
		return lang.L("Yesterday")
	case diff > 1 && diff < 7:
		return currentLocale().WeekdayShort(t.Weekday())
	case t.Year() == now.Year():
		return currentLocale().ShortDate(t)
	}
	return currentLocale().DayMonthYear(t)
}

// inSentence is a day as formatDay writes it, for the middle of a sentence: the words for
// today, tomorrow and yesterday start with a small letter there ("due tomorrow 14:00",
// "échéance demain 14:00"); dates and weekday names keep their case (German "Fr. 4. Dez.").
func inSentence(day string) string {
	for _, w := range []string{lang.L("Today"), lang.L("Tomorrow"), lang.L("Yesterday")} {
		if strings.HasPrefix(day, w) {
			return strings.ToLower(w) + day[len(w):]
		}
	}
	return day
}

func sign(d time.Duration) float64 {
	if d < 0 {
		return -1
	}
	return 1
}

// titleAlignment lines a title up where it begins: a right-to-left title (Arabic, Hebrew) at
// the right of its space, as its readers expect; Fyne shapes and orders the letters itself.
func titleAlignment(title string) fyne.TextAlign {
	if model.IsRightToLeft(title) {
		return fyne.TextAlignTrailing
	}
	return fyne.TextAlignLeading
}

// ellipsis shortens s to n runes, "…" included, never splitting an emoji sequence or an
// accented letter.
func ellipsis(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(model.TruncateRunes(s, n-1)) + "…"
}
