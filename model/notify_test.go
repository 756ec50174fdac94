package model

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// A Wednesday morning in UTC.

func settingsAt(loc *time.Location, since time.Time) NotifySettings {
	s := DefaultNotifySettings()
	s.Location = loc
	s.Since = since
	return s
}

func timedGoal(id int64, title string, due time.Time) MicroGoal {
	g := NewMicroGoal(1, 0, title, due.Add(-48*time.Hour))
	g.ID, g.Due, g.DueHasTime = id, due, true
	return g
}

// plan runs the planner once and logs what it returns, as the app's loop does after claiming.
func plan(goals []MicroGoal, objs []Objective, s NotifySettings, sent SentLog, now time.Time) ([]Notification, time.Time) {
	fire, next := PlanNotifications(goals, objs, s, sent, now)
	for _, n := range fire {
		sent[n.Key] = true
		for _, k := range n.Covers {
			sent[k] = true
		}
	}
	return fire, next
}

// fired is a notification seen by simulate, with the time the loop woke to send it.
type fired struct {
	Notification
	SentAt time.Time
}

// simulate runs the loop from from to until: sleep until next, plan, log, repeat. It fails the
// test if the loop would spin (next not after now).
func simulate(t *testing.T, goals []MicroGoal, objs []Objective, s NotifySettings, sent SentLog, from, until time.Time) []fired {
	t.Helper()
	var out []fired
	now := from
	for i := 0; i < 1000; i++ {
		fire, next := plan(goals, objs, s, sent, now)
		for _, n := range fire {
			out = append(out, fired{n, now})
		}
		if next.IsZero() || next.After(until) {
			return out
		}
		if !next.After(now) {
			t.Fatalf("next %v is not after now %v: the loop would spin", next, now)
		}
		now = next
	}
	t.Fatal("the loop woke 1000 times")
	return nil
}

func kinds(fs []fired) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s@%s", f.Kind, f.SentAt.Format("15:04")))
	}
	return out
}

func TestDeadlinesFireAtLeadDueAndOverdue(t *testing.T) {
	s := settingsAt(time.UTC, t0)
	goals := []MicroGoal{timedGoal(1, "Call the dentist", t0.Add(2*time.Hour))} // due 11:00
	got := kinds(simulate(t, goals, nil, s, SentLog{}, t0, t0.Add(24*time.Hour)))
	want := []string{"due-soon@10:45", "due-now@11:00", "overdue@12:00"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("fired %v, want %v", got, want)
	}

	s.Lead = 40 * time.Minute
	fs := simulate(t, goals, nil, s, SentLog{}, t0, t0.Add(24*time.Hour))
	if fs[0].Kind != KindDueSoon || fs[0].SentAt != t0.Add(80*time.Minute) {
		t.Fatalf("with a 40 min lead: %v", kinds(fs))
	}
	if !strings.Contains(fs[0].Title, "Due in 40 min: Call the dentist") || fs[0].GoalID != 1 || !fs[0].Urgent {
		t.Fatalf("due soon reads %+v", fs[0].Notification)
	}
}

func TestDueSoonSaysTheRealTimeLeft(t *testing.T) {
	// The app has run since an hour ago; the step is added now, due 2 minutes from now, well
	// inside the 15-minute lead.
	s := settingsAt(time.UTC, t0.Add(-time.Hour))
	goals := []MicroGoal{timedGoal(1, "Call the dentist", t0.Add(2*time.Minute))}
	fs := simulate(t, goals, nil, s, SentLog{}, t0, t0.Add(time.Hour))
	var all string
	for _, f := range fs {
		all += f.Title + "\n" + f.Body + "\n"
	}
	if !strings.Contains(all, "Due in 2 min: Call the dentist") || strings.Contains(all, "Due in 15 min") {
		t.Fatalf("a step due in 2 minutes is announced as:\n%s", all)
	}
}

