package agent

import (
	"log"
	"sync"
	"time"

	"fyne.io/systray"

	"github.com/microgoals/microgoals/resources"
)

// windowTimeout bounds one message to the window process.
const windowTimeout = 2 * time.Second

// tray is the agent's status-notifier icon and its menu: Open Microgoals, Quick add…, today's
// open count, Pause reminders for an hour, Quit.
type tray struct {
	a   *Agent
	end func()

	mu    sync.Mutex
	count *systray.MenuItem
	pause *systray.MenuItem
	n     int

	openItem, quickItem, quitItem *systray.MenuItem
}

// runTray exports the icon and the menu on the session bus; the menu's clicks are handled
// until stop.
func runTray(a *Agent) *tray {
	t := &tray{a: a, n: -1}
	ready := make(chan struct{})
	start, end := systray.RunWithExternalLoop(func() { t.build(); close(ready) }, nil)
	t.end = end
	start()
	select {
	case <-ready:
	case <-time.After(5 * time.Second):
		log.Printf("microgoals --background: the tray menu was not built")
	}
	return t
}

// trayTexts are the menu's words in the language the agent speaks now.
type trayTexts struct {
	title, open, openTip, quick, quickTip, pause, quit, quitTip string
}

func currentTrayTexts() trayTexts {
	return trayTexts{
		title: tr("Microgoals"),
		open:  tr("Open Microgoals"), openTip: tr("Open the plan's window"),
		quick: tr("Quick add…"), quickTip: tr("Add a micro-goal"),
		pause: tr("Pause reminders for an hour"),
		quit:  tr("Quit"), quitTip: tr("Quit Microgoals and its reminders"),
	}
}

func (t *tray) build() {
	// Trays show 16–64 pixels: the 64-pixel icon, not the 512-pixel one, crosses the bus.
	systray.SetIcon(resources.Icon64PNG)
	w := currentTrayTexts()
	systray.SetTitle(w.title)
	systray.SetTooltip(w.title)
	open := systray.AddMenuItem(w.open, w.openTip)
	quick := systray.AddMenuItem(w.quick, w.quickTip)
	count := systray.AddMenuItem(countLabel(0), "")
	count.Disable()
	pause := systray.AddMenuItemCheckbox(w.pause, "", false)
	systray.AddSeparator()
	quit := systray.AddMenuItem(w.quit, w.quitTip)
	systray.SetOnTapped(t.open) // a left click on the icon opens the window
	t.mu.Lock()
	t.count, t.pause = count, pause
	t.openItem, t.quickItem, t.quitItem = open, quick, quit
	n := t.n
	t.mu.Unlock()
	if n >= 0 {
		t.setCount(n)
	}
	go func() {
		for {
			select {
			case <-open.ClickedCh:
				t.open()
			case <-quick.ClickedCh:
				t.quickAdd()
			case <-pause.ClickedCh:
				t.togglePause()
			case <-quit.ClickedCh:
				t.quit()
			case <-t.a.quit:
				return
			}
		}
	}()
}

// relabel writes the menu again in the language the agent speaks now (one chosen in the
// window's settings since the menu was built).
func (t *tray) relabel() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.count == nil {
		return // not built yet: build writes the current language
	}
	w := currentTrayTexts()
	systray.SetTitle(w.title)
	systray.SetTooltip(w.title)
	t.openItem.SetTitle(w.open)
	t.openItem.SetTooltip(w.openTip)
	t.quickItem.SetTitle(w.quick)
	t.quickItem.SetTooltip(w.quickTip)
	t.pause.SetTitle(w.pause)
	t.quitItem.SetTitle(w.quit)
	t.quitItem.SetTooltip(w.quitTip)
	if t.n >= 0 {
		t.count.SetTitle(countLabel(t.n))
	}
}

// setCount shows today's open count (re-sent to the host only when it changed).
func (t *tray) setCount(n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.count == nil {
		t.n = n
		return
	}
	if n == t.n {
		return
	}
	t.n = n
	t.count.SetTitle(countLabel(n))
}

// open brings the window to the front, starting it when none is open.
func (t *tray) open() { t.window(MsgRaise) }

func (t *tray) quickAdd() { t.window(MsgQuickAdd, "--quick-add") }

func (t *tray) window(msg string, extra ...string) {
	if _, err := Send(RoleWindow, t.a.opts.DBPath, msg, windowTimeout); err == nil {
		return
	}
	if err := Spawn(append([]string{"--db", t.a.opts.DBPath}, extra...)...); err != nil {
		log.Printf("microgoals --background: start the window: %v", err)
	}
}

func (t *tray) togglePause() {
	until := time.Time{}
	if t.a.sched.PausedUntil().IsZero() {
		until = t.a.opts.Now().Add(time.Hour)
	}
	if err := t.a.sched.Pause(until); err != nil {
		log.Printf("microgoals --background: %v", err)
	}
	t.mu.Lock()
	if until.IsZero() {
		t.pause.Uncheck()
	} else {
		t.pause.Check()
	}
	t.mu.Unlock()
	Send(RoleWindow, t.a.opts.DBPath, MsgPaused, windowTimeout)
	if !until.IsZero() {
		// The tick clears the check when the hour is over.
		time.AfterFunc(time.Until(until), func() {
			if t.a.sched.PausedUntil().IsZero() {
				t.mu.Lock()
				t.pause.Uncheck()
				t.mu.Unlock()
			}
		})
	}
}

// quit ends the window (which saves what is pending first) and then the agent.
func (t *tray) quit() {
	Send(RoleWindow, t.a.opts.DBPath, MsgQuit, windowTimeout)
	t.a.Quit()
}

func (t *tray) stop() {
	if t.end != nil {
		t.end()
	}
}
