package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// Keyboard dispatch in Fyne's desktop driver (v2.8): main-menu shortcuts first, then the
// focused widget when it takes shortcuts (an Entry takes every one, even those it ignores),
// then the canvas. So every key of the app is a main-menu item: it then works whatever has
// the focus. Ctrl+Z and Ctrl+Y arrive as fyne.ShortcutUndo and fyne.ShortcutRedo, never as
// Ctrl+Z, so those items are bound to the standard types.

// keyAlias is a second key for an action that already has a visible menu item (Ctrl+Y beside
// Ctrl+Shift+Z for redo). The driver matches shortcuts on every item of the main menu,
// separators included, so the alias rides on a separator and the menu shows one item.
func keyAlias(sc fyne.Shortcut, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItemSeparator()
	it.Shortcut = sc
	it.Action = action
	return it
}

// undoKey is Ctrl+Z: an entry being typed in undoes its own typing first; once it has nothing
// left to undo (or nothing is being typed), the last change of the plan is undone.
func (u *UI) undoKey() {
	if e := u.focusedEntry(); e != nil {
		before := e.Text
		e.Undo()
		if e.Text != before {
			return
		}
	}
	u.undoLast()
}

// redoKey is Ctrl+Shift+Z and Ctrl+Y: the entry's own redo first, then the plan's.
func (u *UI) redoKey() {
	if e := u.focusedEntry(); e != nil {
		before := e.Text
		e.Redo()
		if e.Text != before {
			return
		}
	}
	u.redoLast()
}

// focusQuickAdd puts the typing focus in the outline's quick add (Ctrl+L), on the Outline tab.
func (u *UI) focusQuickAdd() {
	if !u.built() || len(u.data.Objectives) == 0 {
		return
	}
	u.tabs.selectTab(0)
	u.win.Canvas().Focus(u.outline.quickAdd)
}

// viewMenu switches the tabs with Ctrl+1…Ctrl+5 (Outline, Today, Calendar, Charts, Reviews).
func (u *UI) viewMenu() *fyne.Menu {
	keys := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9}
	m := fyne.NewMenu(lang.L("View"))
	for i, b := range u.tabs.buttons {
		if i >= len(keys) {
			break
		}
		it := fyne.NewMenuItem(b.title, func() { u.openTab(i) })
		it.Shortcut = &desktop.CustomShortcut{KeyName: keys[i], Modifier: fyne.KeyModifierShortcutDefault}
		m.Items = append(m.Items, it)
	}
	return m
}

// openTab selects tab i and gives the keyboard to it: the outline's quick add on the Outline
// tab, the view's own first control elsewhere (or nothing, so keys reach the canvas).
func (u *UI) openTab(i int) {
	if !u.built() || len(u.data.Objectives) == 0 {
		return
	}
	u.tabs.selectTab(i)
	if i == 0 {
		u.win.Canvas().Focus(u.outline.quickAdd)
		return
	}
	for _, tv := range u.views {
		if tv.tab != i {
			continue
		}
		if f, ok := tv.view.(interface{ focusTarget() fyne.Focusable }); ok {
			if t := f.focusTarget(); t != nil {
				u.win.Canvas().Focus(t)
				return
			}
		}
	}
	u.win.Canvas().Unfocus()
}

// escapable lets Escape close d while no entry has the keyboard (an entry keeps Escape; the
// one-line dialogs use dialogEntry for that) and Enter confirm it, and gives the focus back to
// what had it. A dialog opened over another hands Escape back to the one below when it closes.
// onClosed, if given, runs when d closes (d.SetOnClosed would replace this).
func (u *UI) escapable(d dialog.Dialog, onClosed ...func()) {
	before := u.win.Canvas().Focused()
	below := u.topDialog
	u.topDialog = d
	u.win.Canvas().Unfocus()
	d.SetOnClosed(func() {
		if u.topDialog == d {
			u.topDialog = below
		}
		if before != nil {
			u.win.Canvas().Focus(before)
		}
		for _, f := range onClosed {
			f()
		}
	})
}

// focusedEntry is the enabled entry that has the keyboard, or nil.
func (u *UI) focusedEntry() *widget.Entry {
	var e *widget.Entry
	switch f := u.win.Canvas().Focused().(type) {
	case *widget.Entry:
		e = f
	case interface{ entry() *widget.Entry }:
		e = f.entry()
	}
	if e == nil || e.Disabled() {
		return nil
	}
	return e
}

// openGoal shows the step id in the outline, selected, with the keyboard in its title (a Today
// row opens its step this way).
func (u *UI) openGoal(id int64) {
	if _, ok := u.tree.Goal(id); !ok {
		return
	}
	u.tabs.selectTab(0)
	u.outline.selected = goalKey(id)
	u.detail.refreshSelection()
	u.outline.refresh()
	u.focusDetail()
}

// focusDetail puts the typing focus in the title of the selected item's detail panel
// (Ctrl+I), with the cursor at its end; Tab goes on through the other fields.
func (u *UI) focusDetail() {
	if !u.built() || u.outline.selected == "" {
		u.say(lang.L("Select an objective or a micro-goal to edit it."))
		return
	}
	u.tabs.selectTab(0)
	f := u.detail.fieldsFor(u.outline.selected)["title"]
	if f == nil || f.input == nil {
		return
	}
	u.win.Canvas().Focus(f.input)
	f.input.CursorRow, f.input.CursorColumn = 0, len([]rune(f.input.Text))
	f.input.Refresh()
}

// walkObjects calls f on o and on everything inside it: containers, scrolls and forms.
func walkObjects(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkObjects(c, f)
		}
	case *container.Scroll:
		walkObjects(x.Content, f)
	case *widget.Form:
		for _, it := range x.Items {
			walkObjects(it.Widget, f)
		}
	}
}

// dialogKeys gives the dialog entries in content the dialog's keys: Escape cancels from any of
// them, Enter submits from a one-line one that has no Enter of its own. A plain Entry keeps
// both keys to itself, so a dialog's fields are dialogEntry.
func dialogKeys(content fyne.CanvasObject, submit, cancel func()) {
	walkObjects(content, func(o fyne.CanvasObject) {
		e, ok := o.(*dialogEntry)
		if !ok {
			return
		}
		e.onEscape = cancel
		if !e.MultiLine && e.OnSubmitted == nil && submit != nil {
			e.OnSubmitted = func(string) { submit() }
		}
	})
}