func TestDoneOrDroppedStepsGetNoDeadlines(t *testing.T) {
	s := settingsAt(time.UTC, t0)
	done := timedGoal(1, "Write the intro", t0.Add(time.Hour)).WithStatus(StatusDone, "", t0.Add(-time.Hour))
	dropped := timedGoal(2, "Book a room", t0.Add(time.Hour)).WithStatus(StatusDropped, "no need", t0)
	fs := simulate(t, []MicroGoal{done, dropped}, nil, s, SentLog{}, t0, t0.Add(6*time.Hour))
	for _, f := range fs {
		if f.GoalID != 0 && f.Kind != KindDone {
			t.Fatalf("a closed step got %s", f.Kind)
		}
	}
}

func TestAllDayStepGetsOnlyTheOverdueNudgeHeldByQuietHours(t *testing.T) {
	s := settingsAt(time.UTC, t0)
	g := NewMicroGoal(1, 0, "Draft the report", t0)
	g.ID, g.Due = 7, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	fs := simulate(t, []MicroGoal{g}, nil, s, SentLog{}, t0.Add(time.Hour), t0.Add(48*time.Hour))
	// 23:59:59 + 1 h falls in the quiet hours (22:00–07:00): held until 07:00.
	var overdue []fired
	for _, f := range fs {
		if f.Kind == KindOverdue {
			overdue = append(overdue, f)
		}
		if f.Kind == KindDueSoon || f.Kind == KindDueNow {
			t.Fatalf("an all-day step got %s", f.Kind)
		}
	}
	if len(overdue) != 1 || !overdue[0].SentAt.Equal(time.Date(2026, 11, 26, 7, 0, 0, 0, time.UTC)) {
		t.Fatalf("overdue nudges: %v", kinds(fs))
	}
}

func TestQuietHoursHoldNonUrgentButNotDeadlines(t *testing.T) {
	s := settingsAt(time.UTC, t0)
	late := time.Date(2026, 11, 25, 23, 0, 0, 0, time.UTC)
	goals := []MicroGoal{timedGoal(1, "Submit the form", late)}
	fs := simulate(t, goals, nil, s, SentLog{}, late.Add(-time.Hour), late.Add(12*time.Hour))
	got := strings.Join(kinds(fs), " ")
	if got != "due-soon@22:45 due-now@23:00 overdue@07:00" {
		t.Fatalf("fired %s", got)
	}
	s.QuietOn = false
	fs = simulate(t, goals, nil, s, SentLog{}, late.Add(-time.Hour), late.Add(12*time.Hour))
	if got := strings.Join(kinds(fs), " "); got != "due-soon@22:45 due-now@23:00 overdue@00:00" {
		t.Fatalf("without quiet hours: %s", got)
	}
	// Daytime quiet hours (13:00–14:00) that do not wrap midnight.
	s.QuietOn, s.QuietFrom, s.QuietTo = true, 13*60, 14*60
	g := timedGoal(2, "Plan lunch talk", time.Date(2026, 11, 25, 12, 15, 0, 0, time.UTC))
	fs = simulate(t, []MicroGoal{g}, nil, s, SentLog{}, t0, t0.Add(10*time.Hour))
	if got := strings.Join(kinds(fs), " "); got != "due-soon@12:00 due-now@12:15 overdue@14:00" {
		t.Fatalf("daytime quiet hours: %s", got)
	}
}

func TestSwitchedOffKindsAreLoggedSilently(t *testing.T) {
	s := settingsAt(time.UTC, t0)
	s.Off[KindDueSoon] = true
	goals := []MicroGoal{timedGoal(1, "Call the dentist", t0.Add(time.Hour))}
	sent := SentLog{}
	fs := simulate(t, goals, nil, s, sent, t0, t0.Add(5*time.Hour))
	for _, f := range fs {
		if f.Kind == KindDueSoon {
			t.Fatalf("a switched-off kind fired: %+v", f)
		}
	}
	// The loop also wakes every minute (for clock changes), which logs the silent one.
	plan(goals, nil, s, sent, t0.Add(46*time.Minute))
	// Switching it on again later brings nothing old back.
	s.Off[KindDueSoon] = false
	if fire, _ := plan(goals, nil, s, sent, t0.Add(50*time.Minute)); len(fire) != 0 {
		t.Fatalf("after switching on again: %+v", fire)
	}
	// Silent ones are returned (to be logged) only when they come due, never as wake-ups.
	s.Off[KindDueNow], s.Off[KindOverdue] = true, true
	fire, next := PlanNotifications([]MicroGoal{timedGoal(2, "X", t0.Add(time.Hour))}, nil, s, SentLog{}, t0)
	if len(fire) != 0 || !next.Equal(t0.Add(45*time.Minute)) {
		t.Fatalf("fire %v next %v", fire, next)
	}
}

