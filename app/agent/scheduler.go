// Package agent is Microgoals' background side: the notification scheduler, the system tray,
// the one-instance-per-plan sockets and the login autostart entry. It runs in the window
// process (the scheduler) and in `microgoals --background`, the agent process that keeps
// reminders coming while no window is open. It imports no Fyne package: the agent's cost is
// what its imports say (check with `go list -deps ./app/agent`).
package agent

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// Tick is the coarse wake-up that notices a suspend or a clock change: a timer runs on the
// monotonic clock, which stops while the machine sleeps.
const Tick = time.Minute

// SettingPausedUntil holds, in Unix milliseconds, the end of a "Pause reminders for an hour":
// both processes read it, so a pause set in the tray holds in the window too.
const SettingPausedUntil = "notify.paused_until"

// DefaultSendTimeout bounds one desktop notification: a notification service that does not
// answer must never hang the loop.
const DefaultSendTimeout = 4 * time.Second

// Snapshot is the plan the scheduler plans with. The scheduler copies the slices it is given
// and never hands them out, so no view can change what its goroutine reads.
type Snapshot struct {
	Goals      []model.MicroGoal
	Objectives []model.Objective
}

// SnapshotOf copies the outline's slices (MicroGoal and Objective hold no references), so
// that later changes to out by the window cannot reach the scheduler.
func SnapshotOf(out storage.Outline) Snapshot {
	return Snapshot{
		Goals:      append([]model.MicroGoal(nil), out.Goals...),
		Objectives: append([]model.Objective(nil), out.Objectives...),
	}
}

// Config is what a scheduler needs from the process it runs in.
type Config struct {
	Now      func() time.Time // the clock; time.Now when nil
	Location *time.Location   // the user's zone; time.Local when nil
	Locale   model.Locale     // how the notifications write times and dates
	// Send delivers one notification to the desktop (Desktop.Send in the app).
	Send func(title, body string) error
	// SendTimeout bounds one Send; DefaultSendTimeout when zero.
	SendTimeout time.Duration
	// Shown reports whether a window is open to show banners (nil: never, as in the agent).
	Shown func() bool
	// Banner shows a line in the window and reports whether it could; called from the
	// scheduler's goroutines, so it must hand the work to the UI goroutine itself. The agent's
	// passes it over the socket to the window, when one is open.
	Banner func(text string) bool
	// Failed is told once when the loop cannot start (its settings cannot be read).
	Failed func(err error)
	// Wrote is told after the scheduler wrote to the file (a claim, an outcome), so that the
	// agent does not take its own writes for a change to read again.
	Wrote func()
}

// Scheduler plans with model.PlanNotifications on a snapshot of the plan, claims each
// notification in the database's log before it shows it (so that the window's scheduler and
// the agent's never both show one), and sends it to the desktop, or to the window's banner
// when the desktop has no notification service.
type Scheduler struct {
	cfg Config

	wake chan struct{}
	stop chan struct{}
	done chan struct{}
	// planned is closed once the loop has read its settings and planned once (or given up).
	planned     chan struct{}
	plannedOnce sync.Once

	// passMu serialises a pass of the loop with Rebind: a restore must not close the store
	// under a claim.
	passMu sync.Mutex

	mu          sync.Mutex
	store       *storage.Store // nil while held (a restore is replacing the file)
	snap        Snapshot
	haveSnap    bool
	settings    model.NotifySettings
	pausedUntil time.Time
	ready       bool   // settings and log are loaded
	unavailable string // why desktop notifications fail, "" while they work
	now         func() time.Time

	sent     model.SentLog // touched under passMu only
	sendSlot chan struct{} // holds a token while a send is in flight (possibly stuck past its timeout)
	sendEnds atomic.Int64  // when the send in flight runs out of its time box (Unix nanoseconds)
	started  atomic.Bool
}

// NewScheduler returns a scheduler on store; Start runs its loop.
func NewScheduler(store *storage.Store, cfg Config) *Scheduler {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Location == nil {
		cfg.Location = time.Local
	}
	if cfg.SendTimeout == 0 {
		cfg.SendTimeout = DefaultSendTimeout
	}
	s := &Scheduler{cfg: cfg, store: store, now: cfg.Now, wake: make(chan struct{}, 1), sendSlot: make(chan struct{}, 1),
		stop: make(chan struct{}), done: make(chan struct{}), planned: make(chan struct{}),
		settings: model.DefaultNotifySettings(), sent: model.SentLog{}}
	s.settings.Location, s.settings.Locale = cfg.Location, cfg.Locale
	return s
}

