package model

import (
	"testing"
	"time"
)

func repeating(id int64, due time.Time, rule string) MicroGoal {
	g := daily(id, 1, 0, due)
	g.Repeat = rule
	return g
}

func days(os []Occurrence) []string {
	var out []string
	for _, o := range os {
		out = append(out, o.Day.String())
	}
	return out
}

func TestRepeatChoicesRoundTrip(t *testing.T) {
	cases := []struct {
		r    Repeat
		rule string
		says string
	}{
		{Repeat{Kind: RepeatDaily}, "FREQ=DAILY", "Every day"},
		{Repeat{Kind: RepeatWeekdays}, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "Every weekday"},
		{Repeat{Kind: RepeatWeekly, Interval: 1, Days: []time.Weekday{time.Thursday, time.Monday}}, "FREQ=WEEKLY;BYDAY=MO,TH", "Every week on Mon, Thu"},
		{Repeat{Kind: RepeatWeekly, Interval: 2, Days: []time.Weekday{time.Sunday, time.Friday}}, "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR,SU", "Every 2 weeks on Fri, Sun"},
		{Repeat{Kind: RepeatMonthly}, "FREQ=MONTHLY", "Every month"},
	}
	for _, c := range cases {
		if got := c.r.Rule(); got != c.rule {
			t.Errorf("%+v.Rule() = %q, want %q", c.r, got, c.rule)
		}
		back, err := ParseRule(c.rule)
		if err != nil || back.Rule() != c.rule {
			t.Errorf("ParseRule(%q) = %+v, %v", c.rule, back, err)
		}
		if got := DescribeRule(c.rule); got != c.says {
			t.Errorf("DescribeRule(%q) = %q, want %q", c.rule, got, c.says)
		}
	}
	for _, bad := range []string{"FREQ=HOURLY", "FREQ=SOMETIMES", "FREQ=DAILY;INTERVAL=400", "nonsense"} {
		if _, err := ParseRule(bad); err == nil {
			t.Errorf("ParseRule(%q) accepted", bad)
		}
	}
	if r, err := ParseRule("FREQ=MONTHLY;BYDAY=1MO"); err != nil || r.Kind != RepeatCustom {
		t.Errorf("custom rule: %+v, %v", r, err)
	}
}

func TestOccurrencesKeepWallClockAcrossDST(t *testing.T) {
	for _, zone := range []string{"Europe/Berlin", "America/New_York"} {
		loc := mustZone(t, zone)
		start := D(2026, 3, 1)
		g := repeating(1, start.At(9, 0, loc), "FREQ=DAILY")
		occs := Occurrences([]MicroGoal{g}, D(2026, 3, 1), D(2026, 4, 2), nil, loc)
		if len(occs) != 33 {
			t.Fatalf("%s: %d occurrences in 33 days: %v", zone, len(occs), days(occs))
		}
		for i, o := range occs {
			if o.Day != start.AddDays(i) || o.Original != o.Day {
				t.Errorf("%s: occurrence %d on %v", zone, i, o.Day)
			}
			if l := o.Goal.Due.In(loc); l.Hour() != 9 || l.Minute() != 0 || DateOf(l, loc) != o.Day {
				t.Errorf("%s: occurrence on %v due %v", zone, o.Day, l)
			}
		}
		// An all-day step at midnight across the autumn change.
		g2 := repeating(2, D(2026, 10, 20).Start(loc), "FREQ=WEEKLY;BYDAY=SU")
		g2.DueHasTime = false
		got := days(Occurrences([]MicroGoal{g2}, D(2026, 10, 1), D(2026, 11, 30), nil, loc))
		want := []string{"2026-10-25", "2026-11-01", "2026-11-08", "2026-11-15", "2026-11-22", "2026-11-29"}
		if len(got) != len(want) {
			t.Fatalf("%s: Sundays = %v", zone, got)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: Sundays = %v, want %v", zone, got, want)
				break
			}
		}
	}
}

