// Package app is the Fyne application of Microgoals: the window, its views and widgets and the
// shortcuts. The scheduler, the tray and the background process live in app/agent.
package app

import (
	"context"
	"errors"
	"image/color"
	"log"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/app/agent"
	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// Config is what the window needs from the outside world.
type Config struct {
	Now      func() time.Time // the clock; time.Now when nil
	Location *time.Location   // the user's zone; time.Local when nil
	Version  string
	// Instance is this window's hold on the plan (single instance, the agent's messages); nil
	// in tests.
	Instance *agent.Instance
	// QuickAdd opens with the cursor in the quick-add box (the tray's Quick add…).
	QuickAdd bool

	// buildLater leaves the window empty until the plan is read (Run sets it): every font is
	// loaded when the first text is measured, and text measured before the app has applied the
	// desktop's light or dark variant loads every font a second time (about 4 MB that stay).
	buildLater bool
}

// UI is the main window of Microgoals and everything it shows.
type UI struct {
	app   fyne.App
	win   fyne.Window
	store *storage.Store
	// storeMu guards store against the background backup while a restore replaces it.
	storeMu sync.Mutex
	now     func() time.Time
	loc     *time.Location

	// workers are the jobs running off the UI goroutine (worker.go).
	workers workers

	data     storage.Outline
	tree     *model.Tree
	outline  *outline
	detail   *detail
	firstRun *firstRun
	undo     undoStack
	sprint   *sprintTimer
	doneCtx  *doneContext // where and with whom a completed step was done (donecontext.go)

	message   *widget.Label
	messageBx *fyne.Container // the banner: floats over the bottom of the window (messages.go)
	// messageGen counts the messages shown, so that a timer hides only its own message.
	messageGen int
	// messageTTL is how long a message stays before it goes by itself; 0 keeps it until it is
	// closed or replaced (the headless tests, which have no clock running).
	messageTTL time.Duration
	// exitProcess ends the process (Run sets it; nil in the headless tests) and exiting says
	// the app is on its way out (exit.go).
	exitProcess func(code int)
	exiting     bool
	undoItem    *fyne.MenuItem
	redoItem    *fyne.MenuItem
	toolbar     *fyne.Container
	body        *fyne.Container
	mainView    fyne.CanvasObject
	tabs        *tabBar
	views       []*tabbedView

	routine         *routine      // calendar and Today settings, read on first use (routine.go)
	settingsDialog  dialog.Dialog // the open settings dialog, for tests
	topDialog       dialog.Dialog // the open dialog Escape closes when no entry has the keys
	notify          *notifier     // the scheduler and the way out to the desktop (notify.go)
	link            *agentLink    // the line to the background agent, in the real app (background.go)
	quickAddAtStart bool
	syncer          *syncer       // CalDAV sync in the background and its status line (sync.go)
	syncDialog      dialog.Dialog // the open Sync settings, for tests
	syncForm        *syncSettings // its fields, for tests
	syncAsync       func(func())  // runs the settings' server questions; nil: a goroutine
}

// New builds the main window on store. Call Load before showing it.
func New(a fyne.App, store *storage.Store, cfg Config) *UI {
	LoadTranslations()
	u := &UI{app: a, store: store, now: cfg.Now, loc: cfg.Location}
	if u.now == nil {
		u.now = time.Now
	}
	if u.loc == nil {
		u.loc = time.Local
	}
	// The title is exactly the app's name: the window system takes WM_CLASS from it, and the
	// .desktop file's StartupWMClass matches it so the launcher groups the window.
	u.win = a.NewWindow(lang.L("Microgoals"))
	u.notify = newNotifier(u, store)
	u.syncer = newSyncer(u)
	// The window opens empty and gets its content with the plan (setData).
	u.win.SetContent(canvas.NewRectangle(color.Transparent))
	u.win.Resize(defaultWindowSize)
	if !cfg.buildLater {
		u.buildUI()
	}
	restoreWindowSize(a, u.win)
	u.win.SetCloseIntercept(u.closeWindow)
	return u
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

func (u *UI) buildUI() {
	u.buildMessage()

	u.outline = newOutline(u)
	u.detail = newDetail(u)
	u.sprint = newSprintTimer(u)

	sep := func() fyne.CanvasObject { return widget.NewSeparator() }
	u.toolbar = container.NewHBox(
		newIconButton(theme.FolderNewIcon(), u.addObjective),
		newIconButton(theme.ContentAddIcon(), u.addGoal),
		newIconButton(theme.ListIcon(), u.addSubStep),
		sep(),
		newIconButton(theme.ConfirmIcon(), u.toggleDone),
		newIconButton(theme.DeleteIcon(), u.deleteSelected),
		sep(),
		newIconButton(theme.ContentUndoIcon(), u.undoLast),
		newIconButton(theme.HistoryIcon(), u.showTrash),
	)
	split := container.NewHSplit(u.outline.view, u.detail.view)
	split.Offset = 0.6
	// The search shares the toolbar's line (search.go), so the outline keeps its place.
	top := container.NewBorder(nil, nil, u.toolbar, nil, u.outline.search.view)
	u.mainView = u.buildTabs(container.NewBorder(top, nil, nil, nil, split))
	u.body = container.NewStack()
}

// built reports whether the window's widgets exist (see Config.buildLater).
func (u *UI) built() bool { return u.outline != nil }

func (u *UI) mainMenu() *fyne.MainMenu {
	ctrl := fyne.KeyModifierShortcutDefault
	item := func(label string, key fyne.KeyName, mod fyne.KeyModifier, fn func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, fn)
		if key != "" {
			it.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: mod}
		}
		return it
	}
	// Ctrl+Z and Ctrl+Y reach the window as the standard Undo and Redo shortcuts (see keys.go).
	u.undoItem = fyne.NewMenuItem(lang.L("Undo"), u.undoKey)
	u.undoItem.Shortcut = &fyne.ShortcutUndo{}
	u.undoItem.Disabled = true
	u.redoItem = item(lang.L("Redo"), fyne.KeyZ, ctrl|fyne.KeyModifierShift, u.redoKey)
	u.redoItem.Disabled = true
	return fyne.NewMainMenu(
		fyne.NewMenu(lang.L("File"),
			item(lang.L("New objective"), fyne.KeyN, ctrl|fyne.KeyModifierShift, u.addObjective),
			item(lang.L("New micro-goal"), fyne.KeyN, ctrl, u.addGoal),
			item(lang.L("New sub-step"), fyne.KeyN, ctrl|fyne.KeyModifierAlt, u.addSubStep),
			fyne.NewMenuItemSeparator(),
			item(lang.L("Trash…"), "", 0, u.showTrash),
			item(lang.L("Settings…"), fyne.KeyComma, ctrl, u.showSettings),
			item(lang.L("Sync…"), "", 0, u.showSyncSettings),
			fyne.NewMenuItemSeparator(),
			item(lang.L("Weekly review…"), "", 0, func() { u.openReviews(0) }),
			item(lang.L("Quarterly audit…"), "", 0, func() { u.openReviews(1) }),
			fyne.NewMenuItemSeparator(),
			// Exports and imports are submenus, so the whole menu fits a laptop-sized window.
			submenu(lang.L("Export"),
				item(lang.L("Progress report…"), "", 0, u.exportReport),
				item(lang.L("Report for last week"), "", 0, u.reportLastWeek),
				item(lang.L("Milestones (iCalendar)…"), "", 0, u.exportICalendar),
				item(lang.L("Metric entries (CSV)…"), "", 0, func() { u.exportMetricsCSV(0) }),
				item(lang.L("Everything (JSON)…"), "", 0, u.exportJSON)),
			submenu(lang.L("Import"),
				item(lang.L("Everything (JSON)…"), "", 0, u.importJSON),
				item(lang.L("Metric entries (CSV)…"), "", 0, u.importCSV),
				item(lang.L("Calendar (iCalendar)…"), "", 0, u.importICalendar)),
			fyne.NewMenuItemSeparator(),
			item(lang.L("Back up now"), "", 0, u.backupNow),
			item(lang.L("Restore from backup…"), "", 0, u.askRestore),
			fyne.NewMenuItemSeparator(),
			u.quitItem(),
		),
		fyne.NewMenu(lang.L("Edit"),
			u.undoItem,
			u.redoItem,
			keyAlias(&fyne.ShortcutRedo{}, u.redoKey),
			item(lang.L("Go to quick add"), fyne.KeyL, ctrl, u.focusQuickAdd),
			item(lang.L("Edit details"), fyne.KeyI, ctrl, u.focusDetail),
			item(lang.L("Save changes"), fyne.KeyS, ctrl, func() { u.detail.save() }),
			item(lang.L("Mark done / reopen"), fyne.KeyD, ctrl, u.toggleDone),
			item(lang.L("Drop…"), "", 0, u.dropSelected),
			item(lang.L("Delete (to trash)"), fyne.KeyDelete, ctrl, u.deleteSelected),
			fyne.NewMenuItemSeparator(),
			item(lang.L("Move up"), fyne.KeyUp, fyne.KeyModifierAlt, func() { u.moveSelected(fyne.KeyUp) }),
			item(lang.L("Move down"), fyne.KeyDown, fyne.KeyModifierAlt, func() { u.moveSelected(fyne.KeyDown) }),
			item(lang.L("Nest under the step above"), fyne.KeyRight, fyne.KeyModifierAlt, func() { u.moveSelected(fyne.KeyRight) }),
			item(lang.L("Lift one level"), fyne.KeyLeft, fyne.KeyModifierAlt, func() { u.moveSelected(fyne.KeyLeft) }),
			fyne.NewMenuItemSeparator(),
			item(lang.L("Find…"), fyne.KeyF, ctrl, u.find),
		),
		u.viewMenu(),
		u.metricsMenu(),
	)
}

