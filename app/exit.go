package app

import (
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"

	"github.com/microgoals/microgoals/storage"
)

// Why the window process ends itself instead of asking Fyne to quit:
//
// Fyne v2.8.1's shutdown races with its own lifecycle queue. When the loop ends it queues the
// "stopped" hook (always set: Fyne saves its preferences there) and, on the main goroutine,
// drains and closes the queue of calls waiting for the main thread. The lifecycle goroutine
// hands the hook to that queue unless it sees the queue drained, so depending on timing the hook
// is dropped, the process hangs for good in WaitForEvents (seen here: a window that ignored
// SIGTERM for four minutes, goroutine dump in the commit), or it dies of "send on closed
// channel" with exit status 2 (seen in CI). So every way out of the app that we control runs
// exitApp on the UI goroutine: it keeps the pending edit, stops the background loops, makes the
// daily backup, closes the file and the single-instance hold, and exits. The window system
// cleans up the window when the process goes.

// exitApp ends the app for good. Without a process exit set (the headless tests), it asks Fyne
// to quit as before.
func (u *UI) exitApp() {
	if u.exiting {
		return
	}
	u.exiting = true
	u.flushPendingEdit()
	rememberWindowSize(u.app, u.win)
	if u.exitProcess == nil {
		u.app.Quit()
		return
	}
	u.notify.Stop()
	u.syncer.Stop()
	u.workers.wg.Wait()
	u.backupIfDue()
	u.exitProcess(0)
}

// processExit is the end of the process for Run: the files closed, then os.Exit.
func processExit(u *UI, store *storage.Store, cfg Config) func(int) {
	return func(code int) {
		if st := u.currentStore(); st != store {
			st.Close()
		}
		store.Close()
		if cfg.Instance != nil {
			cfg.Instance.Close()
		}
		os.Exit(code)
	}
}

// takeOverSignals makes SIGTERM and SIGINT end the app through exitApp rather than through
// Fyne's handler (which quits by the racy path above). Fyne installs its handler when its loop
// starts; this runs once the plan has been read, well after that, and signal.Reset removes
// Fyne's handler. A signal before then still goes to Fyne.
func (u *UI) takeOverSignals() {
	signal.Reset(syscall.SIGTERM, syscall.SIGINT)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-sig
		fyne.Do(u.exitApp)
	}()
}
