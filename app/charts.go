package app

import (
	"fmt"
	"image"
	"math"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// chartsView is the Charts tab: the objective's burn-up, a micro-goal's metric against its
// target line, the daily wins heat map with streaks, and the working-time patterns. Every
// series comes from a pure function in model; the view only picks the data and draws.
type chartsView struct {
	u *UI

	objective *widget.Select
	goal      *widget.Select
	measure   *widget.RadioGroup
	objIDs    []int64
	goalIDs   []int64
	objID     int64
	goalID    int64

	burn, metric, wins, hours, days         *chart
	burnInfo, metricInfo, winsInfo, patInfo *widget.Label
	cards                                   map[string]fyne.CanvasObject
	images                                  map[string]func() image.Image // each card drawn for export

	patterns model.Patterns
	// places are the six charts of the patterns by place and by collaborator (chartplaces.go).
	places     []*chart
	placesInfo *widget.Label
}

func newChartsView(u *UI) *chartsView { return &chartsView{u: u} }

// Title names the tab.
func (v *chartsView) Title() string { return lang.L("Charts") }

// Icon marks the tab.
func (v *chartsView) Icon() fyne.Resource { return theme.GridIcon() }

func measureCompletions() string { return lang.L("Completions") }

func measureMinutes() string { return lang.L("Sprint minutes") }

// Build makes the four chart cards.
func (v *chartsView) Build() fyne.CanvasObject {
	v.objective = widget.NewSelect(nil, func(string) { v.onObjectiveChanged() })
	v.goal = widget.NewSelect(nil, func(string) { v.onGoalChanged() })
	v.goal.PlaceHolder = lang.L("(no micro-goal with a metric)")
	v.measure = widget.NewRadioGroup([]string{measureCompletions(), measureMinutes()}, func(string) { v.drawPatterns() })
	v.measure.Horizontal = true
	v.measure.Required = true
	v.measure.SetSelected(measureCompletions())

	min := fyne.NewSize(360, 190)
	v.burn, v.metric, v.wins = newChart(nil, min), newChart(nil, min), newChart(nil, min)
	v.hours, v.days = newChart(nil, fyne.NewSize(260, 190)), newChart(nil, fyne.NewSize(150, 190))
	info := func() *widget.Label { l := widget.NewLabel(""); l.Wrapping = fyne.TextWrapWord; return l }
	v.burnInfo, v.metricInfo, v.winsInfo, v.patInfo = info(), info(), info(), info()

	v.cards = map[string]fyne.CanvasObject{}
	v.images = map[string]func() image.Image{}
	card := func(key, title, file string, header fyne.CanvasObject, body fyne.CanvasObject, infoLabel *widget.Label) fyne.CanvasObject {
		var c fyne.CanvasObject
		// The export draws a copy of the card, titled and with its summary, off screen.
		v.images[key] = func() image.Image {
			heading := title
			if key == "patterns" {
				heading += " — " + v.measure.Selected
			}
			info := widget.NewLabel(infoLabel.Text)
			info.Wrapping = fyne.TextWrapWord
			copyOf := func(ch *chart) *chart { return newChart(ch.plot, ch.minSize) }
			var b fyne.CanvasObject
			switch x := body.(type) {
			case *chart:
				b = copyOf(x)
			case *fyne.Container:
				if key == "places" {
					cs := make([]*chart, len(v.places))
					for i, c := range v.places {
						cs[i] = copyOf(c)
					}
					b = contextChartsGrid(cs)
				} else {
					b = container.New(&proportional{weights: []float32{24, 10}}, copyOf(v.hours), copyOf(v.days))
				}
			default:
				b = container.New(&proportional{weights: []float32{24, 10}}, copyOf(v.hours), copyOf(v.days))
			}
			size := c.Size()
			if size.Width < 400 || size.Height < 260 {
				size = fyne.NewSize(640, 360)
			}
			return renderImage(container.NewBorder(widget.NewLabelWithStyle(heading, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), info, nil, nil, b), size)
		}
		save := widget.NewButtonWithIcon("PNG", theme.DownloadIcon(), func() { v.u.exportPNG(v.images[key], file) })
		top := container.NewHBox(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		if header != nil {
			top.Add(header)
		}
		top.Add(layout.NewSpacer())
		top.Add(save)
		c = container.NewBorder(top, infoLabel, nil, nil, body)
		v.cards[key] = c
		return c
	}
	hoursDays := container.New(&proportional{weights: []float32{24, 10}}, v.hours, v.days)
	grid := container.NewGridWithColumns(2,
		card("burn", lang.L("Objective burn-up"), "burn-up.png", nil, v.burn, v.burnInfo),
		card("metric", lang.L("Metric progress"), "metric-progress.png", nil, v.metric, v.metricInfo),
		card("wins", lang.L("Daily wins, last 12 weeks"), "daily-wins.png", nil, v.wins, v.winsInfo),
		card("patterns", lang.L("Patterns"), "patterns.png", v.measure, hoursDays, v.patInfo),
	)
	v.places = contextCharts(model.ContextPatterns{}, fyne.NewSize(220, 150))
	v.placesInfo = info()
	places := card("places", lang.L("Places and people"), "places-and-people.png", nil, contextChartsGrid(v.places), v.placesInfo)
	csv := widget.NewButtonWithIcon(lang.L("Export CSV…"), theme.DocumentSaveIcon(), func() { v.u.exportMetricsCSV(v.goalID) })
	csvAll := widget.NewButton(lang.L("All entries…"), func() { v.u.exportMetricsCSV(0) })
	// Half the width each, but no wider at least than the two halves' own minimum: a grid
	// would make each half as wide as the wider one and push the window past its default size.
	bar := container.NewBorder(nil, nil, widget.NewLabel(lang.L("Objective")), nil,
		container.New(&proportional{weights: []float32{1, 1}}, v.objective,
			container.NewBorder(nil, nil, widget.NewLabel(lang.L("Micro-goal")), container.NewHBox(csv, csvAll), v.goal)))
	return container.NewBorder(bar, nil, nil, nil, container.NewVScroll(container.NewVBox(grid, places)))
}

// Refresh redraws every chart from the plan.
func (v *chartsView) Refresh() {
	u := v.u
	v.objIDs = v.objIDs[:0]
	var titles []string
	for _, o := range u.data.Objectives {
		v.objIDs = append(v.objIDs, o.ID)
		titles = append(titles, o.Title)
	}
	titles = uniqueLabels(titles, v.objIDs)
	want := v.objID
	if sel := u.selectedObjectiveID(); sel != 0 && (want == 0 || u.outline.selected != "") {
		want = sel
	}
	v.objective.Options = titles
	v.objID = 0
	for i, id := range v.objIDs {
		if id == want {
			v.objID = id
			v.objective.SetSelectedIndex(i) // calls onObjectiveChanged
		}
	}
	if v.objID == 0 && len(v.objIDs) > 0 {
		v.objective.SetSelectedIndex(0)
	}
	if len(v.objIDs) == 0 {
		v.objective.ClearSelected()
		v.onObjectiveChanged()
	}
	v.drawWins()
	v.loadPatterns()
}

func (v *chartsView) onObjectiveChanged() {
	i := v.objective.SelectedIndex()
	v.objID = 0
	if i >= 0 && i < len(v.objIDs) {
		v.objID = v.objIDs[i]
	}
	v.drawBurnUp()
	v.fillGoals()
}

// fillGoals offers the objective's micro-goals that have a metric, keeping the chosen one, or
// else choosing the outline's selection.
func (v *chartsView) fillGoals() {
	u := v.u
	v.goalIDs = v.goalIDs[:0]
	var titles []string
	for _, g := range u.data.Goals {
		if g.ObjectiveID == v.objID && g.Metric.Kind != model.MetricNone {
			v.goalIDs = append(v.goalIDs, g.ID)
			titles = append(titles, g.Title)
		}
	}
	titles = uniqueLabels(titles, v.goalIDs)
	want := v.goalID
	if g, ok := u.selectedGoal(); ok && g.Metric.Kind != model.MetricNone && g.ObjectiveID == v.objID {
		want = g.ID
	}
	v.goal.Options = titles
	idx := 0
	for i, id := range v.goalIDs {
		if id == want {
			idx = i
		}
	}
	if len(v.goalIDs) == 0 {
		v.goal.ClearSelected()
		v.onGoalChanged()
		return
	}
	if v.goal.SelectedIndex() == idx && v.goalID == v.goalIDs[idx] {
		v.onGoalChanged() // same goal: redraw with the new data
		return
	}
	v.goal.SetSelectedIndex(idx)
}

func (v *chartsView) onGoalChanged() {
	i := v.goal.SelectedIndex()
	v.goalID = 0
	if i >= 0 && i < len(v.goalIDs) {
		v.goalID = v.goalIDs[i]
	}
	v.drawMetric()
}

func (v *chartsView) drawBurnUp() {
	u := v.u
	b := model.BurnUpOf(u.completedWork(), v.objID, u.loc, u.now())
	bp := &burnUpPlot{b: b, loc: u.loc, now: u.now()}
	if obj, ok := u.objective(v.objID); ok && b.Total > 0 {
		pr := model.ProjectFinish(u.data.Goals, obj, u.now(), u.loc)
		bp.proj = &pr
	}
	v.burn.setPlot(bp)
	switch {
	case b.Total == 0:
		v.burnInfo.SetText("")
	default:
		last := len(b.Days) - 1
		today := b.At(u.now(), u.loc)
		if today < 0 {
			today = last
		}
		d, p := b.Done[today], b.Planned[today]
		words := lang.L("on plan")
		if d > p {
			words = fmt.Sprintf(lang.L("%d ahead of plan"), d-p)
		} else if d < p {
			words = fmt.Sprintf(lang.L("%d behind plan"), p-d)
		}
		text := fmt.Sprintf(lang.L("%d of %s done, %d due by today: %s."), d, counted(b.Total, "{{.Count}} step", "{{.Count}} steps"), p, words)
		if b.Undated > 0 {
			text += counted(b.Undated, " {{.Count}} step without a due date is not on the plan line.", " {{.Count}} steps without a due date are not on the plan line.")
		}
		if obj, ok := u.objective(v.objID); ok {
			text += "\n" + projectionText(model.ProjectFinish(u.data.Goals, obj, u.now(), u.loc))
		}
		v.burnInfo.SetText(text)
	}
}

func (v *chartsView) drawMetric() {
	u := v.u
	g, ok := u.tree.Goal(v.goalID)
	if !ok {
		v.metric.setPlot(&metricPlot{empty: lang.L("No micro-goal of this objective has a metric yet. Give one a unit and target in the detail panel.")})
		v.metricInfo.SetText("")
		return
	}
	log, err := u.store.MetricEntries(u.ctx(), g.ID)
	if err != nil {
		u.showError(lang.L("Could not read the metric log"), err)
	}
	p := model.MetricProgressOf(g, log, u.loc, u.now())
	mp := &metricPlot{p: p, now: u.now(), loc: u.loc}
	if len(p.Points) == 0 {
		mp.empty = lang.L("Nothing logged for “{{.Title}}” yet.\nSelect it in the outline and press Ctrl+E to log a value.", args("Title", g.Title))
	}
	v.metric.setPlot(mp)
	v.metricInfo.SetText(p.Verdict() + ".")
}

func (v *chartsView) drawWins() {
	u := v.u
	w := model.DailyWinsOf(u.completedWork(), u.loc, u.now())
	v.wins.setPlot(&heatPlot{w: w})
	v.winsInfo.SetText(fmt.Sprintf(lang.L("Current streak: %s · longest: %s · %s in 12 weeks."),
		counted(w.Current, "{{.Count}} day", "{{.Count}} days"), counted(w.Longest, "{{.Count}} day", "{{.Count}} days"), counted(w.Total, "{{.Count}} step done", "{{.Count}} steps done")))
}

func (v *chartsView) loadPatterns() {
	u := v.u
	sprints, err := u.store.Sprints(u.ctx())
	if err != nil {
		u.showError(lang.L("Could not read the focus sprints"), err)
	}
	work := u.completedWork()
	v.patterns = model.PatternsOf(work, sprints, u.loc)
	v.drawPlaces(model.ContextPatternsOf(work, sprints, u.loc))
	v.drawPatterns()
}

func (v *chartsView) drawPatterns() {
	if v.hours == nil {
		return
	}
	p := v.patterns
	minutes := v.measure.Selected == measureMinutes()
	hours := make([]float64, 24)
	days := make([]float64, 7)
	unit, empty := "done", lang.L("No micro-goal done yet: your working times show here once you finish a few.")
	for h := range hours {
		hours[h] = float64(p.CompletionsByHour[h])
		if minutes {
			hours[h] = math.Round(p.MinutesByHour[h])
		}
	}
	for d := range days {
		days[d] = float64(p.CompletionsByWeekday[d])
		if minutes {
			days[d] = math.Round(p.MinutesByWeekday[d])
		}
	}
	if minutes {
		unit, empty = "min", lang.L("No focus sprint yet: start one with Ctrl+R on a micro-goal.")
	}
	hourLabels := make([]string, 24)
	for h := range hourLabels {
		hourLabels[h] = fmt.Sprintf("%d", h)
	}
	hourName := func(i int) string { return fmt.Sprintf("%02d:00–%02d:00", i, (i+1)%24) }
	v.hours.setPlot(&barPlot{title: lang.L("By hour of day"), labels: hourLabels, every: 3, values: hours, unit: unit, name: hourName, empty: empty})
	dayNames := weekdayNames()
	v.days.setPlot(&barPlot{title: lang.L("By weekday"), labels: dayNames, every: 1, values: days, unit: unit,
		name: func(i int) string { return dayNames[i] }, empty: " "})
	if p.Completions == 0 && p.SprintMinutes == 0 {
		v.patInfo.SetText("")
		return
	}
	text := fmt.Sprintf(lang.L("Best hour: %s · best day: %s."), hourName(argmax(hours)), currentLocale().WeekdayName(time.Weekday((argmax(days)+1)%7)))
	if n := p.OnTime + p.Late; n > 0 {
		text += fmt.Sprintf(lang.L(" On time: %s of %s."), currentLocale().Percent(p.OnTimeRate()), counted(n, "{{.Count}} dated step", "{{.Count}} dated steps"))
		if p.AvgSlipDays > 0 {
			text += fmt.Sprintf(lang.L(" The late ones slipped %s on average."), currentLocale().Days(p.AvgSlipDays))
		}
	}
	v.patInfo.SetText(text)
}

// drawPlaces shows the patterns by place and by collaborator, with the best of each in words
// under the charts.
func (v *chartsView) drawPlaces(c model.ContextPatterns) {
	for i, p := range contextPlots(c) {
		v.places[i].setPlot(p)
	}
	v.placesInfo.SetText(contextSummary(c))
}

// uniqueLabels makes repeated titles distinct with their ID, because a Select tells its
// options apart by text only.
func uniqueLabels(titles []string, ids []int64) []string {
	seen := make(map[string]int, len(titles))
	for _, t := range titles {
		seen[t]++
	}
	out := make([]string, len(titles))
	for i, t := range titles {
		out[i] = t
		if seen[t] > 1 {
			out[i] = fmt.Sprintf("%s (#%d)", t, ids[i])
		}
	}
	return out
}

func argmax(xs []float64) int {
	best := 0
	for i, x := range xs {
		if x > xs[best] {
			best = i
		}
	}
	return best
}

// proportional lays objects out side by side with widths in proportion to weights.
type proportional struct{ weights []float32 }

func (l *proportional) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for _, w := range l.weights {
		total += w
	}
	pad := theme.Padding()
	avail := size.Width - pad*float32(len(objs)-1)
	x := float32(0)
	for i, o := range objs {
		w := avail * l.weights[i] / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

func (l *proportional) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width += m.Width
		s.Height = max(s.Height, m.Height)
	}
	s.Width += theme.Padding() * float32(len(objs)-1)
	return s
}

// dayTicks picks about n evenly spaced day indices out of days, on round steps (1, 2, 7, 14…
// days) so the labels read as a calendar.
func dayTicks(days, n int) []float64 {
	step := 1
	for _, s := range []int{1, 2, 7, 14, 28, 56, 91, 182, 364} {
		step = s
		if days/s <= n {
			break
		}
	}
	var out []float64
	for i := 0; i < days; i += step {
		out = append(out, float64(i))
	}
	return out
}

// burnUpPlot draws done and planned steps per day and, with a projection, the line from
// today's count at the last four weeks' rate to the finish, the target date and how many
// days ahead or behind it the finish falls.
type burnUpPlot struct {
	b    model.BurnUp
	loc  *time.Location
	now  time.Time
	proj *model.Projection // nil: no projection drawn
}

func (p *burnUpPlot) emptyText() string {
	if p.b.Total == 0 {
		return lang.L("No micro-goals under this objective yet.\nAdd a few steps and the burn-up fills in as you finish them.")
	}
	return ""
}

// dayIndex is the day of t counted from the first day of the series.
func (p *burnUpPlot) dayIndex(t time.Time) int {
	return model.DateOf(p.b.Days[0], p.loc).DaysUntil(model.DateOf(t, p.loc))
}

// projectionVerdict is what the chart says of the projection: days ahead or behind the
// target, or the finish date when there is no target ("" when there is nothing to say).
func projectionVerdict(pr model.Projection) string {
	switch {
	case pr.AlreadyAll:
		return lang.L("all done")
	case !pr.HasFinish:
		return lang.L("no finish projected: nothing done in four weeks")
	case !pr.HasTarget:
		return lang.L("projected finish {{.Date}}", map[string]any{"Date": currentLocale().DayMonth(pr.Finish)})
	case pr.DaysAhead > 0:
		return lang.L("{{.Days}} ahead", map[string]any{"Days": dayCount(pr.DaysAhead)})
	case pr.DaysAhead < 0:
		return lang.L("{{.Days}} behind", map[string]any{"Days": dayCount(-pr.DaysAhead)})
	}
	return lang.L("on the target date")
}

func (p *burnUpPlot) draw(pt *painter, hover *fyne.Position) string {
	b := p.b
	n := len(b.Days)
	today := b.At(p.now, p.loc)
	// The x axis runs past the last day of the series to the target date and the projected
	// finish, but not without end: a finish years away is drawn running off the right edge.
	last := n - 1
	var target, finish int
	var projFrom, projTo float64
	projecting := false
	if pr := p.proj; pr != nil && today >= 0 {
		if pr.HasTarget {
			target = p.dayIndex(pr.Target)
			last = max(last, target)
		}
		if pr.HasFinish && !pr.AlreadyAll {
			projecting = true
			finish = p.dayIndex(pr.Finish)
			projFrom = float64(b.Done[today])
			projTo = projFrom + float64(pr.Remaining)
			last = max(last, min(finish, last+max(28, last/2)))
		}
	}
	yMax := float64(max(b.Total, b.Planned[n-1], b.Done[n-1]))
	if projecting {
		yMax = math.Max(yMax, projTo)
	}
	f := pt.newFrame(0, float64(max(last, 1)), yMax)
	dayAt := func(i int) time.Time { return b.Days[0].AddDate(0, 0, i) }
	pt.axes(f, dayTicks(last+1, 6), func(x float64) string { return currentLocale().DayMonth(dayAt(int(x))) })
	xs := make([]float64, n)
	plan, done := make([]float64, n), make([]float64, n)
	for i := range xs {
		xs[i], plan[i], done[i] = float64(i), float64(b.Planned[i]), float64(b.Done[i])
	}
	fg := pt.color(theme.ColorNameForeground)
	// The scope: every step that counts, the level the line climbs to.
	pt.line(f.x, f.py(float64(b.Total)), f.x+f.w, f.py(float64(b.Total)), faded(fg, 0.35), 1)
	planColor, doneColor := pt.color(theme.ColorNameWarning), pt.color(theme.ColorNamePrimary)
	projColor := pt.color(theme.ColorNameSuccess)
	if p.proj != nil && p.proj.HasTarget && p.proj.DaysAhead < 0 {
		projColor = pt.color(theme.ColorNameError)
	}
	if today >= 0 {
		x := f.px(float64(today))
		pt.line(x, f.y, x, f.y+f.h, faded(fg, 0.4), 1)
		pt.markLabel(lang.L("today"), x, f)
		// Done is known only up to today.
		xs, done = xs[:today+1], done[:today+1]
	}
	targetColor := faded(fg, 0.75)
	if p.proj != nil && p.proj.HasTarget && today >= 0 {
		x := f.px(float64(target))
		pt.dashed(x, f.y, x, f.y+f.h, targetColor, 1.5)
	}
	pt.polyline(f, xsAll(n), plan, planColor, 2, true)
	pt.polyline(f, xs, done, doneColor, 2.5, true)
	names := []string{lang.L("done"), lang.L("planned (due)"), counted(b.Total, "all {{.Count}} step", "all {{.Count}} steps")}
	colors := []colorOf{doneColor, planColor, faded(fg, 0.35)}
	if projecting {
		// The projection: from today's count, at the recent rate, to everything done.
		x1, y1 := float64(today), projFrom
		x2, y2 := float64(finish), projTo
		if x2 > float64(last) { // runs off the edge: cut where it leaves the chart
			y2 = y1 + (y2-y1)*(float64(last)-x1)/(x2-x1)
			x2 = float64(last)
		}
		pt.dashed(f.px(x1), f.py(y1), f.px(x2), f.py(y2), projColor, 2)
		if finish <= last {
			pt.dot(f.px(x2), f.py(y2), 4, projColor)
		}
		names = append(names, lang.L("projected"))
		colors = append(colors, projColor)
	}
	if p.proj != nil && p.proj.HasTarget && today >= 0 {
		// Named in the legend rather than beside its line, where the projection ends.
		names = append(names, lang.L("target {{.Date}}", map[string]any{"Date": currentLocale().DayMonth(p.proj.Target)}))
		colors = append(colors, targetColor)
	}
	pt.legend(f.x, 0, names, colors)
	if p.proj != nil && today >= 0 {
		// The verdict, big and in the projection's colour, at the bottom right of the plot
		// where a burn-up has no lines.
		v := projectionVerdict(*p.proj)
		sz := pt.measure(v, true)
		vx, vy := f.x+f.w-sz.Width-6, f.y+f.h-sz.Height-6
		bg := pt.rect(vx-4, vy-2, sz.Width+8, sz.Height+4, faded(pt.color(theme.ColorNameBackground), 0.85), 4)
		bg.StrokeColor, bg.StrokeWidth = projColor, 1
		pt.text(v, fyne.NewPos(vx, vy), projColor, true)
	}
	if hover == nil || !f.contains(*hover) {
		return ""
	}
	i := int(math.Round(f.dataX(hover.X)))
	i = min(max(i, 0), last)
	x := f.px(float64(i))
	pt.hoverLine(f, x)
	day := currentLocale().ShortDate(dayAt(i))
	var s string
	switch {
	case i >= n:
		s = day
		if projecting && i <= finish {
			y := projFrom + (projTo-projFrom)*float64(i-today)/float64(max(finish-today, 1))
			pt.dot(x, f.py(y), 4, projColor)
			s = lang.L("{{.Day}}: {{.Count}} projected", map[string]any{"Day": day, "Count": math.Round(y)})
		}
	case today < 0 || i <= today:
		pt.dot(x, f.py(plan[i]), 4, planColor)
		pt.dot(x, f.py(float64(b.Done[i])), 4, doneColor)
		s = lang.L("{{.Day}}: {{.Done}} done · {{.Planned}} planned", args("Day", day, "Done", b.Done[i], "Planned", b.Planned[i]))
	default:
		pt.dot(x, f.py(plan[i]), 4, planColor)
		s = lang.L("{{.Day}}: {{.Planned}} planned", args("Day", day, "Planned", b.Planned[i]))
	}
	pt.readoutBox(s)
	return s
}

func xsAll(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = float64(i)
	}
	return xs
}

