package storage

import (
	"sync"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
)

// seriesData is the demo plan of 10,000 micro-goals and 100,000 metric entries, generated
// once for all the series benchmarks.
var seriesData struct {
	once    sync.Once
	now     time.Time
	out     Outline
	rows    []model.MetricRow
	sprints []model.Sprint
}

func loadSeriesData(b *testing.B) {
	seriesData.once.Do(func() {
		s := benchStore(b)
		seriesData.now = time.Now()
		var err error
		if seriesData.out, err = s.LoadOutline(ctx); err != nil {
			b.Fatal(err)
		}
		if seriesData.rows, err = s.MetricRows(ctx, 0); err != nil {
			b.Fatal(err)
		}
		if seriesData.sprints, err = s.Sprints(ctx); err != nil {
			b.Fatal(err)
		}
	})
	if len(seriesData.rows) != 100000 {
		b.Fatalf("want 100,000 entries, have %d", len(seriesData.rows))
	}
}

func BenchmarkSeriesMetricProgress100k(b *testing.B) {
	loadSeriesData(b)
	// All 100,000 entries as one goal's log: the worst case for one chart.
	log := make([]model.MetricEntry, len(seriesData.rows))
	for i, r := range seriesData.rows {
		log[i] = r.Entry
		log[i].GoalID = 1
	}
	g := model.MicroGoal{ID: 1, CreatedAt: seriesData.now.AddDate(0, -3, 0), Due: seriesData.now.AddDate(0, 1, 0), DueHasTime: true,
		Metric: model.Metric{Kind: model.MetricQuantitative, Unit: "minutes", Target: 1e6}}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if p := model.MetricProgressOf(g, log, time.Local, seriesData.now); len(p.Points) == 0 {
			b.Fatal("no points")
		}
	}
}

func BenchmarkSeriesBurnUp10k(b *testing.B) {
	loadSeriesData(b)
	obj := seriesData.out.Objectives[0].ID
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if bu := model.BurnUpOf(seriesData.out.Goals, obj, time.Local, seriesData.now); bu.Total == 0 {
			b.Fatal("empty burn-up")
		}
	}
}

func BenchmarkSeriesDailyWins10k(b *testing.B) {
	loadSeriesData(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if w := model.DailyWinsOf(seriesData.out.Goals, time.Local, seriesData.now); w.Total == 0 {
			b.Fatal("no wins")
		}
	}
}

func BenchmarkSeriesPatterns10k(b *testing.B) {
	loadSeriesData(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if p := model.PatternsOf(seriesData.out.Goals, seriesData.sprints, time.Local); p.Completions == 0 || p.SprintMinutes == 0 {
			b.Fatal("no patterns")
		}
	}
}

func BenchmarkMetricRowsAll100k(b *testing.B) {
	s := benchStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if rows, err := s.MetricRows(ctx, 0); err != nil || len(rows) != 100000 {
			b.Fatal(err, len(rows))
		}
	}
}
