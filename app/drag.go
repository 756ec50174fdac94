package app

import (
	"context"
	"errors"
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"github.com/microgoals/microgoals/model"
)

// dropKind says how a dragged step lands relative to the row under the pointer.
type dropKind int

const (
	dropNone    dropKind = iota
	dropBetween          // into the gap after row `row`, at depth `depth`
	dropInto             // as the last sub-step of row `row` (or last step of an objective row)
)

// dropTarget is where a drag would land if released now.
type dropTarget struct {
	kind  dropKind
	row   int   // index in outline.rows
	depth int32 // for dropBetween: the depth the step takes in the gap
	err   error // why this target is refused, shown while dragging and on drop
}

// placement is a drop target resolved into storage terms.
type placement struct {
	objectiveID, parentID, beforeID int64
}

// dragState follows one drag of a micro-goal row with the mouse.
type dragState struct {
	id        int64 // the step being dragged
	target    dropTarget
	cancelled bool
	pointer   fyne.Position // list-local
	stopTick  chan struct{}
}

// edgeZone is how close to the list's top or bottom edge the pointer must be for the list to
// scroll by itself while dragging.
const edgeZone = 28

// dragOverlay draws the drag's feedback above the list: the insertion line, the highlight of
// a row the step would nest into, and a ghost of the dragged row that follows the pointer.
type dragOverlay struct {
	box       *fyne.Container
	line      *canvas.Rectangle
	highlight *canvas.Rectangle
	ghost     *fyne.Container
	ghostText *canvas.Text
	ghostBg   *canvas.Rectangle
}

func newDragOverlay() *dragOverlay {
	d := &dragOverlay{
		line:      canvas.NewRectangle(color.Transparent),
		highlight: canvas.NewRectangle(color.Transparent),
		ghostText: canvas.NewText("", color.White),
		ghostBg:   canvas.NewRectangle(color.Transparent),
	}
	d.highlight.StrokeWidth = 2
	d.ghost = container.NewWithoutLayout(d.ghostBg, d.ghostText)
	d.box = container.NewWithoutLayout(d.highlight, d.line, d.ghost)
	d.hide()
	return d
}

func (d *dragOverlay) hide() {
	d.line.Hide()
	d.highlight.Hide()
	d.ghost.Hide()
}

// rowPitch is the distance from one row's top to the next in the list.
func (o *outline) rowPitch() (item, pitch float32) {
	th := o.list.Theme()
	item = o.itemHeight
	if item <= 0 {
		item = newRowView(o).MinSize().Height
		o.itemHeight = item
	}
	return item, item + th.Size(theme.SizeNamePadding)
}

// localPos turns an absolute pointer position into the list's own coordinates.
func (o *outline) localPos(abs fyne.Position) fyne.Position {
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(o.list)
	return abs.Subtract(origin)
}

// targetAt works out where a step dropped at the list-local point p would land.
func (o *outline) targetAt(id int64, p fyne.Position) dropTarget {
	if len(o.rows) == 0 {
		return dropTarget{}
	}
	item, pitch := o.rowPitch()
	y := p.Y + o.list.GetScrollOffset()
	i := int(math.Floor(float64(y / pitch)))
	if i < 0 {
		i = 0
	}
	if i >= len(o.rows) {
		i = len(o.rows) - 1
		y = float32(i)*pitch + item // below the last row: the gap after it
	}
	frac := (y - float32(i)*pitch) / item
	row := o.rows[i]
	unit := theme.Padding() * 4
	var t dropTarget
	switch {
	case row.isObjective && frac < 0.25 && i > 0:
		t = o.gapTarget(i-1, p.X, unit)
	case row.isObjective && frac >= 0.75:
		t = dropTarget{kind: dropBetween, row: i, depth: 1}
	case row.isObjective:
		t = dropTarget{kind: dropInto, row: i}
	case frac < 0.25:
		t = o.gapTarget(i-1, p.X, unit)
	case frac > 0.75:
		t = o.gapTarget(i, p.X, unit)
	default:
		t = dropTarget{kind: dropInto, row: i}
	}
	if t.kind != dropNone {
		if _, err := o.resolve(id, t); err != nil {
			t.err = err
		}
	}
	return t
}

