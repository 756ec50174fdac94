package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// openSubSteps counts the open steps under id, at any depth.
func (u *UI) openSubSteps(id int64) int {
	n := 0
	for _, d := range u.tree.Descendants(id) {
		if g, ok := u.tree.Goal(d); ok && g.Status == model.StatusOpen {
			n++
		}
	}
	return n
}

// askDrop asks why g is dropped and, when it has open sub-steps, whether they are dropped
// too (yes by default: a dropped step's open parts would otherwise still count as work to do).
func (u *UI) askDrop(g model.MicroGoal) {
	entry := newDialogEntry()
	entry.SetPlaceHolder(lang.L("Why drop it? (optional)"))
	items := []*widget.FormItem{widget.NewFormItem("", entry)}
	open := u.openSubSteps(g.ID)
	subs := widget.NewCheck(fmt.Sprintf(lang.L("Also drop its %s"), counted(open, "{{.Count}} open sub-step", "{{.Count}} open sub-steps")), nil)
	subs.SetChecked(true)
	if open > 0 {
		items = append(items, widget.NewFormItem("", subs))
	}
	d := dialog.NewForm(lang.L("Drop “{{.Title}}”", args("Title", g.Title)), lang.L("Drop"), lang.L("Cancel"), items, func(ok bool) {
		if ok {
			u.dropGoal(g, strings.TrimSpace(entry.Text), open > 0 && subs.Checked)
		}
	}, u.win)
	u.showEntryDialog(d, entry) // Enter drops, Escape cancels, the focus goes back
	d.Resize(fyne.NewSize(520, 200))
}

// dropGoal drops g (and its open sub-steps when subSteps) as one undoable action.
func (u *UI) dropGoal(g model.MicroGoal, reason string, subSteps bool) {
	u.do(lang.L("drop “{{.Title}}”", args("Title", g.Title)), func(ctx context.Context) (func(context.Context) error, string, error) {
		before, err := u.store.DropGoal(ctx, g.ID, reason, subSteps)
		if err != nil {
			return nil, "", err
		}
		if len(before) > 1 {
			u.showMessage(lang.L("Dropped “%s” and %s."), g.Title, counted(len(before)-1, "{{.Count}} open sub-step", "{{.Count}} open sub-steps"))
		}
		return func(ctx context.Context) error { return u.store.PutBackStatus(ctx, before) }, "", nil
	})
}
