package storage

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/microgoals/microgoals/model"
)

// ExportICalendar writes the milestones (every micro-goal with a due date, outside the trash)
// as an iCalendar file. Each milestone is written twice, because calendar programs differ in
// what they import: a VEVENT at its due date and time (all-day when it has no time), which
// every calendar shows, and a VTODO with DUE, STATUS and COMPLETED, which task lists use. The
// description carries the expected outcome, "done when" and the objective. UIDs are stable
// (the micro-goal's identity), so importing a newer file updates the earlier copy.
func (s *Store) ExportICalendar(ctx context.Context, w io.Writer) (int, error) {
	out, err := s.LoadOutline(ctx)
	if err != nil {
		return 0, fmt.Errorf("export the milestones: %w", err)
	}
	uuids, err := s.goalUUIDs(ctx)
	if err != nil {
		return 0, fmt.Errorf("export the milestones: %w", err)
	}
	cal := MilestoneCalendar(out, uuids, s.now(), s.loc)
	if err := cal.SerializeTo(w); err != nil {
		return 0, fmt.Errorf("export the milestones: %w", err)
	}
	return len(cal.Events()), nil
}

// goalUUIDs assigns missing identities and returns them by micro-goal id.
func (s *Store) goalUUIDs(ctx context.Context) (map[int64]string, error) {
	out := map[int64]string{}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := assignUUIDs(ctx, tx); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, uuid FROM micro_goals WHERE trash_id IS NULL AND due_at IS NOT NULL`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var u string
			if err := rows.Scan(&id, &u); err != nil {
				return err
			}
			out[id] = u
		}
		return rows.Err()
	})
	return out, err
}

// MilestoneCalendar builds the iCalendar of the outline's milestones; uuids gives each
// micro-goal's identity for its UID.
func MilestoneCalendar(out Outline, uuids map[int64]string, now time.Time, loc *time.Location) *ics.Calendar {
	cal := ics.NewCalendar()
	cal.SetMethod(ics.MethodPublish)
	cal.SetProductId("-//Microgoals//Milestones//EN")
	cal.SetName("Microgoals milestones")
	cal.SetXWRCalName("Microgoals milestones")
	objectives := map[int64]string{}
	for _, o := range out.Objectives {
		objectives[o.ID] = o.Title
	}
	stamp := now.UTC()
	for _, g := range out.Goals {
		if !g.HasDue() {
			continue
		}
		uid := uuids[g.ID]
		if uid == "" {
			uid = fmt.Sprintf("goal-%d", g.ID)
		}
		desc := milestoneDescription(g, objectives[g.ObjectiveID])
		summary := g.Title
		if g.Status == model.StatusDone {
			summary = "✓ " + summary
		}

		ev := cal.AddEvent(uid + "-event@microgoals")
		ev.SetDtStampTime(stamp)
		ev.SetCreatedTime(g.CreatedAt.UTC())
		ev.SetModifiedAt(g.UpdatedAt.UTC())
		ev.SetSummary(summary)
		ev.SetDescription(desc)
		todo := cal.AddTodo(uid + "-todo@microgoals")
		todo.SetDtStampTime(stamp)
		todo.SetCreatedTime(g.CreatedAt.UTC())
		todo.SetModifiedAt(g.UpdatedAt.UTC())
		todo.SetSummary(g.Title)
		todo.SetDescription(desc)
		if g.DueHasTime {
			length := 30 * time.Minute
			if g.EstimateMinutes > 0 {
				length = time.Duration(g.EstimateMinutes) * time.Minute
			}
			// The event ends at the due time: the work happens before the deadline.
			ev.SetStartAt(g.Due.Add(-length).UTC())
			ev.SetEndAt(g.Due.UTC())
			todo.SetDueAt(g.Due.UTC())
		} else {
			day := g.Due.In(loc)
			ev.SetAllDayStartAt(day)
			ev.SetAllDayEndAt(day.AddDate(0, 0, 1))
			todo.SetAllDayDueAt(day)
		}
		// One CATEGORIES line per tag, as stored ("writing", "@home"): a tag holds no comma.
		for _, t := range g.Tags {
			ev.AddCategory(t)
			todo.AddCategory(t)
		}
		switch g.Status {
		case model.StatusDone:
			ev.SetStatus(ics.ObjectStatusConfirmed)
			todo.SetStatus(ics.ObjectStatusCompleted)
			todo.SetCompletedAt(g.DoneAt.UTC())
			todo.SetPercentComplete(100)
		case model.StatusDropped:
			ev.SetStatus(ics.ObjectStatusCancelled)
			todo.SetStatus(ics.ObjectStatusCancelled)
		default:
			ev.SetStatus(ics.ObjectStatusConfirmed)
			todo.SetStatus(ics.ObjectStatusNeedsAction)
		}
	}
	return cal
}

func milestoneDescription(g model.MicroGoal, objective string) string {
	var lines []string
	if g.Outcome != "" {
		lines = append(lines, "Outcome: "+g.Outcome)
	}
	if g.DoneWhen != "" {
		lines = append(lines, "Done when: "+g.DoneWhen)
	}
	lines = append(lines, "Status: "+string(g.Status), "Horizon: "+string(g.Horizon))
	if g.Status == model.StatusDropped && g.DropReason != "" {
		lines = append(lines, "Dropped: "+g.DropReason)
	}
	if objective != "" {
		lines = append(lines, "Objective: "+objective)
	}
	return strings.Join(lines, "\n")
}
