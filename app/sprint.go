package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// sprintTimer runs the focus sprint: a bar under the window's banner with the goal, the time
// left and pause/resume/stop, shown only while a sprint runs. The sprint itself lives in
// storage, so the timer is only a view of it: closing the window loses nothing, and the
// remaining time always comes from the stored start, the pauses and the clock.
type sprintTimer struct {
	u       *UI
	slot    *fyne.Container // where the bar goes; empty while no sprint runs
	bar     fyne.CanvasObject
	label   *widget.Label
	pause   *widget.Button
	sprint  model.Sprint
	title   string
	running bool

	// every is how often the label is redrawn; zero or less means never by itself (tests
	// call tick after moving their clock).
	every time.Duration
	stop  chan struct{}
}

func newSprintTimer(u *UI) *sprintTimer {
	return &sprintTimer{u: u, slot: container.NewStack(), every: time.Second}
}

// restore picks up a sprint left running when the window was closed.
func (s *sprintTimer) restore() {
	sp, ok, err := s.u.store.RunningSprint(s.u.ctx())
	if err != nil {
		s.u.showError(lang.L("Could not read the running focus sprint"), err)
		return
	}
	if ok {
		s.show(sp)
		s.tick()
	}
}

func (s *sprintTimer) buildBar() {
	if s.bar != nil {
		return
	}
	s.label = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.pause = widget.NewButtonWithIcon(lang.L("Pause"), theme.MediaPauseIcon(), s.togglePause)
	stop := widget.NewButtonWithIcon(lang.L("Stop"), theme.MediaStopIcon(), s.stopEarly)
	s.bar = container.NewBorder(nil, widget.NewSeparator(), widget.NewIcon(theme.MediaPlayIcon()), container.NewHBox(s.pause, stop), s.label)
}

// show puts sp on the bar and starts the ticker.
func (s *sprintTimer) show(sp model.Sprint) {
	s.buildBar()
	s.sprint, s.running = sp, true
	s.title = lang.L("micro-goal {{.ID}}", args("ID", sp.GoalID))
	if s.u.tree != nil {
		if g, ok := s.u.tree.Goal(sp.GoalID); ok {
			s.title = g.Title
		}
	}
	s.slot.Objects = []fyne.CanvasObject{s.bar}
	s.slot.Refresh()
	s.redraw()
	s.startTicker()
}

func (s *sprintTimer) hide() {
	s.running = false
	s.stopTicker()
	s.slot.Objects = nil
	s.slot.Refresh()
}

func (s *sprintTimer) startTicker() {
	if s.stop != nil || s.every <= 0 {
		return
	}
	stop := make(chan struct{})
	s.stop = stop
	go func() {
		t := time.NewTicker(s.every)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				fyne.Do(s.tick)
			case <-stop:
				return
			}
		}
	}()
}

func (s *sprintTimer) stopTicker() {
	if s.stop != nil {
		close(s.stop)
		s.stop = nil
	}
}

// tick redraws the time left and ends the sprint once it has run its length.
func (s *sprintTimer) tick() {
	if !s.running {
		return
	}
	if s.sprint.Finished(s.u.now()) {
		s.end()
		return
	}
	s.redraw()
}

func (s *sprintTimer) redraw() {
	left := s.sprint.Remaining(s.u.now())
	text := lang.L("Focus sprint on “%s”: %s left")
	if s.sprint.IsPaused() {
		text = lang.L("Focus sprint on “%s”: %s left · paused")
		s.pause.SetText(lang.L("Resume"))
		s.pause.SetIcon(theme.MediaPlayIcon())
	} else {
		s.pause.SetText(lang.L("Pause"))
		s.pause.SetIcon(theme.MediaPauseIcon())
	}
	s.label.SetText(fmt.Sprintf(text, s.title, clockText(left)))
}

