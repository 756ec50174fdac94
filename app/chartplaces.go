package app

import (
	"fmt"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"github.com/microgoals/microgoals/model"
)

// The patterns by place and by collaborator (issue 13) are drawn as six small bar charts:
// completions, on-time rate and sprint minutes, each by place and by collaborator. Names are
// words, often long, so the bars run across with the name on their left, one row a group.

// maxGroupBars is how many places or collaborators a chart shows: the most active ones. The
// rest are counted in the chart's last line.
const maxGroupBars = 8

// groupMeasure is one of the three things the charts measure of a group.
type groupMeasure int

const (
	measureDone groupMeasure = iota
	measureOnTime
	measureSprint
)

// groupBarsPlot draws one measure of the places or the collaborators as horizontal bars.
type groupBarsPlot struct {
	title   string
	groups  []model.Group
	measure groupMeasure
	empty   string
}

// contextPlots are the six charts of c, in reading order: the places' completions, on-time
// rate and sprint minutes, then the collaborators'.
func contextPlots(c model.ContextPatterns) []plot {
	var out []plot
	for _, side := range []struct {
		groups []model.Group
		titles [3]string
		empty  string
	}{
		{c.Places, [3]string{lang.L("Done by place"), lang.L("On time by place"), lang.L("Sprint minutes by place")},
			lang.L("No place noted yet: say where when a step is done or a sprint ends.")},
		{c.People, [3]string{lang.L("Done with"), lang.L("On time with"), lang.L("Sprint minutes with")},
			lang.L("Nobody noted yet: say with whom when a step is done or a sprint ends.")},
	} {
		for m := measureDone; m <= measureSprint; m++ {
			out = append(out, &groupBarsPlot{title: side.titles[m], groups: side.groups, measure: m, empty: side.empty})
		}
	}
	return out
}

// contextCharts are the charts of contextPlots, each at least min.
func contextCharts(c model.ContextPatterns, min fyne.Size) []*chart {
	var out []*chart
	for _, p := range contextPlots(c) {
		out = append(out, newChart(p, min))
	}
	return out
}

// contextSummary names, in words, where and with whom most was done and the best on-time
// record (of at least model.MinRecord dated steps).
func contextSummary(c model.ContextPatterns) string {
	var parts []string
	most := func(gs []model.Group) (map[string]any, bool) {
		if len(gs) > 0 && gs[0].Done.Done > 0 {
			return map[string]any{"Name": gs[0].Name, "Count": gs[0].Done.Done}, true
		}
		return nil, false
	}
	best := func(gs []model.Group) (map[string]any, bool) {
		var b *model.Group
		for i := range gs {
			g := &gs[i]
			if g.Done.Dated >= model.MinRecord && (b == nil || g.Done.OnTimeRate() > b.Done.OnTimeRate()) {
				b = g
			}
		}
		if b == nil {
			return nil, false
		}
		return map[string]any{"Name": b.Name, "Rate": currentLocale().Percent(b.Done.OnTimeRate()), "Dated": b.Done.Dated}, true
	}
	if d, ok := most(c.Places); ok {
		parts = append(parts, lang.L("Most done at {{.Name}} ({{.Count}})", d))
	}
	if d, ok := most(c.People); ok {
		parts = append(parts, lang.L("most done with {{.Name}} ({{.Count}})", d))
	}
	if d, ok := best(c.Places); ok {
		parts = append(parts, lang.L("most on time at {{.Name}} ({{.Rate}} of {{.Dated}})", d))
	}
	if d, ok := best(c.People); ok {
		parts = append(parts, lang.L("most on time with {{.Name}} ({{.Rate}} of {{.Dated}})", d))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, " · ") + "."
}

// contextChartsGrid lays the six charts out in two rows of three.
func contextChartsGrid(charts []*chart) *fyne.Container {
	objs := make([]fyne.CanvasObject, len(charts))
	for i, c := range charts {
		objs[i] = c
	}
	return container.NewGridWithColumns(3, objs...)
}

// value is the measure of g, and whether it has one (an on-time rate needs dated steps).
func (p *groupBarsPlot) value(g model.Group) (float64, bool) {
	switch p.measure {
	case measureOnTime:
		return g.Done.OnTimeRate(), g.Done.Dated > 0
	case measureSprint:
		return g.SprintMinutes, g.SprintMinutes > 0
	}
	return float64(g.Done.Done), g.Done.Done > 0
}

// valueText is the value as written at the end of its bar.
func (p *groupBarsPlot) valueText(g model.Group) string {
	switch p.measure {
	case measureOnTime:
		return fmt.Sprintf("%s (%d/%d)", currentLocale().Percent(g.Done.OnTimeRate()), g.Done.OnTime, g.Done.Dated)
	case measureSprint:
		return model.FormatMinutes(int(math.Round(g.SprintMinutes)))
	}
	return fmt.Sprint(g.Done.Done)
}

