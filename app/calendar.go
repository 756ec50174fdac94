package app

import (
	"fmt"
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// calendarView is the Calendar tab: a month grid of day cells with a band of weekly targets
// over each week and the month's longer milestones in a strip on top, or one week in seven
// columns. Clicking a day opens its agenda. PageUp/PageDown go back and forth, T to today.
type calendarView struct {
	u     *UI
	week  bool       // the week view is shown, not the month
	month model.Date // the first day of the month shown
	start model.Date // the first day of the week shown

	keys     *calendarKeys
	title    *widget.Label
	monthBtn *widget.Button
	weekBtn  *widget.Button
	heads    [7]*canvas.Text
	strip    *fyne.Container
	rowsBox  *fyne.Container
	rows     []*weekRowView // six reused rows: switching months rebuilds no widgets
	agenda   *agenda

	focusOnShow bool // take the keyboard once the built view is on the canvas

	// The keyboard's selection: a day, and a milestone of that day by its index (drawn while
	// the calendar has the keyboard).
	sel     model.Date
	selItem int

	shown model.CalendarMonth // what the month view shows, for tests
}

func newCalendarView(u *UI) *calendarView { return &calendarView{u: u} }

// Title is the tab's label.
func (cv *calendarView) Title() string { return lang.L("Calendar") }

// Icon is the tab's icon.
func (cv *calendarView) Icon() fyne.Resource { return theme.GridIcon() }

// Build makes the calendar, opened on the current month.
func (cv *calendarView) Build() fyne.CanvasObject {
	cv.goToday()
	cv.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	cv.monthBtn = widget.NewButton(lang.L("Month"), func() { cv.setWeekMode(false) })
	cv.weekBtn = widget.NewButton(lang.L("Week"), func() { cv.setWeekMode(true) })
	nav := container.NewHBox(
		widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { cv.step(-1) }),
		widget.NewButton(lang.L("Today"), func() { cv.goToday(); cv.Refresh() }),
		widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { cv.step(1) }),
		cv.title,
	)
	right := container.NewHBox(cv.monthBtn, cv.weekBtn,
		widget.NewButtonWithIcon(lang.L("Settings"), theme.SettingsIcon(), cv.u.showRoutineSettings))
	heads := make([]fyne.CanvasObject, 7)
	for i := range cv.heads {
		cv.heads[i] = canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder))
		cv.heads[i].Alignment = fyne.TextAlignCenter
		heads[i] = cv.heads[i]
	}
	headRow := container.New(&weekLayout{}, append([]fyne.CanvasObject{canvas.NewText("", color.Transparent)}, heads...)...)
	cv.strip = container.New(&clipRowLayout{})
	for i := 0; i < 6; i++ {
		cv.rows = append(cv.rows, newWeekRowView(cv))
	}
	cv.rowsBox = container.NewGridWithRows(6)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, right, nav), cv.strip, headRow)
	cv.keys = newCalendarKeys(cv, container.NewBorder(top, nil, nil, nil, cv.rowsBox))
	cv.focusOnShow = true
	return cv.keys
}

func (cv *calendarView) goToday() {
	today := model.DateOf(cv.u.now(), cv.u.loc)
	cv.sel, cv.selItem = today, 0
	cv.month = model.D(today.Year, today.Month, 1)
	cv.start = model.WeekStart(today, cv.u.routineSettings().firstWeekday)
}

// step moves n months (or weeks in the week view) forward or back.
func (cv *calendarView) step(n int) {
	if cv.week {
		cv.start = cv.start.AddDays(7 * n)
		cv.month = model.D(cv.start.AddDays(3).Year, cv.start.AddDays(3).Month, 1)
	} else {
		cv.month = cv.month.AddMonths(n)
		cv.start = model.WeekStart(cv.month, cv.u.routineSettings().firstWeekday)
	}
	// The selection goes along: the same weekday a week on, or the same day of the month.
	if cv.week {
		cv.sel = cv.sel.AddDays(7 * n)
	} else {
		cv.sel = model.D(cv.month.Year, cv.month.Month, min(cv.sel.Day, cv.month.AddMonths(1).AddDays(-1).Day))
	}
	cv.selItem = 0
	cv.Refresh()
}

