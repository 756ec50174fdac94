package storage

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/microgoals/microgoals/model"
)

// Tags, notes and the completion context are stored on create and update and read back by
// both ways of reading a step (one step, and the whole outline).
func TestTagsAndNotesAreStored(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "tags.db"))
	o, err := s.CreateObjective(ctx, model.Objective{Title: "Write a book", Status: model.ObjectiveActive, Notes: "See [outline](https://example.com)"})
	if err != nil {
		t.Fatal(err)
	}
	g := model.NewMicroGoal(o.ID, 0, "Draft chapter one", stillClock())
	g.Tags, g.Notes = []string{"writing", "@home"}, "**bold** start"
	g, err = s.CreateGoal(ctx, g, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(g.Tags, []string{"writing", "@home"}) || g.Notes != "**bold** start" {
		t.Fatalf("created: tags %q notes %q", g.Tags, g.Notes)
	}
	g.Tags, g.Notes, g.DoneWhere, g.DoneWith = []string{"@library"}, "", "library", "Sam"
	if _, err := s.UpdateGoal(ctx, g); err != nil {
		t.Fatal(err)
	}
	out, err := s.LoadOutline(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := out.Goals[0]
	if !slices.Equal(got.Tags, []string{"@library"}) || got.Notes != "" || got.DoneWhere != "library" || got.DoneWith != "Sam" {
		t.Fatalf("updated: %+v", got)
	}
	if out.Objectives[0].Notes != "See [outline](https://example.com)" {
		t.Fatalf("objective notes %q", out.Objectives[0].Notes)
	}
	o.Notes = "changed"
	if o, err = s.UpdateObjective(ctx, out.Objectives[0]); err != nil || o.Notes != "See [outline](https://example.com)" {
		t.Fatalf("update kept notes? %q %v", o.Notes, err)
	}
	o.Notes = "changed"
	if o, err = s.UpdateObjective(ctx, o); err != nil || o.Notes != "changed" {
		t.Fatalf("objective notes not updated: %q %v", o.Notes, err)
	}
}
