package model

import (
	"errors"
	"fmt"
	"sort"
)

// MaxDepth is how deep micro-goals may nest under an objective: depth 1 is a step directly
// under the objective, depth MaxDepth the deepest sub-step.
const MaxDepth = 6

// PositionGap is the distance between neighbouring siblings when positions are laid out
// afresh. Inserting between two siblings takes the midpoint, so a move writes one row until a
// gap is used up (about 20 inserts at the same spot), and only then are the siblings renumbered.
const PositionGap int64 = 1 << 20

// PositionAfter returns the position for an item appended after last (or the first
// position when hasLast is false).
func PositionAfter(last int64, hasLast bool) int64 {
	if !hasLast {
		return PositionGap
	}
	return last + PositionGap
}

// PositionBetween returns a position strictly between prev and next. hasPrev and hasNext say
// whether there is a sibling on that side. ok is false when no integer lies strictly between
// them: the siblings must then be renumbered with Renumber first.
func PositionBetween(prev int64, hasPrev bool, next int64, hasNext bool) (pos int64, ok bool) {
	switch {
	case !hasPrev && !hasNext:
		return PositionGap, true
	case !hasNext:
		return prev + PositionGap, true
	case !hasPrev:
		if next > 1 {
			return next / 2, true
		}
		return 0, false
	}
	if next-prev < 2 {
		return 0, false
	}
	return prev + (next-prev)/2, true
}

// Renumber returns n positions laid out evenly PositionGap apart.
func Renumber(n int) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = int64(i+1) * PositionGap
	}
	return out
}

// Errors a move or an insertion can be refused with.
var (
	ErrMoveIntoItself = errors.New("a step cannot move into itself or one of its own sub-steps")
	ErrTooDeep        = fmt.Errorf("sub-steps nest at most %d levels deep", MaxDepth)
	ErrNotFound       = errors.New("no such micro-goal (it may have been deleted)")
)

// Tree is an index over the micro-goals of one or more objectives: each step's children in
// path order, and each step's parent. It refers to the slice it was built from rather than
// copying it (a plan of 10,000 steps is indexed, not duplicated): the slice must not change
// while the tree is in use.
type Tree struct {
	goals    []MicroGoal
	byID     map[int64]int32 // index into goals
	children map[treeKey][]int64
}

type treeKey struct{ objective, parent int64 }

// NewTree indexes goals. Children are ordered by Position, then ID.
func NewTree(goals []MicroGoal) *Tree {
	t := &Tree{goals: goals, byID: make(map[int64]int32, len(goals)), children: make(map[treeKey][]int64)}
	for i, g := range goals {
		t.byID[g.ID] = int32(i)
	}
	for _, g := range goals {
		k := treeKey{g.ObjectiveID, g.ParentID}
		t.children[k] = append(t.children[k], g.ID)
	}
	for _, ids := range t.children {
		sort.Slice(ids, func(i, j int) bool {
			a, b := &t.goals[t.byID[ids[i]]], &t.goals[t.byID[ids[j]]]
			if a.Position != b.Position {
				return a.Position < b.Position
			}
			return a.ID < b.ID
		})
	}
	return t
}

// Goal returns the micro-goal with id.
func (t *Tree) Goal(id int64) (MicroGoal, bool) {
	i, ok := t.byID[id]
	if !ok {
		return MicroGoal{}, false
	}
	return t.goals[i], true
}

// parentOf returns the parent ID of id, and whether id is in the tree.
func (t *Tree) parentOf(id int64) (int64, bool) {
	i, ok := t.byID[id]
	if !ok {
		return 0, false
	}
	return t.goals[i].ParentID, true
}

// Len is the number of micro-goals in the tree.
func (t *Tree) Len() int { return len(t.byID) }

// Children returns the IDs of the direct sub-steps of parent under objective, in path order.
// parent zero means the steps directly under the objective.
func (t *Tree) Children(objectiveID, parentID int64) []int64 {
	return t.children[treeKey{objectiveID, parentID}]
}

// Depth is 1 for a step directly under its objective, 2 for its sub-steps, and so on.
func (t *Tree) Depth(id int64) int {
	d := 0
	for id != 0 {
		p, ok := t.parentOf(id)
		if !ok {
			break
		}
		d++
		id = p
	}
	return d
}

// Height is the number of levels in the subtree rooted at id, 1 for a step without sub-steps.
func (t *Tree) Height(id int64) int {
	g, ok := t.Goal(id)
	if !ok {
		return 0
	}
	h := 0
	for _, c := range t.Children(g.ObjectiveID, id) {
		if ch := t.Height(c); ch > h {
			h = ch
		}
	}
	return h + 1
}

// Descendants returns the IDs of every sub-step under id, depth first in path order.
func (t *Tree) Descendants(id int64) []int64 {
	g, ok := t.Goal(id)
	if !ok {
		return nil
	}
	var out []int64
	var walk func(int64)
	walk = func(p int64) {
		for _, c := range t.Children(g.ObjectiveID, p) {
			out = append(out, c)
			walk(c)
		}
	}
	walk(id)
	return out
}

// IsAncestor reports whether a is b or one of b's ancestors.
func (t *Tree) IsAncestor(a, b int64) bool {
	for b != 0 {
		if a == b {
			return true
		}
		p, ok := t.parentOf(b)
		if !ok {
			return false
		}
		b = p
	}
	return false
}

// CheckPlacement says whether the step id may be placed under parentID (zero for the top of
// an objective): never into itself or its own sub-steps, never deeper than MaxDepth.
func (t *Tree) CheckPlacement(id, parentID int64) error {
	if _, ok := t.byID[id]; !ok {
		return ErrNotFound
	}
	if parentID != 0 {
		if _, ok := t.byID[parentID]; !ok {
			return ErrNotFound
		}
		if t.IsAncestor(id, parentID) {
			return ErrMoveIntoItself
		}
	}
	if t.Depth(parentID)+t.Height(id) > MaxDepth {
		return ErrTooDeep
	}
	return nil
}

// Progress is the share of an objective's micro-goals that are done, counting every level and
// leaving dropped steps out. Done and Total are the counts behind it.
type Progress struct {
	Done, Total int
}

// Fraction is Done/Total, or 0 when there is nothing to do yet.
func (p Progress) Fraction() float64 {
	if p.Total == 0 {
		return 0
	}
	return float64(p.Done) / float64(p.Total)
}

// ObjectiveProgress counts the done and countable micro-goals of each objective.
func ObjectiveProgress(goals []MicroGoal) map[int64]Progress {
	out := make(map[int64]Progress)
	for _, g := range goals {
		if g.Status == StatusDropped {
			continue
		}
		p := out[g.ObjectiveID]
		p.Total++
		if g.Status == StatusDone {
			p.Done++
		}
		out[g.ObjectiveID] = p
	}
	return out
}
