package app

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"github.com/gen2brain/beeep"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/resources"
	"github.com/microgoals/microgoals/storage"
)

// Timing of the scheduler loop.
const (
	// notifyStartDelay keeps the scheduler's first database read off the start-up path.
	notifyStartDelay = 2 * time.Second
	// notifyTick is the coarse wake-up that notices a suspend or a clock change: a timer
	// runs on the monotonic clock, which stops while the machine sleeps.
	notifyTick = time.Minute
)

// sendTimeout bounds one desktop notification: a notification service that does not answer
// must never hang the loop. A variable so that a test need not wait for it.
var sendTimeout = 4 * time.Second

// notifier is the scheduler loop and the way out to the desktop: it plans with
// model.PlanNotifications on the plan the window shows, claims each notification in the
// database's log before it shows it, and sends it through beeep, or shows it in the window's
// banner when the desktop has no notification service.
type notifier struct {
	u     *UI
	store *storage.Store
	now   func() time.Time
	loc   *time.Location
	// send delivers one notification to the desktop; beeep's by default, tests inject theirs.
	send func(title, body string) error

	wake chan struct{}
	stop chan struct{}
	done chan struct{}
	// planned is closed once the loop has read its settings and planned once (or given up):
	// the end of the start-up work.
	planned     chan struct{}
	plannedOnce sync.Once

	mu          sync.Mutex
	data        storage.Outline
	haveData    bool
	settings    model.NotifySettings
	ready       bool   // settings and log are loaded
	unavailable string // why desktop notifications fail, "" while they work

	trayHintShown bool // the "still running in the tray" hint went out (UI goroutine only)

	sent    model.SentLog // touched by the loop goroutine only
	sending atomic.Bool   // a send is in flight (possibly stuck past its timeout)
	started atomic.Bool
	iconOne sync.Once
	icon    string
}

func newNotifier(u *UI, store *storage.Store) *notifier {
	n := &notifier{u: u, store: store, now: u.now, loc: u.loc, wake: make(chan struct{}, 1),
		stop: make(chan struct{}), done: make(chan struct{}), planned: make(chan struct{}),
		settings: model.DefaultNotifySettings()}
	n.settings.Location = u.loc
	n.send = n.beeepSend
	beeep.AppName = "Microgoals" // the name the desktop shows for our notifications
	return n
}

// beeepSend sends through beeep with the app's name and icon.
func (n *notifier) beeepSend(title, body string) error {
	n.iconOne.Do(func() { n.icon = writeNotifyIcon() })
	return beeep.Notify(title, body, n.icon)
}

// writeNotifyIcon puts the app icon where the notification service can read it, and returns
// its path ("" when it cannot: the notification then goes without an icon). A path, not the
// PNG bytes: beeep would send the 512-pixel image over D-Bus as raw pixels every time.
func writeNotifyIcon() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	p := filepath.Join(dir, "microgoals", "icon.png")
	if b, err := os.ReadFile(p); err == nil && len(b) == len(resources.IconPNG) {
		return p
	}
	if os.MkdirAll(filepath.Dir(p), 0o700) != nil || os.WriteFile(p, resources.IconPNG, 0o600) != nil {
		return ""
	}
	return p
}

// update hands the loop the plan the window now shows and wakes it.
func (n *notifier) update(data storage.Outline) {
	n.mu.Lock()
	n.data, n.haveData = data, true
	n.mu.Unlock()
	n.poke()
}

// setSettings hands the loop changed settings and wakes it.
func (n *notifier) setSettings(s model.NotifySettings) {
	n.mu.Lock()
	s.Since, s.Location = n.settings.Since, n.loc
	n.settings = s
	n.mu.Unlock()
	n.poke()
}

// currentSettings are the settings as the loop uses them.
func (n *notifier) currentSettings() model.NotifySettings {
	n.mu.Lock()
	defer n.mu.Unlock()
	s := n.settings
	off := make(map[model.NotifyKind]bool, len(s.Off))
	for k, v := range s.Off {
		off[k] = v
	}
	s.Off = off
	return s
}

