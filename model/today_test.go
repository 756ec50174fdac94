package model

import (
	"strings"
	"testing"
	"time"
)

func TestPlanTodayGroupsUnderAnchors(t *testing.T) {
	loc := mustZone(t, "Europe/Berlin")
	today := D(2026, 10, 25) // the autumn change: a 25-hour day
	at := func(h, m int) time.Time { return today.At(h, m, loc) }
	plan := daily(1, 1, 0, at(8, 0))   // before every anchor: the first one
	work := daily(2, 1, 0, at(9, 30))  // Work start
	lunch := daily(3, 1, 0, at(14, 0)) // After lunch
	lunch.Status = StatusDone
	evening := daily(4, 1, 0, at(21, 0)) // After work
	pinned := daily(5, 1, 0, at(7, 0))   // attached to After work despite its time
	pinned.Anchor = "after work"
	loose := daily(6, 1, 0, today.Start(loc))
	loose.DueHasTime = false
	late := daily(7, 1, 0, today.AddDays(-3).At(10, 0, loc))     // overdue
	lateDone := daily(8, 1, 0, today.AddDays(-1).At(10, 0, loc)) // done: not overdue
	lateDone.Status = StatusDone
	rep := repeating(9, today.AddDays(-5).At(6, 0, loc), "FREQ=DAILY") // missed repeats are not overdue
	tomorrow := daily(10, 1, 0, today.AddDays(1).At(9, 0, loc))
	goals := []MicroGoal{plan, work, lunch, evening, pinned, loose, late, lateDone, rep, tomorrow}

	p := PlanToday(today, Occurrences(goals, today.AddDays(-30), today, nil, loc), DefaultAnchors(), 3)
	var got []string
	for _, g := range p.Groups {
		var ids []string
		for _, o := range g.Items {
			ids = append(ids, o.Goal.Title[:0]+string(rune('0'+o.Goal.ID)))
		}
		got = append(got, g.Anchor.Name+":"+strings.Join(ids, ","))
	}
	want := "Morning planning:9,1|Work start:2|After lunch:3|After work:5,4|Any time:6"
	if strings.Join(got, "|") != want {
		t.Errorf("groups = %v, want %v", strings.Join(got, "|"), want)
	}
	if len(p.Overdue) != 1 || p.Overdue[0].Goal.ID != 7 {
		t.Errorf("overdue = %+v", p.Overdue)
	}
	if p.Open != 6 || p.Done != 1 || !p.OverLoad || p.AllDone() {
		t.Errorf("counts: open %d done %d overload %v", p.Open, p.Done, p.OverLoad)
	}
}

func TestPlanTodayAllDone(t *testing.T) {
	today := D(2026, 11, 25)
	a := daily(1, 1, 0, today.At(9, 0, time.UTC))
	a.Status = StatusDone
	b := daily(2, 1, 0, today.At(10, 0, time.UTC))
	b.Status = StatusDropped
	p := PlanToday(today, Occurrences([]MicroGoal{a, b}, today, today, nil, time.UTC), DefaultAnchors(), 3)
	if !p.AllDone() || p.OverLoad {
		t.Errorf("all done: %+v", p)
	}
	if p := PlanToday(today, nil, DefaultAnchors(), 3); p.AllDone() {
		t.Error("an empty day is not “all done”")
	}
}

func TestParseAnchorsAndSettings(t *testing.T) {
	as, err := ParseAnchors("18:00 After work\n\n 08:30 Morning planning\n9am Work start")
	if err != nil || FormatAnchors(as) != "08:30 Morning planning\n09:00 Work start\n18:00 After work" {
		t.Fatalf("anchors = %q, %v", FormatAnchors(as), err)
	}
	for _, bad := range []string{"", "Lunch", "25:00 Late", "09:00", "09:00 A\n10:00 a"} {
		if _, err := ParseAnchors(bad); err == nil {
			t.Errorf("ParseAnchors(%q) accepted", bad)
		}
	}
	if d, ok := ParseWeekday("Sun"); !ok || d != time.Sunday {
		t.Error("weekday")
	}
	if _, err := ParseFocusLimit("0"); err == nil {
		t.Error("focus limit 0 accepted")
	}
}
