package model

import (
	"sort"
	"time"
)

// InProgress reports whether g is work in progress for the focus limit: open, and in the
// execute stage or being worked on in a focus sprint (sprintGoalID, 0 when none runs).
func InProgress(g MicroGoal, sprintGoalID int64) bool {
	return g.Status == StatusOpen && (g.Stage == StageExecution || (sprintGoalID != 0 && g.ID == sprintGoalID))
}

// FocusCount is how many steps are in progress (see InProgress) across the plan.
func FocusCount(goals []MicroGoal, sprintGoalID int64) int {
	n := 0
	for i := range goals {
		if InProgress(goals[i], sprintGoalID) {
			n++
		}
	}
	return n
}

// FocusWarning is the warning to show where work is added when count steps are in progress
// against limit, "" when within it.
func FocusWarning(count, limit int) string {
	if limit <= 0 || count <= limit {
		return ""
	}
	return trN(count, "{{.Count}} step in progress, over the focus limit of {{.Limit}}: finish one before starting another", "{{.Count}} steps in progress, over the focus limit of {{.Limit}}: finish one before starting another", "Limit", limit)
}

// BoardColumn is one stage of an objective's board with its cards (step IDs) in path order.
type BoardColumn struct {
	Stage Stage
	Cards []int64
}

// Board is the stage board of one objective: a column per stage, in workflow order. Dropped
// steps are left out. InProgress counts the objective's steps in progress; Focus is the
// plan-wide count the limit applies to.
type Board struct {
	ObjectiveID int64
	Columns     [5]BoardColumn
	InProgress  int
	Focus       int
	Limit       int
}

// OverLimit reports whether the plan holds more steps in progress than the focus limit.
func (b Board) OverLimit() bool { return b.Limit > 0 && b.Focus > b.Limit }

// BuildBoard lays out the steps of objectiveID (every level, in path order) in their stage's
// column. goals is the whole plan, for the plan-wide focus count.
func BuildBoard(tree *Tree, goals []MicroGoal, objectiveID int64, limit int, sprintGoalID int64) Board {
	b := Board{ObjectiveID: objectiveID, Limit: limit}
	for i, s := range Stages {
		b.Columns[i].Stage = s
	}
	col := map[Stage]int{}
	for i, s := range Stages {
		col[s] = i
	}
	var walk func(parent int64)
	walk = func(parent int64) {
		for _, id := range tree.Children(objectiveID, parent) {
			g, _ := tree.Goal(id)
			if g.Status != StatusDropped {
				c := col[g.Stage]
				b.Columns[c].Cards = append(b.Columns[c].Cards, id)
				if InProgress(g, sprintGoalID) {
					b.InProgress++
				}
			}
			walk(id)
		}
	}
	walk(0)
	b.Focus = FocusCount(goals, sprintGoalID)
	return b
}

// FocusFirst puts the steps of the objective in focus first among the steps of each anchor
// group that fall at the same time (for untimed steps: the whole "any time" part), keeping
// the order otherwise. objectiveID 0 changes nothing.
func (p *TodayPlan) FocusFirst(objectiveID int64, loc *time.Location) {
	if objectiveID == 0 {
		return
	}
	minute := func(o Occurrence) int {
		if !o.Goal.DueHasTime {
			return 24 * 60
		}
		t := o.Goal.Due.In(loc)
		return t.Hour()*60 + t.Minute()
	}
	for _, g := range p.Groups {
		sort.SliceStable(g.Items, func(a, b int) bool {
			ma, mb := minute(g.Items[a]), minute(g.Items[b])
			if ma != mb {
				return ma < mb
			}
			return g.Items[a].Goal.ObjectiveID == objectiveID && g.Items[b].Goal.ObjectiveID != objectiveID
		})
	}
}