func TestRestartWithTheLogRepeatsNothing(t *testing.T) {
	s := settingsAt(time.UTC, t0)
	goals := []MicroGoal{timedGoal(1, "Call the dentist", t0.Add(20*time.Minute)), timedGoal(2, "Send the draft", t0.Add(time.Hour))}
	sent := SentLog{}
	first := simulate(t, goals, nil, s, sent, t0, t0.Add(30*time.Minute))
	if len(first) != 2 {
		t.Fatalf("first run: %v", kinds(first))
	}
	// A restart one minute later reads the same log: nothing again.
	if fire, _ := plan(goals, nil, s, sent, t0.Add(31*time.Minute)); len(fire) != 0 {
		t.Fatalf("after restart: %+v", fire)
	}
	// A second instance with its own (empty) memory must be stopped by the claim in storage;
	// the plan itself, given the shared log, returns nothing either.
	if fire, _ := PlanNotifications(goals, nil, s, copyLog(sent), t0.Add(31*time.Minute)); len(fire) != 0 {
		t.Fatalf("second instance: %+v", fire)
	}
}

func copyLog(l SentLog) SentLog {
	out := SentLog{}
	for k := range l {
		out[k] = true
	}
	return out
}

func TestClockMovedBackRepeatsNothing(t *testing.T) {
	s := settingsAt(time.UTC, t0)
	g := timedGoal(1, "Call the dentist", t0.Add(2*time.Hour))
	done := timedGoal(2, "Write the intro", t0.Add(-time.Hour)).WithStatus(StatusDone, "", t0.Add(10*time.Minute))
	sent := SentLog{}
	before := simulate(t, []MicroGoal{g, done}, nil, s, sent, t0, t0.Add(4*time.Hour))
	if len(before) != 4 {
		t.Fatalf("before: %v", kinds(before))
	}
	// The clock jumps back three hours and runs forward again.
	again := simulate(t, []MicroGoal{g, done}, nil, s, sent, t0.Add(time.Hour-3*time.Hour), t0.Add(4*time.Hour))
	if len(again) != 0 {
		t.Fatalf("after the clock moved back: %v", kinds(again))
	}
}

func TestMissedWhileClosedIsOneSummary(t *testing.T) {
	s := settingsAt(time.UTC, t0)
	var goals []MicroGoal
	for i := int64(1); i <= 6; i++ {
		goals = append(goals, timedGoal(i, fmt.Sprintf("Step %d", i), t0.Add(time.Duration(i)*30*time.Minute)))
	}
	sent := SentLog{}
	// The app ran until 09:00, then was closed until 13:10.
	plan(goals, nil, s, sent, t0)
	fire, _ := plan(goals, nil, s, sent, t0.Add(4*time.Hour+10*time.Minute))
	if len(fire) != 1 || fire[0].Kind != KindMissed {
		t.Fatalf("at start-up: %v", fire)
	}
	sum := fire[0]
	if !strings.Contains(sum.Title, "deadline") || len(sum.Covers) < 6 || !strings.Contains(sum.Body, "Step 1") || !strings.Contains(sum.Body, "more") {
		t.Fatalf("summary: %+v", sum)
	}
	// The covered ones never come back, not even on their own.
	if fire, _ := plan(goals, nil, s, sent, t0.Add(4*time.Hour+11*time.Minute)); len(fire) != 0 {
		t.Fatalf("after the summary: %+v", fire)
	}
	// A single missed one comes as itself.
	one := []MicroGoal{timedGoal(9, "Call back", t0.Add(2*time.Hour))}
	s.OverdueAfter = 0
	fire, _ = plan(one, nil, s, SentLog{}, t0.Add(3*time.Hour))
	if len(fire) != 1 || fire[0].Kind != KindDueNow {
		t.Fatalf("one missed: %+v", fire)
	}
}