// gapTarget is the gap after row i; the pointer's x picks the depth among those the gap allows:
// from the depth of the row below (the step cannot slip under it) to the depth of row i.
func (o *outline) gapTarget(i int, x, unit float32) dropTarget {
	if i < 0 {
		return dropTarget{}
	}
	hi := o.rows[i].depth
	if o.rows[i].isObjective {
		return dropTarget{kind: dropBetween, row: i, depth: 1}
	}
	lo := int32(1)
	if i+1 < len(o.rows) && !o.rows[i+1].isObjective {
		lo = o.rows[i+1].depth
	}
	want := int32(math.Floor(float64(x/unit))) + 1
	d := max(lo, min(hi, want))
	return dropTarget{kind: dropBetween, row: i, depth: d}
}

// resolve turns a drop target into a placement, or the reason the step cannot go there.
func (o *outline) resolve(id int64, t dropTarget) (placement, error) {
	tree := o.u.tree
	row := o.rows[t.row]
	switch t.kind {
	case dropInto:
		if row.isObjective {
			return placement{objectiveID: row.id}, nil
		}
		if err := tree.CheckPlacement(id, row.id); err != nil {
			return placement{}, err
		}
		g, _ := tree.Goal(row.id)
		return placement{objectiveID: g.ObjectiveID, parentID: row.id}, nil
	case dropBetween:
		if row.isObjective {
			kids := tree.Children(row.id, 0)
			p := placement{objectiveID: row.id}
			if len(kids) > 0 {
				p.beforeID = kids[0]
			}
			if p.beforeID == id {
				p.beforeID = nextSibling(kids, id)
			}
			return p, nil
		}
		if t.depth > row.depth {
			// The gap above row's first sub-step: the step becomes its first sub-step.
			if err := tree.CheckPlacement(id, row.id); err != nil {
				return placement{}, err
			}
			g, _ := tree.Goal(row.id)
			kids := tree.Children(g.ObjectiveID, row.id)
			p := placement{objectiveID: g.ObjectiveID, parentID: row.id}
			if len(kids) > 0 {
				p.beforeID = kids[0]
				if p.beforeID == id {
					p.beforeID = nextSibling(kids, id)
				}
			}
			return p, nil
		}
		// The step goes right after the ancestor-or-self of row at depth t.depth.
		anchor := row.id
		for d := row.depth; d > t.depth; d-- {
			g, _ := tree.Goal(anchor)
			anchor = g.ParentID
		}
		a, _ := tree.Goal(anchor)
		if err := tree.CheckPlacement(id, a.ParentID); err != nil {
			return placement{}, err
		}
		if tree.IsAncestor(id, anchor) {
			return placement{}, model.ErrMoveIntoItself
		}
		before := nextSibling(tree.Children(a.ObjectiveID, a.ParentID), anchor)
		if before == id {
			before = nextSibling(tree.Children(a.ObjectiveID, a.ParentID), id)
		}
		return placement{objectiveID: a.ObjectiveID, parentID: a.ParentID, beforeID: before}, nil
	}
	return placement{}, errors.New("no place to drop")
}

func nextSibling(ids []int64, id int64) int64 {
	for i, x := range ids {
		if x == id && i+1 < len(ids) {
			return ids[i+1]
		}
	}
	return 0
}

// dragged follows the pointer: the ghost moves, the target is recomputed and drawn, and the
// list scrolls when the pointer is near an edge.
func (o *outline) dragged(r *rowView, ev *fyne.DragEvent) {
	if o.drag == nil {
		if r.row.isObjective {
			return
		}
		o.drag = &dragState{id: r.row.id}
		o.selected = goalKey(r.row.id)
		o.syncSelection()
		o.u.detail.refreshSelection()
		g, _ := o.u.tree.Goal(r.row.id)
		o.overlay.ghostText.Text = g.Title
		o.u.win.Canvas().Unfocus()
		o.startEdgeScroll()
	}
	if o.drag.cancelled {
		return
	}
	o.drag.pointer = o.localPos(ev.AbsolutePosition)
	o.updateDrag()
}

func (o *outline) updateDrag() {
	d := o.drag
	d.target = o.targetAt(d.id, d.pointer)
	o.drawDrag()
}

// startEdgeScroll scrolls the list while the pointer rests near its top or bottom edge: drag
// events only arrive when the pointer moves.
func (o *outline) startEdgeScroll() {
	if o.manualEdgeScroll {
		return
	}
	stop := make(chan struct{})
	o.drag.stopTick = stop
	go func() {
		t := time.NewTicker(40 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(func() { o.edgeScroll() })
			}
		}
	}()
}

