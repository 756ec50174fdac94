package storage

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"slices"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
)

// refTree is the tiny reference the property test holds PlaceGoal to: for each place
// (objective, parent) the ordered list of its children, nothing else.
type refTree struct {
	kids   map[[2]int64][]int64 // {objective, parent} → children in order
	parent map[int64][2]int64   // id → {objective, parent}
}

func (r *refTree) remove(id int64) {
	at := r.parent[id]
	r.kids[at] = slices.DeleteFunc(r.kids[at], func(x int64) bool { return x == id })
}

func (r *refTree) depth(id int64) int {
	d := 0
	for id != 0 {
		d++
		id = r.parent[id][1]
	}
	return d
}

func (r *refTree) height(obj, id int64) int {
	h := 0
	for _, c := range r.kids[[2]int64{obj, id}] {
		h = max(h, r.height(obj, c))
	}
	return h + 1
}

func (r *refTree) isAncestor(a, b int64) bool {
	for b != 0 {
		if a == b {
			return true
		}
		b = r.parent[b][1]
	}
	return false
}

// move applies a placement the way the product defines it, or says why it is refused.
func (r *refTree) move(id, obj, parent, before int64) error {
	at := r.parent[id]
	if before == id {
		if at == [2]int64{obj, parent} {
			return nil
		}
		return ErrWrongObjective
	}
	if parent != 0 {
		if r.parent[parent][0] != obj {
			return ErrWrongObjective
		}
		if r.isAncestor(id, parent) {
			return model.ErrMoveIntoItself
		}
	}
	if r.depth(parent)+r.height(at[0], id) > model.MaxDepth {
		return model.ErrTooDeep
	}
	dest := [2]int64{obj, parent}
	if before != 0 && !slices.Contains(r.kids[dest], before) {
		return ErrWrongObjective
	}
	r.remove(id)
	list := r.kids[dest]
	i := len(list)
	if before != 0 {
		i = slices.Index(list, before)
	}
	r.kids[dest] = slices.Insert(list, i, id)
	r.parent[id] = dest
	if at[0] != obj {
		r.setObjective(at[0], id, obj)
	}
	return nil
}

// setObjective carries a moved step's sub-steps into its new objective.
func (r *refTree) setObjective(from, id, to int64) {
	kids := r.kids[[2]int64{from, id}]
	delete(r.kids, [2]int64{from, id})
	if len(kids) > 0 {
		r.kids[[2]int64{to, id}] = kids
	}
	for _, c := range kids {
		r.parent[c] = [2]int64{to, id}
		r.setObjective(from, c, to)
	}
}

// TestPlaceGoalMatchesReference applies thousands of random moves to the real store and to the
// reference; the stored tree must always equal the reference, keep every node, have no cycle,
// and order siblings strictly by position.
func TestPlaceGoalMatchesReference(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	rng := rand.New(rand.NewSource(42))
	ref := &refTree{kids: map[[2]int64][]int64{}, parent: map[int64][2]int64{}}
	var objectives, goals []int64
	for i := 0; i < 3; i++ {
		o, err := s.CreateObjective(ctx, model.NewObjective(fmt.Sprintf("Reach objective %d", i), time.Now()))
		if err != nil {
			t.Fatal(err)
		}
		objectives = append(objectives, o.ID)
	}
	for i := 0; i < 40; i++ {
		obj := objectives[rng.Intn(len(objectives))]
		var parent int64
		if len(goals) > 0 && rng.Intn(2) == 0 {
			p := goals[rng.Intn(len(goals))]
			if ref.parent[p][0] == obj && ref.depth(p) < 3 {
				parent = p
			}
		}
		g, err := s.CreateGoal(ctx, model.NewMicroGoal(obj, parent, fmt.Sprintf("Do step %d", i), time.Now()), 0)
		if err != nil {
			t.Fatal(err)
		}
		goals = append(goals, g.ID)
		key := [2]int64{obj, parent}
		ref.kids[key] = append(ref.kids[key], g.ID)
		ref.parent[g.ID] = key
	}

	moves, refused := 3000, 0
	if testing.Short() {
		moves = 300
	}
	for n := 0; n < moves; n++ {
		id := goals[rng.Intn(len(goals))]
		obj := objectives[rng.Intn(len(objectives))]
		var parent, before int64
		if rng.Intn(3) > 0 {
			parent = goals[rng.Intn(len(goals))]
			if rng.Intn(4) > 0 {
				obj = ref.parent[parent][0] // mostly a parent in the right objective
			}
		}
		if sibs := ref.kids[[2]int64{obj, parent}]; len(sibs) > 0 && rng.Intn(4) > 0 {
			before = sibs[rng.Intn(len(sibs))]
		} else if rng.Intn(10) == 0 {
			before = goals[rng.Intn(len(goals))] // often not a sibling there
		}
		want := ref.move(id, obj, parent, before)
		_, got := s.PlaceGoal(ctx, id, obj, parent, before)
		if (want == nil) != (got == nil) || (want != nil && !errors.Is(got, want)) {
			t.Fatalf("move %d: PlaceGoal(%d, obj %d, parent %d, before %d) = %v, reference says %v", n, id, obj, parent, before, got, want)
		}
		if got != nil {
			refused++
		}
		if n%100 == 99 || n == moves-1 {
			checkAgainstReference(t, s, ref, objectives, len(goals))
		}
	}
	if refused == 0 || refused == moves {
		t.Fatalf("%d of %d moves refused: the generator does not exercise both paths", refused, moves)
	}
}

func checkAgainstReference(t *testing.T, s *Store, ref *refTree, objectives []int64, n int) {
	t.Helper()
	out, err := s.LoadOutline(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Goals) != n {
		t.Fatalf("%d goals stored, want %d", len(out.Goals), n)
	}
	// The outline comes in the order of the outline index, whatever order the rows are in.
	rows, err := s.db.Query(`SELECT id FROM micro_goals WHERE trash_id IS NULL ORDER BY objective_id, parent_id, position, id`)
	if err != nil {
		t.Fatal(err)
	}
	var wantOrder, gotOrder []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		wantOrder = append(wantOrder, id)
	}
	rows.Close()
	for _, g := range out.Goals {
		gotOrder = append(gotOrder, g.ID)
	}
	if !slices.Equal(gotOrder, wantOrder) {
		t.Fatalf("LoadOutline order %v, the outline index's %v", gotOrder, wantOrder)
	}
	byID := map[int64]model.MicroGoal{}
	for _, g := range out.Goals {
		byID[g.ID] = g
	}
	tree := model.NewTree(out.Goals)
	seen := 0
	var walk func(obj, parent int64, depth int)
	walk = func(obj, parent int64, depth int) {
		got := tree.Children(obj, parent)
		if depth > model.MaxDepth && len(got) > 0 {
			t.Fatalf("nesting deeper than %d under %d", model.MaxDepth, parent)
		}
		want := ref.kids[[2]int64{obj, parent}]
		if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("children of (%d, %d) = %v, reference %v", obj, parent, got, want)
		}
		for i, id := range got {
			if i > 0 && byID[got[i-1]].Position >= byID[id].Position {
				t.Fatalf("siblings %d and %d are not strictly ordered by position", got[i-1], id)
			}
			seen++
			walk(obj, id, depth+1)
		}
	}
	for _, o := range objectives {
		walk(o, 0, 1)
	}
	if seen != n {
		t.Fatalf("walked %d goals from the roots, stored %d: a cycle or a lost node", seen, n)
	}
}