func TestNothingBeforeSinceIsAnnounced(t *testing.T) {
	s := settingsAt(time.UTC, t0)
	old := timedGoal(1, "Old step", t0.Add(-3*time.Hour))
	won := timedGoal(2, "Old win", t0.Add(-3*time.Hour)).WithStatus(StatusDone, "", t0.Add(-2*time.Hour))
	if fire, _ := plan([]MicroGoal{old, won}, nil, s, SentLog{}, t0); len(fire) != 0 {
		t.Fatalf("history was announced: %+v", fire)
	}
}

func TestCelebrations(t *testing.T) {
	s := settingsAt(time.UTC, t0)
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	a := timedGoal(1, "Write 500 words", t0.Add(3*time.Hour))
	b := NewMicroGoal(1, 0, "Read a chapter", t0)
	b.ID, b.Due = 2, day
	week := NewMicroGoal(1, 0, "Ship the prototype", t0)
	week.ID, week.Horizon, week.Due = 3, HorizonWeek, day.AddDate(0, 0, 3)
	goals := []MicroGoal{a, b, week}
	sent := SentLog{}
	plan(goals, nil, s, sent, t0)

	goals[0] = a.WithStatus(StatusDone, "", t0.Add(time.Minute))
	fire, _ := plan(goals, nil, s, sent, t0.Add(time.Minute))
	if len(fire) != 1 || fire[0].Kind != KindDone || fire[0].Title != "Done: Write 500 words" {
		t.Fatalf("first done: %+v", fire)
	}
	// Reopening and marking it done again does not celebrate twice.
	goals[0] = goals[0].WithStatus(StatusOpen, "", t0.Add(2*time.Minute)).WithStatus(StatusDone, "", t0.Add(3*time.Minute))
	if fire, _ := plan(goals, nil, s, sent, t0.Add(3*time.Minute)); len(fire) != 0 {
		t.Fatalf("done twice: %+v", fire)
	}
	// The last of today's milestones: done and all-done, once.
	goals[1] = b.WithStatus(StatusDone, "", t0.Add(4*time.Minute))
	fire, _ = plan(goals, nil, s, sent, t0.Add(4*time.Minute))
	got := []string{}
	for _, n := range fire {
		got = append(got, string(n.Kind))
	}
	sort.Strings(got)
	if strings.Join(got, " ") != "all-done done" {
		t.Fatalf("last of today: %v", got)
	}
	// A weekly target reached.
	goals[2] = week.WithStatus(StatusDone, "", t0.Add(5*time.Minute))
	fire, _ = plan(goals, nil, s, sent, t0.Add(5*time.Minute))
	if len(fire) != 1 || fire[0].Kind != KindWeekly || !strings.Contains(fire[0].Title, "Ship the prototype") {
		t.Fatalf("weekly: %+v", fire)
	}
	// An objective achieved.
	o := NewObjective("Run a half marathon", t0.Add(-90*24*time.Hour))
	o.ID, o.Status, o.AchievedAt = 4, ObjectiveAchieved, t0.Add(6*time.Minute)
	fire, _ = plan(goals, []Objective{o}, s, sent, t0.Add(6*time.Minute))
	if len(fire) != 1 || fire[0].Kind != KindObjective {
		t.Fatalf("objective: %+v", fire)
	}
	if fire, _ := plan(goals, []Objective{o}, s, sent, t0.Add(7*time.Minute)); len(fire) != 0 {
		t.Fatalf("again: %+v", fire)
	}
}