// unavailableReason is why desktop notifications do not work, or "".
func (n *notifier) unavailableReason() string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.unavailable
}

// active reports whether the loop has loaded its settings and log, so that what is shown goes
// through it.
func (n *notifier) active() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.ready
}

func (n *notifier) poke() {
	select {
	case n.wake <- struct{}{}:
	default:
	}
}

// start runs the loop in its own goroutine after a short delay; Stop ends it.
func (n *notifier) start(delay time.Duration) {
	if !n.started.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer close(n.done)
		select {
		case <-time.After(delay):
		case <-n.stop:
			return
		}
		n.run()
	}()
}

// Stop ends the loop and waits for it, briefly: a stuck send is not waited for, and quitting
// must never hang.
func (n *notifier) Stop() {
	select {
	case <-n.stop:
	default:
		close(n.stop)
	}
	if !n.started.Load() {
		return
	}
	select {
	case <-n.done:
	case <-time.After(2 * time.Second):
	}
}

// loadSettings reads the settings (and the reason notifications are unavailable) before the
// loop has, for the Settings dialog.
func (n *notifier) loadSettings() error {
	st, err := n.store.LoadNotifyState(context.Background())
	if err != nil {
		return err
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if !n.ready {
		st.Settings.Location = n.loc
		n.settings, n.unavailable = st.Settings, st.Unavailable
	}
	return nil
}

// load reads the settings and the log. It is the loop's first database work.
func (n *notifier) load() error {
	st, err := n.store.LoadNotifyState(context.Background())
	if err != nil {
		return err
	}
	n.mu.Lock()
	st.Settings.Location = n.loc
	n.settings, n.unavailable, n.ready = st.Settings, st.Unavailable, true
	n.mu.Unlock()
	n.sent = st.Sent
	return nil
}

func (n *notifier) run() {
	defer n.markPlanned() // also when the loop gives up or stops before a first pass
	if err := n.load(); err != nil {
		log.Printf("notifications: %v", err)
		fyne.Do(func() { n.u.showMessage("Notifications are off for this session: %v", err) })
		return
	}
	timer := time.NewTimer(time.Hour)
	ticker := time.NewTicker(notifyTick)
	defer timer.Stop()
	defer ticker.Stop()
	for {
		next := n.step()
		timer.Stop()
		if !next.IsZero() {
			d := next.Sub(n.now())
			if d < 0 {
				d = 0
			}
			timer.Reset(d)
		}
		select {
		case <-n.stop:
			return
		case <-n.wake:
		case <-timer.C:
		case <-ticker.C:
		}
	}
}

// markPlanned closes planned, once.
func (n *notifier) markPlanned() { n.plannedOnce.Do(func() { close(n.planned) }) }

// step plans once, claims and shows what is due, and returns when to plan next.
func (n *notifier) step() time.Time {
	n.mu.Lock()
	data, have, s := n.data, n.haveData, n.settings
	n.mu.Unlock()
	if !have {
		return time.Time{} // the plan is not loaded yet: setData wakes the loop
	}
	defer n.markPlanned()
	now := n.now()
	fire, next := model.PlanNotifications(n.withOccurrences(data.Goals, s, now), data.Objectives, s, n.sent, now)
	for _, nt := range fire {
		outcome := "sent"
		if nt.Silent {
			outcome = "off"
		}
		won, err := n.store.ClaimNotification(context.Background(), nt, outcome)
		if err != nil {
			log.Printf("notifications: %v", err)
			// Not recorded, so not shown: showing it now could show it twice later.
			return now.Add(notifyTick)
		}
		n.sent[nt.Key] = true
		for _, k := range nt.Covers {
			n.sent[k] = true
		}
		if won && !nt.Silent {
			n.deliver(nt)
		}
	}
	return next
}

// deliver shows one claimed notification: on the desktop, and in the window's banner when the
// window is open and it is a celebration, or whenever the desktop cannot show it.
func (n *notifier) deliver(nt model.Notification) {
	celebration := !nt.Urgent && nt.Kind != model.KindMorning && nt.Kind != model.KindReview &&
		nt.Kind != model.KindOverdue && nt.Kind != model.KindMissed
	n.show(nt.Key, nt.Title, nt.Body, celebration)
}

// show sends title and body to the desktop (cleaned of anything the notifier could read as
// an option or markup) and falls back to the banner. key is "" for a notification that is not
// in the log (an ad hoc celebration).
func (n *notifier) show(key, title, body string, celebration bool) {
	title = model.CleanNotifyText(title, model.MaxNotifyTitle, false)
	body = model.CleanNotifyText(body, model.MaxNotifyBody, true)
	if celebration && n.u.windowShown() {
		fyne.Do(func() { n.u.showMessage("🎉 %s — %s", title, body) })
	}
	err := n.desktop(title, body)
	if err == nil {
		n.setUnavailable("")
		return
	}
	log.Printf("notifications: desktop notification failed, shown in the window instead: %v", err)
	n.setUnavailable(explainNotifyError(err))
	if key != "" {
		if err := n.store.SetNotifyOutcome(context.Background(), key, "banner"); err != nil {
			log.Printf("notifications: %v", err)
		}
	}
	if !(celebration && n.u.windowShown()) {
		fyne.Do(func() { n.u.showMessage("%s — %s", title, body) })
	}
}

// desktop sends one notification, time-boxed. Only one send is ever in flight: while one is
// stuck, the next goes straight to the banner.
func (n *notifier) desktop(title, body string) error {
	if !n.sending.CompareAndSwap(false, true) {
		return errors.New("the desktop's notification service has not answered a previous notification")
	}
	res := make(chan error, 1)
	go func() {
		defer n.sending.Store(false)
		defer func() {
			if r := recover(); r != nil {
				res <- fmt.Errorf("the notifier failed: %v", r)
			}
		}()
		res <- n.send(title, body)
	}()
	select {
	case err := <-res:
		return err
	case <-time.After(sendTimeout):
		return fmt.Errorf("the desktop's notification service did not answer within %v", sendTimeout)
	}
}

// explainNotifyError says in plain words why beeep could not reach the desktop (it tries
// D-Bus, then notify-send, then kdialog), keeping the technical detail at the end.
func explainNotifyError(err error) string {
	msg := err.Error()
	var why []string
	switch {
	case strings.Contains(msg, "dbus-launch") || strings.Contains(msg, "couldn't determine address") ||
		strings.Contains(msg, "dbus: dial") || strings.Contains(msg, "connect: no such file"):
		why = append(why, "there is no D-Bus session bus")
	case strings.Contains(msg, "ServiceUnknown") || strings.Contains(msg, "was not provided by any .service files"):
		why = append(why, "no notification service runs on the D-Bus session bus")
	}
	if strings.Contains(msg, `"notify-send": executable file not found`) {
		why = append(why, "notify-send is not installed")
	}
	if len(why) == 0 {
		return msg
	}
	return strings.Join(why, " and ") + " (" + msg + ")"
}

// setUnavailable records, once per change, why desktop notifications do not work ("" when
// they work again), so that settings can say it.
func (n *notifier) setUnavailable(reason string) {
	if reason != "" {
		reason = model.CleanNotifyText(reason, 300, false)
	}
	n.mu.Lock()
	same := n.unavailable == reason
	n.unavailable = reason
	n.mu.Unlock()
	if same {
		return
	}
	if err := n.store.SetSetting(context.Background(), storage.SettingNotifyUnavailable, reason); err != nil {
		log.Printf("notifications: %v", err)
	}
}
