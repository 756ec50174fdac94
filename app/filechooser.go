package app

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// prefChooserDir is the folder the file chooser showed when a file was last chosen in it.
const prefChooserDir = "filechooser.dir"

// fileChooser is the app's own file dialog for exports and imports. Fyne's file dialogs take
// neither Enter nor Escape (the focused name entry swallows Escape), so every export and
// import goes through this one instead: Enter in the name field or on a list row saves or
// opens, Escape cancels from any field, the list or a button, and the focus goes back to what
// had it before. It embeds the dialog so that escapable can track it as the top dialog.
type fileChooser struct {
	*dialog.CustomDialog
	u    *UI
	save bool
	exts []string // lower case, with the dot; files with other extensions are not listed
	def  string   // the file name offered when saving
	done func(path string)

	dir      string
	items    []chooserItem
	selected int // index in items, -1 for none

	name   *dialogEntry
	folder *dialogEntry
	list   *chooserList
	msg    *widget.Label
	empty  *widget.Label // over the list while the folder shows nothing
}

// chooserItem is one row of the chooser's list.
type chooserItem struct {
	name string
	dir  bool
}

// chooseSaveFile asks where to save a file, offering name; done gets the chosen path once the
// folder is known to exist and be writable and an existing file may be replaced.
func (u *UI) chooseSaveFile(name string, done func(path string)) *fileChooser {
	ext := strings.ToLower(filepath.Ext(name))
	return u.showChooser(true, lang.L("Save as"), name, []string{ext}, done)
}

// chooseOpenFile asks for an existing file with one of exts (".json"…) and hands its path to
// done.
func (u *UI) chooseOpenFile(exts []string, done func(path string)) *fileChooser {
	return u.showChooser(false, lang.L("Open"), "", exts, done)
}

// showChooser builds and shows the chooser with the keyboard in its name field.
func (u *UI) showChooser(save bool, title, name string, exts []string, done func(string)) *fileChooser {
	c := &fileChooser{u: u, save: save, exts: exts, def: name, done: done, selected: -1}
	c.name = newDialogEntry()
	c.name.SetText(name)
	c.name.SetPlaceHolder(lang.L("File name, or a whole path"))
	c.folder = newDialogEntry()
	c.folder.OnSubmitted = func(s string) { c.goTo(expandHome(strings.TrimSpace(s))) }
	c.msg = widget.NewLabel("")
	c.msg.Wrapping = fyne.TextWrapWord
	c.msg.Importance = widget.DangerImportance
	c.msg.Hide()

	c.list = newChooserList(c)
	c.empty = widget.NewLabel(lang.L("No folders and no files of this kind here."))
	c.empty.Importance = widget.LowImportance
	c.empty.Alignment = fyne.TextAlignCenter
	up := newChooserButton("", theme.MoveUpIcon(), c, func() { c.goTo(filepath.Dir(c.dir)) })

	places := container.NewVBox()
	userDirs := userPlaces()
	for _, p := range userDirs {
		b := newChooserButton(p.label, p.icon, c, func() { c.goTo(p.path) })
		b.Alignment, b.Importance = widget.ButtonAlignLeading, widget.LowImportance
		places.Add(b)
	}
	if save {
		b := newChooserButton(lang.L("New folder…"), theme.FolderNewIcon(), c, c.askNewFolder)
		b.Alignment, b.Importance = widget.ButtonAlignLeading, widget.LowImportance
		places.Add(b)
	}

	fields := container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.L("Name")), c.name,
		widget.NewLabel(lang.L("Folder")), container.NewBorder(nil, nil, up, nil, c.folder))
	// The objects are listed in the order Tab visits them: name, folder, places, list.
	side := container.NewVScroll(places)
	content := container.New(layout.NewBorderLayout(fields, c.msg, side, nil), fields, side, container.NewStack(c.list, container.NewCenter(c.empty)), c.msg)
	// Enter in the name field saves or opens, in the folder field goes there (set above);
	// Escape cancels from both.
	dialogKeys(content, c.Submit, func() { c.Hide() })

	confirm := lang.L("Open")
	if save {
		confirm = lang.L("Save")
	}
	ok := newChooserButton(confirm, theme.ConfirmIcon(), c, c.Submit)
	ok.Importance = widget.HighImportance
	cancel := newChooserButton(lang.L("Cancel"), theme.CancelIcon(), c, func() { c.Hide() })
	c.CustomDialog = dialog.NewCustomWithoutButtons(title, content, u.win)
	c.SetButtons([]fyne.CanvasObject{cancel, ok})

	c.goTo(c.startDir(userDirs))
	u.escapable(c)
	c.Show()
	// The dialog fits the window, however small, so its buttons are never cut off.
	ws := u.win.Canvas().Size()
	c.Resize(fyne.NewSize(min(760, ws.Width-24), min(540, ws.Height-24)))
	u.win.Canvas().Focus(c.name)
	// The whole name is selected: typing replaces it (the extension is added back when the
	// new name has none), and a whole path can be typed over it too.
	c.name.TypedShortcut(&fyne.ShortcutSelectAll{})
	return c
}

