package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/storage"
)

// workers counts the jobs running off the UI goroutine, so a test can wait for them.
type workers struct {
	wg sync.WaitGroup
	// uiBusy, when set (by a test or a benchmark), is told how long each piece of a job that
	// runs on the UI goroutine took: the start, each progress update, the finish.
	uiBusy func(time.Duration)
}

// onUI runs fn through fyne.Do, timing it for uiBusy.
func (w *workers) onUI(fn func()) {
	fyne.Do(func() {
		start := time.Now()
		fn()
		if w.uiBusy != nil {
			w.uiBusy(time.Since(start))
		}
	})
}

// runWorker runs work on its own goroutine while the window shows a progress bar with
// Cancel, so a long import or export never freezes the window. work gets a context that
// Cancel ends and a progress callback it may call from its goroutine; finish runs on the UI
// goroutine with work's result; after a Cancel the window says so and finish gets
// context.Canceled, to clean up without saying more. work must not touch widgets or u.data.
func (u *UI) runWorker(title string, work func(ctx context.Context, progress storage.Progress) (string, error), finish func(msg string, err error)) {
	start := time.Now()
	ctx, cancel := context.WithCancel(u.ctx())
	bar := widget.NewProgressBar()
	label := widget.NewLabel(title + "…")
	cancelBtn := widget.NewButton(lang.L("Cancel"), func() { cancel() })
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(label, bar, cancelBtn), u.win)
	d.Show()
	if u.workers.uiBusy != nil {
		u.workers.uiBusy(time.Since(start))
	}
	u.workers.wg.Add(1)
	go func() {
		defer u.workers.wg.Done()
		msg, err := work(ctx, func(done, total int) {
			if total <= 0 {
				return
			}
			v := float64(done) / float64(total)
			u.workers.onUI(func() { bar.SetValue(v) })
		})
		cancelled := ctx.Err() != nil
		cancel()
		u.workers.onUI(func() {
			d.Hide()
			if cancelled && err != nil {
				u.showMessage(lang.L("%s cancelled: nothing was changed."), title)
				finish("", context.Canceled)
				return
			}
			finish(msg, err)
		})
	}()
}

// importKind is the format of a file to import.
type importKind int

const (
	importJSON      importKind = iota // a Microgoals JSON export
	importCSV                         // metric entries as CSV
	importICalendar                   // tasks and events from a calendar program
)

// importData merges a JSON export (or a metric CSV, or a calendar) into the plan on a worker. An import is
// not on the undo stack: a backup is taken first instead, and "Restore from backup…" puts it
// back. done, if not nil, is told whether the import went in.
func (u *UI) importData(data []byte, kind importKind, done func(ok bool)) {
	st := u.store
	var backup string
	var after storage.Outline
	u.runWorker(lang.L("Importing"), func(ctx context.Context, progress storage.Progress) (string, error) {
		b, err := st.Backup(ctx, storage.BackupDir(st.Path()))
		if err != nil {
			return "", fmt.Errorf(lang.L("back up the plan before the import, so nothing was imported: %w"), err)
		}
		backup = b.Path
		var res storage.ImportResult
		switch kind {
		case importCSV:
			res, err = st.ImportCSV(ctx, bytes.NewReader(data))
		case importICalendar:
			res, err = st.ImportICalendar(ctx, bytes.NewReader(data))
		default:
			res, err = st.ImportJSONProgress(ctx, bytes.NewReader(data), progress)
		}
		if err != nil {
			os.Remove(backup) // nothing changed: the backup is not needed
			return "", err
		}
		// The plan is read back here too, so the window only has to show it.
		if after, err = st.LoadOutline(ctx); err != nil {
			return "", err
		}
		return fmt.Sprintf(lang.L("Imported: %s. The plan as it was before is kept as a backup (Restore from backup… in the File menu)."), importCounts(res)), nil
	}, func(msg string, err error) {
		switch {
		case errors.Is(err, context.Canceled):
		case err != nil:
			u.showMessage("%s", capitalize(storage.Explain(err))+".")
		default:
			u.setData(after)
			u.showMessage("%s", msg)
		}
		if done != nil {
			done(err == nil)
		}
	})
}

// importCounts says what an import did, in the user's language: "3 added, 1 updated, 0
// already there".
func importCounts(r storage.ImportResult) string {
	return strings.Join([]string{
		counted(r.Added, "{{.Count}} added", "{{.Count}} added"),
		counted(r.Updated, "{{.Count}} updated", "{{.Count}} updated"),
		counted(r.Unchanged, "{{.Count}} already there", "{{.Count}} already there"),
	}, ", ")
}
