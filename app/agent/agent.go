package agent

import (
	"context"
	"errors"
	"io/fs"
	"log"
	"os"
	"os/signal"
	"runtime/debug"
	"sync"
	"syscall"
	"time"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// settingNoTraySaid records that the agent said, once, that it runs without a tray icon.
const settingNoTraySaid = "agent.no_tray_said"

// Options are what the agent process needs from its command line.
type Options struct {
	DBPath   string
	Now      func() time.Time // time.Now when nil
	Location *time.Location   // time.Local when nil
	// Send replaces the desktop notifications (nil: beeep).
	Send func(title, body string) error
	// NoTray runs without the tray even where a bus is (tests of the headless path).
	NoTray bool
	// SyncEvery is how often the agent syncs with the CalDAV task list, when sync is set up
	// and no window is open (SyncEvery when zero); the first sync comes SyncFirst after
	// start (half a minute when zero).
	SyncEvery, SyncFirst time.Duration
	// CheckEvery is how often the agent looks at the plan's file (Tick when zero): whether
	// something else changed it, whether it is still there, whether the day turned.
	CheckEvery time.Duration
}

// Agent is the background process on one plan: the scheduler, the tray, and the socket
// through which the window tells it that the plan changed.
type Agent struct {
	opts  Options
	inst  *Instance
	sched *Scheduler
	tray  *tray
	sync  *syncer

	// mu guards store and stat: a restore (hold/resume) swaps the store while a reload runs.
	mu    sync.Mutex
	store *storage.Store
	stat  fileStamp
	held  bool
	file  os.FileInfo // the file the store has open, to notice it moved, went or was replaced

	lang string // the language setting the texts follow (storage.SettingLanguage), under mu

	changed chan struct{}
	quit    chan struct{}
	quitO   sync.Once
	count   int
	day     time.Time
}

// Run is `microgoals --background`: it returns the process's exit status. A second agent on
// the same plan, or an agent with no plan yet to remind of, exits at once and quietly.
func Run(opts Options) int {
	// The tray's menu and the notifications speak the desktop's language, as the window does.
	loadTranslations()
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Location == nil {
		opts.Location = time.Local
	}
	if opts.CheckEvery <= 0 {
		opts.CheckEvery = Tick
	}
	if opts.SyncEvery <= 0 {
		opts.SyncEvery = SyncEvery
	}
	if opts.SyncFirst <= 0 {
		opts.SyncFirst = 30 * time.Second
	}
	// A smaller heap between collections: the agent keeps one snapshot and waits.
	debug.SetGCPercent(50)
	if _, err := os.Stat(opts.DBPath); err != nil {
		return 0 // no plan yet: nothing to remind of (the window starts the agent once there is)
	}
	inst, err := Claim(RoleAgent, opts.DBPath)
	if errors.Is(err, ErrRunning) {
		return 0
	}
	if err != nil {
		log.Printf("microgoals --background: %v", err)
		return 1
	}
	defer inst.Close()
	store, err := storage.Open(opts.DBPath, storage.Options{Location: opts.Location, Now: opts.Now, BackgroundCheck: true})
	if err != nil {
		log.Printf("microgoals --background: %v", err)
		return 1
	}
	a := &Agent{opts: opts, inst: inst, store: store, changed: make(chan struct{}, 1), quit: make(chan struct{})}
	a.file, _ = os.Stat(opts.DBPath)
	a.sync = &syncer{a: a}
	defer func() {
		a.mu.Lock()
		if a.store != nil {
			a.store.Close()
		}
		a.mu.Unlock()
	}()
	send := opts.Send
	if send == nil {
		send = (&Desktop{}).Send
	}
	// What the desktop cannot show goes to the window's banner, when a window is open.
	shown := func() bool { return Running(RoleWindow, opts.DBPath) }
	banner := func(text string) bool {
		_, err := Send(RoleWindow, opts.DBPath, MsgBanner+text, windowTimeout)
		return err == nil
	}
	// The background process has no preferences of its own: it speaks the language chosen in
	// the window, which the window copies into the plan's file, and writes times the way the
	// session's locale does, as the window does.
	a.lang = readLanguage(store)
	locale := useLanguage(a.lang)
	a.sched = NewScheduler(store, Config{Now: opts.Now, Location: opts.Location, Locale: locale, Send: send, Shown: shown, Banner: banner,
		Wrote: a.ownWrite})
	if err := a.reload(); err != nil {
		log.Printf("microgoals --background: %v", err)
	}
	inst.Serve(a.handle)
	a.sched.Start(0)
	defer a.sched.Stop()
	go a.watch()
	go a.sync.loop(opts.SyncFirst)

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		select {
		case <-sig:
			a.Quit()
		case <-a.quit:
		}
	}()
	// What start-up touched is not needed again until the next change.
	go func() {
		select {
		case <-a.sched.Planned():
		case <-a.quit:
		}
		releaseMemory(true, !Running(RoleWindow, opts.DBPath))
	}()

	if !opts.NoTray && HaveBus() {
		host := TrayHostPresent()
		if !host {
			a.sayNoTray()
		}
		// The tray registers with a host as soon as one appears, so it is set up either way.
		a.tray = runTray(a)
		a.tray.setCount(a.countNow())
		<-a.quit
		a.tray.stop()
	} else {
		if !opts.NoTray {
			log.Print("microgoals --background: " + tr("There is no D-Bus session bus: no tray icon and no desktop notifications. Reminders are written here as they come due."))
		}
		<-a.quit
	}
	return 0
}

