package storage

import (
	"errors"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
)

func TestAuditDropAndReverseWriteTheLog(t *testing.T) {
	s := openTest(t)
	o := mustObjective(t, s, "Learn conversational Spanish")
	g := mustGoal(t, s, o.ID, 0, "Finish unit 1 of the course")

	if _, err := s.RecordDecision(ctx, model.Decision{GoalID: g.ID, Kind: model.DecisionDrop}); !isValidation(err) {
		t.Fatalf("a drop without rationale: %v", err)
	}
	keep, err := s.RecordDecision(ctx, model.Decision{ObjectiveID: o.ID, Kind: model.DecisionKeep, Essential: "Yes", BestUse: "Yes", Evidence: "Two calls a week"})
	if err != nil {
		t.Fatal(err)
	}
	drop, err := s.RecordDecision(ctx, model.Decision{GoalID: g.ID, Kind: model.DecisionDrop, Essential: "No", Rationale: "The tutor covers it"})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Goal(ctx, g.ID)
	if got.Status != model.StatusDropped || got.DropReason != "The tutor covers it" {
		t.Fatalf("after drop: %+v", got)
	}
	if _, err := s.RecordDecision(ctx, model.Decision{GoalID: g.ID, Kind: model.DecisionReverse, ReversesID: keep.Decision.ID, Rationale: "x"}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("reversing a keep of another goal: %v", err)
	}
	rev, err := s.RecordDecision(ctx, model.Decision{GoalID: g.ID, Kind: model.DecisionReverse, ReversesID: drop.Decision.ID, Rationale: "The tutor left"})
	if err != nil {
		t.Fatal(err)
	}
	got, _ = s.Goal(ctx, g.ID)
	if got.Status != model.StatusOpen || got.DropReason != "" {
		t.Fatalf("after reverse: %+v", got)
	}
	log, err := s.DecisionsFor(ctx, 0, g.ID)
	if err != nil || len(log) != 2 || log[0].Kind != model.DecisionReverse || log[0].ReversesID != drop.Decision.ID ||
		log[1].Rationale != "The tutor covers it" || log[1].Essential != "No" || log[1].Subject != "Finish unit 1 of the course" {
		t.Fatalf("goal log = %+v, %v", log, err)
	}
	if found, _ := s.SearchDecisions(ctx, "tutor LEFT", 10); len(found) != 1 || found[0].ID != rev.Decision.ID {
		t.Fatalf("search = %+v", found)
	}
	if found, _ := s.SearchDecisions(ctx, "", 10); len(found) != 3 {
		t.Fatalf("all = %d", len(found))
	}
	if found, _ := s.SearchDecisions(ctx, "100%", 10); len(found) != 0 {
		t.Fatalf("a literal %% matched %d", len(found))
	}
	// Undo takes the reversal back: the goal is dropped again, the entry gone.
	if err := s.UndoDecision(ctx, rev); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Goal(ctx, g.ID)
	if log, _ := s.DecisionsFor(ctx, 0, g.ID); len(log) != 1 || got.Status != model.StatusDropped {
		t.Fatalf("after undo: %+v %+v", log, got)
	}
	// Dropping an objective archives it; the log lives on the objective.
	od, err := s.RecordDecision(ctx, model.Decision{ObjectiveID: o.ID, Kind: model.DecisionDrop, Rationale: "Moving abroad is off"})
	if err != nil {
		t.Fatal(err)
	}
	if oo, _ := s.Objective(ctx, o.ID); oo.Status != model.ObjectiveArchived {
		t.Fatalf("objective after drop: %+v", oo)
	}
	if err := s.UndoDecision(ctx, od); err != nil {
		t.Fatal(err)
	}
	if oo, _ := s.Objective(ctx, o.ID); oo.Status != model.ObjectiveActive {
		t.Fatalf("objective after undo: %+v", oo)
	}
}

func TestReviewsSaveAndList(t *testing.T) {
	s := openTest(t)
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	p := model.ReviewPeriod(now, time.UTC, model.PeriodWeek)
	r, err := s.SaveReview(ctx, model.Review{Period: p, Completed: 4, Streak: 3, Actions: []string{"a", "b\nc"}, Wins: "w", Lessons: "l"})
	if err != nil {
		t.Fatal(err)
	}
	r.Adjustments = "fewer steps on Fridays"
	if _, err := s.SaveReview(ctx, r); err != nil {
		t.Fatal(err)
	}
	prev := model.ReviewPeriod(now.AddDate(0, 0, -7), time.UTC, model.PeriodWeek)
	if _, err := s.SaveReview(ctx, model.Review{Period: prev}); err != nil {
		t.Fatal(err)
	}
	list, err := s.Reviews(ctx)
	if err != nil || len(list) != 2 || list[0].Adjustments != "fewer steps on Fridays" || !list[0].Period.Start.Equal(p.Start) ||
		len(list[0].Actions) != 2 || list[0].Actions[1] != "b c" {
		t.Fatalf("reviews = %+v, %v", list, err)
	}
	if over, _ := s.ReviewsOverlapping(ctx, model.PeriodOf(p.Start, p.Start, time.UTC)); len(over) != 1 {
		t.Fatalf("overlapping = %+v", over)
	}
	if _, err := s.SaveReview(ctx, model.Review{}); !isValidation(err) {
		t.Fatalf("a review without period: %v", err)
	}
}
