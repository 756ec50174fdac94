package model

import (
	"testing"
	"time"
	_ "time/tzdata" // the named zones below must load on machines without a zone database
)

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestMonthGridBoundaries(t *testing.T) {
	cases := []struct {
		name       string
		y          int
		m          time.Month
		first      time.Weekday
		rows       int
		from, to   Date
		firstWeeks []int // ISO week of each row
	}{
		// 2026-02 starts on a Sunday: with Monday weeks the first row begins in January.
		{"feb 2026 monday", 2026, time.February, time.Monday, 5, D(2026, 1, 26), D(2026, 3, 1), []int{5, 6, 7, 8, 9}},
		{"feb 2026 sunday", 2026, time.February, time.Sunday, 4, D(2026, 2, 1), D(2026, 2, 28), []int{6, 7, 8, 9}}, // each row is numbered by its Monday-to-Saturday majority,
		// Leap February 2028: the 29th is a Tuesday.
		{"feb 2028 leap", 2028, time.February, time.Monday, 5, D(2028, 1, 31), D(2028, 3, 5), []int{5, 6, 7, 8, 9}},
		// December 2026 runs into ISO week 53 (2026 has 53 ISO weeks) and into January 2027.
		{"dec 2026 week 53", 2026, time.December, time.Monday, 5, D(2026, 11, 30), D(2027, 1, 3), []int{49, 50, 51, 52, 53}},
		// January 2027 begins inside week 53 of 2026.
		{"jan 2027", 2027, time.January, time.Monday, 5, D(2026, 12, 28), D(2027, 1, 31), []int{53, 1, 2, 3, 4}},
		// March 2026 with Monday weeks needs six rows (the 1st is a Sunday, the 31st a Tuesday).
		{"mar 2026 six rows", 2026, time.March, time.Monday, 6, D(2026, 2, 23), D(2026, 4, 5), []int{9, 10, 11, 12, 13, 14}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := NewMonthGrid(c.y, c.m, c.first)
			if len(g.Weeks) != c.rows {
				t.Fatalf("rows = %d, want %d", len(g.Weeks), c.rows)
			}
			from, to := g.Range()
			if from != c.from || to != c.to {
				t.Fatalf("range = %v..%v, want %v..%v", from, to, c.from, c.to)
			}
			for i, w := range g.Weeks {
				if w.Days[0].Weekday() != c.first {
					t.Errorf("row %d starts on %v", i, w.Days[0].Weekday())
				}
				if w.ISOWeek != c.firstWeeks[i] {
					t.Errorf("row %d ISO week = %d, want %d", i, w.ISOWeek, c.firstWeeks[i])
				}
				for j := 1; j < 7; j++ {
					if w.Days[j-1].AddDays(1) != w.Days[j] {
						t.Errorf("row %d not consecutive at %d", i, j)
					}
				}
			}
			if !g.InMonth(D(c.y, c.m, 1)) || g.InMonth(D(c.y, c.m+1, 1)) {
				t.Error("InMonth wrong")
			}
		})
	}
}

func TestDateArithmeticAcrossDST(t *testing.T) {
	for _, zone := range []string{"Europe/Berlin", "America/New_York"} {
		loc := mustZone(t, zone)
		// A week that crosses the spring change (Berlin 2026-03-29, New York 2026-03-08) and
		// one that crosses the autumn change (Berlin 2026-10-25, New York 2026-11-01).
		for _, start := range []Date{D(2026, 3, 23), D(2026, 3, 2), D(2026, 10, 19), D(2026, 10, 26)} {
			w := NewWeek(start)
			for i, d := range w.Days {
				if got := DateOf(d.Start(loc), loc); got != d {
					t.Errorf("%s: start of %v is on %v", zone, d, got)
				}
				// 23:30 is still the same day even on a 23- or 25-hour day.
				if got := DateOf(d.At(23, 30, loc), loc); got != d {
					t.Errorf("%s: 23:30 of %v is on %v", zone, d, got)
				}
				if start.DaysUntil(d) != i {
					t.Errorf("%s: DaysUntil(%v) = %d", zone, d, start.DaysUntil(d))
				}
			}
		}
	}
}

func daily(id, objective, parent int64, due time.Time) MicroGoal {
	g := NewMicroGoal(objective, parent, "Write 500 words", due)
	g.ID, g.Due, g.DueHasTime, g.Position = id, due, true, id
	return g
}

