package model

import "time"

// MetricEntry is one logged value of a micro-goal's metric: how much at what time, with a
// note. The log is an audit trail: a mistake is fixed by a new entry that names the one it
// corrects (CorrectsID), never by rewriting the old one.
type MetricEntry struct {
	ID         int64
	GoalID     int64
	At         time.Time // when the value was achieved
	Value      float64   // in the goal's metric unit; 1 or 0 for a qualitative checkpoint
	Note       string    // evidence or context
	CorrectsID int64     // the entry this one corrects, zero for none
	CreatedAt  time.Time // when the entry was logged
}
