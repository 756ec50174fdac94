// Package calsync keeps the plan in two-way sync with a task list (a calendar collection that
// holds VTODOs) on any CalDAV server. It has no user interface: Engine.Sync runs one sync and
// reports a Result; the window and the background agent decide when.
//
// Every objective and micro-goal is one VTODO. The fields other task apps know travel as the
// standard properties (SUMMARY, DESCRIPTION, DUE, STATUS, COMPLETED, RRULE, EXDATE,
// CATEGORIES, RELATED-TO); the rest as X-MICROGOALS-* properties, which well-behaved clients
// keep. Metric entries, reviews and decisions stay on this machine.
package calsync

import (
	"bytes"
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-ical"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// Fields is an item's synced content, one canonical string per field: the unit of the
// three-way merge. A repeating step's exceptions are one field per day ("occ:2026-12-01").
type Fields map[string]string

// The field names.
const (
	fKind, fTitle, fParent, fPosition             = "kind", "title", "parent", "position"
	fOutcome, fDoneWhen, fDue, fHorizon, fStage   = "outcome", "done_when", "due", "horizon", "stage"
	fStatus, fEstimate, fMetricKind, fMetricUnit  = "status", "estimate", "metric_kind", "metric_unit"
	fMetricTarget, fOwner, fPartner, fDoneAt      = "metric_target", "owner", "partner", "done_at"
	fDroppedAt, fDropReason, fAnchor, fRepeat     = "dropped_at", "drop_reason", "anchor", "repeat"
	fTags, fWhy, fTarget, fAchievedAt, occPrefix  = "tags", "why", "target", "achieved_at", "occ:"
	xKind, xOutcome, xDoneWhen, xHorizon, xStage  = "X-MICROGOALS-KIND", "X-MICROGOALS-OUTCOME", "X-MICROGOALS-DONE-WHEN", "X-MICROGOALS-HORIZON", "X-MICROGOALS-STAGE"
	xEstimate, xMetricKind, xMetricUnit, xMetricT = "X-MICROGOALS-ESTIMATE", "X-MICROGOALS-METRIC-KIND", "X-MICROGOALS-METRIC-UNIT", "X-MICROGOALS-METRIC-TARGET"
	xOwner, xPartner, xAnchor, xPosition          = "X-MICROGOALS-OWNER", "X-MICROGOALS-PARTNER", "X-MICROGOALS-ANCHOR", "X-MICROGOALS-POSITION"
	xDroppedAt, xDropReason, xWhy                 = "X-MICROGOALS-DROPPED", "X-MICROGOALS-DROP-REASON", "X-MICROGOALS-WHY"
	// Issues 11 and 13: a metric that can go down, a rule counted from the last completion,
	// Markdown notes, and where and with whom a step was done.
	fNotes, fCanDecrease, fFromCompletion, fDoneWhere, fDoneWith = "notes", "metric_can_decrease", "repeat_from_completion", "done_where", "done_with"
	xNotes, xCanDecrease, xFromCompletion                        = "X-MICROGOALS-NOTES", "X-MICROGOALS-METRIC-CAN-DECREASE", "X-MICROGOALS-REPEAT-FROM-COMPLETION"
	xDoneWhere, xDoneWith                                        = "X-MICROGOALS-DONE-WHERE", "X-MICROGOALS-DONE-WITH"
)

func flag(b bool) string {
	if b {
		return "1"
	}
	return ""
}

// Item is one VTODO as the engine reads it: its identity, its fields, and when it was made
// and last changed (LAST-MODIFIED), which decides a conflict.
type Item struct {
	UID      string
	Fields   Fields
	Created  time.Time
	Modified time.Time
}

const (
	dayLayout     = "2006-01-02"
	instantLayout = "2006-01-02T15:04:05Z"
)

func instant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Truncate(time.Second).Format(instantLayout)
}

func parseInstant(s string, loc *time.Location) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(instantLayout, s)
	if err != nil {
		return time.Time{}
	}
	return t.In(loc)
}