func TestBucketMonthAcrossDSTWeekInNamedZones(t *testing.T) {
	for _, zone := range []string{"Europe/Berlin", "America/New_York"} {
		loc := mustZone(t, zone)
		// October 2026: Berlin changes back on the 25th, New York on November 1st.
		var goals []MicroGoal
		id := int64(1)
		for d := D(2026, 10, 19); !d.After(D(2026, 11, 8)); d = d.AddDays(1) {
			// One step at 00:30 and one at 23:30 each day: the hours a DST change moves.
			goals = append(goals, daily(id, 1, 0, d.At(0, 30, loc)), daily(id+1, 1, 0, d.At(23, 30, loc)))
			id += 2
		}
		grid := NewMonthGrid(2026, time.October, time.Monday)
		from, to := grid.Range()
		cm := BucketMonth(grid, Occurrences(goals, from, to, nil, loc), NewTree(goals), DefaultAnchors())
		for _, row := range cm.Rows {
			for _, c := range row.Days {
				want := 0
				if !c.Date.Before(D(2026, 10, 19)) {
					want = 2
				}
				if len(c.Items) != want {
					t.Errorf("%s: %v holds %d steps, want %d", zone, c.Date, len(c.Items), want)
				}
				for _, it := range c.Items {
					if DateOf(it.Goal.Due, loc) != c.Date {
						t.Errorf("%s: step due %v in cell %v", zone, it.Goal.Due, c.Date)
					}
				}
			}
		}
	}
}

func TestBucketMonthPlacesHorizons(t *testing.T) {
	loc := time.UTC
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, loc) }
	// Objective 1: a weekly target with two daily sub-steps. Objective 2: a weekly target
	// without sub-steps over the objective's loose daily steps of the week.
	target := daily(1, 1, 0, at(2026, 12, 31))
	target.Horizon = HorizonWeek
	s1 := daily(2, 1, 1, at(2026, 12, 28))
	s2 := daily(3, 1, 1, at(2027, 1, 2)) // the same ISO week 53, across the year end
	s2.Status = StatusDone
	other := daily(4, 1, 0, at(2026, 12, 29)) // loose step of objective 1: not counted, the target has its own
	t2 := daily(5, 2, 0, at(2026, 12, 30))
	t2.Horizon = HorizonWeek
	l1 := daily(6, 2, 0, at(2026, 12, 30))
	l1.Metric = Metric{Kind: MetricQuantitative, Unit: "words", Target: 500}
	l1.Status = StatusDone
	l2 := daily(7, 2, 0, at(2026, 12, 31))
	l2.Metric = Metric{Kind: MetricQuantitative, Unit: "words", Target: 700}
	l3 := daily(8, 2, 0, at(2027, 1, 4)) // next week: not in this roll-up
	dropped := daily(9, 2, 0, at(2026, 12, 31))
	dropped.Status = StatusDropped
	month := daily(10, 1, 0, at(2026, 12, 15))
	month.Horizon = HorizonMonth
	fort := daily(11, 1, 0, at(2027, 1, 2)) // fortnightly, but in January: not in December's strip
	fort.Horizon = HorizonFortnight
	undated := NewMicroGoal(1, 0, "Someday", at(2026, 1, 1))
	undated.ID = 12
	goals := []MicroGoal{target, s1, s2, other, t2, l1, l2, l3, dropped, month, fort, undated}

	grid := NewMonthGrid(2026, time.December, time.Monday)
	from, to := grid.Range()
	cm := BucketMonth(grid, Occurrences(goals, from, to, nil, loc), NewTree(goals), DefaultAnchors())
	if len(cm.Strip) != 1 || cm.Strip[0].Goal.ID != 10 {
		t.Fatalf("strip = %+v", cm.Strip)
	}
	last := cm.Rows[len(cm.Rows)-1]
	if last.Week.ISOWeek != 53 || len(last.Targets) != 2 {
		t.Fatalf("last row: week %d, %d targets", last.Week.ISOWeek, len(last.Targets))
	}
	p1, p2 := last.Targets[0], last.Targets[1]
	if p1.Target.Goal.ID != 5 || p2.Target.Goal.ID != 1 {
		t.Fatalf("targets out of day order: %d, %d", p1.Target.Goal.ID, p2.Target.Goal.ID)
	}
	if p2.Done != 1 || p2.Total != 2 || p2.Fraction() != 0.5 {
		t.Errorf("target with sub-steps: %d/%d", p2.Done, p2.Total)
	}
	if p1.Done != 1 || p1.Total != 2 || p1.Unit != "words" || p1.Achieved != 500 || p1.Planned != 1200 {
		t.Errorf("loose roll-up: %+v", p1)
	}
	if c := last.Days[5]; c.Date != D(2027, 1, 2) || c.InMonth || len(c.Items) != 1 {
		t.Errorf("Jan 2 cell: %+v", c)
	}
}

