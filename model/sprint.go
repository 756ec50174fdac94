package model

import "time"

// DefaultSprintMinutes is the length of a focus sprint unless the user sets another.
const DefaultSprintMinutes = 25

// Sprint is a focus sprint on a micro-goal: a timer of PlannedMinutes of work that can be
// paused, resumed and stopped early. Pauses are kept as their accumulated length plus the
// start of the pause in progress, which is all the remaining time needs, so a sprint written
// to storage and read back after a restart carries on where it was.
type Sprint struct {
	ID             int64
	GoalID         int64
	StartedAt      time.Time
	PlannedMinutes int
	Paused         time.Duration // the pauses that have ended, added up
	PausedAt       time.Time     // the start of the pause in progress; zero while running
	EndedAt        time.Time     // zero while the sprint is in progress
	Completed      bool          // ran its full length (false when stopped early)
	Environment    string        // where it happened: "library", "home office"…
	Partner        string        // who worked alongside
}

// NewSprint starts a sprint of minutes on goalID at now.
func NewSprint(goalID int64, minutes int, now time.Time) Sprint {
	return Sprint{GoalID: goalID, StartedAt: now, PlannedMinutes: minutes}
}

// InProgress reports whether the sprint has not ended yet.
func (s Sprint) InProgress() bool { return s.EndedAt.IsZero() }

// IsPaused reports whether the sprint is in a pause.
func (s Sprint) IsPaused() bool { return !s.PausedAt.IsZero() && s.InProgress() }

// Planned is the sprint's length as a duration.
func (s Sprint) Planned() time.Duration { return time.Duration(s.PlannedMinutes) * time.Minute }

// Worked is the time spent working by now: the time since the start, less the pauses, and
// never more than planned. A clock set back before the start counts as no work.
func (s Sprint) Worked(now time.Time) time.Duration {
	end := now
	if !s.InProgress() {
		end = s.EndedAt
	}
	if !s.PausedAt.IsZero() && s.PausedAt.Before(end) {
		end = s.PausedAt
	}
	w := end.Sub(s.StartedAt) - s.Paused
	return min(max(w, 0), s.Planned())
}

// Remaining is the work time left by now.
func (s Sprint) Remaining(now time.Time) time.Duration { return s.Planned() - s.Worked(now) }

// Finished reports whether the sprint in progress has run its full length by now.
func (s Sprint) Finished(now time.Time) bool { return s.InProgress() && s.Remaining(now) <= 0 }

// FinishesAt is when a running sprint reaches its planned length; zero while paused.
func (s Sprint) FinishesAt(now time.Time) time.Time {
	if s.IsPaused() || !s.InProgress() {
		return time.Time{}
	}
	return now.Add(s.Remaining(now))
}

// Pause returns s paused at now; pausing a paused or ended sprint changes nothing.
func (s Sprint) Pause(now time.Time) Sprint {
	if s.InProgress() && !s.IsPaused() {
		s.PausedAt = now
	}
	return s
}

// Resume returns s running again at now, the pause added to Paused.
func (s Sprint) Resume(now time.Time) Sprint {
	if s.IsPaused() {
		if d := now.Sub(s.PausedAt); d > 0 {
			s.Paused += d
		}
		s.PausedAt = time.Time{}
	}
	return s
}

// End returns s ended at now: completed when it has run its full length, stopped early
// otherwise. A sprint that finished while nobody watched (the window was closed) ends at the
// moment it reached its length, not when it was noticed.
func (s Sprint) End(now time.Time) Sprint {
	if !s.InProgress() {
		return s
	}
	if s.Finished(now) {
		s.Completed = true
		if at := s.StartedAt.Add(s.Planned() + s.Paused); at.Before(now) && !s.IsPaused() {
			now = at
		}
	}
	s = s.Resume(now)
	s.EndedAt = now
	return s
}

// WorkedMinutes is the whole minutes worked, as logged to a minutes metric.
func (s Sprint) WorkedMinutes(now time.Time) int { return int(s.Worked(now) / time.Minute) }