func (cv *calendarView) setWeekMode(week bool) {
	if week && !cv.week {
		// The week shown is today's when today is in the month shown, else the month's first.
		today := model.DateOf(cv.u.now(), cv.u.loc)
		d := cv.month
		if today.Year == d.Year && today.Month == d.Month {
			d = today
		}
		cv.start = model.WeekStart(d, cv.u.routineSettings().firstWeekday)
	}
	cv.week = week
	cv.Refresh()
	cv.u.win.Canvas().Focus(cv.keys)
}

// showWeek opens the week view on the week starting on start.
func (cv *calendarView) showWeek(start model.Date) {
	cv.week, cv.start = true, start
	cv.Refresh()
	cv.u.win.Canvas().Focus(cv.keys)
}

// Refresh redraws the month or week shown from the loaded plan.
func (cv *calendarView) Refresh() {
	r := cv.u.routineSettings()
	today := model.DateOf(cv.u.now(), cv.u.loc)
	cv.monthBtn.Importance, cv.weekBtn.Importance = widget.HighImportance, widget.MediumImportance
	if cv.week {
		cv.monthBtn.Importance, cv.weekBtn.Importance = widget.MediumImportance, widget.HighImportance
	}
	cv.monthBtn.Refresh()
	cv.weekBtn.Refresh()
	first := r.firstWeekday
	for i := range cv.heads {
		cv.heads[i].Text = currentLocale().WeekdayShort(time.Weekday((int(first) + i) % 7))
		cv.heads[i].Color = theme.Color(theme.ColorNamePlaceHolder)
		cv.heads[i].Refresh()
	}
	var longer []model.Occurrence
	if cv.week {
		cv.start = model.WeekStart(cv.start, first)
		end := cv.start.AddDays(6)
		occs := cv.u.occurrences(cv.start, end)
		row, more := model.BucketWeek(cv.start, occs, cv.u.tree, r.anchors)
		longer = more
		w := row.Week
		cv.title.SetText(weekTitle(w))
		cv.rows[0].set(row, today, true)
		cv.rowsBox.Objects = []fyne.CanvasObject{cv.rows[0]}
		cv.rowsBox.Layout = layoutRows(1)
	} else {
		grid := model.NewMonthGrid(cv.month.Year, cv.month.Month, first)
		from, to := grid.Range()
		cm := model.BucketMonth(grid, cv.u.occurrences(from, to), cv.u.tree, r.anchors)
		cv.shown = cm
		longer = cm.Strip
		cv.title.SetText(monthTitle(cv.month))
		cv.rowsBox.Objects = cv.rowsBox.Objects[:0]
		for i, row := range cm.Rows {
			cv.rows[i].set(row, today, false)
			cv.rowsBox.Objects = append(cv.rowsBox.Objects, cv.rows[i])
		}
		cv.rowsBox.Layout = layoutRows(len(cm.Rows))
	}
	cv.setStrip(longer)
	cv.rowsBox.Refresh()
	if cv.focusOnShow {
		cv.focusOnShow = false
		cv.u.win.Canvas().Focus(cv.keys)
	}
	if cv.agenda != nil {
		cv.agenda.refresh()
	}
}

func layoutRows(n int) fyne.Layout { return &rowsLayout{n: n} }

// monthTitle is "November 2026", "noviembre de 2026".
func monthTitle(d model.Date) string { return currentLocale().MonthYear(d.Start(time.UTC)) }

func weekTitle(w model.Week) string {
	a, b := w.Days[0], w.Days[6]
	l := currentLocale()
	if a.Month == b.Month {
		return fmt.Sprintf(lang.L("Week %d · %d–%d %s %d"), w.ISOWeek, a.Day, b.Day, l.MonthName(a.Month), a.Year)
	}
	if a.Year == b.Year {
		return fmt.Sprintf(lang.L("Week %d · %s – %s"), w.ISOWeek, l.DayMonth(a.Start(time.UTC)), l.DayMonthYear(b.Start(time.UTC)))
	}
	return fmt.Sprintf(lang.L("Week %d · %s – %s"), w.ISOWeek, l.DayMonthYear(a.Start(time.UTC)), l.DayMonthYear(b.Start(time.UTC)))
}

