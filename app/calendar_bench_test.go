package app

import (
	"context"
	"path/filepath"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin on machines without a zone database

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// benchPlan opens a demo database of 10,000 micro-goals (a few dozen of them repeating) in
// Europe/Berlin with the test clock.
func benchPlan(b *testing.B) (*storage.Store, *time.Location) {
	b.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		b.Fatal(err)
	}
	st, err := storage.Open(filepath.Join(b.TempDir(), "bench.db"), storage.Options{Location: loc, Now: func() time.Time { return clock }})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	ctx := context.Background()
	if err := st.GenerateDemo(ctx, clock, 10000, 1000, 1); err != nil {
		b.Fatal(err)
	}
	out, err := st.LoadOutline(ctx)
	if err != nil {
		b.Fatal(err)
	}
	rules := []string{"FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "FREQ=MONTHLY"}
	n := 0
	for _, g := range out.Goals {
		if g.Horizon == model.HorizonDay && g.HasDue() && n < 40 {
			g.Repeat = rules[n%len(rules)]
			if _, err := st.UpdateGoal(ctx, g); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	return st, loc
}

// BenchmarkBucketMonthFromDemo10k is the work behind one month on screen: the occurrences of
// 10,000 micro-goals (with the stored exceptions of the repeating ones) bucketed into days,
// week bands and the month strip.
func BenchmarkBucketMonthFromDemo10k(b *testing.B) {
	st, loc := benchPlan(b)
	out, err := st.LoadOutline(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	tree := model.NewTree(out.Goals)
	today := model.DateOf(clock, loc)
	grid := model.NewMonthGrid(today.Year, today.Month, time.Monday)
	from, to := grid.Range()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		ex, err := st.Exceptions(context.Background(), from, to)
		if err != nil {
			b.Fatal(err)
		}
		cm := model.BucketMonth(grid, model.Occurrences(out.Goals, from, to, model.NewExceptions(ex), loc), tree, model.DefaultAnchors())
		if len(cm.Rows) < 4 {
			b.Fatal("no rows")
		}
	}
}

// BenchmarkCalendarSwitchMonth is one PageDown in the month view of the 10,000-goal plan:
// bucketing plus updating the cells and bands and laying them out.
func BenchmarkCalendarSwitchMonth(b *testing.B) {
	st, loc := benchPlan(b)
	a := test.NewTempApp(b)
	u := New(a, st, Config{Now: func() time.Time { return clock }, Location: loc})
	if err := u.Load(); err != nil {
		b.Fatal(err)
	}
	u.Window().Resize(fyne.NewSize(1240, 760))
	u.selectView("Calendar")
	cv := u.views[1].view.(*calendarView)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		// Back and forth over the demo's busy months.
		if i%4 < 2 {
			cv.step(1)
		} else {
			cv.step(-1)
		}
		i++
		test.WidgetRenderer(cv.keys).Layout(cv.keys.Size())
	}
}