// submenu is a menu item that opens a menu of its own.
func submenu(label string, items ...*fyne.MenuItem) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, nil)
	it.ChildMenu = fyne.NewMenu("", items...)
	return it
}

// quitItem quits with Ctrl+Q, which Fyne does not bind by itself on Linux. It closes the
// window the normal way, so its size is remembered.
func (u *UI) quitItem() *fyne.MenuItem {
	it := fyne.NewMenuItem(lang.L("Quit"), u.quit)
	it.IsQuit = true
	it.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	return it
}

func (u *UI) addShortcuts() {
	// A drag takes the focus away from any entry, so Escape reaches the canvas and cancels it.
	u.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		// Enter with no field focused submits the open dialog, as its confirm button does.
		if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
			switch d := u.topDialog.(type) {
			case interface{ Submit() }:
				d.Submit()
			case interface{ Confirm() }:
				d.Confirm()
			}
			return
		}
		if ev.Name == fyne.KeyEscape {
			if u.topDialog != nil {
				u.topDialog.Hide()
				return
			}
			if u.doneCtx != nil && u.doneCtx.popup.Visible() {
				u.doneCtx.popup.Hide()
				return
			}
			if !u.outline.cancelDrag() && u.outline.search.active() {
				u.outline.search.reset()
			}
		}
	})
}

