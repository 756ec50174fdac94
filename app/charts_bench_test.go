package app

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// benchPlots builds the four plots from a demo plan of 10,000 micro-goals and 100,000 metric
// entries; the metric chart gets all 100,000 entries as one goal's log, its worst case.
func benchPlots(b *testing.B) map[string]plot {
	b.Helper()
	st, err := storage.Open(filepath.Join(b.TempDir(), "bench.db"), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	ctx := context.Background()
	now := time.Now()
	if err := st.GenerateDemo(ctx, now, 10000, 100000, 1); err != nil {
		b.Fatal(err)
	}
	out, err := st.LoadOutline(ctx)
	if err != nil {
		b.Fatal(err)
	}
	rows, err := st.MetricRows(ctx, 0)
	if err != nil {
		b.Fatal(err)
	}
	sprints, err := st.Sprints(ctx)
	if err != nil {
		b.Fatal(err)
	}
	log := make([]model.MetricEntry, len(rows))
	for i, r := range rows {
		log[i] = r.Entry
	}
	g := model.MicroGoal{CreatedAt: now.AddDate(0, -3, 0), Due: now.AddDate(0, 1, 0), DueHasTime: true,
		Metric: model.Metric{Kind: model.MetricQuantitative, Unit: "minutes", Target: 1e6}}
	p := model.PatternsOf(out.Goals, sprints, time.Local)
	hours := make([]float64, 24)
	for i := range hours {
		hours[i] = float64(p.CompletionsByHour[i])
	}
	labels := make([]string, 24)
	for i := range labels {
		labels[i] = "h"
	}
	return map[string]plot{
		"burnup":   &burnUpPlot{b: model.BurnUpOf(out.Goals, out.Objectives[0].ID, time.Local, now), loc: time.Local, now: now},
		"metric":   &metricPlot{p: model.MetricProgressOf(g, log, time.Local, now), now: now, loc: time.Local},
		"wins":     &heatPlot{w: model.DailyWinsOf(out.Goals, time.Local, now)},
		"patterns": &barPlot{title: "By hour of day", labels: labels, every: 3, values: hours, unit: "done", name: func(int) string { return "h" }},
	}
}

func BenchmarkChartDraw(b *testing.B) {
	test.NewTempApp(b)
	plots := benchPlots(b)
	for _, name := range []string{"burnup", "metric", "wins", "patterns"} {
		b.Run(name, func(b *testing.B) {
			c := newChart(plots[name], fyne.NewSize(100, 100))
			w := test.NewTempWindow(b, c)
			w.Resize(fyne.NewSize(640, 360))
			r := test.WidgetRenderer(c)
			// A hovered chart draws its readout too.
			c.hovering, c.hover = true, fyne.NewPos(300, 150)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				r.Layout(fyne.NewSize(600+float32(i%2), 320))
				c.Refresh()
			}
			if len(r.Objects()) < 10 {
				b.Fatalf("%s drew only %d objects", name, len(r.Objects()))
			}
		})
	}
}
