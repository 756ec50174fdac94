package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/storage"
)

// showTrash lists what was deleted, newest first, each with a Restore button.
func (u *UI) showTrash() {
	items, err := u.store.Trash(u.ctx())
	if err != nil {
		u.showError(lang.L("Could not open the trash"), err)
		return
	}
	var d dialog.Dialog
	var content fyne.CanvasObject
	if len(items) == 0 {
		content = widget.NewLabel(lang.L("The trash is empty. Deleted objectives and micro-goals wait here until you restore them."))
	} else {
		list := widget.NewList(
			func() int { return len(items) },
			func() fyne.CanvasObject {
				return container.NewBorder(nil, nil, nil, widget.NewButton(lang.L("Restore"), nil), widget.NewLabel(""))
			},
			func(i widget.ListItemID, o fyne.CanvasObject) {
				c := o.(*fyne.Container)
				it := items[i]
				c.Objects[0].(*widget.Label).SetText(trashLabel(it, u))
				c.Objects[1].(*widget.Button).OnTapped = func() {
					if u.restore(it) {
						d.Hide()
					}
				}
			})
		content = list
	}
	d = dialog.NewCustom(lang.L("Trash"), lang.L("Close"), content, u.win)
	d.Resize(fyne.NewSize(640, 420))
	u.escapable(d)
	d.Show()
}

func trashLabel(it storage.TrashItem, u *UI) string {
	when := inSentence(formatDay(it.TrashedAt, u.now(), u.loc)) + " " + currentLocale().Time(it.TrashedAt.In(u.loc))
	a := args("Title", quoted(it.Title), "When", when)
	more := it.Count - 1 // the micro-goals trashed with it
	switch {
	case it.Kind == storage.TrashObjective && more > 0:
		return counted(more, "Objective {{.Title}} with {{.Count}} step, deleted {{.When}}", "Objective {{.Title}} with {{.Count}} steps, deleted {{.When}}", a)
	case it.Kind == storage.TrashObjective:
		return lang.L("Objective {{.Title}}, deleted {{.When}}", a)
	case more > 0:
		return counted(more, "Micro-goal {{.Title}} with {{.Count}} sub-step, deleted {{.When}}", "Micro-goal {{.Title}} with {{.Count}} sub-steps, deleted {{.When}}", a)
	}
	return lang.L("Micro-goal {{.Title}}, deleted {{.When}}", a)
}

// restore brings a trash item back as one undoable action.
func (u *UI) restore(it storage.TrashItem) bool {
	key := goalKey(it.RootID)
	if it.Kind == "objective" {
		key = objectiveKey(it.RootID)
	}
	return u.do(lang.L("restore “{{.Title}}”", args("Title", it.Title)), func(ctx context.Context) (func(context.Context) error, string, error) {
		if _, err := u.store.RestoreTrash(ctx, it.ID); err != nil {
			return nil, "", err
		}
		u.showMessage(lang.L("Restored “%s”."), it.Title)
		return func(ctx context.Context) error {
			var err error
			if it.Kind == "objective" {
				_, err = u.store.TrashObjective(ctx, it.RootID)
			} else {
				_, err = u.store.TrashGoal(ctx, it.RootID)
			}
			return err
		}, key, nil
	})
}