func (u *UI) ctx() context.Context { return context.Background() }

// Load reads the outline from storage and shows either the first-run screen or the outline.
func (u *UI) Load() error {
	data, err := u.store.LoadOutline(u.ctx())
	if err != nil {
		return err
	}
	u.setData(data)
	return nil
}

// reload re-reads storage after a change and keeps the selection where it can.
func (u *UI) reload() {
	if err := u.Load(); err != nil {
		u.showError(lang.L("Could not read the plan"), err)
	}
}

func (u *UI) setData(data storage.Outline) {
	if u.win.MainMenu() == nil {
		u.doneCtx = newDoneContext(u)
		u.win.SetContent(container.NewStack(
			container.NewBorder(u.sprint.slot, u.syncer.label, nil, nil, u.body),
			u.messageLayer(), u.doneCtx.layer()))
		u.win.SetMainMenu(u.mainMenu())
		u.addShortcuts()
		defer u.sprint.restore()
		// A draft left by the last session opens in the panel, so it is seen and finished.
		if key := u.detail.loadDrafts(); key != "" && u.outline.selected == "" {
			defer func() {
				if _, ok := u.outline.index[refOf(key)]; ok {
					u.outline.selected = key
					u.detail.refreshSelection()
					u.outline.refresh()
					u.say(lang.L("Your unsaved edits from last time are back: save or revert them."))
				}
			}()
		}
	}
	u.data = data
	u.tree = model.NewTree(data.Goals)
	if len(data.Objectives) == 0 {
		if u.firstRun == nil {
			u.firstRun = newFirstRun(u)
		}
		u.body.Objects = []fyne.CanvasObject{u.firstRun.view}
		u.body.Refresh()
		u.firstRun.reset() // after it is in the window: reset focuses the objective's entry
	} else {
		fromFirstRun := len(u.body.Objects) == 1 && u.firstRun != nil && u.body.Objects[0] == u.firstRun.view
		u.body.Objects = []fyne.CanvasObject{u.mainView}
		u.body.Refresh()
		if fromFirstRun {
			// The first-run entries are gone from the window but would keep the keyboard (and
			// Enter would write the objective again): the typing goes on in the quick add.
			u.win.Canvas().Focus(u.outline.quickAdd)
		}
	}
	u.outline.refresh()
	u.detail.refreshSelection()
	u.refreshViews()
	u.planChanged(data)
}