// setStrip shows the fortnightly and monthly milestones of the period on top.
func (cv *calendarView) setStrip(os []model.Occurrence) {
	cv.strip.Objects = cv.strip.Objects[:0]
	if len(os) > 0 {
		label := canvas.NewText(lang.L("This month:"), theme.Color(theme.ColorNamePlaceHolder))
		if cv.week {
			label.Text = lang.L("This week:")
		}
		cv.strip.Objects = append(cv.strip.Objects, label)
	}
	for i, o := range os {
		if i == 6 {
			cv.strip.Objects = append(cv.strip.Objects, canvas.NewText(fmt.Sprintf(lang.L("+%d more"), len(os)-i), theme.Color(theme.ColorNamePlaceHolder)))
			break
		}
		o := o
		dot := canvas.NewText("●", statusColor(o, model.DateOf(cv.u.now(), cv.u.loc)))
		t := canvas.NewText(fmt.Sprintf("%s (%s, %s)", embedTitle(ellipsis(o.Goal.Title, 40)), horizonLabel(string(o.Goal.Horizon)), currentLocale().DayMonth(o.Day.Start(time.UTC))), theme.Color(theme.ColorNameForeground))
		cv.strip.Objects = append(cv.strip.Objects, newTapBox(container.NewHBox(dot, t), func() { cv.openDay(o.Day) }))
	}
	cv.strip.Refresh()
}

// openDay shows the agenda of day.
func (cv *calendarView) openDay(day model.Date) {
	cv.u.win.Canvas().Focus(cv.keys)
	if cv.agenda == nil {
		cv.agenda = newAgenda(cv)
	}
	cv.agenda.show(day)
}

// cellAt is the day cell under the absolute position pos, or nil.
func (cv *calendarView) cellAt(pos fyne.Position) *dayCell {
	d := fyne.CurrentApp().Driver()
	for _, o := range cv.rowsBox.Objects {
		for _, c := range o.(*weekRowView).cells {
			p, s := d.AbsolutePositionForObject(c), c.Size()
			if pos.X >= p.X && pos.X < p.X+s.Width && pos.Y >= p.Y && pos.Y < p.Y+s.Height {
				return c
			}
		}
	}
	return nil
}

// statusColor is the colour of an occurrence's dot: done, dropped, overdue or open.
func statusColor(o model.Occurrence, today model.Date) color.Color {
	switch {
	case o.Goal.Status == model.StatusDone:
		return theme.Color(theme.ColorNameSuccess)
	case o.Goal.Status == model.StatusDropped:
		return theme.Color(theme.ColorNameDisabled)
	case o.Day.Before(today):
		return theme.Color(theme.ColorNameError)
	}
	return theme.Color(theme.ColorNamePrimary)
}

// calendarKeys holds the calendar and takes its keys: the arrows move the selection between
// days and the milestones of a day, Enter opens the selected milestone's step (the day's
// agenda when it has none), Space marks it done, M moves it to another day, A opens the day's
// agenda; PageUp and PageDown go back and forth, T goes to today. It takes the focus when the
// calendar is opened or tapped.
type calendarKeys struct {
	widget.BaseWidget
	cv      *calendarView
	content fyne.CanvasObject
	focused bool
}

func newCalendarKeys(cv *calendarView, content fyne.CanvasObject) *calendarKeys {
	k := &calendarKeys{cv: cv, content: content}
	k.ExtendBaseWidget(k)
	return k
}

// CreateRenderer draws the calendar's content.
func (k *calendarKeys) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(k.content)
}

// Tapped takes the keyboard focus for the calendar.
func (k *calendarKeys) Tapped(*fyne.PointEvent) {
	fyne.CurrentApp().Driver().CanvasForObject(k).Focus(k)
}

// FocusGained shows the selection.
func (k *calendarKeys) FocusGained() {
	k.focused = true
	k.cv.refreshSelection()
}

// FocusLost hides the selection.
func (k *calendarKeys) FocusLost() {
	k.focused = false
	k.cv.refreshSelection()
}

// TypedRune: T today, M move, A the day's agenda.
func (k *calendarKeys) TypedRune(r rune) {
	cv := k.cv
	switch r {
	case 't', 'T':
		cv.goToday()
		cv.Refresh()
	case 'm', 'M':
		if o, ok := cv.selected(); ok {
			cv.u.askMoveDay(o)
		}
	case 'a', 'A':
		cv.openDay(cv.sel)
	}
}