// startDir is the folder last chosen in, if it still exists, else Documents, else home.
func (c *fileChooser) startDir(places []place) string {
	if d := c.u.app.Preferences().String(prefChooserDir); d != "" && isDir(d) {
		return d
	}
	for _, p := range places {
		if p.documents {
			return p.path
		}
	}
	if h, err := os.UserHomeDir(); err == nil {
		return h
	}
	return string(filepath.Separator)
}

// goTo shows the folder dir; a folder that is missing or unreadable gets a message and the
// chooser stays where it was.
func (c *fileChooser) goTo(dir string) {
	if dir == "" {
		return
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(c.dir, dir)
	}
	dir = filepath.Clean(dir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		if os.IsNotExist(err) {
			c.say(lang.L("The folder {{.Folder}} does not exist.", args("Folder", dir)))
		} else if !isDir(dir) {
			c.say(lang.L("{{.Folder}} is not a folder.", args("Folder", dir)))
		} else {
			c.say(lang.L("Could not read the folder {{.Folder}}: {{.Error}}", args("Folder", dir, "Error", err)))
		}
		c.folder.SetText(c.dir)
		return
	}
	c.dir = dir
	c.items = c.items[:0]
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, ".") {
			continue
		}
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			if st, err := os.Stat(filepath.Join(dir, n)); err == nil {
				isDir = st.IsDir()
			}
		}
		if !isDir && !c.wanted(n) {
			continue
		}
		c.items = append(c.items, chooserItem{name: n, dir: isDir})
	}
	sort.Slice(c.items, func(i, j int) bool {
		a, b := c.items[i], c.items[j]
		if a.dir != b.dir {
			return a.dir
		}
		return strings.ToLower(a.name) < strings.ToLower(b.name)
	})
	c.selected = -1
	c.list.UnselectAll()
	c.list.Refresh()
	c.list.ScrollToTop()
	if len(c.items) > 0 {
		c.list.Highlight(0)
		c.empty.Hide()
	} else {
		c.empty.Show()
	}
	c.folder.SetText(dir)
	c.say("")
}

// wanted reports whether a file named n has one of the chooser's extensions.
func (c *fileChooser) wanted(n string) bool {
	ext := strings.ToLower(filepath.Ext(n))
	for _, e := range c.exts {
		if ext == e {
			return true
		}
	}
	return false
}

// say shows msg in the dialog, above its buttons; an empty msg hides the line.
func (c *fileChooser) say(msg string) {
	c.msg.SetText(msg)
	if msg == "" {
		c.msg.Hide()
	} else {
		c.msg.Show()
	}
}

// activate is a double click or Enter on row i: a folder is entered, a file is chosen.
func (c *fileChooser) activate(i int) {
	if i < 0 || i >= len(c.items) {
		return
	}
	it := c.items[i]
	if it.dir {
		c.goTo(filepath.Join(c.dir, it.name))
		return
	}
	c.name.SetText(it.name)
	c.Submit()
}