// clockText writes a duration as the timer shows it: 24:59, or 1:02:03 past an hour. It
// rounds up, so the last second shows 0:01 and not 0:00.
func clockText(d time.Duration) string {
	secs := int((d + time.Second - 1) / time.Second)
	if secs < 0 {
		secs = 0
	}
	h, m, sec := secs/3600, secs/60%60, secs%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, sec)
	}
	return fmt.Sprintf("%d:%02d", m, sec)
}

func (s *sprintTimer) togglePause() {
	if !s.running {
		return
	}
	var (
		sp  model.Sprint
		err error
	)
	if s.sprint.IsPaused() {
		sp, err = s.u.store.ResumeSprint(s.u.ctx(), s.sprint.ID)
	} else {
		sp, err = s.u.store.PauseSprint(s.u.ctx(), s.sprint.ID)
	}
	if err != nil {
		s.u.showError(lang.L("Could not pause or resume the focus sprint"), err)
		return
	}
	s.sprint = sp
	s.redraw()
}

func (s *sprintTimer) stopEarly() {
	if s.running {
		s.end()
	}
}

// end stores the end of the sprint (its minutes logged to a minutes metric in the same
// transaction) and celebrates a sprint that ran its full length.
func (s *sprintTimer) end() {
	u := s.u
	var res storage.SprintEnd
	ok := u.do(lang.L("end the focus sprint"), func(ctx context.Context) (func(context.Context) error, string, error) {
		var err error
		if res, err = u.store.EndSprint(ctx, s.sprint.ID); err != nil {
			return nil, "", err
		}
		if res.Entry.ID == 0 {
			return nil, "", nil
		}
		// The minutes are in the audit trail: undo corrects them to zero.
		e := res.Entry
		return func(ctx context.Context) error {
			_, err := u.store.AddMetricEntry(ctx, model.MetricEntry{GoalID: e.GoalID, At: e.At, Value: 0, Note: "Undone", CorrectsID: e.ID})
			return err
		}, "", nil
	})
	if !ok {
		// Say it once, not every second: the bar stays, and Stop tries again.
		s.stopTicker()
		return
	}
	s.hide()
	sp := res.Sprint
	worked := sp.WorkedMinutes(sp.EndedAt)
	logged := ""
	if res.Entry.ID != 0 {
		logged = " " + capitalize(minutesText(worked)) + " logged."
	}
	if sp.Completed {
		u.celebrate(lang.L("Focus sprint done"), fmt.Sprintf(lang.L("%s on “%s”.%s"), minutesText(worked), s.title, logged))
	} else {
		u.showMessage(lang.L("Focus sprint stopped after %d of %s on “%s”.%s"), worked, minutesText(sp.PlannedMinutes), s.title, logged)
	}
	if u.doneCtx != nil {
		u.doneCtx.askSprint(sp, s.title)
	}
}

// startSprint asks for the sprint's length (the default in the field), an optional
// environment and partner, and starts it on the selected micro-goal. Enter starts.
func (u *UI) startSprint() {
	g, ok := u.selectedGoal()
	if !ok {
		u.say(lang.L("Select a micro-goal to run a focus sprint on it."))
		return
	}
	if u.sprint.running {
		u.showMessage(lang.L("A focus sprint is already running on “%s”: stop it first."), u.sprint.title)
		return
	}
	n, err := u.store.SprintMinutes(u.ctx())
	if err != nil {
		u.showError(lang.L("Could not read the sprint length"), err)
	}
	// Where and with whom are asked when the sprint ends (issue 13), not before it starts.
	minutes := newDialogEntry()
	minutes.SetText(strconv.Itoa(n))
	minutes.Validator = func(s string) error { _, err := parseSprintMinutes(s); return err }
	var dlg *dialog.FormDialog
	dlg = dialog.NewForm(lang.L("Focus sprint on “{{.Title}}”", args("Title", g.Title)), lang.L("Start"), lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Minutes"), minutes),
	}, func(ok bool) {
		if !ok {
			return
		}
		m, err := parseSprintMinutes(minutes.Text)
		if err != nil {
			return
		}
		u.beginSprint(model.Sprint{GoalID: g.ID, PlannedMinutes: m})
	}, u.win)
	minutes.OnSubmitted = func(string) { dlg.Submit() }
	minutes.onEscape = dlg.Hide
	dlg.Resize(fyne.NewSize(440, 160))
	dlg.Show()
	u.win.Canvas().Focus(minutes)
}