// TypedKey pages with PageUp and PageDown and moves the selection with the arrows.
func (k *calendarKeys) TypedKey(e *fyne.KeyEvent) {
	cv := k.cv
	switch e.Name {
	case fyne.KeyPageUp:
		cv.step(-1)
	case fyne.KeyPageDown:
		cv.step(1)
	case fyne.KeyLeft:
		cv.selectDay(cv.sel.AddDays(-1), 0)
	case fyne.KeyRight:
		cv.selectDay(cv.sel.AddDays(1), 0)
	case fyne.KeyUp:
		if cv.selItem > 0 {
			cv.selectDay(cv.sel, cv.selItem-1)
		} else {
			cv.selectDay(cv.sel.AddDays(-7), -1)
		}
	case fyne.KeyDown:
		if cv.selItem < len(cv.itemsOf(cv.sel))-1 {
			cv.selectDay(cv.sel, cv.selItem+1)
		} else {
			cv.selectDay(cv.sel.AddDays(7), 0)
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if o, ok := cv.selected(); ok {
			cv.u.openGoal(o.Goal.ID)
		} else {
			cv.openDay(cv.sel)
		}
	case fyne.KeySpace:
		if o, ok := cv.selected(); ok {
			next := model.StatusDone
			if o.Goal.Status != model.StatusOpen {
				next = model.StatusOpen
			}
			cv.u.occurrenceStatus(o, next)
		}
	}
}

// focusTarget is what takes the keyboard when the tab is opened: the calendar itself.
func (cv *calendarView) focusTarget() fyne.Focusable { return cv.keys }

// cellOf is the day cell shown for day, or nil.
func (cv *calendarView) cellOf(day model.Date) *dayCell {
	for _, o := range cv.rowsBox.Objects {
		for _, c := range o.(*weekRowView).cells {
			if c.cell.Date == day {
				return c
			}
		}
	}
	return nil
}

// itemsOf are the milestones the calendar shows on day, in their order.
func (cv *calendarView) itemsOf(day model.Date) []model.Occurrence {
	if c := cv.cellOf(day); c != nil {
		return c.cell.Items
	}
	return nil
}

// selected is the selected milestone, if the selected day has any.
func (cv *calendarView) selected() (model.Occurrence, bool) {
	items := cv.itemsOf(cv.sel)
	if cv.selItem < 0 || cv.selItem >= len(items) {
		return model.Occurrence{}, false
	}
	return items[cv.selItem], true
}

// selectDay selects day and its milestone item (-1: the last), turning the month or week when
// the day is not shown.
func (cv *calendarView) selectDay(day model.Date, item int) {
	cv.sel = day
	if cv.week {
		if day.Before(cv.start) || !day.Before(cv.start.AddDays(7)) {
			cv.start = model.WeekStart(day, cv.u.routineSettings().firstWeekday)
			cv.month = model.D(cv.start.AddDays(3).Year, cv.start.AddDays(3).Month, 1)
			cv.Refresh()
		}
	} else if day.Year != cv.month.Year || day.Month != cv.month.Month {
		cv.month = model.D(day.Year, day.Month, 1)
		cv.Refresh()
	}
	n := len(cv.itemsOf(day))
	if item < 0 || item >= n {
		item = n - 1
	}
	cv.selItem = max(item, 0)
	cv.refreshSelection()
}

// refreshSelection redraws the cells, so the selection shows where it is now.
func (cv *calendarView) refreshSelection() {
	for _, o := range cv.rowsBox.Objects {
		for _, c := range o.(*weekRowView).cells {
			if c.cell.Date == cv.sel || c.wasSelected {
				c.Refresh()
			}
		}
	}
}

// weekRowView is one week of the calendar: the week number on the left, the band of weekly
// targets on top and the seven day cells.
type weekRowView struct {
	widget.BaseWidget
	cv      *calendarView
	number  *canvas.Text
	band    *fyne.Container
	targets []*targetLine
	more    *canvas.Text
	cells   [7]*dayCell
	row     model.WeekRow
}

func newWeekRowView(cv *calendarView) *weekRowView {
	r := &weekRowView{cv: cv, number: canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder))}
	r.number.TextSize = theme.CaptionTextSize()
	r.more = canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder))
	r.more.TextSize = theme.CaptionTextSize()
	r.band = container.NewGridWithColumns(bandColumns)
	for i := range r.cells {
		r.cells[i] = newDayCell(cv)
	}
	r.ExtendBaseWidget(r)
	return r
}

// bandColumns is how many weekly targets a week's band shows side by side, the last slot
// saying "+N more" when there are more.
const bandColumns = 3