func num(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// LocalFields returns the synced fields of a local item. inbox is the identity of the
// objective that collects other apps' tasks: a step directly under it has no parent on the
// server, as it had none when it came.
func LocalFields(l storage.SyncLocal, inbox string, loc *time.Location) Fields {
	f := Fields{fKind: l.Kind}
	if l.Kind == storage.SyncObjective {
		o := l.Objective
		f[fTitle], f[fWhy], f[fStatus] = o.Title, o.Why, string(o.Status)
		f[fPosition] = strconv.FormatInt(o.Position, 10)
		if !o.TargetDate.IsZero() {
			f[fTarget] = o.TargetDate.In(loc).Format(dayLayout)
		}
		f[fAchievedAt] = instant(o.AchievedAt)
		f[fNotes] = o.Notes
		return clean(f)
	}
	g := l.Goal
	if l.ParentUUID != inbox {
		f[fParent] = l.ParentUUID
	}
	f[fTitle], f[fOutcome], f[fDoneWhen] = g.Title, g.Outcome, g.DoneWhen
	f[fPosition] = strconv.FormatInt(g.Position, 10)
	if !g.Due.IsZero() {
		if g.DueHasTime {
			f[fDue] = instant(g.Due)
		} else {
			f[fDue] = g.Due.In(loc).Format(dayLayout)
		}
	}
	f[fHorizon], f[fStage], f[fStatus] = string(g.Horizon), string(g.Stage), string(g.Status)
	if g.EstimateMinutes != 0 {
		f[fEstimate] = strconv.Itoa(g.EstimateMinutes)
	}
	f[fMetricKind], f[fMetricUnit] = string(g.Metric.Kind), g.Metric.Unit
	if g.Metric.Target != 0 {
		f[fMetricTarget] = num(g.Metric.Target)
	}
	f[fOwner], f[fPartner], f[fAnchor], f[fRepeat] = g.Owner, g.Partner, g.Anchor, g.Repeat
	f[fDoneAt], f[fDroppedAt], f[fDropReason] = instant(g.DoneAt), instant(g.DroppedAt), g.DropReason
	f[fTags] = strings.Join(g.Tags, ",")
	f[fNotes], f[fDoneWhere], f[fDoneWith] = g.Notes, g.DoneWhere, g.DoneWith
	f[fCanDecrease], f[fFromCompletion] = flag(g.Metric.CanDecrease), flag(g.RepeatFromCompletion)
	for _, e := range l.Occurrences {
		f[occPrefix+e.Original.String()] = occurrenceValue(e)
	}
	return clean(f)
}

// occurrenceValue is an exception's field value: its status, a move ("open>2026-12-03"), and
// when it happened ("done@2026-12-01T08:00:00Z").
func occurrenceValue(e model.OccurrenceException) string {
	v := string(e.Status)
	if !e.MovedTo.IsZero() && e.MovedTo != e.Original {
		v += ">" + e.MovedTo.String()
	}
	if e.Status == model.StatusDone && !e.At.IsZero() {
		v += "@" + instant(e.At)
	}
	return v
}

func parseOccurrence(day, v string, loc *time.Location) (model.OccurrenceException, bool) {
	e := model.OccurrenceException{}
	d, ok := model.ParseDate(day)
	if !ok {
		return e, false
	}
	e.Original = d
	if i := strings.IndexByte(v, '@'); i >= 0 {
		e.At = parseInstant(v[i+1:], loc)
		v = v[:i]
	}
	if i := strings.IndexByte(v, '>'); i >= 0 {
		e.MovedTo, _ = model.ParseDate(v[i+1:])
		v = v[:i]
	}
	e.Status = model.Status(v)
	switch e.Status {
	case model.StatusOpen, model.StatusDone, model.StatusDropped:
		return e, true
	}
	return e, false
}

// clean drops empty fields, so that "absent" and "empty" compare equal.
func clean(f Fields) Fields {
	for k, v := range f {
		if v == "" {
			delete(f, k)
		}
	}
	return f
}

// ToLocal turns merged fields back into a local item of the given identity. Created and
// modified become its CreatedAt and UpdatedAt.
func (f Fields) ToLocal(uid string, created, modified time.Time, loc *time.Location) storage.SyncLocal {
	l := storage.SyncLocal{Kind: f[fKind], UUID: uid, ParentUUID: f[fParent]}
	if l.Kind == "" {
		l.Kind = storage.SyncGoal
	}
	pos, _ := strconv.ParseInt(f[fPosition], 10, 64)
	if l.Kind == storage.SyncObjective {
		o := model.Objective{Title: f[fTitle], Why: f[fWhy], Status: model.ObjectiveStatus(f[fStatus]), Position: pos,
			CreatedAt: created, UpdatedAt: modified, AchievedAt: parseInstant(f[fAchievedAt], loc), Notes: f[fNotes]}
		if o.Status == "" {
			o.Status = model.ObjectiveActive
		}
		if t, err := time.ParseInLocation(dayLayout, f[fTarget], loc); err == nil {
			o.TargetDate = t
		}
		if o.Status == model.ObjectiveAchieved && o.AchievedAt.IsZero() {
			o.AchievedAt = modified
		}
		l.Objective = o
		return l
	}
	g := model.MicroGoal{Title: f[fTitle], Outcome: f[fOutcome], DoneWhen: f[fDoneWhen], Position: pos,
		Horizon: model.Horizon(f[fHorizon]), Stage: model.Stage(f[fStage]), Status: model.Status(f[fStatus]),
		Owner: f[fOwner], Partner: f[fPartner], Anchor: f[fAnchor], Repeat: f[fRepeat], DropReason: f[fDropReason],
		CreatedAt: created, UpdatedAt: modified,
		DoneAt: parseInstant(f[fDoneAt], loc), DroppedAt: parseInstant(f[fDroppedAt], loc)}
	if due := f[fDue]; len(due) == len(dayLayout) {
		g.Due, _ = time.ParseInLocation(dayLayout, due, loc)
	} else if due != "" {
		g.Due, g.DueHasTime = parseInstant(due, loc), true
	}
	g.EstimateMinutes, _ = strconv.Atoi(f[fEstimate])
	g.Metric.Kind, g.Metric.Unit = model.MetricKind(f[fMetricKind]), f[fMetricUnit]
	g.Metric.Target, _ = strconv.ParseFloat(f[fMetricTarget], 64)
	g.Metric.CanDecrease, g.RepeatFromCompletion = f[fCanDecrease] == "1", f[fFromCompletion] == "1" && g.Repeat != ""
	g.Notes, g.DoneWhere, g.DoneWith = f[fNotes], f[fDoneWhere], f[fDoneWith]
	if f[fTags] != "" {
		g.Tags = strings.Split(f[fTags], ",")
	}
	if g.Horizon == "" {
		g.Horizon = model.HorizonDay
	}
	if g.Stage == "" {
		g.Stage = model.StagePlanning
	}
	// The status timestamps follow the status, as model.MicroGoal.WithStatus keeps them.
	switch g.Status {
	case model.StatusDone:
		g.DroppedAt, g.DropReason = time.Time{}, ""
		if g.DoneAt.IsZero() {
			g.DoneAt = modified
		}
	case model.StatusDropped:
		g.DoneAt = time.Time{}
		if g.DroppedAt.IsZero() {
			g.DroppedAt = modified
		}
	default:
		g.Status = model.StatusOpen
		g.DoneAt, g.DroppedAt, g.DropReason = time.Time{}, time.Time{}, ""
	}
	var days []string
	for k := range f {
		if strings.HasPrefix(k, occPrefix) {
			days = append(days, k)
		}
	}
	sort.Strings(days)
	for _, k := range days {
		if e, ok := parseOccurrence(strings.TrimPrefix(k, occPrefix), f[k], loc); ok {
			if e.At.IsZero() {
				e.At = modified
			}
			l.Occurrences = append(l.Occurrences, e)
		}
	}
	l.Goal = g
	return l
}

// describe is the DESCRIPTION other apps show: the expected outcome and the acceptance
// criterion, in words of the user's language.
func describe(outcome, doneWhen string) string {
	var parts []string
	if outcome != "" {
		parts = append(parts, model.Text("Outcome: {{.Text}}", "Text", outcome))
	}
	if doneWhen != "" {
		parts = append(parts, model.Text("Done when: {{.Text}}", "Text", doneWhen))
	}
	return strings.Join(parts, "\n")
}

// descriptionLabels are the labels describe writes, in every language the app speaks: a task
// described on a device in German reads back on one in French.
var descriptionLabels = struct{ outcome, doneWhen []string }{
	outcome:  []string{"Outcome: ", "Ergebnis: ", "Résultat\u00a0: ", "Résultat : ", "Resultado: "},
	doneWhen: []string{"Done when: ", "Erledigt, wenn: ", "Terminé quand\u00a0: ", "Terminé quand : ", "Hecho cuando: "},
}

// cutLabel is line without the first of labels it starts with.
func cutLabel(line string, labels []string) (string, bool) {
	for _, l := range labels {
		if rest, ok := strings.CutPrefix(line, l); ok {
			return rest, true
		}
	}
	return line, false
}

// undescribe reads a DESCRIPTION another app may have edited back into outcome and "done
// when": labelled lines (in any of the app's languages) go to their field, any other text to
// the outcome.
func undescribe(d string) (outcome, doneWhen string) {
	var rest []string
	for _, line := range strings.Split(d, "\n") {
		if v, ok := cutLabel(line, descriptionLabels.outcome); ok {
			outcome = v
		} else if v, ok := cutLabel(line, descriptionLabels.doneWhen); ok {
			doneWhen = v
		} else {
			rest = append(rest, line)
		}
	}
	if extra := strings.TrimSpace(strings.Join(rest, "\n")); extra != "" {
		if outcome != "" {
			outcome += "\n"
		}
		outcome += extra
	}
	return outcome, doneWhen
}

// ownedProps are the properties ToICal writes; every other property of an item (an alarm,
// another app's own X- properties) is kept as the server had it.
// DTSTART and PERCENT-COMPLETE stay too, unless a repeat rule or the status needs them: a
// task app's start date or "half done" is not ours to drop.
var ownedProps = []string{ical.PropSummary, ical.PropDescription, ical.PropDue, ical.PropStatus, ical.PropCompleted,
	ical.PropRecurrenceRule, ical.PropExceptionDates, ical.PropCategories, ical.PropRelatedTo,
	ical.PropDateTimeStamp, ical.PropLastModified, ical.PropCreated, ical.PropUID,
	xKind, xOutcome, xDoneWhen, xHorizon, xStage, xEstimate, xMetricKind, xMetricUnit, xMetricT, xOwner, xPartner,
	xAnchor, xPosition, xDroppedAt, xDropReason, xWhy, xNotes, xCanDecrease, xFromCompletion, xDoneWhere, xDoneWith}

// ToICal writes an item as a calendar object holding one VTODO (and one override per completed
// or moved occurrence of a repeating step). template is the object as last seen on the server,
// or nil: its other properties and components are kept.
func ToICal(it Item, template *ical.Calendar, now time.Time) *ical.Calendar {
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropProductID, "-//Microgoals//Sync//EN")
	todo := ical.NewComponent(ical.CompToDo)
	if template != nil {
		for _, c := range template.Children {
			switch {
			case c.Name == ical.CompToDo && c.Props.Get(ical.PropRecurrenceID) == nil:
				todo = c
			case c.Name == ical.CompTimezone:
				cal.Children = append(cal.Children, c)
			}
		}
		for name, ps := range template.Props {
			if name != ical.PropVersion && name != ical.PropProductID && name != ical.PropMethod {
				cal.Props[name] = ps
			}
		}
	}
	for _, p := range ownedProps {
		todo.Props.Del(p)
	}
	f := it.Fields
	p := todo.Props
	p.SetText(ical.PropUID, it.UID)
	p.SetDateTime(ical.PropDateTimeStamp, now.UTC())
	if !it.Created.IsZero() {
		p.SetDateTime(ical.PropCreated, it.Created.UTC().Truncate(time.Second))
	}
	if !it.Modified.IsZero() {
		p.SetDateTime(ical.PropLastModified, it.Modified.UTC().Truncate(time.Second))
	}
	setText := func(name, v string) {
		if v != "" {
			p.SetText(name, v)
			if strings.HasPrefix(name, "X-") {
				// TEXT is an X- property's default type; saying so only clutters.
				p.Get(name).Params.Del(ical.ParamValue)
			}
		}
	}
	setText(ical.PropSummary, f[fTitle])
	setText(xKind, f[fKind])
	setText(xPosition, f[fPosition])
	if f[fParent] != "" {
		rel := ical.NewProp(ical.PropRelatedTo)
		rel.Value = f[fParent]
		rel.Params.Set(ical.ParamRelationshipType, "PARENT")
		p.Set(rel)
	}
	status := f[fStatus]
	completed := ""
	if f[fKind] == storage.SyncObjective {
		setText(ical.PropDescription, f[fWhy])
		setText(xWhy, f[fWhy])
		setText(xNotes, f[fNotes])
		if f[fTarget] != "" {
			setDate(p, ical.PropDue, f[fTarget])
		}
		switch model.ObjectiveStatus(status) {
		case model.ObjectiveAchieved:
			p.SetText(ical.PropStatus, "COMPLETED")
			completed = f[fAchievedAt]
		case model.ObjectiveArchived:
			p.SetText(ical.PropStatus, "CANCELLED")
		default:
			p.SetText(ical.PropStatus, "NEEDS-ACTION")
		}
		setText("X-MICROGOALS-STATUS", status)
	} else {
		setText(ical.PropDescription, describe(f[fOutcome], f[fDoneWhen]))
		setText(xOutcome, f[fOutcome])
		setText(xDoneWhen, f[fDoneWhen])
		if due := f[fDue]; len(due) == len(dayLayout) {
			setDate(p, ical.PropDue, due)
		} else if due != "" {
			t, _ := time.Parse(instantLayout, due)
			p.SetDateTime(ical.PropDue, t)
		}
		switch model.Status(status) {
		case model.StatusDone:
			p.SetText(ical.PropStatus, "COMPLETED")
			completed = f[fDoneAt]
		case model.StatusDropped:
			p.SetText(ical.PropStatus, "CANCELLED")
		default:
			p.SetText(ical.PropStatus, "NEEDS-ACTION")
		}
		setText(xHorizon, f[fHorizon])
		setText(xStage, f[fStage])
		setText(xEstimate, f[fEstimate])
		setText(xMetricKind, f[fMetricKind])
		setText(xMetricUnit, f[fMetricUnit])
		setText(xMetricT, f[fMetricTarget])
		setText(xOwner, f[fOwner])
		setText(xPartner, f[fPartner])
		setText(xAnchor, f[fAnchor])
		setText(xDroppedAt, f[fDroppedAt])
		setText(xDropReason, f[fDropReason])
		setText(xNotes, f[fNotes])
		setText(xCanDecrease, f[fCanDecrease])
		setText(xFromCompletion, f[fFromCompletion])
		setText(xDoneWhere, f[fDoneWhere])
		setText(xDoneWith, f[fDoneWith])
		if f[fTags] != "" {
			cats := ical.NewProp(ical.PropCategories)
			cats.SetTextList(strings.Split(f[fTags], ","))
			p.Set(cats)
		}
		if f[fRepeat] != "" {
			rr := ical.NewProp(ical.PropRecurrenceRule)
			rr.SetValueType(ical.ValueRecurrence)
			rr.Value = f[fRepeat]
			p.Set(rr)
			// RFC 5545 anchors a rule at DTSTART; a step repeats from its due day.
			if start := p.Get(ical.PropDue); start != nil {
				st := *start
				st.Name = ical.PropDateTimeStart
				st.Params = cloneParams(start.Params)
				p.Set(&st)
			}
		}
	}
	if completed != "" {
		t, _ := time.Parse(instantLayout, completed)
		p.SetDateTime(ical.PropCompleted, t)
		pc := ical.NewProp(ical.PropPercentComplete)
		pc.Value = "100"
		p.Set(pc)
	} else if pc := p.Get(ical.PropPercentComplete); pc != nil && strings.TrimSpace(pc.Value) == "100" {
		p.Del(ical.PropPercentComplete) // reopened
	}
	cal.Children = append(cal.Children, todo)
	overrides, skipped := occurrenceComponents(it, f, now)
	if len(skipped) > 0 && f[fRepeat] != "" {
		ex := ical.NewProp(ical.PropExceptionDates)
		ex.SetValueType(ical.ValueDate)
		ex.Value = strings.Join(skipped, ",")
		p.Set(ex)
	}
	cal.Children = append(cal.Children, overrides...)
	return cal
}

