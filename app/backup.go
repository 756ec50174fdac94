package app

import (
	"fmt"
	"log"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
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

func (u *UI) backupNow() {
	backupsMu.Lock()
	defer backupsMu.Unlock()
	b, err := u.store.Backup(u.ctx(), storage.BackupDir(u.store.Path()))
	if err != nil {
		u.showError("Could not back up the plan", err)
		return
	}
	u.showMessage("Backed up the plan to %s.", b.Path)
}

func backupLabel(b storage.Backup) string {
	s := b.Taken.Format("Mon 2 Jan 2006 15:04:05") + fmt.Sprintf(" · %d KB", (b.Size+1023)/1024)
	if b.BeforeRestore {
		s += " · the plan before a restore"
	}
	return s
}

// askRestore lists the backups, and restores the chosen one after a confirmation.
func (u *UI) askRestore() {
	list, err := storage.Backups(storage.BackupDir(u.store.Path()), u.loc)
	if err != nil {
		u.showError("Could not list the backups", err)
		return
	}
	if len(list) == 0 {
		u.showMessage("There is no backup yet. Microgoals backs up once a day; File → Back up now makes one at once.")
		return
	}
	labels := make([]string, len(list))
	for i, b := range list {
		labels[i] = backupLabel(b)
	}
	pick := widget.NewSelect(labels, nil)
	pick.SetSelectedIndex(0)
	note := widget.NewLabel("The plan as it is now is kept as one more backup, so a restore can itself be undone by restoring that one.")
	note.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Restore from backup", "Restore", "Cancel", container.NewVBox(pick, note), func(ok bool) {
		if !ok {
			return
		}
		b := list[pick.SelectedIndex()]
		dialog.ShowConfirm("Replace the plan?", "Replace the plan with the backup of "+b.Taken.Format("Mon 2 Jan 2006 15:04")+"?", func(ok bool) {
			if ok {
				u.restoreFrom(b.Path)
			}
		}, u.win)
	}, u.win)
	d.Resize(fyne.NewSize(560, 220))
	d.Show()
}

// restoreFrom closes the store, puts the backup at path in place of the plan's file, opens
// it again and reloads the window. The undo history belongs to the replaced plan and is
// cleared.
func (u *UI) restoreFrom(path string) bool {
	backupsMu.Lock()
	defer backupsMu.Unlock()
	u.storeMu.Lock()
	defer u.storeMu.Unlock()
	dbPath := u.store.Path()
	opts := storage.Options{Location: u.loc, Now: u.now}
	// Everything else that holds the file lets go first: the agent process closes it, the
	// window's scheduler waits for its pass and touches no store until it is rebound.
	if err := u.holdAgent(); err != nil {
		u.showError("Could not restore the backup; the plan was left as it was", err)
		return false
	}
	defer u.resumeAgent()
	u.notify.Rebind(nil)
	if err := u.store.Close(); err != nil {
		u.notify.Rebind(u.store)
		u.showError("Could not close the plan to restore it", err)
		return false
	}
	kept, rerr := storage.RestoreBackup(dbPath, path, opts)
	st, err := storage.Open(dbPath, opts)
	if err != nil {
		u.showError("Could not open the plan after the restore", err)
		return false
	}
	u.store = st
	if err := u.notify.Rebind(st); err != nil {
		log.Printf("notifications after the restore: %v", err)
	}
	u.undo = undoStack{}
	u.refreshUndo()
	if data, err := st.LoadOutline(u.ctx()); err == nil {
		u.setData(data)
	} else {
		u.showError("Could not read the plan", err)
	}
	if rerr != nil {
		u.showError("Could not restore the backup; the plan was left as it was", rerr)
		return false
	}
	u.showMessage("Restored the backup. The plan as it was before is kept as %s.", kept)
	return true
}
