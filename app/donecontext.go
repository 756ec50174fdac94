package app

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// doneContext asks, once a step is completed or a focus sprint ends, where and with whom it
// was done, for the patterns by place and people. It is a small panel in the window's
// bottom-right corner, a layer over the window like the banner rather than a pop-up overlay:
// an overlay would take the keyboard, so Ctrl+L or Ctrl+D right after completing a step would
// go nowhere. Answering is optional (Skip, or just go on), and the last answers are offered
// again, read from the most recent completion or sprint that has them.
type doneContext struct {
	u     *UI
	popup *fyne.Container // the panel; shown and hidden as a whole
	title *widget.Label
	where *widget.Entry
	with  *widget.Entry
	// What the answers are for: a completed step (goalID), or an ended sprint (sprint.ID).
	goalID int64
	sprint model.Sprint
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
	d.goalID, d.sprint = g.ID, model.Sprint{}
	d.title.SetText(lang.L("Done “{{.Title}}”: where, with whom?", args("Title", ellipsis(g.Title, 24))))
	where, with, _ := d.u.lastContext(g.ID, 0)
	d.where.SetText(where)
	d.with.SetText(with)
	d.popup.Show()
}

// askSprint shows the pop-up for the focus sprint sp that just ended on the step titled
// title. The answers are filled in with where and with whom it was said to run, else with
// the last answers given.
func (d *doneContext) askSprint(sp model.Sprint, title string) {
	d.goalID, d.sprint = 0, sp
	d.title.SetText(lang.L("Sprint on “{{.Title}}” ended: where, with whom?", map[string]any{"Title": ellipsis(title, 20)}))
	where, with := sp.Environment, sp.Partner
	if where == "" && with == "" {
		where, with, _ = d.u.lastContext(0, sp.ID)
	}
	d.where.SetText(where)
	d.with.SetText(with)
	d.popup.Show()
}

// lastContext is the last answers to "where, with whom?": those of the most recent step
// completion or ended sprint that has any, leaving out the step skipGoal and the sprint
// skipSprint (the ones being asked about).
func (u *UI) lastContext(skipGoal, skipSprint int64) (where, with string, at time.Time) {
	for _, g := range u.data.Goals {
		if g.ID != skipGoal && g.Status == model.StatusDone && (g.DoneWhere != "" || g.DoneWith != "") && g.DoneAt.After(at) {
			where, with, at = g.DoneWhere, g.DoneWith, g.DoneAt
		}
	}
	sprints, err := u.store.Sprints(u.ctx())
	if err != nil {
		u.showError(lang.L("Could not read the focus sprints"), err)
		return where, with, at
	}
	for _, s := range sprints {
		if s.ID != skipSprint && (s.Environment != "" || s.Partner != "") && s.EndedAt.After(at) {
			where, with, at = s.Environment, s.Partner, s.EndedAt
		}
	}
	return where, with, at
}

// save stores the answers on the step or the sprint, as one undoable action.
func (d *doneContext) save() {
	u := d.u
	d.popup.Hide()
	if d.sprint.ID != 0 {
		d.saveSprint()
		return
	}
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

// saveSprint stores the answers on the ended sprint, as one undoable action.
func (d *doneContext) saveSprint() {
	u := d.u
	sp := d.sprint
	where, with := strings.TrimSpace(d.where.Text), strings.TrimSpace(d.with.Text)
	if where == sp.Environment && with == sp.Partner {
		return
	}
	u.do(lang.L("note where the focus sprint ran"), func(ctx context.Context) (func(context.Context) error, string, error) {
		if err := u.store.SetSprintContext(ctx, sp.ID, where, with); err != nil {
			return nil, "", err
		}
		return func(ctx context.Context) error {
			return u.store.SetSprintContext(ctx, sp.ID, sp.Environment, sp.Partner)
		}, "", nil
	})
}
