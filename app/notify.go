package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/microgoals/microgoals/app/agent"
	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// notifyStartDelay keeps the scheduler's first database read off the start-up path.
const notifyStartDelay = 2 * time.Second

// notifier is the window's side of the notification scheduler (app/agent): it hands the
// scheduler a snapshot of the plan after every change and shows in the banner what the
// desktop cannot. The agent process runs the same scheduler on the same file; the
// notification log lets only one of them show each notification.
type notifier struct {
	*agent.Scheduler
}

func newNotifier(u *UI, store *storage.Store) *notifier {
	desk := &agent.Desktop{}
	return &notifier{Scheduler: agent.NewScheduler(store, agent.Config{
		Now:      u.now,
		Location: u.loc,
		Locale:   currentLocale(),
		Send:     desk.Send,
		Shown:    func() bool { return true }, // the window process runs only while it is open
		Banner: func(text string) bool {
			fyne.Do(func() { u.showMessage("%s", text) })
			return true
		},
		Failed: func(err error) {
			fyne.Do(func() { u.showMessage(lang.L("Notifications are off for this session: %v"), err) })
		},
	})}
}

// update hands the loop a snapshot of the plan the window now shows.
func (n *notifier) update(data storage.Outline) { n.Update(agent.SnapshotOf(data)) }

// The window's names for the scheduler's settings, kept short where the views use them.

func (n *notifier) loadSettings() error                   { return n.LoadSettings() }
func (n *notifier) currentSettings() model.NotifySettings { return n.Settings() }
func (n *notifier) setSettings(s model.NotifySettings)    { n.SetSettings(s) }
func (n *notifier) active() bool                          { return n.Active() }
func (n *notifier) unavailableReason() string             { return n.Unavailable() }
func (n *notifier) show(title, body string, celebration bool) {
	n.Show(title, body, celebration)
}