// edgeScroll moves the list one step when the pointer is in an edge zone.
func (o *outline) edgeScroll() {
	d := o.drag
	if d == nil || d.cancelled {
		return
	}
	h := o.list.Size().Height
	step := float32(0)
	switch {
	case d.pointer.Y < edgeZone:
		step = -(edgeZone - d.pointer.Y)
	case d.pointer.Y > h-edgeZone:
		step = d.pointer.Y - (h - edgeZone)
	}
	if step == 0 {
		return
	}
	off := o.list.GetScrollOffset()
	o.list.ScrollToOffset(max(0, off+step))
	if o.list.GetScrollOffset() != off {
		o.updateDrag()
	}
}

// drawDrag places the insertion line or the highlight, and the ghost under the pointer.
func (o *outline) drawDrag() {
	d, ov := o.drag, o.overlay
	th := o.list.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	item, pitch := o.rowPitch()
	width := o.list.Size().Width
	off := o.list.GetScrollOffset()
	accent := th.Color(theme.ColorNamePrimary, v)
	if d.target.err != nil {
		accent = th.Color(theme.ColorNameError, v)
	}
	ov.hide()
	switch d.target.kind {
	case dropBetween:
		unit := theme.Padding() * 4
		x := float32(d.target.depth)*unit + 2*theme.Padding()
		y := float32(d.target.row+1)*pitch - th.Size(theme.SizeNamePadding)/2 - off
		ov.line.FillColor = accent
		ov.line.Move(fyne.NewPos(x, y-1.5))
		ov.line.Resize(fyne.NewSize(width-x-theme.ScrollBarSize(), 3))
		ov.line.Show()
	case dropInto:
		ov.highlight.StrokeColor = accent
		ov.highlight.FillColor = color.Transparent
		ov.highlight.CornerRadius = th.Size(theme.SizeNameSelectionRadius)
		ov.highlight.Move(fyne.NewPos(1, float32(d.target.row)*pitch-off))
		ov.highlight.Resize(fyne.NewSize(width-2-theme.ScrollBarSize(), item))
		ov.highlight.Show()
	}
	ov.ghostBg.FillColor = th.Color(theme.ColorNameShadow, v)
	ov.ghostBg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	ov.ghostText.Color = th.Color(theme.ColorNameForeground, v)
	ov.ghostText.TextSize = th.Size(theme.SizeNameText)
	ts := ov.ghostText.MinSize()
	pad := theme.Padding()
	ov.ghostBg.Resize(fyne.NewSize(ts.Width+4*pad, ts.Height+2*pad))
	ov.ghostText.Move(fyne.NewPos(2*pad, pad))
	ov.ghost.Move(fyne.NewPos(d.pointer.X+12, d.pointer.Y-ts.Height/2-pad))
	ov.ghost.Resize(ov.ghostBg.Size())
	ov.ghost.Show()
	ov.box.Refresh()
}

// cancelDrag abandons the drag (Escape): nothing moves.
func (o *outline) cancelDrag() bool {
	if o.drag == nil || o.drag.cancelled {
		return false
	}
	o.drag.cancelled = true
	o.overlay.hide()
	o.overlay.box.Refresh()
	o.u.say(lang.L("Move cancelled."))
	return true
}

// dragEnd drops the step where the target says, as one undoable move.
func (o *outline) dragEnd() {
	d := o.drag
	if d == nil {
		return
	}
	o.drag = nil
	if d.stopTick != nil {
		close(d.stopTick)
	}
	o.overlay.hide()
	o.overlay.box.Refresh()
	if d.cancelled || d.target.kind == dropNone {
		return
	}
	if d.target.err != nil {
		o.u.showMessage(lang.L("Cannot move it there: %v."), d.target.err)
		return
	}
	p, err := o.resolve(d.id, d.target)
	if err != nil {
		o.u.showMessage(lang.L("Cannot move it there: %v."), err)
		return
	}
	o.u.moveGoal(d.id, p)
}