// SetDesktop replaces how notifications reach the desktop and how long one may take.
func (s *Scheduler) SetDesktop(send func(title, body string) error, timeout time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cfg.Send = send
	if timeout > 0 {
		s.cfg.SendTimeout = timeout
	}
}

// SetClock replaces the clock (tests move time forward with it).
func (s *Scheduler) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = now
}

func (s *Scheduler) clock() time.Time {
	s.mu.Lock()
	now := s.now
	s.mu.Unlock()
	return now()
}

// Update hands the loop a copy of the plan and wakes it.
func (s *Scheduler) Update(snap Snapshot) {
	snap = Snapshot{
		Goals:      append([]model.MicroGoal(nil), snap.Goals...),
		Objectives: append([]model.Objective(nil), snap.Objectives...),
	}
	s.mu.Lock()
	s.snap, s.haveSnap = snap, true
	s.mu.Unlock()
	s.Poke()
}

// Forget drops the plan the loop has, so that it waits for the next Update (tests).
func (s *Scheduler) Forget() {
	s.mu.Lock()
	s.snap, s.haveSnap = Snapshot{}, false
	s.mu.Unlock()
}

// Rebind points the scheduler at another store: nil holds it (no pass touches the database
// until the next Rebind), a store after a restore makes it read the settings and the log of
// the restored plan before it plans again. It waits for a pass in progress.
func (s *Scheduler) Rebind(store *storage.Store) error {
	s.passMu.Lock()
	defer s.passMu.Unlock()
	s.mu.Lock()
	s.store = store
	ready := s.ready
	s.mu.Unlock()
	if store == nil || !ready {
		return nil
	}
	err := s.loadLocked()
	s.Poke()
	return err
}

func (s *Scheduler) currentStore() *storage.Store {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.store
}

// SetSettings hands the loop changed settings and wakes it.
func (s *Scheduler) SetSettings(ns model.NotifySettings) {
	s.mu.Lock()
	ns.Since, ns.Location, ns.Locale = s.settings.Since, s.cfg.Location, s.cfg.Locale
	s.settings = ns
	s.mu.Unlock()
	s.Poke()
}

// SetLocale changes how the notifications write times and dates, from the next plan on (the
// agent follows a language chosen in the window).
func (s *Scheduler) SetLocale(l model.Locale) {
	s.mu.Lock()
	s.cfg.Locale, s.settings.Locale = l, l
	s.mu.Unlock()
	s.Poke()
}

// Settings are the settings as the loop uses them (a copy).
func (s *Scheduler) Settings() model.NotifySettings {
	s.mu.Lock()
	defer s.mu.Unlock()
	ns := s.settings
	off := make(map[model.NotifyKind]bool, len(ns.Off))
	for k, v := range ns.Off {
		off[k] = v
	}
	ns.Off = off
	return ns
}

// Unavailable is why desktop notifications do not work, or "".
func (s *Scheduler) Unavailable() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.unavailable
}

// Active reports whether the loop has loaded its settings and log.
func (s *Scheduler) Active() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ready
}

// Planned is closed once the loop has planned once (or given up): the end of start-up work.
func (s *Scheduler) Planned() <-chan struct{} { return s.planned }

// Stopped is closed when Stop is called.
func (s *Scheduler) Stopped() <-chan struct{} { return s.stop }

// Poke wakes the loop to plan again.
func (s *Scheduler) Poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Pause holds every notification until the given time (the zero time ends a pause), in this
// process at once and, through the settings, in the other one when it next plans.
func (s *Scheduler) Pause(until time.Time) error {
	s.mu.Lock()
	s.pausedUntil = until
	st := s.store
	s.mu.Unlock()
	s.Poke()
	if st == nil {
		return nil
	}
	v := ""
	if !until.IsZero() {
		v = strconv.FormatInt(until.UnixMilli(), 10)
	}
	return st.SetSetting(context.Background(), SettingPausedUntil, v)
}

