package storage

import (
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
)

// benchStore opens a fresh database in a temp dir filled by GenerateDemo with 10,000
// micro-goals and 100,000 metric entries.
func benchStore(b *testing.B) *Store {
	b.Helper()
	s, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if err := s.GenerateDemo(ctx, time.Now(), 10000, 100000, 1); err != nil {
		b.Fatal(err)
	}
	return s
}

func BenchmarkLoadOutline10k(b *testing.B) {
	benchLoadOutline(b, benchStore(b))
}

func benchLoadOutline(b *testing.B, s *Store) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := s.LoadOutline(ctx)
		if err != nil || len(out.Goals) != 10000 {
			b.Fatal(err, len(out.Goals))
		}
	}
}

// The same outline after the user has reordered it: the rows no longer come off the table in
// the outline's order, so the load sorts them.
func BenchmarkLoadOutline10kReordered(b *testing.B) {
	s := benchStore(b)
	if _, err := s.db.Exec(`UPDATE micro_goals SET position = abs(random()) % 1000000000`); err != nil {
		b.Fatal(err)
	}
	benchLoadOutline(b, s)
}

func BenchmarkUpdateGoal(b *testing.B) {
	s := benchStore(b)
	g, err := s.Goal(ctx, 5000)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.EstimateMinutes = 10 + i%100
		if g, err = s.UpdateGoal(ctx, g); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCreateGoal(b *testing.B) {
	s := benchStore(b)
	out, _ := s.LoadOutline(ctx)
	o := out.Objectives[0].ID
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.CreateGoal(ctx, model.NewMicroGoal(o, 0, "Write the benchmark", time.Now()), 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlaceGoalWithin10kSiblings moves one step among 10,000 siblings under one
// objective: to the front, into the middle and to the end. Moving to the same spot again and
// again uses up the gap there, so the occasional renumbering of all siblings is included.
func BenchmarkPlaceGoalWithin10kSiblings(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "siblings.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := s.GenerateDemo(ctx, time.Now(), 0, 0, 1); err != nil {
		b.Fatal(err)
	}
	o, err := s.CreateObjective(ctx, model.NewObjective("Ten thousand steps", time.Now()))
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]int64, 10000)
	err = s.write(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO micro_goals (objective_id, position, title, created_at, updated_at)
			VALUES (?, ?, ?, 0, 0)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i, pos := range model.Renumber(len(ids)) {
			res, err := stmt.ExecContext(ctx, o.ID, pos, "Take step")
			if err != nil {
				return err
			}
			ids[i], _ = res.LastInsertId()
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("first", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			// Move a step from the back to the very front, before the previous front.
			if _, err := s.PlaceGoal(ctx, ids[len(ids)-1-i%5000], o.ID, 0, frontOf(b, s, o.ID)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("middle", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := s.PlaceGoal(ctx, ids[i%4000], o.ID, 0, ids[5000]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("last", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := s.PlaceGoal(ctx, ids[(i*7)%len(ids)], o.ID, 0, 0); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// frontOf returns the first step under objective, as the view would know it.
func frontOf(b *testing.B, s *Store, objective int64) int64 {
	var id int64
	if err := s.db.QueryRow(`SELECT id FROM micro_goals WHERE objective_id = ? AND parent_id IS NULL
		ORDER BY position, id LIMIT 1`, objective).Scan(&id); err != nil {
		b.Fatal(err)
	}
	return id
}
