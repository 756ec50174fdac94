package model

import (
	"errors"
	"testing"
)

func TestPositionBetween(t *testing.T) {
	tests := []struct {
		prev, next       int64
		hasPrev, hasNext bool
		want             int64
		ok               bool
	}{
		{0, 0, false, false, PositionGap, true},
		{5 * PositionGap, 0, true, false, 6 * PositionGap, true},
		{0, 4, false, true, 2, true},
		{0, 1, false, true, 0, false},
		{10, 20, true, true, 15, true},
		{10, 12, true, true, 11, true},
		{10, 11, true, true, 0, false},
	}
	for _, tc := range tests {
		got, ok := PositionBetween(tc.prev, tc.hasPrev, tc.next, tc.hasNext)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("PositionBetween(%d,%v,%d,%v) = %d,%v want %d,%v", tc.prev, tc.hasPrev, tc.next, tc.hasNext, got, ok, tc.want, tc.ok)
		}
		if ok && tc.hasPrev && got <= tc.prev || ok && tc.hasNext && got >= tc.next {
			t.Errorf("PositionBetween(%d,%d) = %d is not strictly between", tc.prev, tc.next, got)
		}
	}
	r := Renumber(3)
	if len(r) != 3 || r[0] != PositionGap || r[2] != 3*PositionGap {
		t.Errorf("Renumber(3) = %v", r)
	}
}

// sampleTree is objective 1: a(1) [b(2) [c(3)]], d(4); objective 2: e(5).
func sampleTree() *Tree {
	return NewTree([]MicroGoal{
		{ID: 4, ObjectiveID: 1, Position: 20},
		{ID: 1, ObjectiveID: 1, Position: 10},
		{ID: 2, ObjectiveID: 1, ParentID: 1, Position: 10},
		{ID: 3, ObjectiveID: 1, ParentID: 2, Position: 10},
		{ID: 5, ObjectiveID: 2, Position: 10},
	})
}

func TestTree(t *testing.T) {
	tr := sampleTree()
	if got := tr.Children(1, 0); len(got) != 2 || got[0] != 1 || got[1] != 4 {
		t.Errorf("children of objective 1 = %v", got)
	}
	if d := tr.Depth(3); d != 3 {
		t.Errorf("depth(3) = %d", d)
	}
	if h := tr.Height(1); h != 3 {
		t.Errorf("height(1) = %d", h)
	}
	if got := tr.Descendants(1); len(got) != 2 || got[0] != 2 || got[1] != 3 {
		t.Errorf("descendants(1) = %v", got)
	}
	if !tr.IsAncestor(1, 3) || tr.IsAncestor(3, 1) || !tr.IsAncestor(2, 2) {
		t.Error("IsAncestor wrong")
	}
	tests := []struct {
		id, parent int64
		want       error
	}{
		{4, 3, nil},
		{1, 3, ErrMoveIntoItself},
		{1, 1, ErrMoveIntoItself},
		{3, 0, nil},
		{9, 0, ErrNotFound},
		{4, 9, ErrNotFound},
	}
	for _, tc := range tests {
		if err := tr.CheckPlacement(tc.id, tc.parent); !errors.Is(err, tc.want) {
			t.Errorf("CheckPlacement(%d,%d) = %v, want %v", tc.id, tc.parent, err, tc.want)
		}
	}
}

func TestCheckPlacementDepth(t *testing.T) {
	// A chain 1 → 2 → … → MaxDepth, and a step 100 with one sub-step.
	var goals []MicroGoal
	for i := 1; i <= MaxDepth; i++ {
		goals = append(goals, MicroGoal{ID: int64(i), ObjectiveID: 1, ParentID: int64(i - 1)})
	}
	goals = append(goals, MicroGoal{ID: 100, ObjectiveID: 1}, MicroGoal{ID: 101, ObjectiveID: 1, ParentID: 100})
	tr := NewTree(goals)
	if err := tr.CheckPlacement(100, MaxDepth-2); err != nil {
		t.Errorf("two levels under depth %d should fit: %v", MaxDepth-2, err)
	}
	if err := tr.CheckPlacement(100, MaxDepth-1); !errors.Is(err, ErrTooDeep) {
		t.Errorf("two levels under depth %d should be too deep, got %v", MaxDepth-1, err)
	}
}

func TestObjectiveProgress(t *testing.T) {
	p := ObjectiveProgress([]MicroGoal{
		{ObjectiveID: 1, Status: StatusDone},
		{ObjectiveID: 1, Status: StatusOpen},
		{ObjectiveID: 1, Status: StatusDropped},
		{ObjectiveID: 2, Status: StatusOpen},
	})
	if p[1] != (Progress{Done: 1, Total: 2}) || p[1].Fraction() != 0.5 {
		t.Errorf("objective 1 progress = %+v", p[1])
	}
	if p[2].Fraction() != 0 || p[3].Fraction() != 0 {
		t.Errorf("fractions: %v %v", p[2], p[3])
	}
}