func TestOccurrencesAtMonthEndsAndIntervals(t *testing.T) {
	loc := time.UTC
	// Monthly from January 31st: RFC 5545 skips the months without a 31st.
	g := repeating(1, D(2028, 1, 31).At(8, 0, loc), "FREQ=MONTHLY")
	got := days(Occurrences([]MicroGoal{g}, D(2028, 1, 1), D(2028, 6, 30), nil, loc))
	if want := "[2028-01-31 2028-03-31 2028-05-31]"; sprint(got) != want {
		t.Errorf("monthly from the 31st = %v, want %v", got, want)
	}
	// Every two weeks on Monday and Friday, from a Friday, across the year end.
	g2 := repeating(2, D(2026, 12, 18).At(8, 0, loc), "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR")
	got = days(Occurrences([]MicroGoal{g2}, D(2026, 12, 1), D(2027, 1, 20), nil, loc))
	if want := "[2026-12-18 2026-12-28 2027-01-01 2027-01-11 2027-01-15]"; sprint(got) != want {
		t.Errorf("every 2 weeks = %v, want %v", got, want)
	}
	// Weekdays across a leap day.
	g3 := repeating(3, D(2028, 2, 25).At(8, 0, loc), "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
	got = days(Occurrences([]MicroGoal{g3}, D(2028, 2, 26), D(2028, 3, 2), nil, loc))
	if want := "[2028-02-28 2028-02-29 2028-03-01 2028-03-02]"; sprint(got) != want {
		t.Errorf("weekdays = %v, want %v", got, want)
	}
}

func sprint(s []string) string {
	out := "["
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out + "]"
}

func TestOccurrenceExceptions(t *testing.T) {
	loc := mustZone(t, "Europe/Berlin")
	g := repeating(1, D(2026, 3, 23).At(7, 30, loc), "FREQ=DAILY")
	ex := NewExceptions([]OccurrenceException{
		{GoalID: 1, Original: D(2026, 3, 24), Status: StatusDone, At: D(2026, 3, 24).At(8, 0, loc)},
		{GoalID: 1, Original: D(2026, 3, 25), Status: StatusDropped},
		{GoalID: 1, Original: D(2026, 3, 26), Status: StatusOpen, MovedTo: D(2026, 3, 30)},
		{GoalID: 1, Original: D(2026, 4, 10), Status: StatusOpen, MovedTo: D(2026, 3, 29)}, // from outside the range
	})
	occs := Occurrences([]MicroGoal{g}, D(2026, 3, 23), D(2026, 3, 30), ex, loc)
	byDay := map[Date][]Occurrence{}
	for _, o := range occs {
		byDay[o.Day] = append(byDay[o.Day], o)
	}
	if o := byDay[D(2026, 3, 24)]; len(o) != 1 || !o[0].Done() {
		t.Errorf("completed occurrence: %+v", o)
	}
	if o := byDay[D(2026, 3, 23)]; len(o) != 1 || o[0].Goal.Status != StatusOpen {
		t.Errorf("completing one occurrence must leave the others open: %+v", o)
	}
	if o := byDay[D(2026, 3, 25)]; len(o) != 1 || o[0].Goal.Status != StatusDropped {
		t.Errorf("skipped occurrence: %+v", o)
	}
	if len(byDay[D(2026, 3, 26)]) != 0 || len(byDay[D(2026, 3, 30)]) != 2 {
		t.Errorf("moved occurrence: 26th %d, 30th %d", len(byDay[D(2026, 3, 26)]), len(byDay[D(2026, 3, 30)]))
	}
	if o := byDay[D(2026, 3, 29)]; len(o) != 2 || (o[0].Original != D(2026, 4, 10) && o[1].Original != D(2026, 4, 10)) {
		t.Errorf("occurrence moved in from outside: %+v", days(o))
	}
	// The 29th is the spring change in Berlin: 07:30 still exists and is kept.
	for _, o := range byDay[D(2026, 3, 29)] {
		if l := o.Goal.Due.In(loc); l.Hour() != 7 || l.Minute() != 30 {
			t.Errorf("due on the change day = %v", l)
		}
	}

	// Editing the rule to weekly on Mondays keeps the past completion of Tuesday the 24th.
	g.Repeat = Repeat{Kind: RepeatWeekly, Interval: 1, Days: []time.Weekday{time.Monday}}.Rule()
	occs = Occurrences([]MicroGoal{g}, D(2026, 3, 23), D(2026, 3, 29), ex, loc)
	var got []string
	for _, o := range occs {
		got = append(got, o.Day.String()+":"+string(o.Goal.Status))
	}
	// The move from April 10th no longer applies: the new rule gives no occurrence that day.
	if len(got) != 2 || !contains(got, "2026-03-23:open") || !contains(got, "2026-03-24:done") {
		t.Errorf("after editing the rule: %v", got)
	}

	// Closing the whole series ends it that day.
	g.Repeat = "FREQ=DAILY"
	g = g.WithStatus(StatusDropped, "", D(2026, 3, 27).At(12, 0, loc))
	occs = Occurrences([]MicroGoal{g}, D(2026, 3, 23), D(2026, 3, 31), nil, loc)
	if len(occs) != 5 || occs[len(occs)-1].Day != D(2026, 3, 27) {
		t.Errorf("closed series: %v", days(occs))
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

func TestValidateRoutine(t *testing.T) {
	g := NewMicroGoal(1, 0, "Write the daily page", time.Now())
	g.Repeat = "FREQ=DAILY"
	if ps := Blocking(ValidateGoal(g)); len(ps) != 1 || ps[0].Field != "repeat" {
		t.Errorf("repeat without due: %v", ps)
	}
	g.Due = time.Now()
	g.Repeat = "FREQ=MINUTELY"
	if ps := Blocking(ValidateGoal(g)); len(ps) != 1 || ps[0].Field != "repeat" {
		t.Errorf("minutely: %v", ps)
	}
	g.Repeat = "FREQ=WEEKLY;BYDAY=MO"
	if ps := Blocking(ValidateGoal(g)); len(ps) != 0 {
		t.Errorf("valid rule refused: %v", ps)
	}
}
