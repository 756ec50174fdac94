package app

import (
	"math/rand"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// BenchmarkSearchKeystroke10k is what the user waits for on each key typed into the outline's
// search in a 10,000-goal plan: the key reaches the entry, the filter runs against the index
// and the outline's rows are rebuilt and redrawn. The keys alternate typing "interview" and
// erasing it, so every iteration is one real keystroke that changes the result.
func BenchmarkSearchKeystroke10k(b *testing.B) {
	u := benchUI(b)
	e := u.outline.search.entry
	u.win.Canvas().Focus(e)
	const word = "interview"
	test.Type(e, "i") // the index is built on the first keystroke, as when the user starts
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	b.ResetTimer()
	done := cpuPerOp(b)
	for i := 0; b.Loop(); i++ {
		k := i % (2 * len(word))
		if k < len(word) {
			e.TypedRune(rune(word[k]))
		} else {
			e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
		}
	}
	b.StopTimer()
	done()
	if e.Text != "" && len(e.Text) > len(word) {
		b.Fatalf("the search holds %q", e.Text)
	}
}

// BenchmarkPlacesCharts100k is the patterns by place and by collaborator of 100,000 entries
// (50,000 done steps and 50,000 sprints, as the Charts tab gets them from storage) grouped and
// drawn as the tab's six bar charts.
func BenchmarkPlacesCharts100k(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	places := []string{"home", "library", "café", "office", "train", ""}
	people := []string{"Sam", "Maria", "Alex", "coach", ""}
	goals := make([]model.MicroGoal, 50000)
	for i := range goals {
		at := clock.Add(-time.Duration(rng.Intn(90*24)) * time.Hour)
		goals[i] = model.MicroGoal{ID: int64(i + 1), Status: model.StatusDone, DoneAt: at, Due: at.Add(time.Duration(rng.Intn(96)-48) * time.Hour),
			DueHasTime: true, DoneWhere: places[rng.Intn(len(places))], DoneWith: people[rng.Intn(len(people))], Tags: []string{"writing", "@home"}}
	}
	sprints := make([]model.Sprint, 50000)
	for i := range sprints {
		at := clock.Add(-time.Duration(rng.Intn(90*24)) * time.Hour)
		sprints[i] = model.Sprint{StartedAt: at, EndedAt: at.Add(25 * time.Minute), PlannedMinutes: 25,
			Environment: places[rng.Intn(len(places))], Partner: people[rng.Intn(len(people))]}
	}
	st, err := storage.Open(filepath.Join(b.TempDir(), "plan.db"), storage.Options{Now: func() time.Time { return clock }})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	u := New(test.NewTempApp(b), st, Config{Now: func() time.Time { return clock }, Location: time.UTC})
	if err := u.Load(); err != nil {
		b.Fatal(err)
	}
	u.win.Resize(fyne.NewSize(1240, 760))
	u.selectView("Charts")
	var v *chartsView
	for _, tv := range u.views {
		if cv, ok := tv.view.(*chartsView); ok {
			v = cv
		}
	}
	b.ResetTimer()
	done := cpuPerOp(b)
	for b.Loop() {
		v.drawPlaces(model.ContextPatternsOf(goals, sprints, time.UTC))
	}
	b.StopTimer()
	done()
	if !containsText(v.places[0], "library") || !containsText(v.places[5], "coach") {
		b.Fatalf("the charts draw %q / %q", chartTexts(v.places[0]), chartTexts(v.places[5]))
	}
}

// cpuPerOp reports, besides the wall time, the CPU time the process spent per operation
// (user and system, every thread, from the timer's reset to the returned function's call).
// On a machine shared with other work the wall time counts the waits for a core too; the
// CPU time is what the operation itself costs.
func cpuPerOp(b *testing.B) func() {
	b.Helper()
	start := processCPU()
	return func() {
		b.ReportMetric(float64((processCPU()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
