package storage

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode"

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
		return 0, wrapf(err, "export the milestones")
	}
	uuids, err := s.goalUUIDs(ctx)
	if err != nil {
		return 0, wrapf(err, "export the milestones")
	}
	ex, err := s.Exceptions(ctx, model.D(model.MinYear, 1, 1), model.D(model.MaxYear, 12, 31))
	if err != nil {
		return 0, wrapf(err, "export the milestones")
	}
	cal := MilestoneCalendar(out, uuids, model.NewExceptions(ex), s.now(), s.loc)
	// RFC 5545 lines end in CRLF (golang-ical writes a bare LF unless told).
	if err := cal.SerializeTo(w, ics.WithNewLine("\r\n")); err != nil {
		return 0, wrapf(err, "export the milestones")
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
		rows, err := tx.QueryContext(ctx, `SELECT id, uuid FROM micro_goals WHERE trash_id IS NULL`)
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

// MilestoneCalendar builds the iCalendar of the outline: a VTODO for every micro-goal, linked
// to its parent step's by RELATED-TO (the outline's hierarchy), and a VEVENT for every
// milestone (a step with a due date). A repeating step is one recurring event and task (RRULE),
// its skipped and moved occurrences excluded (EXDATE). uuids gives each micro-goal's identity
// for its UID; ex its occurrences.
func MilestoneCalendar(out Outline, uuids map[int64]string, ex model.Exceptions, now time.Time, loc *time.Location) *ics.Calendar {
	cal := ics.NewCalendar()
	cal.SetMethod(ics.MethodPublish)
	cal.SetProductId("-//Microgoals//Milestones//EN")
	cal.SetName("Microgoals milestones")
	cal.SetXWRCalName(model.Text("Microgoals milestones"))
	objectives := map[int64]string{}
	for _, o := range out.Objectives {
		objectives[o.ID] = o.Title
	}
	stamp := now.UTC()
	uidOf := func(id int64) string {
		if u := uuids[id]; u != "" {
			return u
		}
		return fmt.Sprintf("goal-%d", id)
	}
	for _, g := range out.Goals {
		uid := uidOf(g.ID)
		desc := icalText(milestoneDescription(g, objectives[g.ObjectiveID]))
		summary := icalText(g.Title)
		if !g.HasDue() {
			todo := cal.AddTodo(uid + "-todo@microgoals")
			todo.SetDtStampTime(stamp)
			todo.SetCreatedTime(g.CreatedAt.UTC())
			todo.SetModifiedAt(g.UpdatedAt.UTC())
			todo.SetSummary(summary)
			todo.SetDescription(desc)
			todoStatus(todo, g)
			if g.ParentID != 0 {
				todo.AddProperty(ics.ComponentPropertyRelatedTo, uidOf(g.ParentID)+"-todo@microgoals")
			}
			continue
		}
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
		todo.SetSummary(icalText(g.Title))
		todo.SetDescription(desc)
		if g.ParentID != 0 {
			todo.AddProperty(ics.ComponentPropertyRelatedTo, uidOf(g.ParentID)+"-todo@microgoals")
		}
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
		if g.Status == model.StatusDropped {
			ev.SetStatus(ics.ObjectStatusCancelled)
		} else {
			ev.SetStatus(ics.ObjectStatusConfirmed)
		}
		todoStatus(todo, g)
		if g.Repeat != "" {
			repeatRule(ev, todo, g, ex[g.ID], loc)
		}
	}
	return cal
}

func todoStatus(todo *ics.VTodo, g model.MicroGoal) {
	switch g.Status {
	case model.StatusDone:
		todo.SetStatus(ics.ObjectStatusCompleted)
		todo.SetCompletedAt(g.DoneAt.UTC())
		todo.SetPercentComplete(100)
	case model.StatusDropped:
		todo.SetStatus(ics.ObjectStatusCancelled)
	default:
		todo.SetStatus(ics.ObjectStatusNeedsAction)
	}
}

// repeatRule writes the recurrence of a repeating step on its event and task: the RRULE,
// an EXDATE for each occurrence skipped or moved away. The instants follow the first
// occurrence's form: a date for an all-day step, a UTC time otherwise.
func repeatRule(ev *ics.VEvent, todo *ics.VTodo, g model.MicroGoal, ex map[model.Date]model.OccurrenceException, loc *time.Location) {
	rule := strings.TrimPrefix(g.Repeat, "RRULE:")
	ev.AddRrule(rule)
	todo.AddRrule(rule)
	local := g.Due.In(loc)
	days := make([]model.Date, 0, len(ex))
	for day, e := range ex {
		if e.Status == model.StatusDropped || !e.MovedTo.IsZero() {
			days = append(days, day)
		}
	}
	slices.SortFunc(days, func(a, b model.Date) int { return a.Compare(b) })
	for _, day := range days {
		if g.DueHasTime {
			v := day.At(local.Hour(), local.Minute(), loc).UTC().Format("20060102T150405Z")
			ev.AddExdate(v)
			todo.AddExdate(v)
		} else {
			v := fmt.Sprintf("%04d%02d%02d", day.Year, day.Month, day.Day)
			ev.AddExdate(v, ics.WithValue(string(ics.ValueDataTypeDate)))
			todo.AddExdate(v, ics.WithValue(string(ics.ValueDataTypeDate)))
		}
	}
}

// icalText makes s fit an iCalendar TEXT value: every line break a plain LF (which the
// writer escapes as \n; a raw CR would end the line early in some readers), and no other
// control character, which RFC 5545 does not allow in TEXT.
func icalText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

func milestoneDescription(g model.MicroGoal, objective string) string {
	// The description is for the people who read the calendar, in the user's language; the
	// properties around it are the standard's.
	var lines []string
	if g.Outcome != "" {
		lines = append(lines, model.Text("Outcome: {{.Text}}", "Text", g.Outcome))
	}
	if g.DoneWhen != "" {
		lines = append(lines, model.Text("Done when: {{.Text}}", "Text", g.DoneWhen))
	}
	lines = append(lines, statusLine(g.Status), horizonLine(g.Horizon))
	if g.Status == model.StatusDropped && g.DropReason != "" {
		lines = append(lines, model.Text("Dropped: {{.Text}}", "Text", g.DropReason))
	}
	if objective != "" {
		lines = append(lines, model.Text("Objective: {{.Text}}", "Text", objective))
	}
	return strings.Join(lines, "\n")
}

// statusLine and horizonLine name a step's status and horizon in a milestone's description.
func statusLine(s model.Status) string {
	switch s {
	case model.StatusDone:
		return model.Text("Status: done")
	case model.StatusDropped:
		return model.Text("Status: dropped")
	case model.StatusOpen:
		return model.Text("Status: open")
	}
	return model.Text("Status: {{.Text}}", "Text", string(s))
}

func horizonLine(h model.Horizon) string {
	switch h {
	case model.HorizonDay:
		return model.Text("Horizon: a day")
	case model.HorizonWeek:
		return model.Text("Horizon: a week")
	case model.HorizonFortnight:
		return model.Text("Horizon: a fortnight")
	case model.HorizonMonth:
		return model.Text("Horizon: a month")
	}
	return model.Text("Horizon: {{.Text}}", "Text", string(h))
}
