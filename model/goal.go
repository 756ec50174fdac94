// Package model is the domain of Microgoals: objectives, micro-goals, their validation, the
// SMART check and the ordering of the path. It is pure Go: no UI, no SQL, no clock of its own.
package model

import "time"

// Horizon is the cadence a micro-goal belongs to: a daily milestone, a weekly target, or a
// fortnightly or monthly milestone.
type Horizon string

// The horizons, shortest first.
const (
	HorizonDay       Horizon = "day"
	HorizonWeek      Horizon = "week"
	HorizonFortnight Horizon = "fortnight"
	HorizonMonth     Horizon = "month"
)

// Horizons lists every horizon, shortest first.
var Horizons = []Horizon{HorizonDay, HorizonWeek, HorizonFortnight, HorizonMonth}

// Stage is where a micro-goal stands in the workflow of the method.
type Stage string

// The workflow stages, in order.
const (
	StageInput       Stage = "input"
	StagePlanning    Stage = "planning"
	StageExecution   Stage = "execution"
	StageReview      Stage = "review"
	StageCelebration Stage = "celebration"
)

// Stages lists every stage in workflow order.
var Stages = []Stage{StageInput, StagePlanning, StageExecution, StageReview, StageCelebration}

// Status is the state of a micro-goal.
type Status string

// The micro-goal statuses.
const (
	StatusOpen    Status = "open"
	StatusDone    Status = "done"
	StatusDropped Status = "dropped"
)

// ObjectiveStatus is the state of an objective.
type ObjectiveStatus string

// The objective statuses.
const (
	ObjectiveActive   ObjectiveStatus = "active"
	ObjectiveAchieved ObjectiveStatus = "achieved"
	ObjectiveArchived ObjectiveStatus = "archived"
)

// MetricKind says how a micro-goal is measured.
type MetricKind string

// The metric kinds. MetricNone means the goal has no metric yet.
const (
	MetricNone         MetricKind = ""
	MetricQuantitative MetricKind = "quantitative"
	MetricQualitative  MetricKind = "qualitative"
)

// Metric is the measure a micro-goal is linked to: a unit and a target value for a
// quantitative metric, or a checkpoint (done / not done with evidence) for a qualitative one.
type Metric struct {
	Kind   MetricKind
	Unit   string  // minutes, pages, tasks, words or a custom unit; quantitative only
	Target float64 // target value in Unit; quantitative only
}

// Objective is the big goal a person states in one sentence.
type Objective struct {
	ID         int64
	Title      string
	Why        string
	TargetDate time.Time // zero when none; a local calendar day at midnight
	Status     ObjectiveStatus
	InFocus    bool
	Position   int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
	AchievedAt time.Time // zero unless achieved
}

// MicroGoal is one small, verifiable step on the path to an objective. ParentID is zero for a
// step directly under the objective, or the ID of the micro-goal it is a sub-step of.
type MicroGoal struct {
	ID              int64
	ObjectiveID     int64
	ParentID        int64
	Position        int64
	Title           string // the action, verb first
	Outcome         string // expected outcome, a short note
	DoneWhen        string // acceptance criterion
	Due             time.Time
	DueHasTime      bool // false: due some time on the day of Due (all-day)
	Horizon         Horizon
	Stage           Stage
	EstimateMinutes int
	Metric          Metric
	Owner           string
	Partner         string
	Status          Status
	CreatedAt       time.Time
	UpdatedAt       time.Time
	DoneAt          time.Time // zero unless done
	DroppedAt       time.Time // zero unless dropped
	DropReason      string
	Anchor          string // the routine anchor it is paired with ("" for none); see Anchor
	Repeat          string // an RFC 5545 RRULE when it repeats from its due day, "" otherwise
	// Tags are the step's tags without the leading '#'; a place is a tag such as "@home".
	Tags []string
}

// HasDue reports whether the micro-goal has a due date.
func (g MicroGoal) HasDue() bool { return !g.Due.IsZero() }

// DueInstant is the moment the micro-goal falls due: its due time, or the end of its due day
// in loc when it has no time of day. The zero time when it has no due date.
func (g MicroGoal) DueInstant(loc *time.Location) time.Time {
	if g.Due.IsZero() {
		return time.Time{}
	}
	if g.DueHasTime {
		return g.Due
	}
	d := g.Due.In(loc)
	return time.Date(d.Year(), d.Month(), d.Day(), 23, 59, 59, 0, loc)
}

// NewObjective returns an active objective with the given title, created at now.
func NewObjective(title string, now time.Time) Objective {
	return Objective{Title: title, Status: ObjectiveActive, CreatedAt: now, UpdatedAt: now}
}

// NewMicroGoal returns an open daily micro-goal under objective, created at now.
func NewMicroGoal(objectiveID, parentID int64, title string, now time.Time) MicroGoal {
	return MicroGoal{
		ObjectiveID: objectiveID, ParentID: parentID, Title: title,
		Horizon: HorizonDay, Stage: StagePlanning, Status: StatusOpen,
		CreatedAt: now, UpdatedAt: now,
	}
}

// WithStatus returns g set to status s at now, with the status timestamps kept consistent:
// done and dropped each carry the time they happened, reopening clears both.
func (g MicroGoal) WithStatus(s Status, reason string, now time.Time) MicroGoal {
	g.Status = s
	g.UpdatedAt = now
	switch s {
	case StatusDone:
		g.DoneAt, g.DroppedAt, g.DropReason = now, time.Time{}, ""
	case StatusDropped:
		g.DroppedAt, g.DoneAt, g.DropReason = now, time.Time{}, reason
	default:
		g.DoneAt, g.DroppedAt, g.DropReason = time.Time{}, time.Time{}, ""
	}
	return g
}
