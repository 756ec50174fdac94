package app

import (
	"errors"
	"log"
	"os"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/microgoals/microgoals/app/agent"
	"github.com/microgoals/microgoals/storage"
)

// agentTimeout bounds one message to the agent process.
const agentTimeout = 3 * time.Second

// agentLink is the window process's line to the agent (`microgoals --background`) on the same
// plan: it tells the agent when the plan changed and holds it during a restore, and it answers
// the agent's tray (raise, quick add, quit) and a second start of the window (raise).
type agentLink struct {
	dbPath  string
	inst    *agent.Instance
	changed chan struct{}
	// autostartSeen: the default for "Start at login" was looked at (UI goroutine only).
	autostartSeen bool

	spawnMu sync.Mutex
	spawned time.Time // when this window last started an agent
}

// planChanged runs after every change of the plan: the window's scheduler gets a snapshot,
// and the agent is told to read the plan again.
func (u *UI) planChanged(data storage.Outline) {
	u.notify.update(data)
	if u.link != nil && !u.link.autostartSeen && len(data.Objectives) > 0 {
		u.link.autostartSeen = true
		go u.defaultStartAtLogin()
	}
	if u.link != nil {
		select {
		case u.link.changed <- struct{}{}:
		default: // one is pending: the agent reads the latest plan anyway
		}
	}
}

// startLink serves the window's socket and, off the UI goroutine, keeps the agent informed
// and running: a window started by hand starts the agent too, so reminders go on after it
// closes. MICROGOALS_NO_AGENT=1 leaves the agent alone (tests of the window on its own).
func (u *UI) startLink(inst *agent.Instance, dbPath string) {
	l := &agentLink{dbPath: dbPath, inst: inst, changed: make(chan struct{}, 1)}
	u.link = l
	inst.Serve(func(msg string) string {
		switch msg {
		case agent.MsgPing:
		case agent.MsgRaise:
			fyne.Do(u.raise)
		case agent.MsgQuickAdd:
			fyne.Do(func() {
				u.raise()
				u.focusQuickAdd()
			})
		case agent.MsgQuit:
			fyne.Do(u.quit)
		case agent.MsgPaused:
			go u.notify.RereadPause()
		default:
			text, ok := strings.CutPrefix(msg, agent.MsgBanner)
			if !ok {
				return "error: unknown message " + msg
			}
			log.Printf("notifications: from the background agent, shown in the window: %q", text)
			fyne.Do(func() { u.showMessage("%s", text) })
		}
		return "ok"
	})
	go func() {
		for range l.changed {
			if _, err := agent.Send(agent.RoleAgent, dbPath, agent.MsgChanged, agentTimeout); err != nil {
				l.ensureAgent()
			}
		}
	}()
}

// ensureAgent starts the agent when none runs on the plan.
func (l *agentLink) ensureAgent() {
	if os.Getenv("MICROGOALS_NO_AGENT") != "" || agent.Running(agent.RoleAgent, l.dbPath) {
		return
	}
	// One just started may not hold its lock yet: a second would only exit again.
	l.spawnMu.Lock()
	defer l.spawnMu.Unlock()
	if time.Since(l.spawned) < 10*time.Second {
		return
	}
	l.spawned = time.Now()
	if err := agent.Spawn("--background", "--db", l.dbPath); err != nil {
		log.Printf("start the background agent: %v", err)
	}
}

// holdAgent asks the agent to close the plan's file before a restore replaces it. No agent
// running is fine; an agent that refuses stops the restore.
func (u *UI) holdAgent() error {
	if u.link == nil {
		return nil
	}
	_, err := agent.Send(agent.RoleAgent, u.link.dbPath, agent.MsgHold, agentTimeout)
	if err != nil && !agent.Running(agent.RoleAgent, u.link.dbPath) {
		return nil
	}
	if err != nil {
		return errors.New(lang.L("the background agent did not let go of the plan: {{.Err}}", args("Err", err.Error())))
	}
	return nil
}

// resumeAgent lets the agent open the (restored) file again.
func (u *UI) resumeAgent() {
	if u.link == nil {
		return
	}
	if _, err := agent.Send(agent.RoleAgent, u.link.dbPath, agent.MsgResume, agentTimeout); err != nil && agent.Running(agent.RoleAgent, u.link.dbPath) {
		log.Printf("background agent: %v", err)
	}
}

// raise brings the window to the front (a second start, the tray's Open).
func (u *UI) raise() {
	u.win.Show()
	u.win.RequestFocus()
}

// closeWindow is what closing the window does: it remembers the size and ends the process.
// Reminders and the tray live on in the agent process, which costs next to nothing while it
// waits; Fyne's window loop would wake 60 times a second even with the window hidden.
func (u *UI) closeWindow() {
	u.exitApp()
}

// quit remembers the window's size and ends the app (Ctrl+Q, the tray's Quit).
func (u *UI) quit() {
	u.exitApp()
}