func TestStreakMilestones(t *testing.T) {
	s := settingsAt(time.UTC, t0.AddDate(0, 0, -40))
	for _, tc := range []struct {
		days int
		want bool
	}{{2, false}, {3, true}, {4, false}, {7, true}, {14, true}, {30, true}, {31, false}} {
		var goals []MicroGoal
		for i := 0; i < tc.days; i++ {
			g := NewMicroGoal(1, 0, "Practise", t0.AddDate(0, 0, -60))
			g.ID = int64(i + 1)
			goals = append(goals, g.WithStatus(StatusDone, "", t0.AddDate(0, 0, -i)))
		}
		// Every earlier day's win is already logged; today's first win makes the streak.
		sent := SentLog{}
		plan(goals, nil, s, sent, t0.Add(-time.Minute))
		fire, _ := plan(goals, nil, s, sent, t0)
		var streak []Notification
		for _, n := range fire {
			if n.Kind == KindStreak {
				streak = append(streak, n)
			}
		}
		if tc.want != (len(streak) == 1) || (tc.want && !strings.HasPrefix(streak[0].Title, fmt.Sprint(tc.days, " days"))) {
			t.Errorf("%d days: %+v", tc.days, streak)
		}
	}
}

func TestMorningAndWeeklyReviewReminders(t *testing.T) {
	s := settingsAt(time.UTC, t0.AddDate(0, 0, -1))
	s.MorningAt = 9*60 + 30
	s.ReviewDay, s.ReviewAt = time.Friday, 16*60
	today := NewMicroGoal(1, 0, "Stretch", t0)
	today.ID, today.Due = 1, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	tomorrow := today
	tomorrow.ID, tomorrow.Due = 2, today.Due.AddDate(0, 0, 1)
	goals := []MicroGoal{today, tomorrow}
	fs := simulate(t, goals, nil, s, SentLog{}, t0, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC))
	var got []string
	for _, f := range fs {
		if f.Kind == KindMorning || f.Kind == KindReview {
			got = append(got, f.Kind.Label()+" "+f.SentAt.Format("Mon 15:04"))
		}
	}
	want := "Morning plan reminder Wed 09:30|Morning plan reminder Thu 09:30|Weekly review reminder Fri 16:00"
	if strings.Join(got, "|") != want {
		t.Fatalf("reminders: %q", got)
	}
	// No milestones today: no morning reminder.
	fire, _ := PlanNotifications(nil, nil, s, SentLog{}, t0.Add(31*time.Minute))
	if len(fire) != 0 {
		t.Fatalf("without milestones: %+v", fire)
	}
}

func TestDaylightSavingInBerlin(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	// Spring forward: 2026-03-29 02:00 CET becomes 03:00 CEST.
	start := time.Date(2026, 3, 28, 20, 0, 0, 0, berlin)
	s := settingsAt(berlin, start)
	due := time.Date(2026, 3, 29, 3, 10, 0, 0, berlin) // 01:10 UTC
	milestone := NewMicroGoal(1, 0, "Water the plants", start)
	milestone.ID, milestone.Due = 2, time.Date(2026, 3, 29, 0, 0, 0, 0, berlin)
	fs := simulate(t, []MicroGoal{timedGoal(1, "Catch the train", due), milestone}, nil, s, SentLog{}, start, start.Add(20*time.Hour))
	at := map[NotifyKind]time.Time{}
	for _, f := range fs {
		at[f.Kind] = f.SentAt
	}
	// Fifteen real minutes before: 01:55 CET, which is 00:55 UTC.
	if !at[KindDueSoon].Equal(due.Add(-15*time.Minute)) || at[KindDueSoon].UTC().Format("15:04") != "00:55" {
		t.Errorf("due soon at %v", at[KindDueSoon])
	}
	// The overdue nudge (04:10 CEST) is held by the quiet hours until 07:00 CEST = 05:00 UTC.
	if got := at[KindOverdue].UTC().Format("15:04"); got != "05:00" {
		t.Errorf("overdue at %s UTC", got)
	}
	// The morning reminder is at 08:30 on the wall clock: 06:30 UTC in summer time.
	if got := at[KindMorning].UTC().Format("15:04"); got != "06:30" {
		t.Errorf("morning at %s UTC, fired %v", got, kinds(fs))
	}

	// Fall back: 2026-10-25 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
	start = time.Date(2026, 10, 24, 20, 0, 0, 0, berlin)
	s = settingsAt(berlin, start)
	first := time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)  // 02:30 CEST
	second := time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC) // 02:30 CET
	goals := []MicroGoal{timedGoal(1, "First 02:30", first), timedGoal(2, "Second 02:30", second)}
	milestone.Due = time.Date(2026, 10, 25, 0, 0, 0, 0, berlin)
	goals = append(goals, milestone)
	fs = simulate(t, goals, nil, s, SentLog{}, start, start.Add(20*time.Hour))
	var soon []time.Time
	for _, f := range fs {
		if f.Kind == KindDueSoon {
			soon = append(soon, f.SentAt)
		}
		if f.Kind == KindMorning && f.SentAt.UTC().Format("15:04") != "07:30" {
			t.Errorf("morning after fall back at %v", f.SentAt.UTC())
		}
	}
	if len(soon) != 2 || soon[1].Sub(soon[0]) != time.Hour {
		t.Errorf("due soon on the repeated hour: %v (fired %v)", soon, kinds(fs))
	}
}

