package app

import (
	"log"

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
