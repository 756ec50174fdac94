package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// doneContext asks, once a step is completed, where and with whom it was done, for the
// patterns by place and people. It is a small panel in the window's bottom-right corner, a
// layer over the window like the banner rather than a pop-up overlay: an overlay would take
// the keyboard, so Ctrl+L or Ctrl+D right after completing a step would go nowhere. Answering
// is optional (Skip, or just go on), and the last answers are offered again, read from the
// most recently completed step that has them.
type doneContext struct {
	u      *UI
	popup  *fyne.Container // the panel; shown and hidden as a whole
	title  *widget.Label
	where  *widget.Entry
	with   *widget.Entry
	goalID int64
}

func (u *UI) askDoneContext(g model.MicroGoal) {
	if u.doneCtx != nil { // nil until the window has its content
		u.doneCtx.ask(g)
	}
}

// layer is the window's top layer that holds the panel in the bottom-right corner.
func (d *doneContext) layer() fyne.CanvasObject {
	return container.New(&cornerLayout{}, d.popup)
}

// cornerLayout puts its one object at the bottom right, 460 wide at most, at its own height;
// its own size is the window's (it is a layer of a stack) and it asks for no room.
type cornerLayout struct{}

func (l *cornerLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding() * 2
	for _, o := range objs {
		w := min(460, size.Width-2*pad)
		h := o.MinSize().Height
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos(size.Width-w-pad, size.Height-h-pad))
	}
}

func (l *cornerLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }

func newDoneContext(u *UI) *doneContext {
	d := &doneContext{u: u}
	d.title = widget.NewLabel("")
	d.title.Truncation = fyne.TextTruncateEllipsis
	d.where = widget.NewEntry()
	d.where.SetPlaceHolder(lang.L("Where? (@home, library…)"))
	d.with = widget.NewEntry()
	d.with.SetPlaceHolder(lang.L("With whom?"))
	save := widget.NewButton(lang.L("Save"), d.save)
	save.Importance = widget.HighImportance
	skip := widget.NewButton(lang.L("Skip"), func() { d.popup.Hide() })
	d.where.OnSubmitted = func(string) { d.save() }
	d.with.OnSubmitted = func(string) { d.save() }
	box := container.NewVBox(d.title, container.NewGridWithColumns(2, d.where, d.with), container.NewHBox(save, skip))
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.InputRadiusSize()
	d.popup = container.NewStack(bg, container.NewPadded(box))
	d.popup.Hide()
	return d
}

// ask shows the pop-up for the completed step g, with the last answers filled in.
func (d *doneContext) ask(g model.MicroGoal) {
	d.goalID = g.ID
	d.title.SetText(lang.L("Done “{{.Title}}”: where, with whom?", args("Title", ellipsis(g.Title, 24))))
	where, with := lastDoneContext(d.u.data.Goals, g.ID)
	d.where.SetText(where)
	d.with.SetText(with)
	d.popup.Show()
}

// lastDoneContext is where and with whom the most recently completed step (other than skip)
// was done, as remembered answers.
func lastDoneContext(goals []model.MicroGoal, skip int64) (where, with string) {
	var best model.MicroGoal
	for _, g := range goals {
		if g.ID != skip && g.Status == model.StatusDone && (g.DoneWhere != "" || g.DoneWith != "") && g.DoneAt.After(best.DoneAt) {
			best = g
		}
	}
	return best.DoneWhere, best.DoneWith
}

// save stores the answers on the step, as one undoable action.
func (d *doneContext) save() {
	u := d.u
	d.popup.Hide()
	g, ok := u.tree.Goal(d.goalID)
	if !ok {
		return
	}
	where, with := strings.TrimSpace(d.where.Text), strings.TrimSpace(d.with.Text)
	if where == g.DoneWhere && with == g.DoneWith {
		return
	}
	u.do(lang.L("note where “{{.Title}}” was done", args("Title", g.Title)), func(ctx context.Context) (func(context.Context) error, string, error) {
		ng := g
		ng.DoneWhere, ng.DoneWith = where, with
		if _, err := u.store.UpdateGoal(ctx, ng); err != nil {
			return nil, "", err
		}
		return func(ctx context.Context) error { _, err := u.store.UpdateGoal(ctx, g); return err }, "", nil
	})
}

// lastSprintContext is where and with whom the latest ended sprint ran, offered again when a
// sprint starts ("" when unknown).
func (u *UI) lastSprintContext() (where, with string) {
	sprints, err := u.store.Sprints(u.ctx())
	if err != nil || len(sprints) == 0 {
		return "", ""
	}
	last := sprints[len(sprints)-1]
	return last.Environment, last.Partner
}