// Submit chooses the file the name field names (Enter, the Save or Open button): a folder is
// entered instead; a problem is told in the dialog, which stays open.
func (c *fileChooser) Submit() {
	text := strings.TrimSpace(c.name.Text)
	if text == "" {
		if !c.save && c.selected >= 0 {
			c.activate(c.selected)
			return
		}
		if c.save {
			c.say(lang.L("Type a name for the file."))
		} else {
			c.say(lang.L("Choose a file to open."))
		}
		c.u.win.Canvas().Focus(c.name)
		return
	}
	path := expandHome(text)
	if !filepath.IsAbs(path) {
		path = filepath.Join(c.dir, path)
	}
	path = filepath.Clean(path)
	if isDir(path) {
		c.goTo(path)
		if c.save {
			c.name.SetText(c.def)
		} else {
			c.name.SetText("")
		}
		return
	}
	if c.save && filepath.Ext(path) == "" && len(c.exts) == 1 {
		path += c.exts[0]
	}
	dir := filepath.Dir(path)
	if !isDir(dir) {
		c.say(lang.L("The folder {{.Folder}} does not exist.", args("Folder", dir)))
		return
	}
	if !c.save {
		if _, err := os.Stat(path); err != nil {
			c.say(lang.L("There is no file {{.File}}.", args("File", path)))
			return
		}
		c.finish(path)
		return
	}
	if err := canWriteIn(dir); err != nil {
		c.say(lang.L("Cannot save in {{.Folder}}: choose another folder.", args("Folder", dir)))
		return
	}
	if _, err := os.Stat(path); err == nil {
		replace := false
		ask := dialog.NewConfirm(lang.L("Replace the file?"),
			lang.L("{{.File}} already exists. Replace it?", args("File", filepath.Base(path))),
			func(ok bool) { replace = ok }, c.u.win)
		ask.SetConfirmText(lang.L("Replace"))
		ask.SetDismissText(lang.L("Cancel"))
		// The chooser closes only once the question has closed and given the keyboard back,
		// so that the chooser is no longer the dialog Escape and Enter go to.
		c.u.escapable(ask, func() {
			if replace {
				c.finish(path)
			}
		})
		ask.Show()
		return
	}
	c.finish(path)
}

// finish remembers the folder for next time, closes the chooser and hands path on.
func (c *fileChooser) finish(path string) {
	c.u.app.Preferences().SetString(prefChooserDir, filepath.Dir(path))
	c.Hide()
	c.done(path)
}

// askNewFolder makes a folder in the one shown and goes into it.
func (c *fileChooser) askNewFolder() {
	e := newDialogEntry()
	e.Validator = func(s string) error {
		if s = strings.TrimSpace(s); s == "" || strings.ContainsRune(s, filepath.Separator) {
			return problemError(lang.L("Type a folder name without /."))
		}
		return nil
	}
	showFormDialog(lang.L("New folder"), lang.L("Create"), e, func() {
		p := filepath.Join(c.dir, strings.TrimSpace(e.Text))
		if err := os.Mkdir(p, 0o755); err != nil {
			c.say(lang.L("Could not create the folder: {{.Error}}", args("Error", err)))
			return
		}
		c.goTo(p)
		// Clicked with the mouse, the button had no keyboard to give back: the name takes it,
		// ready to save in the new folder. From the keyboard, the button gets it back.
		c.u.win.Canvas().Focus(c.name)
	}, c.u)
}

// canWriteIn reports whether a new file can be created in dir, by creating and removing one:
// permission bits alone do not tell (read-only mounts, ACLs).
func canWriteIn(dir string) error {
	f, err := os.CreateTemp(dir, ".microgoals-check-*")
	if err != nil {
		return err
	}
	f.Close()
	return os.Remove(f.Name())
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// expandHome turns a leading ~ into the home folder.
func expandHome(p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") {
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, p[1:])
		}
	}
	return p
}

// place is a quick place of the chooser's side bar.
type place struct {
	label     string
	icon      fyne.Resource
	path      string
	documents bool
}

// userPlaces are the home folder and those of Documents, Desktop and Downloads that exist,
// where the desktop's user-dirs.dirs puts them (translated names included).
func userPlaces() []place {
	home, err := os.UserHomeDir()
	if err != nil {
		return nil
	}
	dirs := xdgUserDirs(home)
	out := []place{{label: lang.L("Home"), icon: theme.HomeIcon(), path: home}}
	for _, p := range []struct {
		key, def, label string
		icon            fyne.Resource
	}{
		{"XDG_DOCUMENTS_DIR", "Documents", lang.L("Documents"), theme.DocumentIcon()},
		{"XDG_DESKTOP_DIR", "Desktop", lang.L("Desktop"), theme.ComputerIcon()},
		{"XDG_DOWNLOAD_DIR", "Downloads", lang.L("Downloads"), theme.DownloadIcon()},
	} {
		path := dirs[p.key]
		if path == "" {
			path = filepath.Join(home, p.def)
		}
		if path != home && isDir(path) {
			out = append(out, place{label: p.label, icon: p.icon, path: path, documents: p.key == "XDG_DOCUMENTS_DIR"})
		}
	}
	return out
}

