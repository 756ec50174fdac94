package app

import (
	"context"
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// boardView is the Board tab: the steps of one objective in five columns, one per stage of
// the method (input → plan → execute → review → celebrate). Dragging a card to another column
// changes its stage; ✓ on a card completes it and moves it to celebrate. The execute column
// counts the work in progress against the focus limit and warns past it. Each column is a
// widget.List, so a 1,000-step objective costs widgets for the cards on screen only.
type boardView struct {
	u         *UI
	objective *widget.Select
	objIDs    []int64
	warning   *widget.Label
	cols      [5]*boardColumn
	board     model.Board
	content   fyne.CanvasObject
	syncing   bool

	dragFrom int // column of the card being dragged, -1 when none
	dragTo   int
}

// boardColumn is one stage's column: its heading, a tinted background that lights up as a
// drop target, and the cards.
type boardColumn struct {
	stage   model.Stage
	heading *widget.Label
	bg      *canvas.Rectangle
	list    *widget.List
	box     *fyne.Container
}

func newBoardView(u *UI) *boardView { return &boardView{u: u, dragFrom: -1, dragTo: -1} }

// Title is the tab's label.
func (bv *boardView) Title() string { return lang.L("Board") }

// Icon is the tab's icon.
func (bv *boardView) Icon() fyne.Resource { return theme.ViewRestoreIcon() }

// Build makes the view.
func (bv *boardView) Build() fyne.CanvasObject {
	bv.objective = widget.NewSelect(nil, bv.pick)
	bv.objective.PlaceHolder = lang.L("Choose an objective")
	bv.warning = widget.NewLabel("")
	bv.warning.Wrapping = fyne.TextWrapWord
	bv.warning.Importance = widget.WarningImportance
	bv.warning.Hide()
	cols := make([]fyne.CanvasObject, len(bv.cols))
	for i, s := range model.Stages {
		c := &boardColumn{stage: s, heading: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
		// Headings give way to the window's width; the card lists do too (clipped titles).
		c.heading.Truncation = fyne.TextTruncateEllipsis
		c.bg = canvas.NewRectangle(color.Transparent)
		c.bg.CornerRadius = theme.InputRadiusSize()
		col := i
		c.list = widget.NewList(
			func() int { return len(bv.board.Columns[col].Cards) },
			func() fyne.CanvasObject { return newBoardCard(bv) },
			func(id widget.ListItemID, obj fyne.CanvasObject) {
				if cards := bv.board.Columns[col].Cards; id < len(cards) {
					obj.(*boardCard).set(cards[id], col)
				}
			})
		c.list.HideSeparators = true
		c.box = container.NewStack(c.bg, container.NewBorder(container.NewPadded(c.heading), nil, nil, nil, c.list))
		bv.cols[i] = c
		cols[i] = c.box
	}
	head := container.NewBorder(nil, nil, widget.NewLabel(lang.L("Objective")), nil, bv.objective)
	bv.content = container.NewBorder(container.NewVBox(head, bv.warning), nil, nil, nil, container.NewGridWithColumns(len(cols), cols...))
	return container.NewPadded(bv.content)
}

// pick shows the board of the objective chosen in the menu, and selects it in the outline.
func (bv *boardView) pick(title string) {
	if bv.syncing {
		return
	}
	for i, o := range bv.objIDs {
		if obj, _ := bv.u.objective(o); obj.Title == title && bv.objective.SelectedIndex() == i {
			bv.u.outline.selected = objectiveKey(o)
			bv.u.outline.refresh()
			bv.u.detail.refreshSelection()
			bv.Refresh()
			return
		}
	}
}

// Refresh rebuilds the board of the objective selected in the outline.
func (bv *boardView) Refresh() {
	u := bv.u
	objID := u.selectedObjectiveID()
	bv.syncing = true
	var titles []string
	bv.objIDs = bv.objIDs[:0]
	for _, o := range focusFirst(u.data.Objectives) {
		titles = append(titles, o.Title)
		bv.objIDs = append(bv.objIDs, o.ID)
	}
	bv.objective.SetOptions(titles)
	for i, id := range bv.objIDs {
		if id == objID {
			bv.objective.SetSelectedIndex(i)
		}
	}
	bv.syncing = false
	bv.board = u.buildBoard(objID)
	for i, c := range bv.cols {
		n := len(bv.board.Columns[i].Cards)
		text := fmt.Sprintf("%s · %d", stageTitle(c.stage), n)
		c.heading.Importance = widget.MediumImportance
		if c.stage == model.StageExecution {
			// The limit is the plan's: the count is every step in progress, on any board.
			text = fmt.Sprintf("%s · %d / %d", stageTitle(c.stage), bv.board.Focus, bv.board.Limit)
			if bv.board.OverLimit() {
				c.heading.Importance = widget.WarningImportance
			}
		}
		c.heading.SetText(text)
		c.list.Refresh()
	}
	if w := model.FocusWarning(bv.board.Focus, bv.board.Limit); w != "" {
		bv.warning.SetText("⚠ " + w + ".")
		bv.warning.Show()
	} else {
		bv.warning.Hide()
	}
	bv.paintColumns()
}

// buildBoard is the board of objective objID from the loaded plan.
func (u *UI) buildBoard(objID int64) model.Board {
	return model.BuildBoard(u.tree, u.data.Goals, objID, u.routineSettings().focusLimit, u.sprintGoalID())
}

// sprintGoalID is the step the running focus sprint is on, 0 when none runs.
func (u *UI) sprintGoalID() int64 {
	if u.sprint != nil && u.sprint.running {
		return u.sprint.sprint.GoalID
	}
	return 0
}

func stageTitle(s model.Stage) string {
	return capitalize(stageName(s))
}

// paintColumns tints the columns: the execute column warns past the limit, the drop target
// of a drag lights up.
func (bv *boardView) paintColumns() {
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	for i, c := range bv.cols {
		fill := th.Color(theme.ColorNameInputBackground, v)
		switch {
		case i == bv.dragTo && bv.dragTo != bv.dragFrom:
			fill = withAlpha(th.Color(theme.ColorNamePrimary, v), 0x50)
		case c.stage == model.StageExecution && bv.board.OverLimit():
			fill = withAlpha(th.Color(theme.ColorNameWarning, v), 0x30)
		}
		c.bg.FillColor = fill
		c.bg.Refresh()
	}
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}

// columnAt is the column under the absolute position p, -1 when none.
func (bv *boardView) columnAt(p fyne.Position) int {
	d := fyne.CurrentApp().Driver()
	for i, c := range bv.cols {
		at := d.AbsolutePositionForObject(c.box)
		s := c.box.Size()
		if p.X >= at.X && p.X < at.X+s.Width && p.Y >= at.Y && p.Y < at.Y+s.Height {
			return i
		}
	}
	return -1
}

// setStage puts step id in stage, as one undoable action. Moving work into
// execute past the focus limit warns.
func (u *UI) setStage(id int64, stage model.Stage) {
	g, ok := u.tree.Goal(id)
	if !ok || g.Stage == stage {
		return
	}
	changed := u.do(lang.L("move “{{.Title}}” to {{.Stage}}", args("Title", g.Title, "Stage", stageName(stage))), func(ctx context.Context) (func(context.Context) error, string, error) {
		ng := g
		ng.Stage = stage
		if _, err := u.store.UpdateGoal(ctx, ng); err != nil {
			return nil, "", err
		}
		return func(ctx context.Context) error { _, err := u.store.UpdateGoal(ctx, g); return err }, goalKey(id), nil
	})
	if changed && stage == model.StageExecution {
		u.warnFocus()
	}
}

// warnIfStarted warns past the focus limit when the step saved under key has just entered
// the execute stage (it was in stage before).
func (u *UI) warnIfStarted(before model.Stage, key string) {
	if kind, id := parseKey(key); kind == 'g' && before != model.StageExecution {
		if g, ok := u.tree.Goal(id); ok && g.Stage == model.StageExecution {
			u.warnFocus()
		}
	}
}

// warnFocus tells the user when the work in progress is past the focus limit; it is called
// where work is added to it.
func (u *UI) warnFocus() {
	if w := model.FocusWarning(model.FocusCount(u.data.Goals, u.sprintGoalID()), u.routineSettings().focusLimit); w != "" {
		u.showMessage("%s.", capitalize(w))
	}
}

// completeToCelebrate marks step id done and moves it to celebrate, as one undoable action.
func (u *UI) completeToCelebrate(id int64) {
	g, ok := u.tree.Goal(id)
	if !ok {
		return
	}
	done := u.do(lang.L("complete “{{.Title}}”", args("Title", g.Title)), func(ctx context.Context) (func(context.Context) error, string, error) {
		ng := g.WithStatus(model.StatusDone, "", u.now())
		ng.Stage = model.StageCelebration
		if _, err := u.store.UpdateGoal(ctx, ng); err != nil {
			return nil, "", err
		}
		return func(ctx context.Context) error { _, err := u.store.UpdateGoal(ctx, g); return err }, "", nil
	})
	if done {
		u.askDoneContext(g)
	}
}

// boardCard is one step on the board: its title, and its due date, owner and tags on one line; drag it to
// another column, ✓ completes it, a tap selects it in the outline.
type boardCard struct {
	widget.BaseWidget
	bv      *boardView
	id      int64
	col     int
	bg      *canvas.Rectangle
	title   *widget.Label
	meta    *widget.Label
	done    *iconButton
	content *fyne.Container
	look    cardLook // what the card shows, to skip redrawing an unchanged card
	shown   bool
}

// cardLook is everything a card shows.
type cardLook struct {
	title, meta string
	done        bool
	variant     fyne.ThemeVariant
}

func newBoardCard(bv *boardView) *boardCard {
	c := &boardCard{bv: bv}
	c.bg = canvas.NewRectangle(color.Transparent)
	c.bg.CornerRadius = theme.InputRadiusSize()
	c.title = widget.NewLabel("")
	c.title.Truncation = fyne.TextTruncateEllipsis
	c.meta = widget.NewLabel("")
	c.meta.Truncation = fyne.TextTruncateEllipsis
	c.meta.SizeName = theme.SizeNameCaptionText
	c.meta.Importance = widget.LowImportance
	c.done = newIconButton(theme.CheckButtonIcon(), func() { bv.u.completeToCelebrate(c.id) })
	body := container.NewVBox(c.title, c.meta)
	c.content = container.NewStack(c.bg, container.NewBorder(nil, nil, nil, container.NewCenter(c.done), body))
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer draws the card.
func (c *boardCard) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.content) }

func (c *boardCard) set(id int64, col int) {
	c.id, c.col = id, col
	u := c.bv.u
	g, _ := u.tree.Goal(id)
	var meta []string
	if d := formatDue(g, u.outline.now, u.loc); d != "" {
		meta = append(meta, d)
	}
	if g.Owner != "" {
		meta = append(meta, g.Owner)
	}
	if len(g.Tags) > 0 {
		// As text, clipped with the rest: chips would set a minimum width for every column.
		meta = append(meta, model.FormatTags(g.Tags))
	}
	v := fyne.CurrentApp().Settings().ThemeVariant()
	look := cardLook{title: g.Title, meta: strings.Join(meta, " · "), done: g.Status == model.StatusDone, variant: v}
	if c.shown && look == c.look {
		return
	}
	c.look, c.shown = look, true
	c.title.Importance = widget.MediumImportance
	if look.done {
		c.title.Importance = widget.LowImportance
	}
	c.title.SetText(g.Title)
	if look.done {
		c.done.SetIcon(theme.NewSuccessThemedResource(theme.CheckButtonCheckedIcon()))
		c.done.Disable()
	} else {
		c.done.SetIcon(theme.CheckButtonIcon())
		c.done.Enable()
	}
	c.meta.SetText(look.meta)
	c.bg.FillColor = c.Theme().Color(theme.ColorNameBackground, v)
	c.bg.StrokeColor = c.Theme().Color(theme.ColorNameSeparator, v)
	c.bg.StrokeWidth = 1
	c.bg.Refresh()
}

// Tapped selects the card's step in the outline and the detail panel.
func (c *boardCard) Tapped(*fyne.PointEvent) {
	u := c.bv.u
	u.outline.selected = goalKey(c.id)
	u.outline.syncSelection()
	u.detail.refreshSelection()
}

// Dragged shows the column the card would land in.
func (c *boardCard) Dragged(ev *fyne.DragEvent) {
	bv := c.bv
	bv.dragFrom = c.col
	// The pointer from the card's own position: the event's Position is relative to the card
	// (plus the last move, which the desktop driver has already counted in and test.Drag not).
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(c).Add(ev.Position).AddXY(ev.Dragged.DX, ev.Dragged.DY)
	if to := bv.columnAt(at); to != bv.dragTo {
		bv.dragTo = to
		bv.paintColumns()
	}
}

// DragEnd moves the card's step to the stage of the column it was dropped on.
func (c *boardCard) DragEnd() {
	bv := c.bv
	from, to := bv.dragFrom, bv.dragTo
	bv.dragFrom, bv.dragTo = -1, -1
	bv.paintColumns()
	if to < 0 || to == from {
		return
	}
	bv.u.setStage(c.id, model.Stages[to])
}
