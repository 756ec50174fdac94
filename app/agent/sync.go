package agent

import (
	"context"
	"log"
	"sync"
	"time"

	"github.com/microgoals/microgoals/app/calsync"
)

// SyncEvery is how often the agent syncs the plan with its CalDAV task list while no window
// is open (the window syncs on its own schedule while it is).
const SyncEvery = 5 * time.Minute

// syncer is the agent's CalDAV sync: on its schedule, only when sync is set up, only while no
// window is open, and never while the window syncs (the plan's sync lock).
type syncer struct {
	a *Agent

	mu     sync.Mutex // held for a whole sync, so that hold waits for the one under way
	cancel context.CancelFunc
	cmu    sync.Mutex // guards cancel
}

// loop syncs after first, then every SyncEvery (Options), until the agent quits.
func (s *syncer) loop(first time.Duration) {
	t := time.NewTimer(first)
	defer t.Stop()
	for {
		select {
		case <-s.a.quit:
			return
		case <-t.C:
		}
		s.once()
		t.Reset(s.a.opts.SyncEvery)
	}
}

// once runs one sync when it is the agent's to run, and reports whether it synced.
func (s *syncer) once() bool {
	if Running(RoleWindow, s.a.opts.DBPath) {
		return false // the window syncs while it is open
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.a.mu.Lock()
	store := s.a.store
	s.a.mu.Unlock()
	if store == nil {
		return false // held: a restore is replacing the file
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	s.cmu.Lock()
	s.cancel = cancel
	s.cmu.Unlock()
	defer func() {
		s.cmu.Lock()
		s.cancel = nil
		s.cmu.Unlock()
	}()
	st, err := calsync.LoadSettings(ctx, store)
	if err != nil || !st.Configured() {
		return false
	}
	lock, ok, err := TryLockSync(s.a.opts.DBPath)
	if err != nil {
		log.Printf("microgoals --background: sync: %v", err)
		return false
	}
	if !ok {
		return false // the window is syncing
	}
	defer lock.Unlock()
	res, err := calsync.RunOnce(ctx, store, s.a.opts.Now, nil)
	if err != nil {
		log.Printf("microgoals --background: sync: %v", err)
	}
	if res.Received+res.Trashed > 0 {
		// What came in may be due soon.
		select {
		case s.a.changed <- struct{}{}:
		default:
		}
	}
	releaseMemory(false, false)
	return err == nil
}

// pause cancels a sync under way, waits for it and keeps the next from starting until
// resume: a restore closes the file meanwhile.
func (s *syncer) pause() {
	s.cmu.Lock()
	if s.cancel != nil {
		s.cancel()
	}
	s.cmu.Unlock()
	s.mu.Lock()
}

// resume lets syncs run again after pause.
func (s *syncer) resume() { s.mu.Unlock() }
