package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// metricLogShown is how many entries the detail panel lists; the CSV export has them all.
const metricLogShown = 40

// metricLog is the detail panel's section for the selected micro-goal's metric: the total
// against the target, the actions (log, focus sprint) and the audit trail, newest first, each
// entry with a Correct… action.
type metricLog struct {
	u       *UI
	box     *fyne.Container
	total   *widget.Label
	rows    *fyne.Container
	goal    model.MicroGoal
	entries []model.MetricEntry
}

func newMetricLog(u *UI) *metricLog {
	m := &metricLog{u: u}
	m.total = widget.NewLabel("")
	m.total.Wrapping = fyne.TextWrapWord
	m.rows = container.NewVBox()
	m.box = container.NewVBox(
		widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.L("Metric log"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		m.total,
		// Two rows: the three buttons side by side set the panel's least width, and in French
		// ("Sprint de concentration… (Ctrl+R)") that squeezed the outline's titles to "…".
		container.NewHBox(
			widget.NewButton(lang.L("Log entry… (Ctrl+E)"), u.logEntry),
			widget.NewButton(lang.L("Focus sprint… (Ctrl+R)"), u.startSprint)),
		container.NewHBox(widget.NewButton(lang.L("Export CSV…"), func() { u.exportMetricsCSV(m.goal.ID) })),
		m.rows,
	)
	return m
}

// show reads and lists the log of g.
func (m *metricLog) show(g model.MicroGoal) {
	m.goal = g
	entries, err := m.u.store.MetricEntries(m.u.ctx(), g.ID)
	if err != nil {
		m.u.showError(lang.L("Could not read the metric log"), err)
	}
	m.entries = entries
	m.total.SetText(metricSummary(g, entries, m.u.loc, m.u.now()))
	m.rows.Objects = m.rowsFor(g, entries)
	m.rows.Refresh()
}

// metricSummary is one line about where the goal's metric stands.
func metricSummary(g model.MicroGoal, entries []model.MetricEntry, loc *time.Location, now time.Time) string {
	switch g.Metric.Kind {
	case model.MetricNone:
		if len(entries) == 0 {
			return lang.L("No metric yet: choose one above to measure this step.")
		}
		return fmt.Sprintf(lang.L("Total %s (no metric chosen)."), currentLocale().Value(model.MetricTotal(entries)))
	case model.MetricQualitative:
		if model.MetricTotal(entries) >= 1 {
			return lang.L("Checkpoint reached.")
		}
		return lang.L("Checkpoint not reached yet: log 1 with the evidence in the note when it is.")
	}
	if len(entries) == 0 {
		return fmt.Sprintf(lang.L("Nothing logged yet; target %s %s."), currentLocale().Value(g.Metric.Target), g.Metric.Unit)
	}
	return model.MetricProgressOf(g, entries, loc, now).Verdict() + "."
}

func (m *metricLog) rowsFor(g model.MicroGoal, entries []model.MetricEntry) []fyne.CanvasObject {
	if len(entries) == 0 {
		return []fyne.CanvasObject{widget.NewLabel(lang.L("The log is empty."))}
	}
	correctedBy := model.CorrectedBy(entries)
	byID := make(map[int64]model.MetricEntry, len(entries))
	for _, e := range entries {
		byID[e.ID] = e
	}
	var out []fyne.CanvasObject
	for i := len(entries) - 1; i >= 0 && len(out) < metricLogShown; i-- {
		e := entries[i]
		text := m.u.entryLine(g, e)
		if e.CorrectsID != 0 {
			if old, ok := byID[e.CorrectsID]; ok {
				text = lang.L("{{.Entry}} — corrects {{.When}} (was {{.Value}})", args("Entry", text, "When", currentLocale().DateTime(old.At.In(m.u.loc)), "Value", currentLocale().Value(old.Value)))
			}
		}
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		if by, ok := correctedBy[e.ID]; ok {
			l.Importance = widget.LowImportance
			l.SetText(fmt.Sprintf(lang.L("%s — corrected by the entry logged %s"), text, currentLocale().DateTime(byID[by].CreatedAt.In(m.u.loc))))
		}
		out = append(out, container.NewBorder(nil, nil, nil, widget.NewButton(lang.L("Correct…"), func() { m.u.correctEntry(g, e) }), l))
	}
	if n := len(entries) - metricLogShown; n > 0 {
		out = append(out, widget.NewLabel(counted(n, "… and {{.Count}} older entry (Export CSV… has them all).", "… and {{.Count}} older entries (Export CSV… has them all).")))
	}
	return out
}

// entryLine writes an entry as the log shows it: when, how much, and the note.
func (u *UI) entryLine(g model.MicroGoal, e model.MetricEntry) string {
	parts := []string{currentLocale().DateTime(e.At.In(u.loc)), valueText(g, e.Value)}
	if e.Note != "" {
		parts = append(parts, strings.ReplaceAll(e.Note, "\n", " "))
	}
	return strings.Join(parts, " · ")
}

func valueText(g model.MicroGoal, v float64) string {
	switch g.Metric.Kind {
	case model.MetricQualitative:
		if v >= 1 {
			return lang.L("checkpoint reached")
		}
		return lang.L("checkpoint not reached")
	case model.MetricQuantitative:
		return currentLocale().Value(v) + " " + g.Metric.Unit
	}
	return currentLocale().Value(v)
}

// entryForm is the small dialog that logs or corrects an entry: value (focused), note, and
// when. Enter in any field saves.
type entryForm struct {
	value, note, when *widget.Entry
	inputs            []*dialogEntry // the three, as the form holds them: Escape cancels from each
	dlg               *dialog.FormDialog
}

func (u *UI) newEntryForm(title, confirm string, g model.MicroGoal, value, note string, at time.Time, save func(v float64, note string, at time.Time) bool) *entryForm {
	in := []*dialogEntry{newDialogEntry(), newDialogEntry(), newDialogEntry()}
	f := &entryForm{value: &in[0].Entry, note: &in[1].Entry, when: &in[2].Entry, inputs: in}
	f.value.SetText(value)
	f.note.SetText(note)
	// The day and time the locale's way ("09.01.2027 14:30", "01/09/2027 2:30 PM"); left as
	// shown, the entry keeps its instant to the second.
	shownWhen := currentLocale().FieldDate(at.In(u.loc)) + " " + currentLocale().Time(at.In(u.loc))
	f.when.SetText(shownWhen)
	readWhen := func(s string) (time.Time, error) {
		if s == shownWhen {
			return at, nil
		}
		return u.parseWhen(s)
	}
	valueLabel := lang.L("Value")
	switch g.Metric.Kind {
	case model.MetricQuantitative:
		valueLabel = lang.L("Value ({{.Unit}})", args("Unit", g.Metric.Unit))
		f.value.SetPlaceHolder(lang.L("e.g. 30"))
	case model.MetricQualitative:
		valueLabel = lang.L("Reached (1 yes, 0 no)")
		f.note.SetPlaceHolder(lang.L("The evidence: a link, a file, who saw it"))
	}
	if f.note.PlaceHolder == "" {
		f.note.SetPlaceHolder(lang.L("Optional"))
	}
	f.value.Validator = func(s string) error {
		_, err := parseEntryValue(s)
		return err
	}
	f.when.Validator = func(s string) error {
		_, err := readWhen(s)
		return err
	}
	items := []*widget.FormItem{
		widget.NewFormItem(valueLabel, in[0]),
		widget.NewFormItem(lang.L("Note"), in[1]),
		widget.NewFormItem(lang.L("When"), in[2]),
	}
	f.dlg = dialog.NewForm(title, confirm, lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		v, err := parseEntryValue(f.value.Text)
		at, err2 := readWhen(f.when.Text)
		if err != nil || err2 != nil {
			return // the form keeps Save disabled while a field is wrong
		}
		save(v, f.note.Text, at)
	}, u.win)
	for _, e := range in {
		e.OnSubmitted = func(string) { f.dlg.Submit() }
		e.onEscape = f.dlg.Hide
	}
	f.dlg.Resize(fyne.NewSize(480, 240))
	return f
}

