package app

import (
	"runtime/debug"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/resources"
	"github.com/microgoals/microgoals/storage"
)

// ID is the application ID: it names the preferences, the .desktop file and the icons.
const ID = "io.github.microgoals.Microgoals"

func newFyneApp() fyne.App {
	a := fyneapp.NewWithID(ID)
	a.SetIcon(fyne.NewStaticResource("icon.png", resources.Icon128PNG))
	applyThemePreference(a)
	return a
}

// Run opens the main window on store and blocks until the user quits. The window appears
// first and the plan is read into it a moment later, so a large plan never delays it. It
// returns an error wrapping ErrNoWindow when no window can be opened at all.
func Run(store *storage.Store, cfg Config) error {
	a := newFyneApp()
	// Before the translations are added and before any view writes a date (language.go).
	applyLanguage(a.Preferences().StringWithFallback(prefLanguage, "system"))
	cfg.buildLater = true
	u := New(a, store, cfg)
	u.quickAddAtStart = cfg.QuickAdd
	// Fyne asks the desktop for its light or dark preference as it starts and, when it hears
	// back, re-applies the theme and drops every loaded font. Content laid out before that
	// loads each font twice (about 6 MB a style), so the plan waits for the answer, briefly.
	themed := make(chan struct{})
	var once sync.Once
	a.Settings().AddListener(func(fyne.Settings) { once.Do(func() { close(themed) }) })
	a.Lifecycle().SetOnStarted(func() {
		deadline := time.After(themeWait)
		go u.loadInBackground(func() {
			select {
			case <-themed:
			case <-deadline:
			}
		})
	})
	if cfg.Instance != nil {
		u.startLink(cfg.Instance, store.Path())
	}
	a.Lifecycle().SetOnStopped(func() {
		u.notify.Stop()
		u.syncer.Stop()
	})
	// Fyne quits on SIGTERM and SIGINT by itself, and tells the app it leaves the foreground
	// first, on the UI goroutine: the pending edit is kept there. The same hook runs when the
	// window loses the focus to another program, which then keeps the edit too.
	a.Lifecycle().SetOnExitedForeground(func() {
		if u.flushPendingEdit() {
			u.reload()
		}
	})
	u.exitProcess = processExit(u, store, cfg)
	u.messageTTL = defaultMessageTTL
	u.scheduleBackup()
	u.win.SetMaster()
	if err := showAndRun(u.win); err != nil {
		u.notify.Stop()
		u.syncer.Stop()
		return err
	}
	// A quit that bypassed every hook above still keeps the edit (the loop has ended: this is
	// the only goroutine left that touches the window's widgets).
	u.flushPendingEdit()
	// On quit: the daily backup if it is still due (the app may have run for less than the
	// start-up delay), then close a store that a restore opened.
	u.backupIfDue()
	if st := u.currentStore(); st != store {
		st.Close()
	}
	return nil
}

// themeWait is how long the plan waits for the desktop's theme preference before it is shown
// anyway (a desktop without the settings portal never answers).
const themeWait = 120 * time.Millisecond

// loadInBackground reads the plan off the UI goroutine, waits until ready() returns, and hands
// the plan over through fyne.Do; then it waits for the file's structural check and says so
// plainly if the file is damaged.
func (u *UI) loadInBackground(ready func()) {
	data, err := u.store.LoadOutline(u.ctx())
	ready()
	if u.exitProcess != nil {
		u.takeOverSignals()
	}
	fyne.DoAndWait(func() {
		if !u.built() {
			u.buildUI()
		}
		if err != nil {
			u.showError(lang.L("Could not read the plan"), err)
			return
		}
		u.setData(data)
		if u.quickAddAtStart {
			u.focusQuickAdd()
		}
	})
	// Reading the plan, the first frames (font loading, text shaping) and the scheduler's first
	// pass allocate several times what the window keeps; once each has settled, hand that
	// memory back to the system rather than carrying it for the whole session.
	release := func() {
		debug.FreeOSMemory()
		releaseCMemory()
	}
	time.AfterFunc(time.Second, release)
	// Notifications come after the window and the plan: they may not slow the start, and
	// they only matter once the app runs.
	u.notify.Start(notifyStartDelay)
	u.syncer.start()
	go func() {
		select {
		case <-u.notify.Planned():
			release()
		case <-u.notify.Stopped():
		}
	}()
	// The agent that the window starts, or that runs already, speaks the window's language.
	u.mirrorLanguage(u.app.Preferences().StringWithFallback(prefLanguage, "system"))
	if u.link != nil {
		u.link.ensureAgent()
	}
	if err := u.store.Checked(u.ctx()); err != nil {
		fyne.Do(func() {
			u.showMessage(lang.L("%v. Nothing will be written to it: your changes would not be saved."), capitalize(err.Error()))
		})
	}
}

// ShowOpenError is what starts instead of the plan when the database cannot be opened: the
// reason in plain words, and a way out. The file itself is never touched.
func ShowOpenError(err error) {
	a := newFyneApp()
	// In the language chosen in the settings, as the window would have been.
	applyLanguage(a.Preferences().StringWithFallback(prefLanguage, "system"))
	LoadTranslations()
	w := a.NewWindow(lang.L("Microgoals — cannot open the plan"))
	msg := widget.NewLabel(capitalize(storage.Explain(err)) + ".")
	msg.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewBorder(
		widget.NewLabelWithStyle(lang.L("Microgoals could not open its database"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(layout.NewSpacer(), widget.NewButton(lang.L("Quit"), a.Quit)),
		nil, nil, msg))
	w.Resize(fyne.NewSize(560, 220))
	w.ShowAndRun()
}
