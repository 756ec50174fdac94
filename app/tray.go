package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/resources"
	"github.com/microgoals/microgoals/storage"
)

// trayMenu is the system tray's menu: open the window, quick add, today's open count, quit.
type trayMenu struct {
	desk  desktop.App
	menu  *fyne.Menu
	count *fyne.MenuItem
}

// setupTray puts Microgoals in the desktop's system tray (where the driver offers one). It
// must run before the app's event loop starts, which is when Fyne registers the tray. Run calls
// it only where a tray host listens: registering costs about 100 ms and 7 MB before the window
// can open, and without a host (a desktop without a status-notifier tray) it is never shown.
func (u *UI) setupTray() {
	desk, ok := u.app.(desktop.App)
	if !ok || u.tray != nil {
		return
	}
	t := &trayMenu{desk: desk, count: fyne.NewMenuItem("Today: …", nil)}
	t.count.Disabled = true
	quit := fyne.NewMenuItem("Quit", u.quit)
	quit.IsQuit = true
	t.menu = fyne.NewMenu("Microgoals",
		fyne.NewMenuItem("Open Microgoals", u.showWindow),
		fyne.NewMenuItem("Quick add…", func() {
			u.showWindow()
			if u.built() { // the plan may still be loading
				u.addGoal()
			}
		}),
		t.count,
		fyne.NewMenuItemSeparator(),
		quit,
	)
	u.tray = t
	// Trays show 16–64 pixels: the 64-pixel icon, not the 512-pixel one, crosses the bus.
	desk.SetSystemTrayIcon(fyne.NewStaticResource("tray.png", resources.Icon64PNG))
	desk.SetSystemTrayMenu(t.menu)
}

// refreshTray shows today's open count; the tray menu is re-sent only when it changed.
func (u *UI) refreshTray() {
	if u.tray == nil || u.tree == nil {
		return
	}
	n := model.OpenDueOn(u.data.Goals, u.now(), u.loc)
	label := "Today: nothing open"
	switch {
	case n == 1:
		label = "Today: 1 open micro-goal"
	case n > 1:
		label = fmt.Sprintf("Today: %d open micro-goals", n)
	}
	if label == u.tray.count.Label {
		return
	}
	u.tray.count.Label = label
	u.tray.desk.SetSystemTrayMenu(u.tray.menu)
}

// planChanged runs after every change of the plan: the notifier re-plans, the tray recounts.
func (u *UI) planChanged(data storage.Outline) {
	u.notify.update(data)
	u.refreshTray()
}

// showWindow brings the window back from the tray.
func (u *UI) showWindow() {
	u.hidden.Store(false)
	u.win.Show()
	u.win.RequestFocus()
}

// windowShown reports whether the window is open (not hidden to the tray). Safe from any
// goroutine.
func (u *UI) windowShown() bool { return !u.hidden.Load() }

// closeWindow is what closing the window does: it remembers the size and hides the window to
// the tray (notifications keep coming), or quits when the setting says so or no tray is
// there to bring it back from.
func (u *UI) closeWindow() {
	u.flushPendingEdit()
	rememberWindowSize(u.app, u.win)
	if u.tray != nil && u.notify.currentSettings().CloseToTray && trayHostPresent() {
		u.hidden.Store(true)
		u.win.Hide()
		if !u.notify.trayHintShown {
			u.notify.trayHintShown = true
			go u.notify.show("", "Microgoals keeps running in the tray",
				"Notifications keep coming. Quit from the tray menu or with Ctrl+Q.", false)
		}
		return
	}
	u.win.Close()
}

// quit remembers the window's size and ends the app (Ctrl+Q, the tray's Quit).
func (u *UI) quit() {
	u.flushPendingEdit()
	rememberWindowSize(u.app, u.win)
	u.app.Quit()
}