// Quit ends the agent.
func (a *Agent) Quit() { a.quitO.Do(func() { close(a.quit) }) }

// sayNoTray tells the user, once per plan, that the agent runs without a tray icon.
func (a *Agent) sayNoTray() {
	ctx := context.Background()
	a.mu.Lock()
	st := a.store
	a.mu.Unlock()
	if v, _, err := st.Setting(ctx, settingNoTraySaid); err != nil || v == "1" {
		return
	}
	go func() {
		a.sched.Show(tr("Microgoals keeps reminding you in the background"),
			tr("This desktop shows no tray icon. Reminders still come; open Microgoals from the applications menu."), false)
		if err := st.SetSetting(ctx, settingNoTraySaid, "1"); err != nil {
			log.Printf("microgoals --background: %v", err)
		}
	}()
}

// handle answers one message from the window (or from another instance).
func (a *Agent) handle(msg string) string {
	switch msg {
	case MsgPing:
		return "ok"
	case MsgChanged:
		select {
		case a.changed <- struct{}{}:
		default:
		}
		return "ok"
	case MsgHold:
		if err := a.hold(); err != nil {
			return "error: " + err.Error()
		}
		return "ok"
	case MsgResume:
		if err := a.resume(); err != nil {
			return "error: " + err.Error()
		}
		return "ok"
	case MsgQuit:
		a.Quit()
		return "ok"
	}
	return "error: unknown message " + msg
}

// hold closes the file so that a restore can replace it; nothing reads or writes it until
// resume.
func (a *Agent) hold() error {
	// First a sync under way and the scheduler, outside mu: a pass in progress reports its
	// writes under mu.
	a.sync.pause()
	defer a.sync.resume()
	if err := a.sched.Rebind(nil); err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.held {
		return nil
	}
	a.held = true
	err := a.store.Close()
	a.store = nil
	return err
}

// resume opens the (restored) file again and plans with it.
func (a *Agent) resume() error {
	a.mu.Lock()
	if !a.held {
		a.mu.Unlock()
		return nil
	}
	st, err := storage.Open(a.opts.DBPath, storage.Options{Location: a.opts.Location, Now: a.opts.Now})
	if err != nil {
		a.mu.Unlock()
		return err
	}
	a.store, a.held = st, false
	a.file, _ = os.Stat(a.opts.DBPath)
	a.mu.Unlock()
	if err := a.reload(); err != nil {
		return err
	}
	return a.sched.Rebind(st)
}

// fileStamp is the size and time of the plan's file and its WAL: the cheap way to notice a
// change made by something other than the window (which says so over the socket).
type fileStamp struct{ db, wal os.FileInfo }

func stampOf(path string) fileStamp {
	var s fileStamp
	s.db, _ = os.Stat(path)
	s.wal, _ = os.Stat(path + "-wal")
	return s
}

func sameFile(a, b os.FileInfo) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

func (s fileStamp) same(o fileStamp) bool { return sameFile(s.db, o.db) && sameFile(s.wal, o.wal) }

