package storage

import (
	"context"
	"regexp"
	"testing"
	"time"
)

// The demo plan reads like a real one: no "1 words"-style numbers, no month in a title that
// its target date contradicts, and no step due after its objective's target date.
func TestDemoPlanReadsNaturallyAndKeepsItsDates(t *testing.T) {
	s := openTest(t)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	if err := s.GenerateDemo(context.Background(), now, 600, 100, 7); err != nil {
		t.Fatal(err)
	}
	o, err := s.LoadOutline(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	oneMany := regexp.MustCompile(`\b1 [a-z]+s\b`)
	months := regexp.MustCompile(`\b(by|in) (January|February|March|April|May|June|July|August|September|October|November|December)\b`)
	targets := map[int64]time.Time{}
	for _, ob := range o.Objectives {
		if months.MatchString(ob.Title) {
			t.Errorf("objective %q names a month; its target date is %v", ob.Title, ob.TargetDate)
		}
		targets[ob.ID] = ob.TargetDate
	}
	for _, g := range o.Goals {
		if oneMany.MatchString(g.Title) || months.MatchString(g.Title) {
			t.Errorf("step %q does not read naturally", g.Title)
		}
		if tg := targets[g.ObjectiveID]; !tg.IsZero() && g.HasDue() && g.Due.After(tg) {
			t.Errorf("step %q is due %v, after its objective's target %v", g.Title, g.Due, tg)
		}
	}
}