// xdgUserDirs reads $XDG_CONFIG_HOME/user-dirs.dirs (lines like XDG_DOCUMENTS_DIR="$HOME/Dokumente").
func xdgUserDirs(home string) map[string]string {
	cfg := os.Getenv("XDG_CONFIG_HOME")
	if cfg == "" {
		cfg = filepath.Join(home, ".config")
	}
	m := map[string]string{}
	f, err := os.Open(filepath.Join(cfg, "user-dirs.dirs"))
	if err != nil {
		return m
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), "=")
		if !ok || strings.HasPrefix(k, "#") {
			continue
		}
		v = strings.Trim(v, `"`)
		v = strings.Replace(v, "$HOME", home, 1)
		if filepath.IsAbs(v) {
			m[k] = v
		}
	}
	return m
}

// chooserList is the chooser's folder listing: arrows move, Enter (or Space, then Enter)
// enters a folder or chooses a file, Backspace goes to the parent folder, Escape cancels.
type chooserList struct {
	widget.List
	c *fileChooser
}

func newChooserList(c *fileChooser) *chooserList {
	l := &chooserList{c: c}
	l.Length = func() int { return len(c.items) }
	l.CreateItem = func() fyne.CanvasObject { return newChooserRow(c) }
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) { o.(*chooserRow).set(id) }
	l.OnSelected = func(id widget.ListItemID) {
		c.selected = id
		if id < len(c.items) && !c.items[id].dir {
			c.name.SetText(c.items[id].name)
		}
	}
	l.OnUnselected = func(widget.ListItemID) { c.selected = -1 }
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey adds Enter, Backspace and Escape to the list's own keys.
func (l *chooserList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		l.c.Hide()
	case fyne.KeyReturn, fyne.KeyEnter:
		// Space selects the highlighted row, which is then the one to activate.
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		l.c.activate(l.c.selected)
	case fyne.KeyBackspace:
		l.c.goTo(filepath.Dir(l.c.dir))
	default:
		l.List.TypedKey(ev)
	}
}

// chooserRow is one row of the list: a click selects it, a double click enters the folder or
// chooses the file.
type chooserRow struct {
	widget.BaseWidget
	c     *fileChooser
	id    int
	icon  *widget.Icon
	label *widget.Label
}

func newChooserRow(c *fileChooser) *chooserRow {
	r := &chooserRow{c: c, icon: widget.NewIcon(theme.FileIcon()), label: widget.NewLabel("")}
	r.label.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

func (r *chooserRow) set(id int) {
	r.id = id
	if id >= len(r.c.items) {
		return
	}
	it := r.c.items[id]
	r.label.SetText(it.name)
	if it.dir {
		r.icon.SetResource(theme.FolderIcon())
	} else {
		r.icon.SetResource(theme.FileIcon())
	}
}

// CreateRenderer draws the icon and the name.
func (r *chooserRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, r.icon, nil, r.label))
}

// Tapped selects the row and gives the list the keyboard, as the list's own rows do.
func (r *chooserRow) Tapped(*fyne.PointEvent) {
	l := r.c.list
	if c := fyne.CurrentApp().Driver().CanvasForObject(l); c != nil {
		c.Focus(l)
	}
	l.Highlight(r.id)
	l.Select(r.id)
}

// DoubleTapped enters the folder or chooses the file.
func (r *chooserRow) DoubleTapped(*fyne.PointEvent) {
	r.c.list.Select(r.id)
	r.c.activate(r.id)
}

// chooserButton is a button of the chooser: Enter presses it like Space, and Escape cancels
// the chooser, which a plain button would swallow while it has the keyboard.
type chooserButton struct {
	widget.Button
	c *fileChooser
}

func newChooserButton(label string, icon fyne.Resource, c *fileChooser, tapped func()) *chooserButton {
	b := &chooserButton{c: c}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey presses the button on Enter and cancels the chooser on Escape.
func (b *chooserButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		b.c.Hide()
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Tapped(nil)
	default:
		b.Button.TypedKey(ev)
	}
}
