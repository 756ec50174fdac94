package app

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/app/calsync"
)

// syncSettings is the Sync section of the settings: the server, the account, the task list,
// "Sync now", and the last sync's time and result.
type syncSettings struct {
	u        *UI
	server   *dialogEntry
	user     *dialogEntry
	password *dialogEntry
	lists    *widget.Select
	newName  *dialogEntry
	note     *widget.Label // where the password is kept, or what went wrong
	status   *widget.Label // the last sync, as the status bar shows it
	find     *widget.Button
	create   *widget.Button
	save     *widget.Button
	now      *widget.Button

	found []calsync.TaskList
	list  calsync.TaskList
}

// syncSection builds the Sync section; it reads the stored set-up into its fields.
func (u *UI) syncSection() (fyne.CanvasObject, *syncSettings) {
	s := &syncSettings{u: u,
		server:   newDialogEntry(),
		user:     newDialogEntry(),
		password: newDialogEntry(),
		newName:  newDialogEntry(),
		note:     &widget.Label{Wrapping: fyne.TextWrapWord},
		status:   &widget.Label{Wrapping: fyne.TextWrapWord},
	}
	s.server.SetPlaceHolder("https://dav.example.org/")
	s.user.SetPlaceHolder(lang.L("user name"))
	s.password.Password = true
	s.password.SetPlaceHolder(lang.L("password (kept in the keyring)"))
	s.newName.SetText("Microgoals")
	// Enter in the account's fields saves the set-up, in the new list's name creates it.
	for _, e := range []*dialogEntry{s.server, s.user, s.password} {
		e.OnSubmitted = func(string) {
			if !s.save.Disabled() {
				s.onSave()
			}
		}
	}
	s.newName.OnSubmitted = func(string) {
		if !s.create.Disabled() {
			s.onCreate()
		}
	}
	s.lists = &widget.Select{PlaceHolder: lang.L("(find the task lists first)"), OnChanged: s.onListChosen}
	s.find = widget.NewButton(lang.L("Find task lists"), s.onFind)
	s.create = widget.NewButton(lang.L("Create"), s.onCreate)
	s.save = &widget.Button{Text: lang.L("Save"), Importance: widget.HighImportance, OnTapped: s.onSave}
	s.now = widget.NewButton(lang.L("Sync now"), s.onSyncNow)
	st, err := calsync.LoadSettings(u.ctx(), u.currentStore())
	if err != nil {
		s.note.SetText(lang.L("Could not read the sync settings: {{.Error}}", args("Error", err.Error())))
	}
	s.server.SetText(st.Server)
	s.user.SetText(st.User)
	if st.Configured() {
		s.list = calsync.TaskList{URL: st.List, Name: st.ListName, HoldsTask: true}
		s.found = []calsync.TaskList{s.list}
		s.lists.Options = []string{listLabel(s.list)}
		s.lists.Selected = listLabel(s.list)
	}
	s.status.SetText(u.syncer.label.Text)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Server"), s.server),
		widget.NewFormItem(lang.L("User name"), s.user),
		widget.NewFormItem(lang.L("Password"), s.password),
		widget.NewFormItem(lang.L("Task list"), container.NewBorder(nil, nil, nil, s.find, s.lists)),
		widget.NewFormItem(lang.L("New task list"), container.NewBorder(nil, nil, nil, s.create, s.newName)),
	)
	intro := widget.NewLabel(lang.L("Sync the plan with a task list on a CalDAV server (Radicale, Nextcloud, Fastmail, iCloud…). " +
		"Steps appear as tasks in other task apps; metric entries, reviews and decisions stay on this machine."))
	intro.Wrapping = fyne.TextWrapWord
	last := widget.NewLabelWithStyle(lang.L("Status"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(intro, form, s.note, container.NewHBox(s.save, s.now), widget.NewSeparator(), last, s.status), s
}

func listLabel(l calsync.TaskList) string {
	name := l.Name
	if name == "" {
		name = l.URL
	}
	if !l.HoldsTask {
		name += lang.L(" (events only)")
	}
	return name
}

func (s *syncSettings) account() calsync.Account {
	return calsync.Account{URL: strings.TrimSpace(s.server.Text), User: strings.TrimSpace(s.user.Text), Password: s.password.Text}
}

// password returns the typed password or, when the field is empty, the saved one.
func (s *syncSettings) withPassword(a calsync.Account) (calsync.Account, error) {
	if a.Password != "" {
		return a, nil
	}
	pw, err := calsync.LoadPassword(a.URL, a.User)
	a.Password = pw
	return a, err
}

// busy disables the buttons while the server is asked, and says what is happening.
func (s *syncSettings) busy(what string) {
	s.note.SetText(what)
	for _, b := range []*widget.Button{s.find, s.create, s.save, s.now} {
		b.Disable()
	}
}

func (s *syncSettings) idle(note string) {
	s.note.SetText(note)
	for _, b := range []*widget.Button{s.find, s.create, s.save, s.now} {
		b.Enable()
	}
}

func (s *syncSettings) onFind() {
	a, err := s.withPassword(s.account())
	if err != nil {
		s.note.SetText(err.Error())
		return
	}
	s.busy(lang.L("Looking for task lists on {{.Server}}…", args("Server", a.URL)))
	s.u.runAsync(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		lists, err := calsync.TaskLists(ctx, a)
		fyne.Do(func() {
			if err != nil {
				s.idle(err.Error())
				return
			}
			s.found = lists
			opts := make([]string, len(lists))
			for i, l := range lists {
				opts[i] = listLabel(l)
			}
			s.lists.Options = opts
			s.lists.Refresh()
			switch {
			case len(lists) == 0:
				s.idle(lang.L("The server has no task lists for this user yet: create one below."))
			default:
				s.idle(lang.L("Choose the task list to sync with, then Save."))
			}
		})
	})
}