// metricPlot draws a goal's running total against its target line.
type metricPlot struct {
	p     model.MetricProgress
	now   time.Time
	loc   *time.Location
	empty string

	xs, ys []float64 // the running total as drawn, computed once: hover redraws often
}

// series is the running total from zero at the start, holding until now.
func (p *metricPlot) series() ([]float64, []float64) {
	if p.xs != nil {
		return p.xs, p.ys
	}
	m := p.p
	sec := func(t time.Time) float64 { return float64(t.Unix()) }
	xs := make([]float64, 0, len(m.Points)+2)
	ys := make([]float64, 0, len(m.Points)+2)
	xs, ys = append(xs, sec(m.Start)), append(ys, 0)
	for _, q := range m.Points {
		xs, ys = append(xs, sec(q.At)), append(ys, q.Value)
	}
	if xs[len(xs)-1] < sec(p.now) {
		xs, ys = append(xs, sec(p.now)), append(ys, m.Total)
	}
	p.xs, p.ys = xs, ys
	return xs, ys
}

func (p *metricPlot) emptyText() string { return p.empty }

func (p *metricPlot) draw(pt *painter, hover *fyne.Position) string {
	m := p.p
	start := m.Start
	end := p.now
	if m.End.After(end) {
		end = m.End
	}
	if last := m.Points[len(m.Points)-1].At; last.After(end) {
		end = last
	}
	if !end.After(start) {
		end = start.Add(24 * time.Hour)
	}
	sec := func(t time.Time) float64 { return float64(t.Unix()) }
	f := pt.newFrame(sec(start), sec(end), math.Max(m.Target, m.Total))
	days := int(end.Sub(start).Hours()/24) + 1
	var ticks []float64
	first := model.Day(start, p.loc)
	for _, d := range dayTicks(days+1, 5) {
		t := first.AddDate(0, 0, int(d))
		if !t.Before(start) && !t.After(end) {
			ticks = append(ticks, sec(t))
		}
	}
	pt.axes(f, ticks, func(x float64) string { return currentLocale().DayMonth(time.Unix(int64(x), 0).In(p.loc)) })
	targetColor, totalColor := pt.color(theme.ColorNameWarning), pt.color(theme.ColorNamePrimary)
	// The target line: from zero at the start to the target at the due date, then level.
	if !m.End.IsZero() && m.End.After(start) {
		pt.line(f.px(sec(start)), f.py(0), f.px(sec(m.End)), f.py(m.Target), targetColor, 2)
		pt.line(f.px(sec(m.End)), f.py(m.Target), f.px(sec(end)), f.py(m.Target), targetColor, 2)
	} else {
		pt.line(f.x, f.py(m.Target), f.x+f.w, f.py(m.Target), targetColor, 2)
	}
	xs, ys := p.series()
	nowX := f.px(sec(p.now))
	pt.line(nowX, f.y, nowX, f.y+f.h, faded(pt.color(theme.ColorNameForeground), 0.4), 1)
	pt.markLabel(lang.L("now"), nowX, f)
	pt.polyline(f, xs, ys, totalColor, 2.5, true)
	unit := m.Unit
	pt.legend(f.x, 0, []string{lang.L("logged {{.Unit}}", args("Unit", unit)), lang.L("target line")}, []colorOf{totalColor, targetColor})
	if hover == nil || !f.contains(*hover) {
		return ""
	}
	at := time.Unix(int64(f.dataX(hover.X)), 0)
	total := 0.0
	if i := sort.Search(len(m.Points), func(i int) bool { return m.Points[i].At.After(at) }); i > 0 {
		total = m.Points[i-1].Value
	}
	x := f.px(sec(at))
	pt.hoverLine(f, x)
	pt.dot(x, f.py(m.PlanAt(at)), 4, targetColor)
	s := lang.L("{{.When}}: plan {{.Plan}}", args("When", currentLocale().DateTime(at.In(p.loc)), "Plan", currentLocale().Value(math.Round(m.PlanAt(at)))))
	if !at.After(p.now) {
		pt.dot(x, f.py(total), 4, totalColor)
		s = lang.L("{{.When}}: {{.Value}} {{.Unit}} · plan {{.Plan}}", args("When", currentLocale().DateTime(at.In(p.loc)), "Value", currentLocale().Value(total), "Unit", unit, "Plan", currentLocale().Value(math.Round(m.PlanAt(at)))))
	}
	pt.readoutBox(s)
	return s
}

