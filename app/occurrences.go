package app

import (
	"context"
	"log"
	"time"

	"github.com/microgoals/microgoals/model"
)

// completedWork is the plan's steps as the charts, the weekly review and the report count
// them: each completed occurrence of a repeating step is a done step of its own
// (model.WithCompletedOccurrences), so completing one counts as a one-off completion does.
func (u *UI) completedWork() []model.MicroGoal {
	now := u.now()
	from, to := model.DateOf(now.AddDate(-2, 0, 0), u.loc), model.DateOf(now, u.loc).AddDays(7)
	ex, err := u.store.Exceptions(u.ctx(), from, to)
	if err != nil {
		log.Printf("read the occurrences of repeating steps: %v", err)
	}
	return model.WithCompletedOccurrences(u.data.Goals, model.NewExceptions(ex), from, to, u.loc)
}

// withOccurrences gives the notification plan each repeating step's occurrences
// (model.NotifyGoals); the exceptions are read from the file, not from the window's data.
func (n *notifier) withOccurrences(goals []model.MicroGoal, s model.NotifySettings, now time.Time) []model.MicroGoal {
	loc := s.Location
	if loc == nil {
		loc = time.Local
	}
	ex, err := n.store.Exceptions(context.Background(), model.DateOf(now.Add(-model.Lookback), loc), model.DateOf(now, loc).AddDays(2))
	if err != nil {
		log.Printf("notifications: read the occurrences of repeating steps: %v", err)
	}
	return model.NotifyGoals(goals, model.NewExceptions(ex), s, now)
}