// PausedUntil is the end of the current pause, or the zero time.
func (s *Scheduler) PausedUntil() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.pausedUntil.After(s.now()) {
		return time.Time{}
	}
	return s.pausedUntil
}

// Start runs the loop in its own goroutine after delay; Stop ends it.
func (s *Scheduler) Start(delay time.Duration) {
	if !s.started.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer close(s.done)
		select {
		case <-time.After(delay):
		case <-s.stop:
			return
		}
		s.run()
	}()
}

// Stop ends the loop and waits for it, briefly: a stuck send is not waited for, and quitting
// must never hang.
func (s *Scheduler) Stop() {
	select {
	case <-s.stop:
	default:
		close(s.stop)
	}
	if !s.started.Load() {
		return
	}
	select {
	case <-s.done:
	case <-time.After(2 * time.Second):
	}
}

// LoadSettings reads the settings (and why notifications are unavailable) before the loop
// has, for the Settings dialog.
func (s *Scheduler) LoadSettings() error {
	st := s.currentStore()
	if st == nil {
		return errors.New(model.Text("the plan is being replaced"))
	}
	ns, err := st.LoadNotifyState(context.Background())
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.ready {
		ns.Settings.Location, ns.Settings.Locale = s.cfg.Location, s.cfg.Locale
		s.settings, s.unavailable = ns.Settings, ns.Unavailable
	}
	return nil
}

// Load reads the settings, the pause and the log: the loop's first database work. Tests call
// it and then Step to run the loop one round at a time.
func (s *Scheduler) Load() error {
	s.passMu.Lock()
	defer s.passMu.Unlock()
	return s.loadLocked()
}

func (s *Scheduler) loadLocked() error {
	st := s.currentStore()
	if st == nil {
		return errors.New(model.Text("the plan is being replaced"))
	}
	ns, err := st.LoadNotifyState(context.Background())
	if err != nil {
		return err
	}
	s.wrote()
	paused := readPause(st)
	s.mu.Lock()
	ns.Settings.Location, ns.Settings.Locale = s.cfg.Location, s.cfg.Locale
	s.settings, s.unavailable, s.ready = ns.Settings, ns.Unavailable, true
	s.pausedUntil = paused
	s.mu.Unlock()
	s.sent = ns.Sent
	return nil
}

func readPause(st *storage.Store) time.Time {
	v, ok, err := st.Setting(context.Background(), SettingPausedUntil)
	if err != nil || !ok || v == "" {
		return time.Time{}
	}
	ms, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}
	}
	return time.UnixMilli(ms)
}

// RereadPause picks up a pause the other process set (the agent tells the window).
func (s *Scheduler) RereadPause() {
	st := s.currentStore()
	if st == nil {
		return
	}
	p := readPause(st)
	s.mu.Lock()
	s.pausedUntil = p
	s.mu.Unlock()
	s.Poke()
}

func (s *Scheduler) run() {
	defer s.markPlanned() // also when the loop gives up or stops before a first pass
	if err := s.Load(); err != nil {
		log.Printf("notifications: %v", err)
		if s.cfg.Failed != nil {
			s.cfg.Failed(err)
		}
		return
	}
	timer := time.NewTimer(time.Hour)
	ticker := time.NewTicker(Tick)
	defer timer.Stop()
	defer ticker.Stop()
	for {
		next := s.Step()
		timer.Stop()
		if !next.IsZero() {
			d := next.Sub(s.clock())
			if d < 0 {
				d = 0
			}
			timer.Reset(d)
		}
		if !s.sleep(timer, ticker) {
			return
		}
	}
}

// sleep waits until the loop must plan again: woken, the timer fired, or the wall clock jumped
// (a suspend or a clock change, which a timer on the monotonic clock misses). The minute tick
// itself costs nothing else: on a plan of 10,000 goals a pass would. It reports false on Stop.
func (s *Scheduler) sleep(timer *time.Timer, ticker *time.Ticker) bool {
	mark := time.Now()
	for {
		select {
		case <-s.stop:
			return false
		case <-s.wake:
			return true
		case <-timer.C:
			return true
		case <-ticker.C:
			wall := time.Now().Round(0).Sub(mark.Round(0))
			if d := wall - time.Since(mark); d > 2*time.Second || d < -2*time.Second {
				return true
			}
		}
	}
}