func (r *weekRowView) set(row model.WeekRow, today model.Date, tall bool) {
	r.row = row
	r.number.Text = lang.X("calendar.weeknumber", "W{{.Week}}", args("Week", row.Week.ISOWeek))
	r.number.Color = theme.Color(theme.ColorNamePlaceHolder)
	limit := bandColumns
	if len(row.Targets) > limit {
		limit--
	}
	if tall {
		// The week view has the room to list every target, three to a line.
		limit = len(row.Targets)
	}
	for len(r.targets) < min(len(row.Targets), limit) {
		r.targets = append(r.targets, newTargetLine(r.cv))
	}
	r.band.Objects = r.band.Objects[:0]
	for i, t := range row.Targets {
		if i == limit {
			r.more.Text = fmt.Sprintf(lang.L("+%d more targets this week"), len(row.Targets)-i)
			r.more.Color = theme.Color(theme.ColorNamePrimary)
			r.band.Objects = append(r.band.Objects, newTapBox(r.more, func() { r.cv.showWeek(row.Week.Days[0]) }))
			break
		}
		r.targets[i].set(t)
		r.band.Objects = append(r.band.Objects, r.targets[i])
	}
	if len(r.band.Objects) == 0 {
		r.band.Hide()
	} else {
		r.band.Show()
	}
	r.band.Refresh()
	for i := range r.cells {
		r.cells[i].set(row.Days[i], today, tall)
	}
	r.Refresh()
}

// CreateRenderer lays the row out.
func (r *weekRowView) CreateRenderer() fyne.WidgetRenderer {
	cells := make([]fyne.CanvasObject, 0, 8)
	cells = append(cells, container.NewPadded(r.number))
	for _, c := range r.cells {
		cells = append(cells, c)
	}
	grid := container.New(&weekLayout{}, cells...)
	return widget.NewSimpleRenderer(container.NewBorder(container.New(&weekLayout{bandOnly: true}, r.band), nil, nil, nil, grid))
}

// weekLayout puts a narrow week-number column first and seven equal day columns after it.
// With bandOnly it lays out one object across the day columns (the week's band).
type weekLayout struct{ bandOnly bool }

const weekNumberWidth = 34

func (l *weekLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding() / 2
	if l.bandOnly {
		for _, o := range objs {
			o.Move(fyne.NewPos(weekNumberWidth, 0))
			o.Resize(fyne.NewSize(size.Width-weekNumberWidth, size.Height))
		}
		return
	}
	if len(objs) == 0 {
		return
	}
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(weekNumberWidth, size.Height))
	w := (size.Width - weekNumberWidth) / 7
	for i, o := range objs[1:] {
		o.Move(fyne.NewPos(weekNumberWidth+float32(i)*w+pad/2, pad/2))
		o.Resize(fyne.NewSize(w-pad, size.Height-pad))
	}
}

func (l *weekLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(weekNumberWidth+7*40, h)
}

// rowsLayout gives n rows equal heights (a grid that can change its row count).
type rowsLayout struct{ n int }

func (l *rowsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if l.n == 0 {
		return
	}
	h := size.Height / float32(l.n)
	for i, o := range objs {
		o.Move(fyne.NewPos(0, float32(i)*h))
		o.Resize(fyne.NewSize(size.Width, h))
	}
}

func (l *rowsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
	}
	return s
}

// targetLine is a weekly target in a week's band: its title, its consolidated progress in
// words ("3/5 · 1,200/2,500 words") and a thin bar.
type targetLine struct {
	widget.BaseWidget
	cv    *calendarView
	p     model.TargetProgress
	title *canvas.Text
	count *canvas.Text
	track *canvas.Rectangle
	bar   *canvas.Rectangle
}

func newTargetLine(cv *calendarView) *targetLine {
	t := &targetLine{cv: cv, title: canvas.NewText("", color.Black), count: canvas.NewText("", color.Black),
		track: canvas.NewRectangle(color.Black), bar: canvas.NewRectangle(color.Black)}
	t.title.TextSize, t.count.TextSize = theme.CaptionTextSize(), theme.CaptionTextSize()
	t.track.CornerRadius, t.bar.CornerRadius = 2, 2
	t.ExtendBaseWidget(t)
	return t
}

func (t *targetLine) set(p model.TargetProgress) {
	t.p = p
	t.title.Text = "◆ " + p.Target.Goal.Title
	t.count.Text = progressText(p)
	t.Refresh()
}