// moveGoal places a step (with its sub-steps) as one undoable action. A move that would leave
// it where it is changes nothing.
func (u *UI) moveGoal(id int64, p placement) bool {
	g, ok := u.tree.Goal(id)
	if !ok {
		u.say(lang.L("That micro-goal no longer exists."))
		return false
	}
	if u.staysPut(g, p) {
		return false
	}
	ok = u.record(lang.L("move “{{.Title}}”", args("Title", g.Title)), func(ctx context.Context) (func(context.Context) error, error) {
		if _, err := u.store.PlaceGoal(ctx, id, p.objectiveID, p.parentID, p.beforeID); err != nil {
			return nil, err
		}
		return func(ctx context.Context) error {
			_, err := u.store.RestorePlacement(ctx, id, g.ObjectiveID, g.ParentID, g.Position)
			return err
		}, nil
	})
	if ok {
		u.outline.selected = goalKey(id)
		u.refreshAfterMove(g.ObjectiveID != p.objectiveID, p)
	}
	return ok
}

// refreshAfterMove shows a move without re-reading the whole plan: only the place the step
// landed in can have changed positions (a renumbering rewrites the siblings there), so that
// place is read back and patched in. A move to another objective also moves the sub-steps, and
// re-reads everything.
func (u *UI) refreshAfterMove(acrossObjectives bool, p placement) {
	if acrossObjectives {
		u.reload()
		return
	}
	sibs, err := u.store.Siblings(u.ctx(), p.objectiveID, p.parentID)
	if err != nil {
		u.showError(lang.L("Could not read the plan"), err)
		u.reload()
		return
	}
	// The goals are copied, not patched in place: the notifier and other readers may hold
	// the old slice (an immutable snapshot), and writing into its array would race with them.
	goals := append([]model.MicroGoal(nil), u.data.Goals...)
	at := make(map[int64]int, len(goals))
	for i, g := range goals {
		at[g.ID] = i
	}
	for _, s := range sibs {
		if i, ok := at[s.ID]; ok {
			goals[i] = s
		}
	}
	data := u.data
	data.Goals = goals
	u.setData(data)
}

// staysPut reports whether placing g at p would leave it exactly where it is.
func (u *UI) staysPut(g model.MicroGoal, p placement) bool {
	if g.ObjectiveID != p.objectiveID || g.ParentID != p.parentID {
		return false
	}
	return nextSibling(u.tree.Children(g.ObjectiveID, g.ParentID), g.ID) == p.beforeID
}

// moveSelected moves the selected step from the keyboard: up and down among its siblings,
// right to nest under the previous sibling, left to lift it one level.
func (u *UI) moveSelected(dir fyne.KeyName) {
	g, ok := u.selectedGoal()
	if !ok {
		u.say(lang.L("Select a micro-goal to move it."))
		return
	}
	sibs := u.tree.Children(g.ObjectiveID, g.ParentID)
	i := indexOf(sibs, g.ID)
	p := placement{objectiveID: g.ObjectiveID, parentID: g.ParentID}
	switch dir {
	case fyne.KeyUp:
		if i == 0 {
			u.showMessage(lang.L("“%s” is already the first step here."), g.Title)
			return
		}
		p.beforeID = sibs[i-1]
	case fyne.KeyDown:
		if i == len(sibs)-1 {
			u.showMessage(lang.L("“%s” is already the last step here."), g.Title)
			return
		}
		if i+2 < len(sibs) {
			p.beforeID = sibs[i+2]
		}
	case fyne.KeyRight:
		if i == 0 {
			u.showMessage(lang.L("There is no step above “%s” to nest it under."), g.Title)
			return
		}
		if err := u.tree.CheckPlacement(g.ID, sibs[i-1]); err != nil {
			u.showMessage(lang.L("Cannot nest “%s”: %v."), g.Title, err)
			return
		}
		p.parentID = sibs[i-1]
		u.outline.expand(goalKey(sibs[i-1]))
	case fyne.KeyLeft:
		if g.ParentID == 0 {
			u.showMessage(lang.L("“%s” is already at the top level."), g.Title)
			return
		}
		parent, _ := u.tree.Goal(g.ParentID)
		p.parentID = parent.ParentID
		p.beforeID = nextSibling(u.tree.Children(parent.ObjectiveID, parent.ParentID), parent.ID)
	default:
		return
	}
	u.moveGoal(g.ID, p)
}

func indexOf(ids []int64, id int64) int {
	for i, x := range ids {
		if x == id {
			return i
		}
	}
	return -1
}
