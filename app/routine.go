package app

import (
	"context"
	"fmt"
	"log"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// The settings keys of the calendar and the Today view.
const (
	settingFirstWeekday = "calendar.first_weekday"
	settingAnchors      = "routine.anchors"
	settingFocusLimit   = "focus.limit"
)

// routine is the user's calendar and day settings: the first weekday, the routine anchors
// and the focus limit. It is read from storage the first time a view needs it, not at start.
type routine struct {
	firstWeekday time.Weekday
	anchors      []model.Anchor
	focusLimit   int
}

// routineSettings returns the settings, reading them on first use. A stored value that
// cannot be read falls back to its default (and says so on stderr), so the views always open.
func (u *UI) routineSettings() *routine {
	if u.routine != nil {
		return u.routine
	}
	r := &routine{firstWeekday: currentLocale().FirstWeekday(), anchors: model.DefaultAnchors(), focusLimit: model.DefaultFocusLimit}
	read := func(key string, apply func(string) error) {
		v, ok, err := u.store.Setting(u.ctx(), key)
		if err == nil && ok {
			err = apply(v)
		}
		if err != nil {
			log.Printf("setting %s: %v (the default is used)", key, err)
		}
	}
	read(settingFirstWeekday, func(v string) error {
		d, ok := model.ParseWeekday(v)
		if !ok {
			return fmt.Errorf("%q is not a weekday", v)
		}
		r.firstWeekday = d
		return nil
	})
	read(settingAnchors, func(v string) (err error) {
		as, err := model.ParseAnchors(v)
		if err == nil {
			r.anchors = as
		}
		return err
	})
	read(settingFocusLimit, func(v string) (err error) {
		n, err := model.ParseFocusLimit(v)
		if err == nil {
			r.focusLimit = n
		}
		return err
	})
	u.routine = r
	return r
}

// showRoutineSettings opens Settings at the calendar and Today section (the views' Settings
// button).
func (u *UI) showRoutineSettings() { u.openSettingsAt(sectionCalendar) }

// routineSection is Settings → Calendar and Today: first weekday, routine anchors and focus
// limit. The fields check themselves, so Save waits until all three can be read; a change is
// saved as one undoable action.
func (u *UI) routineSection() settingsSection {
	r := u.routineSettings()
	// The days are named in the locale's words; the choice is read back by its place.
	days := []time.Weekday{time.Monday, time.Sunday, time.Saturday}
	labels := make([]string, len(days))
	for i, d := range days {
		labels[i] = currentLocale().WeekdayName(d)
	}
	first := widget.NewSelect(labels, nil)
	first.SetSelected(currentLocale().WeekdayName(r.firstWeekday))
	anchors := newDialogEntry()
	anchors.MultiLine = true
	anchors.Wrapping = fyne.TextWrapOff
	anchors.SetText(model.FormatAnchors(labelledAnchors(r.anchors)))
	anchors.SetMinRowsVisible(5)
	anchors.Validator = func(s string) error {
		if _, err := model.ParseAnchors(s); err != nil {
			return problemError(capitalize(err.Error()))
		}
		return nil
	}
	limit := newDialogEntry()
	limit.SetText(strconv.Itoa(r.focusLimit))
	limit.Validator = func(s string) error {
		if _, err := model.ParseFocusLimit(s); err != nil {
			return problemError(capitalize(err.Error()))
		}
		return nil
	}
	anchorsItem := widget.NewFormItem(lang.L("Routine anchors"), anchors)
	anchorsItem.HintText = lang.L("One a line: the time, then its name, for example 08:30 Morning planning")
	limitItem := widget.NewFormItem(lang.L("Focus limit"), limit)
	limitItem.HintText = lang.L("How many open steps a day before Today warns")
	return settingsSection{
		id:    sectionCalendar,
		title: lang.L("Calendar and Today"),
		items: []*widget.FormItem{widget.NewFormItem(lang.L("Weeks start on"), first), anchorsItem, limitItem},
		save: func() {
			as, err := model.ParseAnchors(anchors.Text)
			if err != nil {
				return // the form's validation keeps Save off until they can be read
			}
			as = storedAnchors(as)
			d := r.firstWeekday
			if i := first.SelectedIndex(); i >= 0 {
				d = days[i]
			}
			n, _ := model.ParseFocusLimit(limit.Text)
			if d == r.firstWeekday && model.FormatAnchors(as) == model.FormatAnchors(r.anchors) && n == r.focusLimit {
				return
			}
			u.saveRoutine(d, as, limit.Text)
		},
	}
}

// saveRoutine stores the settings as one action; undo puts the previous values back.
func (u *UI) saveRoutine(first time.Weekday, anchors []model.Anchor, limit string) bool {
	old := u.routineSettings()
	values := map[string]string{
		settingFirstWeekday: strings.ToLower(first.String()),
		settingAnchors:      model.FormatAnchors(anchors),
		settingFocusLimit:   strings.TrimSpace(limit),
	}
	prev := map[string]string{
		settingFirstWeekday: strings.ToLower(old.firstWeekday.String()),
		settingAnchors:      model.FormatAnchors(old.anchors),
		settingFocusLimit:   strconv.Itoa(old.focusLimit),
	}
	ok := u.record(lang.L("save the settings"), func(ctx context.Context) (func(context.Context) error, error) {
		if err := u.store.SetSettings(ctx, values); err != nil {
			return nil, err
		}
		return func(ctx context.Context) error {
			u.routine = nil
			return u.store.SetSettings(ctx, prev)
		}, nil
	})
	if ok {
		u.routine = nil
		u.refreshViews()
	}
	return ok
}

// occurrenceStatus marks one occurrence done, open or skipped as one undoable action: a step
// that does not repeat changes its own status, a repeating one records the occurrence only.
func (u *UI) occurrenceStatus(o model.Occurrence, s model.Status) {
	if !o.Recurring() {
		g, ok := u.tree.Goal(o.Goal.ID)
		if !ok {
			u.say(lang.L("That step is gone (it may have been deleted)."))
			return
		}
		u.setStatus(g, s, "")
		return
	}
	u.setOccurrence(statusAction(s, o.Goal.Title, o.Original.String()), model.OccurrenceException{
		GoalID: o.Goal.ID, Original: o.Original, Status: s, MovedTo: movedTo(o),
	})
}

func movedTo(o model.Occurrence) model.Date {
	if o.Day != o.Original {
		return o.Day
	}
	return model.Date{}
}

func (u *UI) setOccurrence(label string, e model.OccurrenceException) bool {
	return u.do(label, func(ctx context.Context) (func(context.Context) error, string, error) {
		prev, had, err := u.store.SetOccurrence(ctx, e)
		if err != nil {
			return nil, "", err
		}
		return func(ctx context.Context) error {
			if had {
				_, _, err := u.store.SetOccurrence(ctx, prev)
				return err
			}
			return u.store.ClearOccurrence(ctx, e.GoalID, e.Original)
		}, "", nil
	})
}

// moveOccurrence reschedules one occurrence to day, keeping its time of day: a step that does
// not repeat gets a new due date, a repeating one moves this occurrence only.
func (u *UI) moveOccurrence(o model.Occurrence, day model.Date) bool {
	if day == o.Day {
		return true
	}
	if o.Recurring() {
		st := o.Goal.Status
		return u.setOccurrence(lang.L("move “{{.Title}}”", args("Title", o.Goal.Title)), model.OccurrenceException{GoalID: o.Goal.ID, Original: o.Original, Status: st, MovedTo: day})
	}
	old, ok := u.tree.Goal(o.Goal.ID)
	if !ok {
		u.say(lang.L("That step is gone (it may have been deleted)."))
		return false
	}
	g := old
	if g.DueHasTime {
		l := g.Due.In(u.loc)
		g.Due = day.At(l.Hour(), l.Minute(), u.loc)
	} else {
		g.Due = day.Start(u.loc)
	}
	return u.do(lang.L("move “{{.Title}}”", args("Title", g.Title)), func(ctx context.Context) (func(context.Context) error, string, error) {
		if _, err := u.store.UpdateGoal(ctx, g); err != nil {
			return nil, "", err
		}
		return func(ctx context.Context) error { _, err := u.store.UpdateGoal(ctx, old); return err }, "", nil
	})
}

// addOnDay creates a daily milestone from a quick-add line under the selected objective, due
// on the date the line names, or on day when it names none.
func (u *UI) addOnDay(line string, day model.Date) bool {
	// Dates are read relative to the day the line is added on: "9am" is that day at 9.
	now := u.now().In(u.loc)
	q := model.ParseQuickAddIn(currentLocale().Language(), line, day.At(now.Hour(), now.Minute(), u.loc), u.loc)
	if q.Title == "" {
		u.say(lang.L("Type what you will do, then press Enter."))
		return false
	}
	objectiveID := u.selectedObjectiveID()
	if objectiveID == 0 {
		u.say(lang.L("Write your objective first."))
		return false
	}
	var parentID int64
	if g, ok := u.selectedGoal(); ok {
		parentID = g.ParentID
	}
	if !q.HasDue() {
		q.Due = day.Start(u.loc)
	}
	return u.createParsedGoal(objectiveID, parentID, 0, q)
}

// createParsedGoal adds a micro-goal from a parsed quick-add line and says which date it read.
func (u *UI) createParsedGoal(objectiveID, parentID, afterID int64, q model.QuickAdd) bool {
	if q.Problem != "" {
		u.showMessage(lang.L("%s — the date was left in the title."), capitalize(q.Problem))
	}
	ok := u.do(lang.L("add the micro-goal"), u.creation(func(ctx context.Context) (int64, string, error) {
		g := model.NewMicroGoal(objectiveID, parentID, q.Title, u.now())
		g.Due, g.DueHasTime, g.Tags = q.Due, q.HasTime, q.Tags
		g.Horizon = model.HorizonFor(g.Due, g.DueHasTime, u.now(), u.loc)
		g, err := u.store.CreateGoal(ctx, g, afterID)
		return g.ID, goalKey(g.ID), err
	}, u.store.TrashGoal))
	var said []string
	if ok && q.Phrase != "" {
		said = append(said, fmt.Sprintf(lang.L("Added “%s”, due %s (read from “%s”)."), q.Title, inSentence(formatDue(model.MicroGoal{Due: q.Due, DueHasTime: q.HasTime}, u.now(), u.loc)), q.Phrase))
	}
	if ok && len(q.Tags) > 0 && u.detail.key == u.outline.selected {
		// The new step is in the panel: its Owner field gets the suggestion, if any, said in
		// the banner too since the field may be out of view.
		if name := u.detail.suggestOwner(true); name != "" {
			said = append(said, lang.L("Owner filled in: {{.Owner}}, who does these tags on time most often (type another name in the detail panel to change it).",
				map[string]any{"Owner": name}))
		}
	}
	if len(said) > 0 {
		u.showMessage("%s", strings.Join(said, " "))
	}
	return ok
}

// occurrences computes what the calendar shows from..to: the loaded plan's goals with the
// stored exceptions of repeating ones.
func (u *UI) occurrences(from, to model.Date) []model.Occurrence {
	var ex []model.OccurrenceException
	if hasRepeats(u.data) {
		var err error
		if ex, err = u.store.Exceptions(u.ctx(), from, to); err != nil {
			u.showError(lang.L("Could not read the repeating steps"), err)
		}
	}
	return model.Occurrences(u.data.Goals, from, to, model.NewExceptions(ex), u.loc)
}

func hasRepeats(o storage.Outline) bool {
	for i := range o.Goals {
		if o.Goals[i].Repeat != "" {
			return true
		}
	}
	return false
}
