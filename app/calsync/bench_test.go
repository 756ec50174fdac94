package calsync

import (
	"fmt"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
)

// plan1000 fills a device with one objective and 1,000 steps with the usual fields.
func plan1000(b *testing.B, d *device) []model.MicroGoal {
	b.Helper()
	obj, err := d.store.CreateObjective(ctx, model.NewObjective("Run the project", start))
	if err != nil {
		b.Fatal(err)
	}
	var goals []model.MicroGoal
	for i := range 1000 {
		g := fullGoal(obj.ID, 0, fmt.Sprintf("Do step %04d", i))
		g.Due = start.Add(time.Duration(i) * time.Hour)
		saved, err := d.store.CreateGoal(ctx, g, 0)
		if err != nil {
			b.Fatal(err)
		}
		goals = append(goals, saved)
	}
	return goals
}

// BenchmarkFirstSync1000 is the first sync of a plan of 1,000 steps to an empty task list.
func BenchmarkFirstSync1000(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		d := newDevice(b, newTaskList(b), "a")
		plan1000(b, d)
		b.StartTimer()
		if res := d.sync(b); res.Sent != 1001 {
			b.Fatalf("sent %d", res.Sent)
		}
	}
}

// BenchmarkSyncNothingChanged is a sync of 1,000 synced steps when neither side changed
// (target: under 300 ms).
func BenchmarkSyncNothingChanged(b *testing.B) {
	d := newDevice(b, newTaskList(b), "a")
	plan1000(b, d)
	d.sync(b)
	d.sync(b)
	for b.Loop() {
		if res := d.sync(b); res.Sent+res.Received != 0 {
			b.Fatalf("did something: %v", res)
		}
	}
}

// BenchmarkSyncAfterOneChange is a sync of 1,000 synced steps after one of them changed
// here; a second device receives it.
func BenchmarkSyncAfterOneChange(b *testing.B) {
	acct := newTaskList(b)
	d := newDevice(b, acct, "a")
	goals := plan1000(b, d)
	d.sync(b)
	d.sync(b)
	other := newDevice(b, acct, "b")
	other.sync(b)
	i := 0
	for b.Loop() {
		b.StopTimer()
		g := goals[i%len(goals)]
		g.Outcome = fmt.Sprintf("Changed %d", i)
		if _, err := d.store.UpdateGoal(ctx, g); err != nil {
			b.Fatal(err)
		}
		i++
		b.StartTimer()
		if res := d.sync(b); res.Sent != 1 {
			b.Fatalf("sent %d", res.Sent)
		}
		if res := other.sync(b); res.Received != 1 {
			b.Fatalf("received %d", res.Received)
		}
	}
}