func cloneParams(ps ical.Params) ical.Params {
	out := ical.Params{}
	for k, v := range ps {
		out[k] = append([]string(nil), v...)
	}
	return out
}

func setDate(p ical.Props, name, day string) {
	t, err := time.Parse(dayLayout, day)
	if err != nil {
		return
	}
	p.SetDate(name, t)
}

// occurrenceComponents writes a repeating step's exceptions the way task apps read them: a
// skipped (dropped) day as an EXDATE on the master, a done or moved day as an override VTODO
// with its RECURRENCE-ID.
func occurrenceComponents(it Item, f Fields, now time.Time) (overrides []*ical.Component, skipped []string) {
	var days []string
	for k := range f {
		if strings.HasPrefix(k, occPrefix) {
			days = append(days, strings.TrimPrefix(k, occPrefix))
		}
	}
	sort.Strings(days)
	for _, day := range days {
		e, ok := parseOccurrence(day, f[occPrefix+day], time.UTC)
		if !ok {
			continue
		}
		t, _ := time.Parse(dayLayout, day)
		if e.Status == model.StatusDropped && e.MovedTo.IsZero() {
			skipped = append(skipped, t.Format("20060102"))
			continue
		}
		o := ical.NewComponent(ical.CompToDo)
		o.Props.SetText(ical.PropUID, it.UID)
		o.Props.SetDateTime(ical.PropDateTimeStamp, now.UTC().Truncate(time.Second))
		o.Props.SetDate(ical.PropRecurrenceID, t)
		o.Props.SetText(ical.PropSummary, f[fTitle])
		o.Props.SetText("X-MICROGOALS-OCCURRENCE", f[occPrefix+day])
		o.Props.Get("X-MICROGOALS-OCCURRENCE").Params.Del(ical.ParamValue)
		due := t
		if !e.MovedTo.IsZero() {
			due = e.MovedTo.Start(time.UTC)
		}
		o.Props.SetDate(ical.PropDue, due)
		switch e.Status {
		case model.StatusDone:
			o.Props.SetText(ical.PropStatus, "COMPLETED")
			at := e.At
			if at.IsZero() {
				at = t
			}
			o.Props.SetDateTime(ical.PropCompleted, at.UTC())
		case model.StatusDropped:
			o.Props.SetText(ical.PropStatus, "CANCELLED")
		default:
			o.Props.SetText(ical.PropStatus, "NEEDS-ACTION")
		}
		overrides = append(overrides, o)
	}
	return overrides, skipped
}