// objective returns the objective with id from the loaded outline.
func (u *UI) objective(id int64) (model.Objective, bool) {
	for _, o := range u.data.Objectives {
		if o.ID == id {
			return o, true
		}
	}
	return model.Objective{}, false
}

// celebrate marks a win: a micro-goal done, a sprint finished, a target reached. It shows in
// the window's banner while the window is open, and goes to the desktop through the notifier
// once that runs. (Wins the plan itself shows — a step done, a streak — come from the
// notifier's own plan, exactly once; this is for the others.)
func (u *UI) celebrate(title, body string) {
	if !u.notify.active() {
		u.showMessage(lang.L("🎉 %s — %s"), title, body)
		return
	}
	go u.notify.show(title, body, true)
}

// showError tells the user in plain words what failed, in their language: storage's own
// words for the cause (storage.Explain leaves out the technical context around it); the
// whole error goes to stderr.
func (u *UI) showError(what string, err error) {
	log.Printf("%s: %v", what, err)
	var verr *storage.ValidationError
	switch {
	case errors.As(err, &verr):
		u.say(lang.L("{{.What}}: {{.Why}}", args("What", what, "Why", verr.Error())))
	case errors.Is(err, storage.ErrDiskFull):
		u.showMessage(lang.L("%s: the disk is full. Nothing was lost: free some space and try again."), what)
	default:
		u.say(lang.L("{{.What}}: {{.Why}}", args("What", what, "Why", storage.Explain(err))))
	}
}

// do runs one user action against storage, records how to undo it, and refreshes the view.
// select is the outline key to select afterwards ("" keeps the selection).
func (u *UI) do(label string, action func(ctx context.Context) (undo func(ctx context.Context) error, selectKey string, err error)) bool {
	var key string
	ok := u.record(label, func(ctx context.Context) (func(context.Context) error, error) {
		undo, k, err := action(ctx)
		key = k
		return undo, err
	})
	if !ok {
		return false
	}
	if key != "" {
		u.outline.selected = key
	}
	u.reload()
	return true
}

// record runs one user action against storage and remembers how to undo it, without
// refreshing the view. It reports whether the action succeeded.
func (u *UI) record(label string, action func(ctx context.Context) (undo func(ctx context.Context) error, err error)) bool {
	undo, err := action(u.ctx())
	if err != nil {
		u.showError(lang.L("Could not {{.Action}}", args("Action", label)), err)
		return false
	}
	if undo != nil {
		u.undo.push(label, undo)
		u.undo.entries[len(u.undo.entries)-1].redo = action
		u.refreshUndo()
	}
	return true
}