// heatPlot draws the daily wins as weeks of day cells, darker for more completions.
type heatPlot struct{ w model.DailyWins }

func (p *heatPlot) emptyText() string {
	if p.w.Total == 0 {
		return lang.L("No micro-goal done in the last 12 weeks yet.\nYour first win will light up a square here.")
	}
	return ""
}

func (p *heatPlot) draw(pt *painter, hover *fyne.Position) string {
	w := p.w
	fg := pt.color(theme.ColorNameForeground)
	names := weekdayNames()
	labelW := float32(0)
	for _, n := range names {
		labelW = max(labelW, pt.measure(n, false).Width+8)
	}
	lineH := pt.measure("0", false).Height
	top := lineH + 14 + lineH // readout row, then the month labels
	legendH := lineH + 8
	cols, rows := model.HeatWeeks, 7
	gap := float32(3)
	// Cells as tall as the height allows, and up to twice as wide so a wide card is used.
	cellH := max((pt.size.Height-top-legendH-gap*float32(rows-1))/float32(rows), 4)
	cellW := max(min((pt.size.Width-labelW-10-gap*float32(cols-1))/float32(cols), 2*cellH), 4)
	x0, y0 := labelW, top
	for r, name := range names {
		if r%2 == 0 {
			pt.textRight(name, fyne.NewPos(x0-6, y0+float32(r)*(cellH+gap)+cellH/2), fg)
		}
	}
	empty := pt.color(theme.ColorNameInputBackground)
	primary := pt.color(theme.ColorNamePrimary)
	shade := func(n int) colorOf {
		if n == 0 {
			return empty
		}
		return faded(primary, 0.3+0.7*float64(n)/float64(max(w.Max, 1)))
	}
	lastMonth := -1
	hovered := ""
	for c := 0; c < cols; c++ {
		x := x0 + float32(c)*(cellW+gap)
		if m := int(w.Start.AddDate(0, 0, 7*c).Month()); m != lastMonth {
			lastMonth = m
			pt.text(currentLocale().MonthShort(w.Start.AddDate(0, 0, 7*c).Month()), fyne.NewPos(x, top-lineH-2), fg, false)
		}
		for r := 0; r < rows; r++ {
			i := c*7 + r
			if i > w.Today {
				continue // the rest of this week is still to come
			}
			y := y0 + float32(r)*(cellH+gap)
			rect := pt.rect(x, y, cellW, cellH, shade(w.Counts[i]), 2)
			if i == w.Today {
				rect.StrokeColor, rect.StrokeWidth = fg, 1.5
			}
			if hover != nil && hover.X >= x && hover.X < x+cellW+gap && hover.Y >= y && hover.Y < y+cellH+gap {
				rect.StrokeColor, rect.StrokeWidth = fg, 2
				d := w.Start.AddDate(0, 0, i)
				hovered = fmt.Sprintf(lang.L("%s: %d done"), currentLocale().ShortDate(d), w.Counts[i])
			}
		}
	}
	// The colour scale, under the map.
	ly := y0 + float32(rows)*(cellH+gap) + 4
	lx := x0 + pt.text(lang.L("Less"), fyne.NewPos(x0, ly), fg, false).Width + 4
	sw := lineH * 0.8
	for _, n := range []int{0, max(w.Max/4, 1), max(w.Max/2, 1), w.Max} {
		pt.rect(lx, ly+(lineH-sw)/2, sw, sw, shade(n), 2)
		lx += sw + 3
	}
	pt.text(fmt.Sprintf(lang.L("More (up to %d a day)"), w.Max), fyne.NewPos(lx+2, ly), fg, false)
	pt.readoutBox(hovered)
	return hovered
}

