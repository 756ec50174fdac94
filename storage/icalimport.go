package storage

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/microgoals/microgoals/model"
)

// ourUIDSuffixes end the UIDs ExportICalendar writes: the micro-goal's identity and a suffix.
var ourUIDSuffixes = []string{"-todo@microgoals", "-event@microgoals"}

// ImportICalendar merges the tasks (VTODO) and events (VEVENT) of an iCalendar file, as
// Thunderbird, Evolution, khal, Apple Reminders and Microgoals itself export them, into the
// plan in one transaction. Each component becomes a micro-goal whose identity is its UID, so
// importing a newer copy of the same file updates the steps it made (when its LAST-MODIFIED is
// later) instead of adding them again; a Microgoals export's UIDs lead back to the steps it
// was made from. New steps go under an objective named after the calendar, nested by
// RELATED-TO (a parent task); SUMMARY is the title, DESCRIPTION the expected outcome, DUE (or
// DTSTART) the due date, STATUS and COMPLETED the status, RRULE the repeat rule when Microgoals
// can follow it. The same rules as a JSON import apply: a file that breaks one is refused
// with ErrBadImport and nothing changes.
func (s *Store) ImportICalendar(ctx context.Context, r io.Reader) (ImportResult, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxImportSize+1))
	if err != nil {
		return ImportResult{}, fmt.Errorf("import: read the file: %w", err)
	}
	if len(data) > maxImportSize {
		return ImportResult{}, badImport("the file is larger than any calendar export (over {{.MB}} MB)", "MB", maxImportSize>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) || !bytes.HasPrefix(bytes.TrimSpace(data), []byte("BEGIN:VCALENDAR")) {
		return ImportResult{}, badImport("it is not an iCalendar file (it must start with BEGIN:VCALENDAR)")
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		return ImportResult{}, badImport("the calendar cannot be read ({{.Err}})", "Err", err)
	}
	doc, err := s.calendarDocument(cal)
	if err != nil {
		return ImportResult{}, err
	}
	var res ImportResult
	err = s.write(ctx, func(tx *sql.Tx) error {
		objUUID := doc.Tables["objectives"][0]["uuid"]
		var had bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM objectives WHERE uuid = ?)`, objUUID).Scan(&had); err != nil {
			return err
		}
		m := &merger{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}}
		defer m.close()
		if err := m.merge(doc); err != nil {
			return err
		}
		res = m.res
		// The calendar's objective is only kept when a new step went under it.
		if !had {
			var id int64
			err := tx.QueryRowContext(ctx, `SELECT id FROM objectives WHERE uuid = ? AND NOT EXISTS (
				SELECT 1 FROM micro_goals WHERE objective_id = objectives.id)`, objUUID).Scan(&id)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if id != 0 {
				// Made and dropped in this transaction: nothing for the sync outbox either.
				if _, err := tx.ExecContext(ctx, `DELETE FROM objectives WHERE id = ?`, id); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `DELETE FROM sync_outbox WHERE kind = 'objective' AND local_id = ?`, id); err != nil {
					return err
				}
				res.Added--
			}
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, ErrBadImport) {
			return ImportResult{}, err
		}
		return ImportResult{}, wrapf(err, "import the calendar")
	}
	return res, nil
}

// calendarDocument turns the calendar's tasks and events into the rows of a JSON import.
func (s *Store) calendarDocument(cal *ics.Calendar) (Document, error) {
	name := "Imported calendar"
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == string(ics.PropertyXWRCalName) && strings.TrimSpace(p.Value) != "" {
			name = model.CleanTitle(p.Value)
		}
	}
	now := msText(s.now().UnixMilli())
	objUUID := "ical:" + name
	doc := Document{Format: ExportFormat, Version: ExportVersion, Tables: map[string][]Row{
		"objectives": {{"uuid": objUUID, "title": clip("Imported: "+name, model.MaxTitleLen), "status": "active",
			"position": int64ToNumber(1 << 40), "created_at": now, "updated_at": "1970-01-01T00:00:00.000Z"}},
	}}
	type item struct {
		cb   *ics.ComponentBase
		todo bool
	}
	var items []item
	for _, t := range cal.Todos() {
		items = append(items, item{&t.ComponentBase, true})
	}
	ours := map[string]bool{}
	for _, it := range items {
		ours[identity(prop(it.cb, ics.ComponentPropertyUniqueId))] = true
	}
	for _, e := range cal.Events() {
		// A Microgoals export writes each milestone as an event and a task: one step.
		if uid := prop(&e.ComponentBase, ics.ComponentPropertyUniqueId); strings.HasSuffix(uid, "-event@microgoals") && ours[identity(uid)] {
			continue
		}
		items = append(items, item{&e.ComponentBase, false})
	}
	for i, it := range items {
		cb := it.cb
		uid := identity(prop(cb, ics.ComponentPropertyUniqueId))
		if uid == "" {
			return Document{}, badImport("calendar item {{.N}} (“{{.Title}}”) has no UID", "N", i+1, "Title", clip(prop(cb, ics.ComponentPropertySummary), 60))
		}
		title := clip(model.CleanTitle(prop(cb, ics.ComponentPropertySummary)), model.MaxTitleLen)
		if title == "" {
			title = "Untitled task"
		}
		row := Row{"uuid": uid, "objective": objUUID, "position": int64ToNumber(int64(i + 1)), "title": title,
			"outcome": model.CleanNote(prop(cb, ics.ComponentPropertyDescription)), "status": "open"}
		created, ok := s.icalTime(cb.GetProperty(ics.ComponentPropertyCreated))
		if !ok {
			created, _ = s.icalTime(cb.GetProperty(ics.ComponentPropertyDtstamp))
		}
		modified, ok := s.icalTime(cb.GetProperty(ics.ComponentPropertyLastModified))
		if !ok {
			modified, _ = s.icalTime(cb.GetProperty(ics.ComponentPropertyDtstamp))
		}
		if created.IsZero() {
			created = s.now()
		}
		if modified.IsZero() || modified.Before(created) {
			modified = created
		}
		row["created_at"], row["updated_at"] = msText(created.UnixMilli()), msText(modified.UnixMilli())
		dueProp := cb.GetProperty(ics.ComponentPropertyDue)
		if !it.todo || dueProp == nil {
			dueProp = cb.GetProperty(ics.ComponentPropertyDtStart)
		}
		if due, ok := s.icalTime(dueProp); ok {
			allDay := icalAllDay(dueProp)
			if allDay {
				due = midnight(due, s.loc)
			}
			row["due_at"], row["due_has_time"], row["due_day"] = msText(due.UnixMilli()), !allDay, dayText(due, s.loc)
			if rule := prop(cb, ics.ComponentPropertyRrule); rule != "" {
				if _, err := model.ParseRule(rule); err == nil {
					row["rrule"] = rule
				}
			}
		}
		switch strings.ToUpper(prop(cb, ics.ComponentPropertyStatus)) {
		case "COMPLETED":
			done, ok := s.icalTime(cb.GetProperty(ics.ComponentPropertyCompleted))
			if !ok {
				done = modified
			}
			row["status"], row["done_at"] = "done", msText(done.UnixMilli())
		case "CANCELLED":
			row["status"], row["dropped_at"] = "dropped", msText(modified.UnixMilli())
		}
		for _, rel := range cb.GetProperties(ics.ComponentPropertyRelatedTo) {
			if t := rel.ICalParameters["RELTYPE"]; len(t) > 0 && !strings.EqualFold(t[0], "PARENT") {
				continue
			}
			if p := identity(rel.Value); p != "" && p != uid {
				row["parent"] = p
			}
		}
		var tags []string
		for _, c := range cb.GetProperties(ics.ComponentPropertyCategories) {
			for _, v := range splitICalList(c.Value) {
				if t, ok := model.TagOfCategory(v); ok && !model.HasTag(tags, t) {
					tags = append(tags, t)
				}
			}
		}
		if len(tags) > 0 {
			row["tags"] = model.JoinTags(tags)
		}
		doc.Tables["micro_goals"] = append(doc.Tables["micro_goals"], row)
	}
	return doc, nil
}

// identity is the micro-goal identity of a UID: a Microgoals export's UID leads back to the
// step it was made from; any other UID is the identity itself.
func identity(uid string) string {
	uid = strings.TrimSpace(uid)
	for _, suf := range ourUIDSuffixes {
		if strings.HasSuffix(uid, suf) {
			return strings.TrimSuffix(uid, suf)
		}
	}
	return uid
}

func prop(cb *ics.ComponentBase, p ics.ComponentProperty) string {
	if v := cb.GetProperty(p); v != nil {
		return strings.TrimSpace(v.Value)
	}
	return ""
}

func icalAllDay(p *ics.IANAProperty) bool {
	if p == nil {
		return false
	}
	if v := p.ICalParameters["VALUE"]; len(v) > 0 && strings.EqualFold(v[0], "DATE") {
		return true
	}
	return len(strings.TrimSpace(p.Value)) == 8
}

// icalTime reads a DATE or DATE-TIME value: in UTC when it ends in Z, in its TZID's zone when
// that zone is known, and otherwise (floating time, an unknown zone) in the plan's zone.
func (s *Store) icalTime(p *ics.IANAProperty) (time.Time, bool) {
	if p == nil {
		return time.Time{}, false
	}
	v := strings.TrimSpace(p.Value)
	loc := s.loc
	if tz := p.ICalParameters["TZID"]; len(tz) > 0 {
		if l, err := time.LoadLocation(strings.Trim(tz[0], `"`)); err == nil {
			loc = l
		}
	}
	for _, f := range []struct {
		layout string
		loc    *time.Location
	}{{"20060102T150405Z", time.UTC}, {"20060102T150405", loc}, {"20060102", s.loc}} {
		if t, err := time.ParseInLocation(f.layout, v, f.loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// int64ToNumber writes n as the JSON number a decoded file would hold.
func int64ToNumber(n int64) any { return json.Number(fmt.Sprint(n)) }

// splitICalList splits a list value (CATEGORIES) at its unescaped commas and unescapes each
// part (RFC 5545 3.3.11).
func splitICalList(v string) []string {
	var out []string
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '\\' && i+1 < len(v):
			i++
			switch v[i] {
			case 'n', 'N':
				b.WriteByte(' ')
			default:
				b.WriteByte(v[i])
			}
		case c == ',':
			out = append(out, b.String())
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	return append(out, b.String())
}
