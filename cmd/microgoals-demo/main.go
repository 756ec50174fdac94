// Command microgoals-demo fills a Microgoals database with realistic demonstration data:
// objectives, nested micro-goals around today, and metric entries. It is for screenshots,
// manual testing and benchmarks; it refuses to add to a database that already holds
// objectives unless told to with --force.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "microgoals-demo:", err)
		os.Exit(1)
	}
}

func run() error {
	dbPath := flag.String("db", "", "database file to write (required; created when missing)")
	goals := flag.Int("goals", 60, "number of micro-goals to write")
	entries := flag.Int("entries", 200, "number of metric entries to write")
	seed := flag.Int64("seed", 1, "random seed; the same seed writes the same data")
	force := flag.Bool("force", false, "add demo data even when the database already has objectives")
	path := flag.Int("path", 0, "instead of the demo plan, write one objective whose `N` micro-goals form a flat path (Step 1 … Step N), for move tests and benchmarks")
	flag.Parse()
	if *dbPath == "" || flag.NArg() > 0 {
		flag.Usage()
		return fmt.Errorf("give the database file with --db PATH")
	}
	if *goals < 0 || *entries < 0 {
		return fmt.Errorf("--goals and --entries cannot be negative")
	}

	ctx := context.Background()
	s, err := storage.Open(*dbPath, storage.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	before, err := s.LoadOutline(ctx)
	if err != nil {
		return err
	}
	trash, err := s.Trash(ctx)
	if err != nil {
		return err
	}
	if (len(before.Objectives) > 0 || len(trash) > 0) && !*force {
		return fmt.Errorf("“%s” already holds %d objectives (and %d batches in the trash); nothing was written — use --force to add demo data anyway, or choose a new file",
			s.Path(), len(before.Objectives), len(trash))
	}
	start := time.Now()
	if *path > 0 {
		steps := make([]model.MicroGoal, *path)
		for i := range steps {
			steps[i] = model.NewMicroGoal(0, 0, fmt.Sprintf("Step %d of the path", i+1), start)
		}
		if _, err := s.CreateObjectiveWithGoals(ctx, model.NewObjective("Walk the path one step at a time", start), steps); err != nil {
			return err
		}
		*entries = 0
	} else if err := s.GenerateDemo(ctx, time.Now(), *goals, *entries, *seed); err != nil {
		return err
	}
	after, err := s.LoadOutline(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("wrote %d objectives, %d micro-goals and %d metric entries to %s in %v\n",
		len(after.Objectives)-len(before.Objectives), len(after.Goals)-len(before.Goals), *entries,
		s.Path(), time.Since(start).Round(time.Millisecond))
	return nil
}
