package app

import (
	"context"
	"fmt"
	"log"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/app/agent"
	"github.com/microgoals/microgoals/app/calsync"
)

// When the window syncs: at start, a few seconds after a change (the outbox is checked every
// syncPoll, and a change waits syncSettle so that a burst of edits goes out together), every
// syncEvery, and on demand. After a failure, changes wait syncRetry before the next try.
const (
	syncPoll   = 3 * time.Second
	syncSettle = 4 * time.Second
	syncEvery  = 5 * time.Minute
	syncRetry  = time.Minute
	// syncLockPoll is how often a sync waiting for the agent's to end looks again.
	syncLockPoll = 250 * time.Millisecond
)

// syncer runs CalDAV sync off the UI goroutine and shows its state in the status bar.
type syncer struct {
	u       *UI
	label   *widget.Label // the status bar's sync line
	kick    chan struct{}
	stop    chan struct{}
	started atomic.Bool
	running atomic.Bool
	done    chan struct{}

	// The timings (the constants above; tests shorten them before start).
	poll, settle, every, retry time.Duration

	mu        sync.Mutex
	listeners []func(string) // the Sync settings' status line, while open
}

func newSyncer(u *UI) *syncer {
	l := widget.NewLabel(lang.L("Sync: not set up"))
	l.Truncation = fyne.TextTruncateEllipsis
	return &syncer{u: u, label: l, kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{}),
		poll: syncPoll, settle: syncSettle, every: syncEvery, retry: syncRetry}
}

// start begins syncing in the background: once now, then as changes and time come.
func (s *syncer) start() {
	if !s.started.CompareAndSwap(false, true) {
		return
	}
	s.showStored()
	go s.loop()
}

// Stop ends the background loop and waits for a sync under way to finish.
func (s *syncer) Stop() {
	select {
	case <-s.stop:
	default:
		close(s.stop)
	}
	if s.started.Load() {
		<-s.done
	}
}

// syncNow asks for a sync as soon as the one under way, if any, is over.
func (s *syncer) syncNow() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

func (s *syncer) loop() {
	defer close(s.done)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-s.stop
		cancel()
	}()
	var last, pendingSince time.Time
	failed := false
	run := func() {
		last = s.u.now()
		failed = !s.run(ctx)
		pendingSince = time.Time{}
	}
	select { // a "Sync now" asked for before the loop started is what this first sync does
	case <-s.kick:
	default:
	}
	run()
	tick := time.NewTicker(s.poll)
	defer tick.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-s.kick:
			run()
		case <-tick.C:
			now := s.u.now()
			st, err := calsync.LoadSettings(ctx, s.u.currentStore())
			if err != nil || !st.Configured() {
				continue
			}
			n, err := s.u.currentStore().SyncPendingCount(ctx)
			if err != nil {
				continue
			}
			switch {
			case now.Sub(last) >= s.every:
				run()
			case n > 0 && pendingSince.IsZero():
				pendingSince = now
			case n > 0 && now.Sub(pendingSince) >= s.settle && (!failed || now.Sub(last) >= s.retry):
				run()
			}
		}
	}
}

// run syncs once when sync is set up, showing progress, and reports whether it succeeded.
func (s *syncer) run(ctx context.Context) bool {
	store := s.u.currentStore()
	st, err := calsync.LoadSettings(ctx, store)
	if err != nil || !st.Configured() {
		s.show(lang.L("Sync: not set up (Sync… in the File menu)"))
		return err == nil
	}
	s.running.Store(true)
	defer s.running.Store(false)
	// Never at the same time as the background agent (which syncs while no window is open
	// and may be in the middle of it when this window opens).
	lock, ok, err := agent.TryLockSync(store.Path())
	if err == nil && !ok {
		s.show(lang.L("Sync: waiting for the background sync to finish…"))
		lock, err = agent.LockSync(ctx, store.Path(), syncLockPoll)
	}
	if err != nil {
		if ctx.Err() == nil {
			log.Printf("sync: %v", err)
		}
		s.showStored()
		return false
	}
	defer lock.Unlock()
	s.show(lang.L("Sync: checking {{.List}}…", args("List", st.ListName)))
	res, err := calsync.RunOnce(ctx, store, s.u.now, func(p calsync.Progress) {
		if p.Total > 0 {
			s.show(syncProgress(p))
		}
	})
	if err != nil {
		log.Printf("sync: %v", err)
	}
	s.showStored()
	if res.Received+res.Trashed > 0 {
		fyne.Do(func() {
			if s.u.built() {
				s.u.reload()
			}
		})
	}
	return err == nil
}

// showStored shows the last sync's time and result as the database keeps them.
func (s *syncer) showStored() {
	ctx := context.Background()
	st, err := calsync.LoadSettings(ctx, s.u.currentStore())
	if err != nil || !st.Configured() {
		s.show(lang.L("Sync: not set up (Sync… in the File menu)"))
		return
	}
	at, result, err := calsync.Status(ctx, s.u.currentStore())
	if err != nil || at.IsZero() {
		s.show(lang.L("Sync with {{.List}}: not yet", args("List", st.ListName)))
		return
	}
	s.show(fmt.Sprintf(lang.L("Last sync %s: %s"), currentLocale().DateTime(at.In(s.u.loc)), result))
}

// show puts text in the status bar (and the open Sync settings), from any goroutine.
func (s *syncer) show(text string) {
	s.mu.Lock()
	ls := append([]func(string){}, s.listeners...)
	s.mu.Unlock()
	fyne.Do(func() {
		s.label.SetText(text)
		for _, l := range ls {
			l(text)
		}
	})
}

// listen adds a listener for status lines; the returned function removes it.
func (s *syncer) listen(f func(string)) func() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.listeners = append(s.listeners, f)
	i := len(s.listeners) - 1
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.listeners[i] = func(string) {}
	}
}

// syncProgress says how far a sync is, in the user's language: the engine names its phase
// with an English key.
func syncProgress(p calsync.Progress) string {
	a := args("Done", p.Done, "Total", p.Total)
	switch p.Phase {
	case "Receiving":
		return lang.L("Sync: receiving {{.Done}} of {{.Total}}…", a)
	case "Sending":
		return lang.L("Sync: sending {{.Done}} of {{.Total}}…", a)
	}
	return lang.L("Sync: checking {{.Done}} of {{.Total}}…", a)
}
