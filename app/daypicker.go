package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// dayPicker is Fyne's month calendar (widget.Calendar) with its month header in the window's
// language: v2.8.1 writes the header with time.Format("January 2006"), in English whatever
// the locale, and keeps the label to itself. The picker draws the calendar's own renderer
// and relabels the header whenever its arrows change the month.
type dayPicker struct {
	widget.BaseWidget
	cal   *widget.Calendar
	month time.Time // the first of the month shown
}

// newDayPicker shows the month of start; pick gets the day tapped.
func newDayPicker(start time.Time, pick func(time.Time)) *dayPicker {
	p := &dayPicker{
		cal:   widget.NewCalendar(start, pick),
		month: time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, start.Location()),
	}
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer is the calendar's renderer with the header relabelled.
func (p *dayPicker) CreateRenderer() fyne.WidgetRenderer {
	r := p.cal.CreateRenderer()
	label, prev, next := calendarNav(r)
	if label == nil {
		return r // another Fyne's layout: its own header, in English
	}
	show := func() { label.SetText(currentLocale().MonthYear(p.month)) }
	step := func(b *widget.Button, months int) {
		tapped := b.OnTapped
		b.OnTapped = func() {
			tapped()
			p.month = p.month.AddDate(0, months, 0)
			show()
		}
	}
	step(prev, -1)
	step(next, 1)
	show()
	return r
}

// calendarNav finds the month header and its two arrows in the calendar's renderer, as
// v2.8.1 builds it: a border container whose top is the navigation row (previous, next and
// the centred label); nil when the tree is not that.
func calendarNav(r fyne.WidgetRenderer) (label *widget.Label, prev, next *widget.Button) {
	objs := r.Objects()
	if len(objs) != 1 {
		return nil, nil, nil
	}
	root, ok := objs[0].(*fyne.Container)
	if !ok || len(root.Objects) == 0 {
		return nil, nil, nil
	}
	nav, ok := root.Objects[0].(*fyne.Container)
	if !ok || len(nav.Objects) != 3 {
		return nil, nil, nil
	}
	prev, ok1 := nav.Objects[0].(*widget.Button)
	next, ok2 := nav.Objects[1].(*widget.Button)
	centre, ok3 := nav.Objects[2].(*fyne.Container)
	if !ok1 || !ok2 || !ok3 || len(centre.Objects) != 1 {
		return nil, nil, nil
	}
	label, ok = centre.Objects[0].(*widget.Label)
	if !ok {
		return nil, nil, nil
	}
	return label, prev, next
}