func TestNextIsTheEarliestPendingAndNeverNow(t *testing.T) {
	s := settingsAt(time.UTC, t0)
	goals := []MicroGoal{timedGoal(1, "A", t0.Add(3*time.Hour)), timedGoal(2, "B", t0.Add(time.Hour))}
	_, next := PlanNotifications(goals, nil, s, SentLog{}, t0)
	if !next.Equal(t0.Add(45 * time.Minute)) {
		t.Fatalf("next %v", next)
	}
	// Nothing pending at all: no wake-up but the weekly review.
	s.Off[KindReview] = true
	if _, next := PlanNotifications(nil, nil, s, SentLog{}, t0); !next.IsZero() {
		t.Fatalf("next without anything: %v", next)
	}
}

func TestNotifySettingsRoundTrip(t *testing.T) {
	s := DefaultNotifySettings()
	s.Off[KindStreak] = true
	s.Lead, s.QuietFrom, s.QuietTo, s.ReviewDay, s.ReviewAt = 25*time.Minute, 21*60+30, 6*60, time.Monday, 8*60+5
	got := ParseNotifySettings(s.Values())
	if !got.Off[KindStreak] || got.Off[KindDone] || got.Lead != s.Lead || got.QuietFrom != s.QuietFrom || got.QuietTo != s.QuietTo ||
		got.ReviewDay != time.Monday || got.ReviewAt != s.ReviewAt {
		t.Fatalf("round trip: %+v", got)
	}
	// A key older versions wrote (window.close_to_tray, no longer used) is ignored.
	bad := ParseNotifySettings(map[string]string{SettingNotifyLead: "-5", SettingQuietFrom: "25:00", SettingReviewDay: "9", "window.close_to_tray": "0"})
	def := DefaultNotifySettings()
	if bad.Lead != def.Lead || bad.QuietFrom != def.QuietFrom || bad.ReviewDay != def.ReviewDay {
		t.Fatalf("bad values were not ignored: %+v", bad)
	}
}

func TestCleanNotifyText(t *testing.T) {
	for in, want := range map[string]string{
		"--help me":               "‐-help me",
		"Call\x00 the\tdentist\n": "Call the dentist",
		"<b>bold</b> & co":        "‹b›bold‹/b› ＆ co",
		"\u202eevil":              "evil",
		"":                        "",
	} {
		if got := CleanNotifyText(in, 100, false); got != want {
			t.Errorf("CleanNotifyText(%q) = %q, want %q", in, got, want)
		}
	}
	long := strings.Repeat("word ", 100)
	if got := CleanNotifyText(long, 20, false); utf8.RuneCountInString(got) != 20 || !strings.HasSuffix(got, "…") {
		t.Errorf("capped: %q", got)
	}
}

