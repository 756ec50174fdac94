package app

import (
	"context"
	"errors"
	"fmt"
	"log"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/storage"
)

// backupDelay is how long after start-up the daily backup waits: it must never compete with
// the window appearing.
const backupDelay = 20 * time.Second

// backups serialises the daily backup with a restore, which closes and reopens the store.
var backupsMu sync.Mutex

// backupIfDue makes the daily backup when none was made today; it logs what it could not do.
func (u *UI) backupIfDue() {
	backupsMu.Lock()
	defer backupsMu.Unlock()
	st := u.currentStore()
	if _, _, err := st.BackupIfDue(u.ctx(), storage.BackupDir(st.Path())); err != nil {
		log.Printf("daily backup: %v", err)
	}
}

func (u *UI) currentStore() *storage.Store {
	u.storeMu.Lock()
	defer u.storeMu.Unlock()
	return u.store
}

// scheduleBackup starts the daily backup in the background a while after start-up.
func (u *UI) scheduleBackup() {
	time.AfterFunc(backupDelay, u.backupIfDue)
}

// backupNow makes a backup on a worker.
func (u *UI) backupNow() {
	st := u.store
	u.runWorker(lang.L("Backing up"), func(ctx context.Context, _ storage.Progress) (string, error) {
		backupsMu.Lock()
		defer backupsMu.Unlock()
		b, err := st.Backup(ctx, storage.BackupDir(st.Path()))
		if err != nil {
			return "", err
		}
		return fmt.Sprintf(lang.L("Backed up the plan to %s."), b.Path), nil
	}, func(msg string, err error) {
		if errors.Is(err, context.Canceled) {
			return
		}
		if err != nil {
			u.showError(lang.L("Could not back up the plan"), err)
			return
		}
		u.showMessage("%s", msg)
	})
}

func backupLabel(b storage.Backup) string {
	s := currentLocale().ShortDateYear(b.Taken) + b.Taken.Format(" 15:04:05") + lang.L(" · {{.Size}} KB", args("Size", currentLocale().Number(float64((b.Size+1023)/1024), 0)))
	if b.BeforeRestore {
		s += lang.L(" · the plan before a restore")
	}
	return s
}

// askRestore lists the backups, and restores the chosen one after a confirmation.
func (u *UI) askRestore() {
	list, err := storage.Backups(storage.BackupDir(u.store.Path()), u.loc)
	if err != nil {
		u.showError(lang.L("Could not list the backups"), err)
		return
	}
	if len(list) == 0 {
		u.say(lang.L("There is no backup yet. Microgoals backs up once a day; Back up now in the File menu makes one at once."))
		return
	}
	labels := make([]string, len(list))
	for i, b := range list {
		labels[i] = backupLabel(b)
	}
	pick := widget.NewSelect(labels, nil)
	pick.SetSelectedIndex(0)
	note := widget.NewLabel(lang.L("The plan as it is now is kept as one more backup, so a restore can itself be undone by restoring that one."))
	note.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("Restore from backup"), lang.L("Restore"), lang.L("Cancel"), container.NewVBox(pick, note), func(ok bool) {
		if !ok {
			return
		}
		b := list[pick.SelectedIndex()]
		c := dialog.NewConfirm(lang.L("Replace the plan?"), lang.L("Replace the plan with the backup of {{.Date}}?", args("Date", currentLocale().DateTimeYear(b.Taken))), func(ok bool) {
			if ok {
				u.restoreFrom(b.Path, nil)
			}
		}, u.win)
		u.escapable(c)
		c.Show()
	}, u.win)
	d.Resize(fyne.NewSize(560, 220))
	u.escapable(d) // Enter restores, Escape cancels
	d.Show()
}

// restoreFrom closes the store, puts the backup at path in place of the plan's file, opens
// it again and reloads the window, the file work on a worker. The window takes the reopened
// store once it is ready; the undo history belongs to the replaced plan and is cleared. done,
// if not nil, is told whether the backup was restored.
func (u *UI) restoreFrom(path string, done func(ok bool)) {
	old := u.store
	opts := storage.Options{Location: u.loc, Now: u.now}
	var (
		st      *storage.Store
		data    storage.Outline
		rerr    error
		dataErr error
	)
	u.runWorker(lang.L("Restoring the backup"), func(ctx context.Context, _ storage.Progress) (string, error) {
		backupsMu.Lock()
		defer backupsMu.Unlock()
		// Everything else that holds the file lets go first: the agent process closes it, the
		// window's scheduler waits for its pass and touches no store until it is rebound.
		if err := u.holdAgent(); err != nil {
			rerr = err
			return "", nil
		}
		defer u.resumeAgent()
		u.notify.Rebind(nil)
		u.storeMu.Lock()
		defer u.storeMu.Unlock()
		dbPath := old.Path()
		if err := old.Close(); err != nil {
			u.notify.Rebind(old)
			return "", fmt.Errorf("close the plan to restore it: %w", err)
		}
		var kept string
		kept, rerr = storage.RestoreBackup(dbPath, path, opts)
		var err error
		if st, err = storage.Open(dbPath, opts); err != nil {
			return "", fmt.Errorf("open the plan after the restore: %w", err)
		}
		if err := u.notify.Rebind(st); err != nil {
			log.Printf("notifications after the restore: %v", err)
		}
		data, dataErr = st.LoadOutline(context.Background())
		return fmt.Sprintf(lang.L("Restored the backup. The plan as it was before is kept as %s."), kept), nil
	}, func(msg string, err error) {
		ok := err == nil && rerr == nil
		if st != nil {
			u.storeMu.Lock()
			u.store = st
			u.storeMu.Unlock()
			u.undo = undoStack{}
			u.refreshUndo()
			if dataErr == nil {
				u.setData(data)
			} else {
				u.showError(lang.L("Could not read the plan"), dataErr)
			}
		}
		switch {
		case err != nil:
			u.showError(lang.L("Could not restore the backup"), err)
		case rerr != nil:
			u.showError(lang.L("Could not restore the backup; the plan was left as it was"), rerr)
		default:
			u.showMessage("%s", msg)
		}
		if done != nil {
			done(ok)
		}
	})
}