// FromICal reads a calendar object from the server. An object that is not a task (an event,
// a journal) returns ok false; one that is not valid iCalendar returns an error that says
// what is wrong.
func FromICal(cal *ical.Calendar, loc *time.Location) (it Item, ok bool, err error) {
	var master *ical.Component
	var overrides []*ical.Component
	for _, c := range cal.Children {
		if c.Name != ical.CompToDo {
			continue
		}
		if c.Props.Get(ical.PropRecurrenceID) != nil {
			overrides = append(overrides, c)
		} else if master == nil {
			master = c
		}
	}
	if master == nil {
		if len(overrides) > 0 {
			return it, false, errors.New(model.Text("a task holds only changed occurrences and no task"))
		}
		return it, false, nil
	}
	p := master.Props
	text := func(name string) string {
		if pr := p.Get(name); pr != nil {
			if v, err := pr.Text(); err == nil {
				return strings.TrimSpace(v)
			}
			return pr.Value
		}
		return ""
	}
	uid := text(ical.PropUID)
	if uid == "" {
		return it, false, errors.New(model.Text("a task has no UID"))
	}
	it.UID = uid
	f := Fields{}
	kind := text(xKind)
	if kind != storage.SyncObjective {
		kind = storage.SyncGoal
	}
	f[fKind] = kind
	f[fTitle] = text(ical.PropSummary)
	if f[fTitle] == "" {
		f[fTitle] = "(untitled task)"
	}
	f[fPosition] = text(xPosition)
	for _, rel := range p.Values(ical.PropRelatedTo) {
		if rt := strings.ToUpper(rel.Params.Get(ical.ParamRelationshipType)); rt == "" || rt == "PARENT" {
			f[fParent] = strings.TrimSpace(rel.Value)
			break
		}
	}
	if t, err := dateTime(p, ical.PropCreated, loc); err == nil {
		it.Created = t
	}
	if t, err := dateTime(p, ical.PropLastModified, loc); err == nil && !t.IsZero() {
		it.Modified = t
	} else if t, err := dateTime(p, ical.PropDateTimeStamp, loc); err == nil {
		it.Modified = t
	}
	status := strings.ToUpper(text(ical.PropStatus))
	completed, err := dateTime(p, ical.PropCompleted, loc)
	if err != nil {
		return it, false, errors.New(model.Text("task “{{.Title}}”: COMPLETED is not a date: {{.Error}}", "Title", f[fTitle], "Error", err))
	}
	if status == "" && !completed.IsZero() {
		status = "COMPLETED"
	}
	description := text(ical.PropDescription)
	due, dueIsDate, err := dueOf(p, loc)
	if err != nil {
		return it, false, errors.New(model.Text("task “{{.Title}}”: DUE is not a date: {{.Error}}", "Title", f[fTitle], "Error", err))
	}
	if kind == storage.SyncObjective {
		f[fWhy] = description
		f[fNotes] = text(xNotes)
		if !due.IsZero() {
			f[fTarget] = due.Format(dayLayout)
		}
		switch status {
		case "COMPLETED":
			f[fStatus] = string(model.ObjectiveAchieved)
			f[fAchievedAt] = instant(completed)
		case "CANCELLED":
			f[fStatus] = string(model.ObjectiveArchived)
		default:
			f[fStatus] = string(model.ObjectiveActive)
		}
		it.Fields = clean(f)
		return it, true, nil
	}
	xo, xd := text(xOutcome), text(xDoneWhen)
	if (xo != "" || xd != "") && describe(xo, xd) == description {
		f[fOutcome], f[fDoneWhen] = xo, xd
	} else {
		f[fOutcome], f[fDoneWhen] = undescribe(description)
	}
	if !due.IsZero() {
		if dueIsDate {
			f[fDue] = due.Format(dayLayout)
		} else {
			f[fDue] = instant(due)
		}
	}
	switch status {
	case "COMPLETED":
		f[fStatus] = string(model.StatusDone)
		if completed.IsZero() {
			completed = it.Modified
		}
		f[fDoneAt] = instant(completed)
	case "CANCELLED":
		f[fStatus] = string(model.StatusDropped)
		f[fDroppedAt] = text(xDroppedAt)
		f[fDropReason] = text(xDropReason)
		if f[fDroppedAt] == "" {
			f[fDroppedAt] = instant(it.Modified)
		}
	default:
		f[fStatus] = string(model.StatusOpen)
	}
	f[fHorizon], f[fStage] = enumOr(text(xHorizon), model.HorizonDay), enumOr(text(xStage), model.StagePlanning)
	if !validHorizon(f[fHorizon]) {
		f[fHorizon] = string(model.HorizonDay)
	}
	if !validStage(f[fStage]) {
		f[fStage] = string(model.StagePlanning)
	}
	if n, err := strconv.Atoi(text(xEstimate)); err == nil && n > 0 {
		f[fEstimate] = strconv.Itoa(n)
	}
	switch mk := text(xMetricKind); model.MetricKind(mk) {
	case model.MetricQuantitative, model.MetricQualitative:
		f[fMetricKind] = mk
		f[fMetricUnit] = text(xMetricUnit)
		if v, err := strconv.ParseFloat(text(xMetricT), 64); err == nil && v != 0 {
			f[fMetricTarget] = num(v)
		}
	}
	f[fOwner], f[fPartner], f[fAnchor] = text(xOwner), text(xPartner), text(xAnchor)
	f[fNotes], f[fDoneWhere], f[fDoneWith] = text(xNotes), text(xDoneWhere), text(xDoneWith)
	if text(xCanDecrease) == "1" && f[fMetricKind] == string(model.MetricQuantitative) {
		f[fCanDecrease] = "1"
	}
	var tags []string
	for _, c := range p.Values(ical.PropCategories) {
		l, err := c.TextList()
		if err != nil {
			continue
		}
		for _, t := range l {
			if t, ok := model.TagOfCategory(t); ok && !model.HasTag(tags, t) {
				tags = append(tags, t)
			}
		}
	}
	f[fTags] = strings.Join(tags, ",")
	if rr := p.Get(ical.PropRecurrenceRule); rr != nil {
		f[fRepeat] = strings.TrimPrefix(strings.TrimSpace(rr.Value), "RRULE:")
		if text(xFromCompletion) == "1" {
			f[fFromCompletion] = "1"
		}
		for _, ex := range p.Values(ical.PropExceptionDates) {
			for _, v := range strings.Split(ex.Value, ",") {
				pr := ical.Prop{Name: ex.Name, Params: ex.Params, Value: strings.TrimSpace(v)}
				if t, err := pr.DateTime(loc); err == nil {
					f[occPrefix+t.Format(dayLayout)] = string(model.StatusDropped)
				}
			}
		}
		for _, o := range overrides {
			rid, err := dateTime(o.Props, ical.PropRecurrenceID, loc)
			if err != nil || rid.IsZero() {
				continue
			}
			day := rid.Format(dayLayout)
			if x := o.Props.Get("X-MICROGOALS-OCCURRENCE"); x != nil {
				if v, err := x.Text(); err == nil {
					if _, ok := parseOccurrence(day, v, loc); ok {
						f[occPrefix+day] = v
						continue
					}
				}
			}
			e := model.OccurrenceException{Original: model.DateOf(rid, loc), Status: model.StatusOpen}
			switch st, _ := o.Props.Text(ical.PropStatus); strings.ToUpper(st) {
			case "COMPLETED":
				e.Status = model.StatusDone
				e.At, _ = dateTime(o.Props, ical.PropCompleted, loc)
			case "CANCELLED":
				e.Status = model.StatusDropped
			}
			if d, _, err := dueOf(o.Props, loc); err == nil && !d.IsZero() && d.Format(dayLayout) != day {
				e.MovedTo = model.DateOf(d, loc)
			}
			if e.Status != model.StatusOpen || !e.MovedTo.IsZero() {
				f[occPrefix+day] = occurrenceValue(e)
			}
		}
	}
	it.Fields = clean(f)
	return it, true, nil
}