func FuzzCleanNotifyText(f *testing.F) {
	for _, s := range []string{"-x", "a\nb", "<i>", "\xff\xfe", "  -- y", "\u200b-z"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, lines bool) {
		got := CleanNotifyText(s, 50, lines)
		if !utf8.ValidString(got) || utf8.RuneCountInString(got) > 50 {
			t.Fatalf("bad output %q", got)
		}
		if strings.HasPrefix(got, "-") || strings.ContainsAny(got, "<>&") {
			t.Fatalf("unsafe output %q", got)
		}
		for _, r := range got {
			if (unicode.IsControl(r) && r != '\n') || (r == '\n' && !lines) {
				t.Fatalf("control character in %q", got)
			}
		}
	})
}

// demoGoals is a plan of n steps around now: a third timed, a third all-day, a third done.
func demoGoals(n int, now time.Time) []MicroGoal {
	rng := rand.New(rand.NewSource(1))
	goals := make([]MicroGoal, n)
	for i := range goals {
		g := NewMicroGoal(int64(i%20+1), 0, fmt.Sprintf("Step %d", i), now.AddDate(0, 0, -30))
		g.ID = int64(i + 1)
		off := time.Duration(rng.Intn(30*24*60)-15*24*60) * time.Minute
		switch i % 3 {
		case 0:
			g.Due, g.DueHasTime = now.Add(off), true
		case 1:
			d := now.Add(off)
			g.Due = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, now.Location())
		default:
			g = g.WithStatus(StatusDone, "", now.Add(-time.Duration(rng.Intn(20*24*60))*time.Minute))
		}
		goals[i] = g
	}
	return goals
}

func TestPlanOverTenThousandGoals(t *testing.T) {
	goals := demoGoals(10000, t0)
	s := settingsAt(time.UTC, t0.AddDate(0, 0, -10))
	sent := SentLog{}
	fire, next := plan(goals, nil, s, sent, t0)
	if len(fire) == 0 || next.IsZero() {
		t.Fatalf("fire %d next %v", len(fire), next)
	}
	// Whatever there was to catch up on is one summary, and a restart repeats none of it.
	for _, n := range fire {
		if n.Kind != KindMissed && !n.Silent && t0.Sub(n.At) > StaleAfter {
			t.Fatalf("a stale one fired on its own: %+v", n)
		}
	}
	if again, _ := plan(goals, nil, s, sent, t0); len(again) != 0 {
		t.Fatalf("repeated %d", len(again))
	}
}

func BenchmarkPlanNotifications10k(b *testing.B) {
	goals := demoGoals(10000, t0)
	s := settingsAt(time.UTC, t0.AddDate(0, 0, -10))
	sent := SentLog{}
	plan(goals, nil, s, sent, t0)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		PlanNotifications(goals, nil, s, sent, t0.Add(time.Duration(i%60)*time.Second))
	}
}

func TestOpenDueOnCountsTodaysOpenSteps(t *testing.T) {
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	allDay := NewMicroGoal(1, 0, "A", t0)
	allDay.ID, allDay.Due = 1, day
	timed := timedGoal(2, "B", t0.Add(10*time.Hour))    // 19:00 today
	tomorrow := timedGoal(3, "C", t0.Add(15*time.Hour)) // 00:00 tomorrow
	done := timedGoal(4, "D", t0).WithStatus(StatusDone, "", t0)
	noDue := NewMicroGoal(1, 0, "E", t0)
	if n := OpenDueOn([]MicroGoal{allDay, timed, tomorrow, done, noDue}, t0, time.UTC); n != 2 {
		t.Fatalf("OpenDueOn = %d, want 2", n)
	}
}

