package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
)

// planAt is the notification plan at now over goals, as the scheduler makes it (repeating
// steps expanded with their exceptions from the file).
func planAt(t *testing.T, st *Store, out Outline, ns model.NotifySettings, sent model.SentLog, now time.Time) ([]model.Notification, time.Time, int) {
	t.Helper()
	loc := ns.Location
	ex, err := st.Exceptions(context.Background(), model.DateOf(now.Add(-model.Lookback), loc), model.DateOf(now, loc).AddDays(2))
	if err != nil {
		t.Fatal(err)
	}
	goals := model.NotifyGoals(out.Goals, model.NewExceptions(ex), ns, now)
	fire, next := model.PlanNotifications(goals, out.Objectives, ns, sent, now)
	return fire, next, model.OpenDueOn(out.Goals, now, loc)
}

// The agent keeps only LoadNotifyPlan's part of the plan in memory: at any time until the next
// local midnight it must plan exactly what the whole outline plans — the same notifications,
// the same count for the tray, and the same next wake-up whenever that comes before midnight.
func TestNotifyPlanPlansLikeTheWholeOutline(t *testing.T) {
	ctx := context.Background()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no zone data:", err)
	}
	gen := time.Date(2026, 11, 20, 10, 0, 0, 0, loc)
	clock := gen
	st, err := Open(filepath.Join(t.TempDir(), "plan.db"), Options{Location: loc, Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.GenerateDemo(ctx, gen, 800, 0, 7); err != nil {
		t.Fatal(err)
	}
	whole, err := st.LoadOutline(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Repeating steps (one with a completed and a skipped occurrence, one counted from its
	// completion) and an objective achieved recently: the demo has none.
	obj := whole.Objectives[0]
	for i, rule := range []string{"FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "FREQ=DAILY;INTERVAL=3"} {
		g := model.NewMicroGoal(obj.ID, 0, fmt.Sprintf("Repeat %d", i), gen)
		g.Due, g.DueHasTime, g.Repeat = gen.AddDate(0, 0, -40+i).Truncate(time.Hour), i != 1, rule
		g.RepeatFromCompletion = i == 2
		if i == 1 {
			y, m, d := g.Due.Date()
			g.Due = time.Date(y, m, d, 0, 0, 0, 0, loc)
		}
		g, err := st.CreateGoal(ctx, g, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range []model.OccurrenceException{
			{GoalID: g.ID, Original: model.DateOf(gen.AddDate(0, 0, -1), loc), Status: model.StatusDone, At: gen.Add(-20 * time.Hour)},
			{GoalID: g.ID, Original: model.DateOf(gen.AddDate(0, 0, -2), loc), Status: model.StatusDropped, At: gen.Add(-40 * time.Hour)},
		} {
			if _, _, err := st.SetOccurrence(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
	}
	obj.Status, obj.AchievedAt = model.ObjectiveAchieved, gen.Add(-3*time.Hour)
	if _, err := st.UpdateObjective(ctx, obj); err != nil {
		t.Fatal(err)
	}
	if whole, err = st.LoadOutline(ctx); err != nil {
		t.Fatal(err)
	}

	settings := []model.NotifySettings{model.DefaultNotifySettings(), model.DefaultNotifySettings()}
	settings[1].Lead, settings[1].OverdueAfter, settings[1].QuietOn = model.MaxLead, model.MaxOverdueAfter, false
	var compared, fired int
	// When the notifications began: long ago, two hours ago, or not yet (LoadNotifyState has
	// not run: they begin now).
	sinces := []func(now time.Time) time.Time{
		func(time.Time) time.Time { return gen.AddDate(-2, 0, 0) },
		func(now time.Time) time.Time { return now.Add(-2 * time.Hour) },
		nil,
	}
	for _, ns := range settings {
		for _, now := range []time.Time{gen, gen.Add(13*time.Hour + 59*time.Minute), gen.AddDate(0, 0, -20).Add(3 * time.Hour),
			gen.AddDate(0, 0, 25).Add(-7 * time.Hour), gen.AddDate(0, 0, 50), gen.AddDate(0, 0, 2).Add(21*time.Hour + 30*time.Minute)} {
			for _, since := range sinces {
				ns.Location, ns.Since = loc, now
				if _, err := st.db.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, settingNotifySince); err != nil {
					t.Fatal(err)
				}
				if since != nil {
					ns.Since = since(now)
					if err := st.SetSetting(ctx, settingNotifySince, fmt.Sprint(ns.Since.UnixMilli())); err != nil {
						t.Fatal(err)
					}
				}
				clock = now
				part, err := st.LoadNotifyPlan(ctx, now)
				if err != nil {
					t.Fatal(err)
				}
				if len(part.Goals) >= len(whole.Goals) {
					t.Fatalf("at %v the plan's part has %d steps, the whole outline %d", now, len(part.Goals), len(whole.Goals))
				}
				y, m, d := now.Date()
				midnight := time.Date(y, m, d+1, 0, 0, 0, 0, loc)
				// Over the rest of the day: with nothing sent, and with what the last hours sent.
				for _, at := range []time.Time{now, now.Add(time.Hour), midnight.Add(-time.Minute)} {
					for _, sentBefore := range []time.Duration{0, 4 * time.Hour} {
						sent := model.SentLog{}
						if sentBefore > 0 {
							early, _, _ := planAt(t, st, whole, ns, model.SentLog{}, at.Add(-sentBefore))
							for _, n := range early {
								sent[n.Key] = true
								for _, k := range n.Covers {
									sent[k] = true
								}
							}
						}
						wantFire, wantNext, wantCount := planAt(t, st, whole, ns, sent, at)
						gotFire, gotNext, gotCount := planAt(t, st, part, ns, sent, at)
						if !reflect.DeepEqual(gotFire, wantFire) {
							t.Fatalf("at %v (lead %v): the part fires %d notifications, the whole %d:\n%+v\nwant\n%+v", at, ns.Lead, len(gotFire), len(wantFire), gotFire, wantFire)
						}
						if gotCount != wantCount {
							t.Fatalf("at %v: today's open count %d, want %d", at, gotCount, wantCount)
						}
						if wantNext.Before(midnight) && !gotNext.Equal(wantNext) {
							t.Fatalf("at %v: next wake-up %v, want %v", at, gotNext, wantNext)
						}
						if !wantNext.Before(midnight) && !gotNext.IsZero() && gotNext.Before(midnight) {
							t.Fatalf("at %v: next wake-up %v before midnight, the whole plan's is %v", at, gotNext, wantNext)
						}
						compared++
						fired += len(wantFire)
					}
				}
			}
		}
	}
	if fired == 0 {
		t.Fatalf("%d plans compared and none fired anything: the comparison proves nothing", compared)
	}
	t.Logf("%d plans compared, %d notifications fired in all; the part holds far fewer steps than the %d of the outline", compared, fired, len(whole.Goals))
}
