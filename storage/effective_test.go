package storage

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
)

// TestMetricTotalsApplyCorrections: log 12, correct it to 20, log 1 more: the report's total
// is 21 — the detail panel's — not 33.
func TestMetricTotalsApplyCorrections(t *testing.T) {
	s := openTest(t)
	o := mustObjective(t, s, "Write a book")
	g := mustGoal(t, s, o.ID, 0, "Write pages")
	g.Metric = model.Metric{Kind: model.MetricQuantitative, Unit: "pages", Target: 50}
	if _, err := s.UpdateGoal(ctx, g); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 3, 10, 10, 0, 0, 0, time.UTC)
	first, err := s.AddMetricEntry(ctx, model.MetricEntry{GoalID: g.ID, At: at, Value: 12})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddMetricEntry(ctx, model.MetricEntry{GoalID: g.ID, At: at, Value: 20, CorrectsID: first.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddMetricEntry(ctx, model.MetricEntry{GoalID: g.ID, At: at.Add(time.Hour), Value: 1}); err != nil {
		t.Fatal(err)
	}
	log, _ := s.MetricEntries(ctx, g.ID)
	if got := model.MetricTotal(log); got != 21 {
		t.Fatalf("detail total %v, want 21", got)
	}
	totals, err := s.MetricTotals(ctx, model.ReviewPeriod(at, time.UTC, model.PeriodWeek))
	if err != nil {
		t.Fatal(err)
	}
	if totals[g.ID] != 21 {
		t.Fatalf("report total %v, want 21 (corrections applied)", totals[g.ID])
	}
	// The report itself, from the model's report function.
	goals, _ := s.LoadOutline(ctx)
	rows := model.PeriodTotals(goals.Goals, totals)
	if len(rows) != 1 || rows[0].Total != 21 {
		t.Fatalf("report rows %+v", rows)
	}
	// The CSV's counts column sums to the same total, while value keeps the audit trail.
	var b bytes.Buffer
	if _, err := s.ExportCSV(ctx, &b, g.ID); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var sumValue, sumCounts float64
	for _, r := range recs[1:] {
		v, _ := strconv.ParseFloat(r[5], 64)
		c, _ := strconv.ParseFloat(r[10], 64)
		sumValue, sumCounts = sumValue+v, sumCounts+c
	}
	if sumValue != 33 || sumCounts != 21 {
		t.Fatalf("CSV sums: value %v (want the raw 33), counts %v (want 21)", sumValue, sumCounts)
	}
}

// TestNegativeValuesOnlyForMetricsThatCanGoDown.
func TestNegativeValuesOnlyForMetricsThatCanGoDown(t *testing.T) {
	s := openTest(t)
	o := mustObjective(t, s, "Get fit")
	g := mustGoal(t, s, o.ID, 0, "Lose weight")
	g.Metric = model.Metric{Kind: model.MetricQuantitative, Unit: "kg", Target: 5}
	g, err := s.UpdateGoal(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	var ve *ValidationError
	if _, err := s.AddMetricEntry(ctx, model.MetricEntry{GoalID: g.ID, Value: -1.5}); !errors.As(err, &ve) {
		t.Fatalf("negative value on a metric that cannot go down: %v", err)
	}
	g.Metric.CanDecrease = true
	if g, err = s.UpdateGoal(ctx, g); err != nil || !g.Metric.CanDecrease {
		t.Fatalf("allow decreases: %v, %v", g.Metric, err)
	}
	if _, err := s.AddMetricEntry(ctx, model.MetricEntry{GoalID: g.ID, Value: -1.5}); err != nil {
		t.Fatal(err)
	}
	out, _ := s.LoadOutline(ctx)
	if !out.Goals[0].Metric.CanDecrease {
		t.Fatal("the outline lost can-decrease")
	}
	// An import of a negative entry for a metric that cannot go down is refused.
	g.Metric.CanDecrease = false
	if _, err := s.UpdateGoal(ctx, g); err != nil {
		t.Fatal(err)
	}
	doc := exportJSON(t, s)
	other := openAt(t, t.TempDir()+"/other.db")
	if _, err := other.ImportJSON(ctx, bytes.NewReader(doc)); !errors.Is(err, ErrBadImport) {
		t.Fatalf("import of a negative entry: %v", err)
	}
}

// TestCancelledImportChangesNothing cancels an import half-way through its rows.
func TestCancelledImportChangesNothing(t *testing.T) {
	a := demoWithRituals(t, 600, 100)
	file := exportJSON(t, a)
	b := openAt(t, t.TempDir()+"/b.db")
	sum := dbChecksum(t, b)
	c, cancel := context.WithCancel(ctx)
	defer cancel()
	calls := 0
	_, err := b.ImportJSONProgress(c, bytes.NewReader(file), func(done, total int) {
		calls++
		if done*2 >= total {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || calls == 0 {
		t.Fatalf("cancelled import: %v after %d progress calls", err, calls)
	}
	if dbChecksum(t, b) != sum {
		t.Fatal("a cancelled import changed the plan")
	}
}