func enumOr[T ~string](v string, def T) string {
	if v == "" {
		return string(def)
	}
	return v
}

func validHorizon(v string) bool {
	for _, h := range model.Horizons {
		if string(h) == v {
			return true
		}
	}
	return false
}

func validStage(v string) bool {
	for _, s := range model.Stages {
		if string(s) == v {
			return true
		}
	}
	return false
}

// dateTime reads a date or date-time property; an absent one is the zero time.
func dateTime(p ical.Props, name string, loc *time.Location) (time.Time, error) {
	pr := p.Get(name)
	if pr == nil || strings.TrimSpace(pr.Value) == "" {
		return time.Time{}, nil
	}
	return pr.DateTime(loc)
}

// dueOf reads DUE (or, for apps that only set a start, DTSTART) and whether it is a date
// without a time.
func dueOf(p ical.Props, loc *time.Location) (time.Time, bool, error) {
	pr := p.Get(ical.PropDue)
	if pr == nil {
		return time.Time{}, false, nil
	}
	isDate := pr.ValueType() == ical.ValueDate || len(strings.TrimSpace(pr.Value)) == len("20060102")
	t, err := pr.DateTime(loc)
	return t, isDate, err
}

// Encode serialises a calendar object.
func Encode(cal *ical.Calendar) ([]byte, error) {
	var b bytes.Buffer
	if err := ical.NewEncoder(&b).Encode(cal); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Decode parses a calendar object.
func Decode(data []byte) (*ical.Calendar, error) {
	return ical.NewDecoder(bytes.NewReader(data)).Decode()
}

// icalCalendar is go-ical's calendar, named here so the engine reads plainly.
type icalCalendar = ical.Calendar