// A loop wakes a little after the lead time (a timer is never exact): the notification still
// says the lead time, not "less than a minute" for a step a minute away.
func TestDueSoonFromALateWakeSaysTheLeadTime(t *testing.T) {
	s := settingsAt(time.UTC, t0.Add(-time.Hour))
	s.Lead = time.Minute
	due := t0.Add(10 * time.Minute)
	goals := []MicroGoal{timedGoal(1, "Water the tomatoes", due)}
	dueSoon := func(now time.Time) string {
		fire, _ := plan(goals, nil, s, SentLog{}, now)
		for _, f := range fire {
			if f.Kind == KindDueSoon {
				return f.Title
			}
		}
		return ""
	}
	if got := dueSoon(due.Add(-time.Minute + 3*time.Millisecond)); got != "Due in 1 min: Water the tomatoes" {
		t.Fatalf("3 ms after the lead time: %q", got)
	}
	if got := dueSoon(due.Add(-20 * time.Second)); got != "Due in less than a minute: Water the tomatoes" {
		t.Fatalf("20 s before the deadline: %q", got)
	}
}

// TestCleanNotifyTextKeepsJoinedCharacters keeps emoji sequences, flags and the joiners of
// Persian and Arabic text whole: a family arrives as one family, not three people.
func TestCleanNotifyTextKeepsJoinedCharacters(t *testing.T) {
	for _, s := range []string{
		"Dinner with 👨\u200d👩\u200d👧 at 7",
		"Go 🏳\ufe0f\u200d🌈 parade",
		"Visit 🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F Edinburgh",
		"می\u200cخواهم بنویسم",
		"Call \u200fأحمد\u200f now",
		"❤\ufe0f thanks 👍🏽",
	} {
		if got := CleanNotifyText(s, 100, false); got != s {
			t.Errorf("CleanNotifyText(%q) = %q", s, got)
		}
	}
	// Hiding or reordering characters still become spaces.
	if got := CleanNotifyText("a\u202eb\u2066c\u00add", 100, false); got != "a b c d" {
		t.Errorf("bidi overrides kept: %q", got)
	}
	// Capping never splits a sequence: the family is kept whole or left out.
	family := "👨\u200d👩\u200d👧"
	for n := 1; n <= 12; n++ {
		got := CleanNotifyText(strings.Repeat("a", 5)+family+" done", 5+n, false)
		rest := strings.TrimSuffix(strings.TrimPrefix(got, "aaaaa"), "…")
		if rest != "" && !strings.HasPrefix(rest, family) {
			t.Errorf("cap %d split the family: %q", 5+n, got)
		}
	}
}

// TestNotificationsWriteTimesInTheLocale: "due soon", "due now" and "overdue" write the
// deadline as the user's locale does, with AM/PM in the United States.
func TestNotificationsWriteTimesInTheLocale(t *testing.T) {
	due := t0.Add(5*time.Hour + 30*time.Minute) // 14:30
	for _, c := range []struct{ locale, soon, overdue string }{
		{"C", "Due at 14:30.", "It was due Wed 25 Nov 14:30."},
		{"en_US.UTF-8", "Due at 2:30 PM.", "It was due Wed Nov 25 2:30 PM."},
		{"de_DE.UTF-8", "Due at 14:30.", "It was due Mi. 25. Nov. 14:30."},
	} {
		s := settingsAt(time.UTC, t0)
		s.Locale = ParseLocale(c.locale)
		goals := []MicroGoal{timedGoal(1, "Call the dentist", due)}
		fired := simulate(t, goals, nil, s, SentLog{}, t0, due.Add(2*time.Hour))
		var bodies []string
		for _, n := range fired {
			bodies = append(bodies, n.Body)
		}
		all := strings.Join(bodies, "\n")
		if !strings.Contains(all, c.soon) || !strings.Contains(all, c.overdue) {
			t.Errorf("%s: notifications say %q, want %q and %q", c.locale, all, c.soon, c.overdue)
		}
	}
}

func TestPluralReadsNaturally(t *testing.T) {
	for _, c := range []struct {
		n          int
		word, want string
	}{
		{1, "step", "1 step"}, {0, "step", "0 steps"}, {2, "day", "2 days"}, {1, "day", "1 day"},
		{3, "metric entry", "3 metric entries"}, {1, "metric entry", "1 metric entry"}, {5, "decision", "5 decisions"},
	} {
		if got := Plural(c.n, c.word); got != c.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", c.n, c.word, got, c.want)
		}
	}
}