func (s *Scheduler) markPlanned() { s.plannedOnce.Do(func() { close(s.planned) }) }

// Step plans once, claims and shows what is due, and returns when to plan next (the zero time:
// only when woken).
func (s *Scheduler) Step() time.Time {
	s.passMu.Lock()
	defer s.passMu.Unlock()
	s.mu.Lock()
	snap, have, ns, st, paused, nowf := s.snap, s.haveSnap, s.settings, s.store, s.pausedUntil, s.now
	s.mu.Unlock()
	if !have || st == nil {
		return time.Time{} // no plan yet, or a restore holds the store: Update/Rebind wake it
	}
	defer s.markPlanned()
	now := nowf()
	if now.Before(paused) {
		return paused
	}
	fire, next := model.PlanNotifications(withOccurrences(st, snap.Goals, ns, now), snap.Objectives, ns, s.sent, now)
	for _, nt := range fire {
		outcome := "sent"
		if nt.Silent {
			outcome = "off"
		}
		won, err := st.ClaimNotification(context.Background(), nt, outcome)
		s.wrote()
		if err != nil {
			log.Printf("notifications: %v", err)
			// Not recorded, so not shown: showing it now could show it twice later.
			return now.Add(Tick)
		}
		s.sent[nt.Key] = true
		for _, k := range nt.Covers {
			s.sent[k] = true
		}
		if won && !nt.Silent {
			s.deliver(st, nt)
		}
	}
	return next
}

// deliver shows one claimed notification: on the desktop, and in the window's banner when a
// window is open and it is a celebration, or whenever the desktop cannot show it.
func (s *Scheduler) deliver(st *storage.Store, nt model.Notification) {
	celebration := !nt.Urgent && nt.Kind != model.KindMorning && nt.Kind != model.KindReview &&
		nt.Kind != model.KindOverdue && nt.Kind != model.KindMissed
	s.show(st, nt.Key, nt.Title, nt.Body, celebration)
}

// Show sends an ad hoc notification (one not in the log, such as a finished sprint).
func (s *Scheduler) Show(title, body string, celebration bool) {
	s.show(s.currentStore(), "", title, body, celebration)
}

func (s *Scheduler) shown() bool { return s.cfg.Shown != nil && s.cfg.Shown() }

func (s *Scheduler) banner(format string, args ...any) bool {
	return s.cfg.Banner != nil && s.cfg.Banner(fmt.Sprintf(format, args...))
}

// show sends title and body to the desktop (cleaned of anything the notifier could read as
// an option or markup) and falls back to the window's banner. key is "" for a notification
// that is not in the log.
func (s *Scheduler) show(st *storage.Store, key, title, body string, celebration bool) {
	title = model.CleanNotifyText(title, model.MaxNotifyTitle, false)
	body = model.CleanNotifyText(body, model.MaxNotifyBody, true)
	inWindow := celebration && s.shown() && s.banner("🎉 %s — %s", title, body)
	err := s.desktop(title, body)
	if err == nil {
		s.setUnavailable(st, "")
		return
	}
	s.setUnavailable(st, ExplainNotifyError(err))
	if !inWindow {
		inWindow = s.banner("%s — %s", title, body)
	}
	if !inWindow {
		// Without a desktop and a window the log is where the reminder goes: the user who
		// started the agent in a terminal reads it there, in their language.
		log.Print(model.Text("Reminder: {{.Title}} — {{.Body}} (the desktop could not show it, and no window is open: {{.Reason}})",
			"Title", title, "Body", body, "Reason", ExplainNotifyError(err)))
		return
	}
	log.Printf("notifications: %q: desktop notification failed, shown in the window instead: %v", title, err)
	if key != "" && st != nil {
		if err := st.SetNotifyOutcome(context.Background(), key, "banner"); err != nil {
			log.Printf("notifications: %v", err)
		}
		s.wrote()
	}
}

