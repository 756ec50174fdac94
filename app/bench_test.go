package app

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/microgoals/microgoals/storage"
)

// benchUI opens the window headless on a 10,000-goal demo database.
func benchUI(b *testing.B) *UI {
	b.Helper()
	path := filepath.Join(b.TempDir(), "demo.db")
	st, err := storage.Open(path, storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if err := st.GenerateDemo(context.Background(), time.Now(), 10000, 0, 1); err != nil {
		b.Fatal(err)
	}
	u := New(test.NewTempApp(b), st, Config{})
	if err := u.Load(); err != nil {
		b.Fatal(err)
	}
	u.Window().Resize(fyne.NewSize(1240, 760))
	return u
}

// BenchmarkOutlineAfterMove10k is what the user waits for after dropping a step in a
// 10,000-goal plan: the durable move, re-reading the plan and re-rendering the outline.
func BenchmarkOutlineAfterMove10k(b *testing.B) {
	u := benchUI(b)
	obj := u.data.Objectives[0].ID
	kids := u.tree.Children(obj, 0)
	first, second := kids[0], kids[1]
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		// Alternate the first two steps so every iteration is a real move.
		id, before := second, first
		if i%2 == 1 {
			id, before = first, second
		}
		if !u.moveGoal(id, placement{objectiveID: obj, beforeID: before}) {
			b.Fatal("move refused")
		}
	}
}

// BenchmarkOutlineRender10k is re-rendering the outline from a plan already in memory.
func BenchmarkOutlineRender10k(b *testing.B) {
	u := benchUI(b)
	b.ResetTimer()
	for b.Loop() {
		u.setData(u.data)
	}
}