// progressText says how far a weekly target is: "3/5 done · 1,200/2,500 words".
func progressText(p model.TargetProgress) string {
	s := fmt.Sprintf(lang.L("%d/%d done"), p.Done, p.Total)
	if p.Total == 0 {
		s = lang.L("no daily steps")
		if p.Target.Done() {
			s = lang.L("done")
		}
	}
	if p.Unit != "" {
		s += fmt.Sprintf(" · %s/%s %s", formatAmount(p.Achieved), formatAmount(p.Planned), p.Unit)
	}
	return s
}

func formatAmount(v float64) string {
	if l := currentLocale(); l.Lang != "" {
		return l.Number(v, 1)
	}
	if v == float64(int64(v)) {
		n := int64(v)
		s := strconv.FormatInt(n, 10)
		for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
			s = s[:i] + "," + s[i:]
		}
		return s
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// Tapped opens the agenda of the target's day.
func (t *targetLine) Tapped(*fyne.PointEvent) { t.cv.openDay(t.p.Target.Day) }

// CreateRenderer draws the line.
func (t *targetLine) CreateRenderer() fyne.WidgetRenderer {
	return &targetLineRenderer{t: t, objs: []fyne.CanvasObject{t.track, t.bar, t.title, t.count}}
}

type targetLineRenderer struct {
	t    *targetLine
	objs []fyne.CanvasObject
}

func (r *targetLineRenderer) Layout(size fyne.Size) {
	t := r.t
	th := t.title.MinSize().Height
	cw := t.count.MinSize().Width
	t.count.Move(fyne.NewPos(size.Width-cw, 0))
	t.title.Move(fyne.NewPos(0, 0))
	t.title.Text = fitText("◆ "+t.p.Target.Goal.Title, size.Width-cw-8, t.title.TextSize)
	t.track.Move(fyne.NewPos(0, th+1))
	t.track.Resize(fyne.NewSize(size.Width, 4))
	t.bar.Move(fyne.NewPos(0, th+1))
	t.bar.Resize(fyne.NewSize(size.Width*float32(t.p.Fraction()), 4))
}

func (r *targetLineRenderer) MinSize() fyne.Size {
	return fyne.NewSize(40, r.t.title.MinSize().Height+6)
}

func (r *targetLineRenderer) Refresh() {
	t := r.t
	t.title.Color = theme.Color(theme.ColorNameForeground)
	t.count.Color = theme.Color(theme.ColorNamePlaceHolder)
	t.track.FillColor = theme.Color(theme.ColorNameInputBorder)
	t.bar.FillColor = theme.Color(theme.ColorNamePrimary)
	if t.p.Fraction() >= 1 {
		t.bar.FillColor = theme.Color(theme.ColorNameSuccess)
	}
	r.Layout(t.Size())
	for _, o := range r.objs {
		o.Refresh()
	}
}

func (r *targetLineRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *targetLineRenderer) Destroy()                     {}

// fitText shortens s with an ellipsis until it fits width at size.
func fitText(s string, width, size float32) string {
	return fitStyledText(s, width, size, fyne.TextStyle{})
}

// fitStyledText is fitText for text drawn in style.
func fitStyledText(s string, width, size float32, style fyne.TextStyle) string {
	if width <= 0 {
		return ""
	}
	if fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	r := []rune(s)
	// Start from an estimate so a long title costs a few measurements, not one per rune.
	n := min(len(r), int(width/(size*0.45)))
	for n > 0 && fyne.MeasureText(string(r[:n])+"…", size, style).Width > width {
		n--
	}
	if n == 0 {
		return ""
	}
	return string(r[:n]) + "…"
}

// tapBox makes its content tappable without a button's look.
type tapBox struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onTap   func()
}

func newTapBox(content fyne.CanvasObject, onTap func()) *tapBox {
	b := &tapBox{content: content, onTap: onTap}
	b.ExtendBaseWidget(b)
	return b
}

// CreateRenderer draws the content.
func (b *tapBox) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(b.content) }

// Tapped runs the action.
func (b *tapBox) Tapped(*fyne.PointEvent) { b.onTap() }

// clipRowLayout lays objects out left to right at their minimum widths and hides those that
// do not fit, so a long strip never widens the window.
type clipRowLayout struct{}

func (clipRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	gap := theme.Padding()
	for _, o := range objs {
		m := o.MinSize()
		if x+m.Width > size.Width {
			o.Hide()
			continue
		}
		o.Show()
		o.Move(fyne.NewPos(x, (size.Height-m.Height)/2))
		o.Resize(m)
		x += m.Width + gap
	}
}

func (clipRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(0, h)
}