// barPlot draws one value per category as bars.
type barPlot struct {
	title  string
	labels []string
	every  int // label every nth category
	values []float64
	unit   string
	name   func(i int) string
	empty  string
}

func (p *barPlot) emptyText() string {
	for _, v := range p.values {
		if v > 0 {
			return ""
		}
	}
	return p.empty
}

func (p *barPlot) draw(pt *painter, hover *fyne.Position) string {
	n := len(p.values)
	yMax := 0.0
	for _, v := range p.values {
		yMax = math.Max(yMax, v)
	}
	f := pt.newFrame(0, float64(n), yMax)
	var ticks []float64
	for i := 0; i < n; i += p.every {
		ticks = append(ticks, float64(i)+0.5)
	}
	pt.axes(f, ticks, func(x float64) string { return p.labels[int(x)] })
	pt.text(p.title, fyne.NewPos(f.x, 0), pt.color(theme.ColorNameForeground), false)
	bw := f.w / float32(n)
	fill := pt.color(theme.ColorNamePrimary)
	hovered := -1
	if hover != nil && f.contains(*hover) {
		hovered = min(max(int(f.dataX(hover.X)), 0), n-1)
	}
	for i, v := range p.values {
		c := fill
		if hovered >= 0 && i != hovered {
			c = faded(fill, 0.55)
		}
		h := f.py(0) - f.py(v)
		pt.rect(f.x+float32(i)*bw+bw*0.15, f.py(v), bw*0.7, h, c, 2)
	}
	if hovered < 0 {
		return ""
	}
	s := fmt.Sprintf("%s: %s %s", p.name(hovered), currentLocale().Value(p.values[hovered]), p.unit)
	pt.readoutBox(s)
	return s
}

// weekdayNames are the short weekday names in the window's language, Monday first, in the
// order of the patterns and the heat map (model.WeekdayNames are their English names).
func weekdayNames() []string {
	out := make([]string, 7)
	for i := range out {
		out[i] = currentLocale().WeekdayShort(time.Weekday((i + 1) % 7))
	}
	return out
}