// desktop sends one notification, time-boxed. Only one send is ever in flight: the next waits
// for one still within its time box (a notification service being started answers late, and
// two notifications due together must both reach it), and goes straight to the banner while
// one is stuck past it.
func (s *Scheduler) desktop(title, body string) error {
	s.mu.Lock()
	send, timeout := s.cfg.Send, s.cfg.SendTimeout
	s.mu.Unlock()
	if send == nil {
		return errors.New(model.Text("no way to reach the desktop"))
	}
	busy := errors.New(model.Text("the desktop's notification service has not answered a previous notification"))
	select {
	case s.sendSlot <- struct{}{}:
	default:
		wait := time.Until(time.Unix(0, s.sendEnds.Load()))
		if wait <= 0 {
			return busy
		}
		select {
		case s.sendSlot <- struct{}{}:
		case <-time.After(wait):
			return busy
		}
	}
	s.sendEnds.Store(time.Now().Add(timeout).UnixNano())
	res := make(chan error, 1)
	go func() {
		defer func() { <-s.sendSlot }()
		defer func() {
			if r := recover(); r != nil {
				res <- errors.New(model.Text("the notifier failed: {{.Panic}}", "Panic", fmt.Sprint(r)))
			}
		}()
		res <- send(title, body)
	}()
	select {
	case err := <-res:
		return err
	case <-time.After(timeout):
		return errors.New(model.Text("the desktop's notification service did not answer within {{.Seconds}} seconds", "Seconds", timeout.Seconds()))
	}
}

// ExplainNotifyError says in plain words, in the user's language, why beeep could not reach
// the desktop (it tries D-Bus, then notify-send, then kdialog), keeping the technical detail
// (beeep's and D-Bus's own words) at the end.
func ExplainNotifyError(err error) string {
	msg := err.Error()
	var why []string
	switch {
	case strings.Contains(msg, "dbus-launch") || strings.Contains(msg, "couldn't determine address") ||
		strings.Contains(msg, "dbus: dial") || strings.Contains(msg, "connect: no such file") ||
		strings.Contains(msg, NoBusAddress):
		why = append(why, model.Text("there is no D-Bus session bus"))
	case strings.Contains(msg, "ServiceUnknown") || strings.Contains(msg, "was not provided by any .service files"):
		why = append(why, model.Text("no notification service runs on the D-Bus session bus"))
	}
	if strings.Contains(msg, `"notify-send": executable file not found`) {
		why = append(why, model.Text("notify-send is not installed"))
	}
	switch len(why) {
	case 0:
		return msg
	case 2:
		why = []string{model.Text("{{.First}} and {{.Second}}", "First", why[0], "Second", why[1])}
	}
	return model.Text("{{.Reason}} ({{.Detail}})", "Reason", why[0], "Detail", msg)
}

// setUnavailable records, once per change, why desktop notifications do not work ("" when
// they work again), so that settings can say it.
func (s *Scheduler) setUnavailable(st *storage.Store, reason string) {
	if reason != "" {
		reason = model.CleanNotifyText(reason, 300, false)
	}
	s.mu.Lock()
	same := s.unavailable == reason
	s.unavailable = reason
	s.mu.Unlock()
	if same || st == nil {
		return
	}
	if err := st.SetSetting(context.Background(), storage.SettingNotifyUnavailable, reason); err != nil {
		log.Printf("notifications: %v", err)
	}
	s.wrote()
}

func (s *Scheduler) wrote() {
	if s.cfg.Wrote != nil {
		s.cfg.Wrote()
	}
}

// withOccurrences gives the notification plan each repeating step's occurrences
// (model.NotifyGoals), so each gets its own reminders and missed ones collapse into one; the
// exceptions are read from the file, not from the snapshot.
func withOccurrences(st *storage.Store, goals []model.MicroGoal, ns model.NotifySettings, now time.Time) []model.MicroGoal {
	loc := ns.Location
	if loc == nil {
		loc = time.Local
	}
	ex, err := st.Exceptions(context.Background(), model.DateOf(now.Add(-model.Lookback), loc), model.DateOf(now, loc).AddDays(2))
	if err != nil {
		log.Printf("notifications: read the occurrences of repeating steps: %v", err)
	}
	return model.NotifyGoals(goals, model.NewExceptions(ex), ns, now)
}