func (f *entryForm) show(u *UI) {
	f.dlg.Show()
	u.win.Canvas().Focus(f.inputs[0])
}

func parseEntryValue(s string) (float64, error) {
	if strings.TrimSpace(s) == "" {
		return 0, problemError(lang.L("Type a number"))
	}
	v, err := model.ParseNumber(s)
	if err != nil {
		return 0, problemError(capitalize(err.Error()))
	}
	return v, nil
}

// parseWhen reads "YYYY-MM-DD HH:MM" (or just the day) in the user's zone.
func (u *UI) parseWhen(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	dayPart, clockPart, _ := strings.Cut(s, " ")
	day, err := u.readDay(dayPart)
	if err != nil {
		return time.Time{}, problemError(capitalize(err.Error()))
	}
	h, m, _, err := model.ParseClock(strings.TrimSpace(clockPart))
	if err != nil {
		return time.Time{}, problemError(capitalize(err.Error()))
	}
	return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, u.loc), nil
}

// logEntry opens the log dialog on the selected micro-goal: Ctrl+E, type the value, Enter.
func (u *UI) logEntry() {
	g, ok := u.selectedGoal()
	if !ok {
		u.say(lang.L("Select a micro-goal to log a value for it."))
		return
	}
	value := ""
	if g.Metric.Kind == model.MetricQualitative {
		value = "1"
	}
	u.newEntryForm(lang.L("Log “{{.Title}}”", args("Title", g.Title)), lang.L("Log"), g, value, "", u.now(), func(v float64, note string, at time.Time) bool {
		return u.addEntry(g, model.MetricEntry{GoalID: g.ID, At: at, Value: v, Note: note}, "log "+valueText(g, v), 0)
	}).show(u)
}