func TestRollUpSubStepsAtDepthAndOnlyOnce(t *testing.T) {
	loc := time.UTC
	due := time.Date(2028, 2, 29, 9, 0, 0, 0, loc) // leap day
	wk := daily(1, 1, 0, due)
	wk.Horizon = HorizonWeek
	mid := daily(2, 1, 1, due)
	mid.Horizon = HorizonWeek // a nested weekly target
	deep := daily(3, 1, 2, due)
	deep.Status = StatusDone
	loose := daily(4, 1, 0, due)
	goals := []MicroGoal{wk, mid, deep, loose}
	tree := NewTree(goals)
	occs := Occurrences(goals, D(2028, 2, 28), D(2028, 3, 5), nil, loc)
	var days []Occurrence
	for _, o := range occs {
		if o.Goal.Horizon == HorizonDay {
			days = append(days, o)
		}
	}
	if p := RollUp(Occurrence{Goal: &wk, Day: D(2028, 2, 29)}, days, tree); p.Total != 1 || p.Done != 1 {
		t.Errorf("outer target: %+v", p)
	}
	// A second target of the objective without sub-steps takes only the loose step.
	t2 := daily(5, 1, 0, due)
	t2.Horizon = HorizonWeek
	if p := RollUp(Occurrence{Goal: &t2, Day: D(2028, 2, 29)}, days, NewTree(append(goals, t2))); p.Total != 1 || p.Done != 0 {
		t.Errorf("second target: %+v", p)
	}
}

func TestBucketWeekOrdersByAnchor(t *testing.T) {
	loc := mustZone(t, "America/New_York")
	day := D(2026, 3, 8) // the spring change in New York
	late := daily(1, 1, 0, day.At(19, 0, loc))
	early := daily(2, 1, 0, day.At(8, 45, loc))
	anchored := daily(3, 1, 0, day.Start(loc))
	anchored.DueHasTime, anchored.Anchor = false, "After lunch"
	allDay := daily(4, 1, 0, day.Start(loc))
	allDay.DueHasTime = false
	goals := []MicroGoal{late, early, anchored, allDay}
	start := WeekStart(day, time.Sunday)
	row, _ := BucketWeek(start, Occurrences(goals, start, start.AddDays(6), nil, loc), NewTree(goals), DefaultAnchors())
	var ids []int64
	for _, o := range row.Days[0].Items {
		ids = append(ids, o.Goal.ID)
	}
	if len(ids) != 4 || ids[0] != 2 || ids[1] != 3 || ids[2] != 1 || ids[3] != 4 {
		t.Fatalf("order = %v, want [2 3 1 4]", ids)
	}
}

func BenchmarkBucketMonth10k(b *testing.B) {
	loc := mustZone(b, "Europe/Berlin")
	goals := make([]MicroGoal, 10000)
	base := D(2026, 1, 1)
	for i := range goals {
		g := daily(int64(i+1), int64(i%20+1), 0, base.AddDays(i%400).At(i%24, 0, loc))
		g.Horizon = Horizons[i%7%4]
		goals[i] = g
	}
	tree := NewTree(goals)
	grid := NewMonthGrid(2026, time.October, time.Monday)
	from, to := grid.Range()
	b.ResetTimer()
	for b.Loop() {
		BucketMonth(grid, Occurrences(goals, from, to, nil, loc), tree, DefaultAnchors())
	}
}

func TestRollUpInWeeksThatCrossDST(t *testing.T) {
	for _, c := range []struct {
		zone  string
		start Date // a Monday week holding the change
	}{{"Europe/Berlin", D(2026, 3, 23)}, {"Europe/Berlin", D(2026, 10, 19)}, {"America/New_York", D(2026, 3, 2)}, {"America/New_York", D(2026, 10, 26)}} {
		loc := mustZone(t, c.zone)
		// A target on the week's Sunday (the change day in Europe in both seasons, in New York
		// in autumn) and a daily sub-step at 00:30 and 23:30 of every day.
		target := daily(1, 1, 0, c.start.AddDays(6).At(12, 0, loc))
		target.Horizon = HorizonWeek
		goals := []MicroGoal{target}
		for i := 0; i < 7; i++ {
			a := daily(int64(10+2*i), 1, 1, c.start.AddDays(i).At(0, 30, loc))
			b := daily(int64(11+2*i), 1, 1, c.start.AddDays(i).At(23, 30, loc))
			b.Status = StatusDone
			goals = append(goals, a, b)
		}
		// Steps just outside the week, which a 24-hour week would wrongly take in.
		goals = append(goals, daily(40, 1, 1, c.start.AddDays(-1).At(23, 30, loc)), daily(41, 1, 1, c.start.AddDays(7).At(0, 30, loc)))
		row, _ := BucketWeek(c.start, Occurrences(goals, c.start.AddDays(-1), c.start.AddDays(7), nil, loc), NewTree(goals), DefaultAnchors())
		if len(row.Targets) != 1 || row.Targets[0].Total != 14 || row.Targets[0].Done != 7 {
			t.Errorf("%s week of %v: %+v", c.zone, c.start, row.Targets)
		}
	}
}