// readout is the value under the pointer, in words.
func (p *groupBarsPlot) readout(g model.Group) string {
	switch p.measure {
	case measureOnTime:
		return lang.L("{{.Name}}: {{.OnTime}} of {{.Dated}} dated steps on time",
			map[string]any{"Name": g.Name, "OnTime": g.Done.OnTime, "Dated": g.Done.Dated})
	case measureSprint:
		return lang.L("{{.Name}}: {{.Minutes}} in focus sprints",
			map[string]any{"Name": g.Name, "Minutes": model.FormatMinutes(int(math.Round(g.SprintMinutes)))})
	}
	return lang.L("{{.Name}}: {{.Count}} done", map[string]any{"Name": g.Name, "Count": g.Done.Done})
}

// shown are the groups with a value, the first maxGroupBars of them, and how many more
// there are.
func (p *groupBarsPlot) shown() ([]model.Group, int) {
	var out []model.Group
	more := 0
	for _, g := range p.groups {
		if _, ok := p.value(g); !ok {
			continue
		}
		if len(out) == maxGroupBars {
			more++
			continue
		}
		out = append(out, g)
	}
	return out, more
}

func (p *groupBarsPlot) emptyText() string {
	if len(p.groups) == 0 {
		return p.empty
	}
	if gs, _ := p.shown(); len(gs) == 0 {
		switch p.measure {
		case measureOnTime:
			return lang.L("No dated step done here yet: nothing to be on time for.")
		case measureSprint:
			return lang.L("No focus sprint noted here yet.")
		}
		return p.empty
	}
	return ""
}

func (p *groupBarsPlot) draw(pt *painter, hover *fyne.Position) string {
	gs, more := p.shown()
	fg := pt.color(theme.ColorNameForeground)
	lineH := pt.measure("0", false).Height
	pt.text(p.title, fyne.NewPos(6, 0), fg, true)
	top := lineH + 6
	rows := len(gs)
	if more > 0 {
		rows++
	}
	rowH := min((pt.size.Height-top)/float32(max(rows, 1)), lineH*1.9)
	// Names take at most 40% of the width, cut with an ellipsis past it.
	nameW := float32(0)
	for _, g := range gs {
		nameW = max(nameW, pt.measure(g.Name, false).Width)
	}
	nameW = min(nameW, pt.size.Width*0.4) + 6 // off the card's edge
	valueW := float32(0)
	maxV := 0.0
	for _, g := range gs {
		valueW = max(valueW, pt.measure(p.valueText(g), false).Width)
		v, _ := p.value(g)
		maxV = math.Max(maxV, v)
	}
	if p.measure == measureOnTime {
		maxV = 1 // a rate is measured against all on time
	}
	x0 := nameW + 8
	barMax := max(pt.size.Width-x0-valueW-10, 4)
	fill := pt.color(theme.ColorNamePrimary)
	hovered := -1
	if hover != nil && hover.Y >= top {
		if i := int((hover.Y - top) / rowH); i < len(gs) {
			hovered = i
		}
	}
	for i, g := range gs {
		y := top + float32(i)*rowH
		name := g.Name
		for len([]rune(name)) > 1 && pt.measure(name, false).Width > nameW-6 {
			name = ellipsis(name, len([]rune(name))-1)
		}
		pt.textRight(name, fyne.NewPos(nameW, y+rowH/2), fg)
		v, _ := p.value(g)
		w := float32(0)
		if maxV > 0 {
			w = barMax * float32(v/maxV)
		}
		c := fill
		if hovered >= 0 && i != hovered {
			c = faded(fill, 0.55)
		}
		if p.measure == measureOnTime {
			// The track of a rate: the rest of the way to all on time.
			pt.rect(x0, y+rowH*0.2, barMax, rowH*0.6, pt.color(theme.ColorNameInputBackground), 2)
		}
		pt.rect(x0, y+rowH*0.2, max(w, 2), rowH*0.6, c, 2)
		vx := x0 + max(w, 2) + 4
		if p.measure == measureOnTime {
			vx = x0 + barMax + 4 // after the track
		}
		pt.text(p.valueText(g), fyne.NewPos(vx, y+(rowH-lineH)/2), fg, false)
	}
	if more > 0 {
		y := top + float32(len(gs))*rowH
		pt.text(lang.L("and {{.Count}} more", map[string]any{"Count": more}), fyne.NewPos(x0, y+(rowH-lineH)/2), faded(fg, 0.7), false)
	}
	if hovered < 0 {
		return ""
	}
	s := p.readout(gs[hovered])
	pt.readoutBox(s)
	return s
}