// reload reads what the notifications can act on until midnight (not the whole plan: the
// agent waits all day with it in memory) and hands the scheduler and the tray a snapshot.
// The day's turn reads it again (watch).
func (a *Agent) reload() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.store == nil {
		return nil
	}
	a.stat = stampOf(a.opts.DBPath)
	now := a.opts.Now()
	out, err := a.store.LoadNotifyPlan(context.Background(), now)
	if err != nil {
		return err
	}
	a.count = model.OpenDueOn(out.Goals, now, a.opts.Location)
	a.day = dayOf(now, a.opts.Location)
	// A language chosen in the window's settings since the last reading applies from now on:
	// the notifications planned below and the tray's menu speak it.
	if pref := readLanguage(a.store); pref != a.lang {
		a.lang = pref
		a.sched.SetLocale(useLanguage(pref))
		if a.tray != nil {
			a.tray.relabel()
		}
	}
	a.sched.Update(Snapshot{Goals: out.Goals, Objectives: out.Objectives})
	if a.tray != nil {
		a.tray.setCount(a.count)
	}
	return nil
}

// readLanguage is the language chosen in the window's settings, as the window copied it into
// the plan's file: "system" when it never did (or the file cannot say).
func readLanguage(st *storage.Store) string {
	v, ok, err := st.Setting(context.Background(), storage.SettingLanguage)
	if err != nil {
		log.Printf("microgoals --background: %v", err)
	}
	if !ok || v == "" {
		return "system"
	}
	return v
}

// ownWrite takes the file's stamp after the agent's own write, which is no change to read.
func (a *Agent) ownWrite() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.stat = stampOf(a.opts.DBPath)
}

func (a *Agent) countNow() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.count
}

func dayOf(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// watch reads the plan again when the window says it changed, and once a minute when the
// file's stamp moved without a word (another program wrote to it) or the day turned (the
// tray's count and the part of the plan kept in memory are the day's). Between those it
// sleeps. When the file is gone (deleted, moved away or replaced), the agent ends: there is
// nothing left to remind of, and no window would ever quit it.
func (a *Agent) watch() {
	tick := time.NewTicker(a.opts.CheckEvery)
	defer tick.Stop()
	window := Running(RoleWindow, a.opts.DBPath)
	for {
		select {
		case <-a.quit:
			return
		case <-a.changed:
		case <-tick.C:
			if why := a.fileGone(); why != "" {
				log.Print("microgoals --background: " + why)
				a.Quit()
				return
			}
			// The window closed: the code and data it shared with the agent are the agent's
			// alone now, and not needed while it waits.
			was := window
			window = Running(RoleWindow, a.opts.DBPath)
			if was && !window {
				releaseMemory(true, true)
			}
			a.mu.Lock()
			same := a.store == nil || a.stat.same(stampOf(a.opts.DBPath))
			sameDay := a.day.Equal(dayOf(a.opts.Now(), a.opts.Location))
			a.mu.Unlock()
			if same && sameDay {
				continue
			}
		}
		if err := a.reload(); err != nil {
			log.Printf("microgoals --background: %v", err)
		}
		releaseMemory(false, false)
	}
}

// fileGone says, in a sentence for the user, why the plan's file is no longer the one the
// agent has open ("" while it is):
// deleted, moved away, or replaced by another file (which a window started on it reads, and
// whose agent it starts). While a restore holds the agent, the window is replacing the file:
// that is no change to act on.
func (a *Agent) fileGone() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.held || a.file == nil {
		return ""
	}
	fi, err := os.Stat(a.opts.DBPath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return model.Text("“{{.Path}}” is gone; the reminders for it end.", "Path", a.opts.DBPath)
	case err != nil:
		return "" // unreadable for a moment (permissions, a slow disk): look again later
	case !os.SameFile(fi, a.file):
		return model.Text("“{{.Path}}” was replaced by another file; the reminders for the old one end.", "Path", a.opts.DBPath)
	}
	return ""
}

// countLabel is the tray's line about today.
func countLabel(n int) string {
	if n == 0 {
		return tr("Today: nothing open")
	}
	return counted(n, "Today: {{.Count}} open micro-goal", "Today: {{.Count}} open micro-goals")
}