func minutesText(n int) string {
	return counted(n, "{{.Count}} minute", "{{.Count}} minutes")
}

func parseSprintMinutes(s string) (int, error) {
	m, err := model.ParseMinutes(s)
	if err != nil {
		return 0, problemError(capitalize(err.Error()))
	}
	if m <= 0 || m > 24*60 {
		return 0, problemError(lang.L("A sprint lasts from 1 minute to 24 hours"))
	}
	return m, nil
}

// beginSprint stores and shows a new sprint. Starting is undoable (the sprint is discarded);
// pausing and stopping are the timer's own controls.
func (u *UI) beginSprint(sp model.Sprint) bool {
	var started model.Sprint
	ok := u.record(lang.L("start the focus sprint"), func(ctx context.Context) (func(context.Context) error, error) {
		var err error
		if started, err = u.store.StartSprint(ctx, sp); err != nil {
			if errors.Is(err, storage.ErrSprintRunning) {
				return nil, errors.New("a focus sprint is already running")
			}
			return nil, err
		}
		return func(ctx context.Context) error {
			if err := u.store.DiscardSprint(ctx, started.ID); err != nil {
				return err
			}
			if u.sprint.running && u.sprint.sprint.ID == started.ID {
				u.sprint.hide()
			}
			return nil
		}, nil
	})
	if ok {
		u.sprint.show(started)
	}
	return ok
}

// setSprintLength asks for the default length of a focus sprint and stores it.
func (u *UI) setSprintLength() {
	n, _ := u.store.SprintMinutes(u.ctx())
	e := newDialogEntry()
	e.SetText(strconv.Itoa(n))
	e.Validator = func(s string) error { _, err := parseSprintMinutes(s); return err }
	var dlg *dialog.FormDialog
	dlg = dialog.NewForm(lang.L("Focus sprint length"), lang.L("Save"), lang.L("Cancel"), []*widget.FormItem{widget.NewFormItem(lang.L("Minutes"), e)}, func(ok bool) {
		m, err := parseSprintMinutes(e.Text)
		if !ok || err != nil {
			return
		}
		if err := u.store.SetSetting(u.ctx(), storage.SettingSprintMinutes, strconv.Itoa(m)); err != nil {
			u.showError(lang.L("Could not save the sprint length"), err)
			return
		}
		u.say(counted(m, "Focus sprints now last {{.Count}} minute.", "Focus sprints now last {{.Count}} minutes."))
	}, u.win)
	e.OnSubmitted = func(string) { dlg.Submit() }
	e.onEscape = dlg.Hide
	dlg.Show()
	u.win.Canvas().Focus(e)
}

// metricsMenu is the menu of metric logging, focus sprints and exports.
func (u *UI) metricsMenu() *fyne.Menu {
	ctrl := fyne.KeyModifierShortcutDefault
	item := func(label string, key fyne.KeyName, fn func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, fn)
		if key != "" {
			it.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: ctrl}
		}
		return it
	}
	return fyne.NewMenu(lang.L("Metrics"),
		item(lang.L("Log entry…"), fyne.KeyE, u.logEntry),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Start focus sprint…"), fyne.KeyR, u.startSprint),
		item(lang.L("Pause / resume sprint"), "", u.sprint.togglePause),
		item(lang.L("Stop sprint"), "", u.sprint.stopEarly),
		item(lang.L("Sprint length…"), "", u.setSprintLength),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Export this micro-goal's entries (CSV)…"), "", func() {
			g, ok := u.selectedGoal()
			if !ok {
				u.say(lang.L("Select a micro-goal to export its entries, or export all of them."))
				return
			}
			u.exportMetricsCSV(g.ID)
		}),
		item(lang.L("Export all metric entries (CSV)…"), "", func() { u.exportMetricsCSV(0) }),
	)
}