// correctEntry opens the dialog that logs a correction of e: the old entry stays in the log.
func (u *UI) correctEntry(g model.MicroGoal, e model.MetricEntry) {
	log, err := u.store.MetricEntries(u.ctx(), g.ID)
	if err != nil {
		u.showError(lang.L("Could not read the metric log"), err)
		return
	}
	before, _ := model.CurrentValue(log, e.ID)
	u.newEntryForm(lang.L("Correct the entry of {{.Date}}", args("Date", currentLocale().DateTime(e.At.In(u.loc)))), lang.L("Log correction"), g,
		model.FormatValue(e.Value), e.Note, e.At, func(v float64, note string, at time.Time) bool {
			return u.addEntry(g, model.MetricEntry{GoalID: g.ID, At: at, Value: v, Note: note, CorrectsID: e.ID}, "correct an entry", before)
		}).show(u)
}

// addEntry logs e as one undoable action. The log is an audit trail, so undoing does not
// delete the entry: it logs a correction back to undoValue (zero for a new entry, the value
// that counted before for a correction), and the history shows both.
func (u *UI) addEntry(g model.MicroGoal, e model.MetricEntry, label string, undoValue float64) bool {
	ok := u.do(label, func(ctx context.Context) (func(context.Context) error, string, error) {
		stored, err := u.store.AddMetricEntry(ctx, e)
		if err != nil {
			return nil, "", err
		}
		return func(ctx context.Context) error {
			_, err := u.store.AddMetricEntry(ctx, model.MetricEntry{GoalID: g.ID, At: stored.At, Value: undoValue, Note: "Undone", CorrectsID: stored.ID})
			return err
		}, "", nil
	})
	if ok {
		u.showMessage(lang.L("Logged %s for “%s”."), valueText(g, e.Value), g.Title)
	}
	return ok
}