func (s *syncSettings) onCreate() {
	a, err := s.withPassword(s.account())
	if err != nil {
		s.note.SetText(err.Error())
		return
	}
	name := strings.TrimSpace(s.newName.Text)
	if name == "" {
		s.note.SetText(lang.L("Name the new task list first."))
		return
	}
	s.busy(lang.L("Creating the task list “{{.Name}}”…", args("Name", name)))
	s.u.runAsync(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		tl, err := calsync.CreateTaskList(ctx, a, name)
		fyne.Do(func() {
			if err != nil {
				s.idle(err.Error())
				return
			}
			s.found = append(s.found, tl)
			s.lists.Options = append(s.lists.Options, listLabel(tl))
			s.lists.SetSelected(listLabel(tl))
			s.idle(lang.L("Created “{{.Name}}”. Save to start syncing with it.", args("Name", name)))
		})
	})
}

func (s *syncSettings) onListChosen(label string) {
	for _, l := range s.found {
		if listLabel(l) == label {
			s.list = l
			if !l.HoldsTask {
				s.note.SetText(lang.L("“{{.Name}}” holds only events: choose or create a task list.", args("Name", l.Name)))
			}
			return
		}
	}
}

// onSave keeps the set-up and the password, then syncs.
func (s *syncSettings) onSave() {
	a := s.account()
	switch {
	case a.URL == "" || a.User == "":
		s.note.SetText(lang.L("Enter the server's address and your user name."))
		return
	case s.list.URL == "":
		s.note.SetText(lang.L("Choose a task list (Find task lists), or create one."))
		return
	case !s.list.HoldsTask:
		s.note.SetText(lang.L("“{{.Name}}” holds only events: choose or create a task list.", args("Name", s.list.Name)))
		return
	}
	s.busy(lang.L("Saving…"))
	st := calsync.Settings{Server: a.URL, User: a.User, List: s.list.URL, ListName: s.list.Name}
	store := s.u.currentStore()
	s.u.runAsync(func() {
		where := ""
		var err error
		if a.Password != "" {
			where, err = calsync.SavePassword(a.URL, a.User, a.Password)
		}
		if err == nil {
			err = calsync.SaveSettings(context.Background(), store, st)
		}
		fyne.Do(func() {
			if err != nil {
				s.idle(lang.L("Could not save: {{.Error}}", args("Error", err.Error())))
				return
			}
			s.password.SetText("")
			s.idle(strings.TrimSpace(lang.L("Saved.") + " " + where))
			s.u.syncer.syncNow()
		})
	})
}

func (s *syncSettings) onSyncNow() { s.u.syncer.syncNow() }

// showSyncSettings opens the Sync settings in a dialog (File → Sync…).
func (u *UI) showSyncSettings() {
	content, s := u.syncSection()
	stop := u.syncer.listen(func(text string) { s.status.SetText(text) })
	d := dialog.NewCustom(lang.L("Sync"), lang.L("Close"), container.NewVScroll(content), u.win)
	d.Resize(fyne.NewSize(600, 560))
	u.syncDialog, u.syncForm = d, s
	u.escapable(d, stop)
	dialogKeys(content, nil, d.Hide) // Escape in any field closes it
	d.Show()
	u.win.Canvas().Focus(s.server)
}

// runAsync runs slow work (a question to the server) off the UI goroutine; tests may run it
// in place (syncAsync).
func (u *UI) runAsync(f func()) {
	if u.syncAsync != nil {
		u.syncAsync(f)
		return
	}
	go f()
}

// syncSettingsSection is Settings → Sync: the last sync's result and the way into the sync
// set-up, which is a dialog of its own because it talks to the server while it is open.
func (u *UI) syncSettingsSection() settingsSection {
	state := widget.NewLabel(u.syncer.label.Text)
	state.Wrapping = fyne.TextWrapWord
	open := widget.NewButton(lang.L("Set up sync…"), u.showSyncSettings)
	return settingsSection{title: lang.L("Sync"), save: func() {},
		items: []*widget.FormItem{widget.NewFormItem("CalDAV", container.NewBorder(nil, nil, nil, open, state))}}
}