func (u *UI) refreshUndo() {
	label, ok := u.undo.peek()
	u.undoItem.Disabled = !ok
	u.undoItem.Label = lang.L("Undo")
	if label != "" {
		u.undoItem.Label = lang.L("Undo {{.Action}}", args("Action", label))
	}
	label, ok = u.undo.peekRedo()
	u.redoItem.Disabled = !ok
	u.redoItem.Label = lang.L("Redo")
	if label != "" {
		u.redoItem.Label = lang.L("Redo {{.Action}}", args("Action", label))
	}
	if m := u.win.MainMenu(); m != nil {
		m.Refresh()
	}
}

// redoLast makes the last undone change again.
func (u *UI) redoLast() {
	label, ok := u.undo.peekRedo()
	if !ok {
		u.say(lang.L("Nothing to redo."))
		return
	}
	if err := u.undo.redo(u.ctx()); err != nil {
		u.showError(lang.L("Could not redo {{.Action}}", args("Action", label)), err)
		return
	}
	u.refreshUndo()
	u.showMessage(lang.L("Redone: %s."), label)
	u.reload()
}

func (u *UI) undoLast() {
	label, ok := u.undo.peek()
	if !ok {
		u.say(lang.L("Nothing to undo."))
		return
	}
	if err := u.undo.pop(u.ctx()); err != nil {
		u.showError(lang.L("Could not undo {{.Action}}", args("Action", label)), err)
		return
	}
	u.refreshUndo()
	u.showMessage(lang.L("Undone: %s."), label)
	u.reload()
}

// selectedObjectiveID is the objective of the selection, or the first objective.
func (u *UI) selectedObjectiveID() int64 {
	if g, ok := u.selectedGoal(); ok {
		return g.ObjectiveID
	}
	if o, ok := u.selectedObjective(); ok {
		return o.ID
	}
	if len(u.data.Objectives) > 0 {
		return u.data.Objectives[0].ID
	}
	return 0
}

func (u *UI) selectedGoal() (model.MicroGoal, bool) {
	kind, id := parseKey(u.outline.selected)
	if kind != 'g' || u.tree == nil {
		return model.MicroGoal{}, false
	}
	return u.tree.Goal(id)
}

func (u *UI) selectedObjective() (model.Objective, bool) {
	kind, id := parseKey(u.outline.selected)
	if kind != 'o' {
		return model.Objective{}, false
	}
	return u.objective(id)
}

func (u *UI) addObjective() {
	entry := newDialogEntry()
	entry.SetPlaceHolder(lang.L("One sentence: what do you want to achieve?"))
	u.askText(lang.L("New objective"), entry, func(title string) {
		u.createObjective(title)
	})
}

func (u *UI) createObjective(title string) bool {
	return u.do(lang.L("add the objective"), u.creation(func(ctx context.Context) (int64, string, error) {
		o, err := u.store.CreateObjective(ctx, model.NewObjective(model.CleanTitle(title), u.now()))
		return o.ID, objectiveKey(o.ID), err
	}, u.store.TrashObjective))
}

// creation is the undoable action of a creation: create makes the item and names its ID and
// outline key; its undo moves it to the trash with trash. Redo runs the action again, which
// then brings that same batch back from the trash instead of making a copy, so the redos
// after it, which name its ID, still apply.
func (u *UI) creation(create func(ctx context.Context) (int64, string, error), trash func(context.Context, int64) (storage.TrashItem, error)) func(ctx context.Context) (func(context.Context) error, string, error) {
	var id, trashed int64
	var key string
	return func(ctx context.Context) (func(context.Context) error, string, error) {
		if trashed != 0 {
			if _, err := u.store.RestoreTrash(ctx, trashed); err != nil {
				return nil, "", err
			}
			trashed = 0
		} else {
			var err error
			if id, key, err = create(ctx); err != nil {
				return nil, "", err
			}
		}
		return func(ctx context.Context) error {
			it, err := trash(ctx, id)
			if err == nil {
				trashed = it.ID
			}
			return err
		}, key, nil
	}
}

