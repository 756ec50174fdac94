package app

import (
	"fmt"
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// dayCell is one day of the calendar: its number, and its daily milestones as lines with a
// status dot and due time, "+N more" when they do not fit. In the week view (tall) the lines
// are grouped under their routine anchors. Tapping it opens the day's agenda.
type dayCell struct {
	widget.BaseWidget
	cv    *calendarView
	cell  model.DayCell
	today model.Date
	tall  bool

	// A drag in progress: the milestone picked up, where the pointer started (relative to
	// the cell), how far it has moved, and the last absolute position the driver gave.
	drag      *model.Occurrence
	dragStart fyne.Position
	dragMoved fyne.Delta
	dragAbs   fyne.Position

	linesTop   float32 // where the renderer drew the first line
	linesShown int     // how many lines it drew, "+N more" not counted

	wasSelected bool // drawn as the keyboard's selection, so it is redrawn when that moves
}

// selectedItem is the index of the milestone drawn as the keyboard's selection: -1 when the
// cell is not the selected day or the calendar does not have the keyboard, len(Items) when
// the day is selected but has no milestone.
func (c *dayCell) selectedItem() int {
	cv := c.cv
	if cv.keys == nil || !cv.keys.focused || c.cell.Date != cv.sel {
		return -1
	}
	return cv.selItem
}

func newDayCell(cv *calendarView) *dayCell {
	c := &dayCell{cv: cv}
	c.ExtendBaseWidget(c)
	return c
}

func (c *dayCell) set(cell model.DayCell, today model.Date, tall bool) {
	c.cell, c.today, c.tall = cell, today, tall
	c.Refresh()
}

// Tapped opens the day's agenda.
func (c *dayCell) Tapped(*fyne.PointEvent) { c.cv.openDay(c.cell.Date) }

// Dragged picks up the milestone under the pointer on the first event of a drag and follows
// the pointer after that. The first event comes once the pointer has already moved (the
// desktop driver waits for a few pixels of movement), so what was pressed is where the pointer
// was before that move: with the new position, a quick drag upwards picked up the day's number
// instead of the milestone and carried nothing.
func (c *dayCell) Dragged(e *fyne.DragEvent) {
	if c.drag == nil && c.dragMoved == (fyne.Delta{}) {
		pressed := e.Position.Subtract(e.Dragged)
		c.dragStart = pressed
		c.drag = c.occurrenceAt(pressed)
		if c.drag != nil {
			c.cv.u.showMessage(lang.L("Moving “%s”: drop it on another day."), c.drag.Goal.Title)
		}
	}
	c.dragMoved.DX += e.Dragged.DX
	c.dragMoved.DY += e.Dragged.DY
	c.dragAbs = e.AbsolutePosition
}

// DragEnd moves the milestone to the day it was dropped on: a change of its date, as the
// agenda's date field makes.
func (c *dayCell) DragEnd() {
	occ := c.drag
	at := c.dragAbs
	if at == (fyne.Position{}) {
		// Drivers that give no absolute position (the test driver): from where it started.
		at = fyne.CurrentApp().Driver().AbsolutePositionForObject(c).Add(c.dragStart).Add(c.dragMoved)
	}
	c.drag, c.dragMoved, c.dragAbs = nil, fyne.Delta{}, fyne.Position{}
	if occ == nil {
		return
	}
	target := c.cv.cellAt(at)
	if target == nil || target.cell.Date == occ.Day {
		c.cv.u.showMessage(lang.L("“%s” stays on %s."), occ.Goal.Title, dayName(occ.Day))
		return
	}
	day := target.cell.Date
	if c.cv.u.moveOccurrence(*occ, day) {
		c.cv.u.showMessage(lang.L("Moved “%s” to %s."), occ.Goal.Title, dayName(day))
	}
}

// occurrenceAt is the milestone drawn at pos in the cell, or nil.
func (c *dayCell) occurrenceAt(pos fyne.Position) *model.Occurrence {
	if pos.Y < c.linesTop {
		return nil
	}
	i := int((pos.Y - c.linesTop) / lineHeight(c.tall))
	_, occs := c.entries()
	if i < 0 || i >= len(occs) || i >= c.linesShown {
		return nil
	}
	if o := occs[i]; o != nil {
		cp := *o
		return &cp
	}
	return nil
}

// CreateRenderer makes the cell's drawing.
func (c *dayCell) CreateRenderer() fyne.WidgetRenderer {
	r := &dayCellRenderer{c: c, bg: canvas.NewRectangle(color.Transparent), num: canvas.NewText("", color.Black),
		more: canvas.NewText("", color.Black), sel: canvas.NewRectangle(color.Transparent)}
	r.sel.CornerRadius = 3
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.bg.StrokeWidth = 0
	r.more.TextSize = theme.CaptionTextSize()
	return r
}

type dayLine struct {
	dot  *canvas.Circle
	text *canvas.Text
}

type dayCellRenderer struct {
	c     *dayCell
	bg    *canvas.Rectangle
	sel   *canvas.Rectangle // behind the selected milestone's line
	num   *canvas.Text
	more  *canvas.Text
	lines []dayLine
	objs  []fyne.CanvasObject
	shown []string // the texts of the lines drawn, for tests
}

const cellPad = 4

// lineHeight is the height of one milestone line.
func lineHeight(tall bool) float32 { return lineSize(tall) * 1.45 }

// lineSize is the text size of a milestone line: the week view has room for the regular size.
func lineSize(tall bool) float32 {
	if tall {
		return theme.TextSize()
	}
	return theme.CaptionTextSize()
}

func (r *dayCellRenderer) line(i int) dayLine {
	for len(r.lines) <= i {
		t := canvas.NewText("", color.Black)
		t.TextSize = theme.CaptionTextSize()
		r.lines = append(r.lines, dayLine{dot: canvas.NewCircle(color.Black), text: t})
	}
	return r.lines[i]
}

// entries are the texts a cell shows in order: milestones, and in the week view the anchor
// headings between them (with a nil occurrence).
func (c *dayCell) entries() (texts []string, occs []*model.Occurrence) {
	anchors := c.cv.u.routineSettings().anchors
	lastAnchor := -2
	for i := range c.cell.Items {
		o := &c.cell.Items[i]
		if c.tall {
			a, ok := model.AnchorOf(*o.Goal, anchors)
			if !ok {
				a = -1
			}
			if a != lastAnchor {
				name := lang.L("Any time")
				if a >= 0 {
					name = anchors[a].Clock() + " " + anchorLabel(anchors[a].Name)
				}
				texts, occs = append(texts, name), append(occs, nil)
				lastAnchor = a
			}
		}
		s := o.Goal.Title
		if o.Goal.DueHasTime {
			s = currentLocale().Time(o.Goal.Due.In(c.cv.u.loc)) + " " + s
		}
		if o.Recurring() {
			s = "↻ " + s
		}
		if len(o.Goal.Tags) > 0 {
			// Tags after the title, cut first when the line is too long (issue 13).
			s += "  " + model.FormatTags(o.Goal.Tags)
		}
		texts, occs = append(texts, s), append(occs, o)
	}
	return texts, occs
}

func (r *dayCellRenderer) Layout(size fyne.Size) {
	c := r.c
	r.bg.Resize(size)
	r.num.Move(fyne.NewPos(cellPad, 1))
	top := r.num.MinSize().Height + 1
	lh := lineHeight(c.tall)
	fit := int((size.Height - top - cellPad) / lh)
	texts, occs := c.entries()
	n := len(texts)
	if n > fit {
		n = max(fit-1, 0)
	}
	r.objs = append(r.objs[:0], r.bg, r.num)
	r.shown = r.shown[:0]
	dotR := lh * 0.28
	selItem, item := c.selectedItem(), -1
	for i := 0; i < n; i++ {
		l := r.line(i)
		y := top + float32(i)*lh
		x := float32(cellPad)
		if occs[i] != nil {
			item++
			if item == selItem {
				r.sel.FillColor = selectionColor()
				r.sel.Move(fyne.NewPos(2, y))
				r.sel.Resize(fyne.NewSize(size.Width-4, lh))
				r.objs = append(r.objs, r.sel)
				r.sel.Refresh()
			}
			l.dot.FillColor = statusColor(*occs[i], c.today)
			l.dot.Move(fyne.NewPos(x, y+lh/2-dotR))
			l.dot.Resize(fyne.NewSize(2*dotR, 2*dotR))
			r.objs = append(r.objs, l.dot)
			x += 2*dotR + 3
			l.text.Color = theme.Color(theme.ColorNameForeground)
			if occs[i].Goal.Status != model.StatusOpen {
				l.text.Color = theme.Color(theme.ColorNamePlaceHolder)
			}
			l.text.TextStyle = fyne.TextStyle{}
		} else {
			l.text.Color = theme.Color(theme.ColorNamePlaceHolder)
			l.text.TextStyle = fyne.TextStyle{Bold: true}
		}
		l.text.Text = fitStyledText(texts[i], size.Width-x-cellPad, lineSize(c.tall), l.text.TextStyle)
		l.text.Move(fyne.NewPos(x, y))
		l.text.TextSize = lineSize(c.tall)
		r.objs = append(r.objs, l.text)
		r.shown = append(r.shown, texts[i])
		l.text.Refresh()
		l.dot.Refresh()
	}
	c.linesTop, c.linesShown = top, n
	if hidden := countItems(occs[n:]); hidden > 0 {
		r.more.Text = fmt.Sprintf(lang.L("+%d more"), hidden)
		r.more.Color = theme.Color(theme.ColorNamePrimary)
		r.more.Move(fyne.NewPos(cellPad, top+float32(n)*lh))
		r.objs = append(r.objs, r.more)
		r.shown = append(r.shown, r.more.Text)
		r.more.Refresh()
	}
}

func countItems(occs []*model.Occurrence) int {
	n := 0
	for _, o := range occs {
		if o != nil {
			n++
		}
	}
	return n
}

func (r *dayCellRenderer) MinSize() fyne.Size {
	return fyne.NewSize(40, r.num.MinSize().Height+lineHeight(r.c.tall)+cellPad)
}

func (r *dayCellRenderer) Refresh() {
	c := r.c
	d := c.cell.Date
	r.num.Text = strconv.Itoa(d.Day)
	if d.Day == 1 || c.tall {
		r.num.Text = currentLocale().DayMonth(d.Start(time.UTC))
	}
	r.num.TextStyle = fyne.TextStyle{}
	r.num.Color = theme.Color(theme.ColorNameForeground)
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.bg.StrokeWidth = 0
	c.wasSelected = c.selectedItem() >= 0
	switch {
	case d == c.today:
		r.num.TextStyle = fyne.TextStyle{Bold: true}
		r.num.Color = theme.Color(theme.ColorNamePrimary)
		r.num.Text = "● " + r.num.Text
		r.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
		r.bg.StrokeWidth = 2
	case !c.cell.InMonth:
		r.num.Color = theme.Color(theme.ColorNameDisabled)
		r.bg.FillColor = color.Transparent
	}
	if c.wasSelected {
		// The keyboard's day: a frame in the focus colour, over today's own.
		r.bg.StrokeColor = theme.Color(theme.ColorNameFocus)
		r.bg.StrokeWidth = 2
	}
	r.num.Refresh()
	r.Layout(c.Size())
	r.bg.Refresh()
}

func (r *dayCellRenderer) Objects() []fyne.CanvasObject {
	if len(r.objs) == 0 {
		return []fyne.CanvasObject{r.bg, r.num}
	}
	return r.objs
}

func (r *dayCellRenderer) Destroy() {}