// createGoal adds a micro-goal under objective and parent (after sibling afterID when non-zero).
func (u *UI) createGoal(objectiveID, parentID, afterID int64, title string) bool {
	return u.do(lang.L("add the micro-goal"), u.creation(func(ctx context.Context) (int64, string, error) {
		g, err := u.store.CreateGoal(ctx, model.NewMicroGoal(objectiveID, parentID, model.CleanTitle(title), u.now()), afterID)
		return g.ID, goalKey(g.ID), err
	}, u.store.TrashGoal))
}

func (u *UI) addGoal() {
	if len(u.data.Objectives) == 0 {
		u.say(lang.L("Write your objective first."))
		return
	}
	u.win.Canvas().Focus(u.outline.quickAdd)
}

func (u *UI) addSubStep() {
	g, ok := u.selectedGoal()
	if !ok {
		u.say(lang.L("Select a micro-goal to add a sub-step under it."))
		return
	}
	if u.tree.Depth(g.ID) >= model.MaxDepth {
		u.showMessage(lang.L("“%s” is already %d levels deep; sub-steps nest at most %d levels."), g.Title, model.MaxDepth, model.MaxDepth)
		return
	}
	entry := newDialogEntry()
	entry.SetPlaceHolder(lang.L("Verb first: what is the next small step?"))
	u.askText(lang.L("New sub-step of “{{.Title}}”", args("Title", g.Title)), entry, func(title string) {
		u.outline.expand(goalKey(g.ID))
		u.createGoal(g.ObjectiveID, g.ID, 0, title)
	})
}

// setStatus changes a micro-goal's status as one undoable action.
func (u *UI) setStatus(g model.MicroGoal, s model.Status, reason string) {
	label := map[model.Status]string{model.StatusDone: lang.L("mark done"), model.StatusOpen: "reopen", model.StatusDropped: "drop"}[s]
	done := u.do(label+" “"+g.Title+"”", func(ctx context.Context) (func(context.Context) error, string, error) {
		if _, err := u.store.SetGoalStatus(ctx, g.ID, s, reason); err != nil {
			return nil, "", err
		}
		old := g
		return func(ctx context.Context) error {
			_, err := u.store.UpdateGoal(ctx, old)
			return err
		}, "", nil
	})
	if done && s == model.StatusDone {
		u.askDoneContext(g)
	}
}

func (u *UI) toggleDone() {
	g, ok := u.selectedGoal()
	if !ok {
		u.say(lang.L("Select a micro-goal to mark it done."))
		return
	}
	if g.Status == model.StatusDone {
		u.setStatus(g, model.StatusOpen, "")
	} else {
		u.setStatus(g, model.StatusDone, "")
	}
}

func (u *UI) dropSelected() {
	g, ok := u.selectedGoal()
	if !ok {
		u.say(lang.L("Select a micro-goal to drop it."))
		return
	}
	u.askDrop(g)
}

func (u *UI) deleteSelected() {
	if g, ok := u.selectedGoal(); ok {
		u.do(lang.L("delete “{{.Title}}”", args("Title", g.Title)), func(ctx context.Context) (func(context.Context) error, string, error) {
			item, err := u.store.TrashGoal(ctx, g.ID)
			if err != nil {
				return nil, "", err
			}
			u.showMessage(lang.L("Moved “%s” to the trash. Undo (Ctrl+Z) or restore it from the trash."), g.Title)
			return func(ctx context.Context) error { _, err := u.store.RestoreTrash(ctx, item.ID); return err }, u.outline.neighbourKey(goalKey(g.ID)), nil
		})
		return
	}
	if o, ok := u.selectedObjective(); ok {
		u.do(lang.L("delete “{{.Title}}”", args("Title", o.Title)), func(ctx context.Context) (func(context.Context) error, string, error) {
			item, err := u.store.TrashObjective(ctx, o.ID)
			if err != nil {
				return nil, "", err
			}
			u.showMessage(lang.L("Moved the objective “%s” and its micro-goals to the trash."), o.Title)
			return func(ctx context.Context) error { _, err := u.store.RestoreTrash(ctx, item.ID); return err }, u.outline.neighbourKey(objectiveKey(o.ID)), nil
		})
		return
	}
	u.say(lang.L("Select an objective or a micro-goal to delete it."))
}
