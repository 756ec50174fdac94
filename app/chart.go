package app

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Charts are drawn with Fyne's canvas primitives in a widget of our own rather than rendered
// to an image by a plotting library: lines and text stay crisp at any scale, colours come from
// the theme on every refresh (light and dark for free), hover is a desktop.Hoverable, and
// tests read the drawn text like any other widget's.

// plot is what one chart draws. The chart widget gives it a painter sized to the widget and
// the pointer position while the mouse is over it.
type plot interface {
	// emptyText is the friendly message shown instead of the chart when there is nothing to
	// draw yet; "" when there is data.
	emptyText() string
	// draw paints the chart and returns the value readout for the hovered point ("" when
	// nothing is hovered).
	draw(p *painter, hover *fyne.Position) string
}

// chart is a hoverable widget that draws a plot.
type chart struct {
	widget.BaseWidget
	plot     plot
	hover    fyne.Position
	hovering bool
	readout  string // the value under the pointer, as shown
	minSize  fyne.Size
}

var _ desktop.Hoverable = (*chart)(nil)

func newChart(p plot, min fyne.Size) *chart {
	c := &chart{plot: p, minSize: min}
	c.ExtendBaseWidget(c)
	return c
}

// setPlot replaces what the chart draws.
func (c *chart) setPlot(p plot) {
	c.plot = p
	c.Refresh()
}

// MouseIn starts the value readout.
func (c *chart) MouseIn(e *desktop.MouseEvent) { c.MouseMoved(e) }

// MouseMoved moves the value readout to the pointer.
func (c *chart) MouseMoved(e *desktop.MouseEvent) {
	c.hover, c.hovering = e.Position, true
	c.Refresh()
}

// MouseOut hides the value readout.
func (c *chart) MouseOut() {
	c.hovering = false
	c.Refresh()
}

// CreateRenderer draws the plot.
func (c *chart) CreateRenderer() fyne.WidgetRenderer {
	return &chartRenderer{c: c}
}

type chartRenderer struct {
	c       *chart
	objects []fyne.CanvasObject
	size    fyne.Size
}

func (r *chartRenderer) Layout(size fyne.Size) {
	r.size = size
	r.redraw()
}

func (r *chartRenderer) MinSize() fyne.Size { return r.c.minSize }

func (r *chartRenderer) Refresh() {
	r.redraw()
	canvas.Refresh(r.c)
}

func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *chartRenderer) Destroy() {}

func (r *chartRenderer) redraw() {
	p := newPainter(r.c.Theme(), r.size)
	c := r.c
	if c.plot == nil || c.plot.emptyText() != "" {
		msg := lang.L("Nothing to show yet.")
		if c.plot != nil {
			msg = c.plot.emptyText()
		}
		p.textCentered(msg, fyne.NewPos(r.size.Width/2, r.size.Height/2-p.textSize), p.color(theme.ColorNameForeground), false)
		c.readout = ""
	} else {
		var hover *fyne.Position
		if c.hovering {
			h := c.hover
			hover = &h
		}
		c.readout = c.plot.draw(p, hover)
	}
	r.objects = p.objects
}

// painter collects the canvas objects of one drawing, in the theme's colours and sizes.
type painter struct {
	th       fyne.Theme
	variant  fyne.ThemeVariant
	size     fyne.Size
	textSize float32
	objects  []fyne.CanvasObject
}

func newPainter(th fyne.Theme, size fyne.Size) *painter {
	return &painter{th: th, variant: fyne.CurrentApp().Settings().ThemeVariant(), size: size,
		textSize: th.Size(theme.SizeNameCaptionText) + 1}
}

func (p *painter) color(name fyne.ThemeColorName) color.Color { return p.th.Color(name, p.variant) }

// faded is c at the given opacity (0–1).
func faded(c color.Color, alpha float64) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: uint8(math.Round(255 * alpha))}
}

func (p *painter) line(x1, y1, x2, y2 float32, c color.Color, width float32) {
	l := canvas.NewLine(c)
	l.StrokeWidth = width
	l.Position1, l.Position2 = fyne.NewPos(x1, y1), fyne.NewPos(x2, y2)
	p.objects = append(p.objects, l)
}

func (p *painter) rect(x, y, w, h float32, fill color.Color, radius float32) *canvas.Rectangle {
	r := canvas.NewRectangle(fill)
	r.CornerRadius = radius
	r.Move(fyne.NewPos(x, y))
	r.Resize(fyne.NewSize(w, h))
	p.objects = append(p.objects, r)
	return r
}

func (p *painter) dot(x, y, radius float32, c color.Color) {
	d := canvas.NewCircle(c)
	d.Move(fyne.NewPos(x-radius, y-radius))
	d.Resize(fyne.NewSize(2*radius, 2*radius))
	p.objects = append(p.objects, d)
}

func (p *painter) measure(s string, bold bool) fyne.Size {
	return fyne.MeasureText(s, p.textSize, fyne.TextStyle{Bold: bold})
}

// text draws s with its top-left corner at pos.
func (p *painter) text(s string, pos fyne.Position, c color.Color, bold bool) fyne.Size {
	t := canvas.NewText(s, c)
	t.TextSize = p.textSize
	t.TextStyle = fyne.TextStyle{Bold: bold}
	sz := p.measure(s, bold)
	t.Move(pos)
	t.Resize(sz)
	p.objects = append(p.objects, t)
	return sz
}

// textCentered draws s centred horizontally on pos.X, its top at pos.Y.
func (p *painter) textCentered(s string, pos fyne.Position, c color.Color, bold bool) {
	w := p.measure(s, bold).Width
	p.text(s, fyne.NewPos(pos.X-w/2, pos.Y), c, bold)
}

// textRight draws s ending at pos.X, centred vertically on pos.Y.
func (p *painter) textRight(s string, pos fyne.Position, c color.Color) {
	sz := p.measure(s, false)
	p.text(s, fyne.NewPos(pos.X-sz.Width, pos.Y-sz.Height/2), c, false)
}

// readoutBox draws the hover readout in a small box at the top right of the chart.
func (p *painter) readoutBox(s string) {
	if s == "" {
		return
	}
	sz := p.measure(s, true)
	pad := float32(4)
	x := p.size.Width - sz.Width - 2*pad - 2
	if x < 0 {
		x = 0
	}
	box := p.rect(x, 0, sz.Width+2*pad, sz.Height+2*pad, p.color(theme.ColorNameOverlayBackground), 4)
	box.StrokeColor = p.color(theme.ColorNamePrimary)
	box.StrokeWidth = 1
	p.text(s, fyne.NewPos(x+pad, pad), p.color(theme.ColorNameForeground), true)
}

// legend draws coloured keys for the named series from the top left.
func (p *painter) legend(x, y float32, names []string, colors []color.Color) {
	for i, n := range names {
		sw := p.textSize * 0.8
		p.rect(x, y+(p.textSize-sw)/2+2, sw, sw, colors[i], 2)
		x += sw + 4
		x += p.text(n, fyne.NewPos(x, y), p.color(theme.ColorNameForeground), false).Width + 14
	}
}

// niceTicks returns about n round values (1, 2 or 5 times a power of ten apart) covering
// 0…max, and the step between them.
func niceTicks(max float64, n int) ([]float64, float64) {
	if max <= 0 || math.IsNaN(max) || math.IsInf(max, 0) {
		max = 1
	}
	raw := max / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	if step < 1 && max >= 1 {
		step = 1
	}
	var ticks []float64
	for i := 0; ; i++ {
		v := float64(i) * step
		ticks = append(ticks, v)
		if v >= max-1e-9 {
			break
		}
	}
	return ticks, step
}

// tickLabel writes a tick value briefly: 1,500 → 1.5k.
func tickLabel(v float64) string {
	l := currentLocale()
	switch a := math.Abs(v); {
	case a >= 1e6:
		return l.Number(v/1e6, 3) + "M"
	case a >= 1e4:
		return l.Number(v/1e3, 3) + "k"
	case a == math.Trunc(a):
		return l.Fixed(v, 0)
	}
	return l.Fixed(v, 1)
}

// frame is the plot area of an x/y chart and the value ranges it maps.
type frame struct {
	x, y, w, h   float32 // plot area in widget coordinates
	xMin, xMax   float64
	yMax         float64
	yTicks       []float64
	top, leftPad float32
}

// newFrame lays out the axes of an x/y chart: y ticks from 0 to at least yMax with their
// labels on the left, room for x labels below and for the legend above.
func (p *painter) newFrame(xMin, xMax, yMax float64) *frame {
	ticks, _ := niceTicks(yMax, 4)
	yMax = ticks[len(ticks)-1]
	labelW := float32(0)
	for _, t := range ticks {
		labelW = max(labelW, p.measure(tickLabel(t), false).Width)
	}
	lineH := p.measure("0", false).Height
	f := &frame{xMin: xMin, xMax: xMax, yMax: yMax, yTicks: ticks}
	f.x = labelW + 8
	f.y = lineH + 12 // legend and readout row
	f.w = p.size.Width - f.x - 10
	f.h = p.size.Height - f.y - lineH - 8
	if f.xMax <= f.xMin {
		f.xMax = f.xMin + 1
	}
	return f
}

func (f *frame) px(x float64) float32 {
	return f.x + float32((x-f.xMin)/(f.xMax-f.xMin))*f.w
}

func (f *frame) py(y float64) float32 { return f.y + f.h - float32(y/f.yMax)*f.h }

// dataX is the x value under the widget coordinate px.
func (f *frame) dataX(px float32) float64 {
	return f.xMin + float64((px-f.x)/f.w)*(f.xMax-f.xMin)
}

func (f *frame) contains(pos fyne.Position) bool {
	return pos.X >= f.x && pos.X <= f.x+f.w && pos.Y >= f.y-4 && pos.Y <= f.y+f.h+4
}

// axes draws the horizontal grid with the y labels, and the x axis with labels at xTicks.
func (p *painter) axes(f *frame, xTicks []float64, xLabel func(float64) string) {
	grid := p.color(theme.ColorNameSeparator)
	fg := p.color(theme.ColorNameForeground)
	for _, t := range f.yTicks {
		y := f.py(t)
		p.line(f.x, y, f.x+f.w, y, grid, 1)
		p.textRight(tickLabel(t), fyne.NewPos(f.x-6, y), fg)
	}
	p.line(f.x, f.y+f.h, f.x+f.w, f.y+f.h, p.color(theme.ColorNameDisabled), 1)
	lastEnd := float32(-1e6)
	for _, t := range xTicks {
		x := f.px(t)
		s := xLabel(t)
		w := p.measure(s, false).Width
		left := min(max(x-w/2, 0), p.size.Width-w)
		if left < lastEnd+6 {
			continue // never let labels overlap
		}
		p.line(x, f.y+f.h, x, f.y+f.h+3, p.color(theme.ColorNameDisabled), 1)
		p.text(s, fyne.NewPos(left, f.y+f.h+4), fg, false)
		lastEnd = left + w
	}
}

// polyline draws the points (already sorted by x) as a line, at most one segment per pixel
// column so that a long series costs what the width allows, not what the data holds. With
// step set it draws a staircase, as counts that change on a day do.
func (p *painter) polyline(f *frame, xs, ys []float64, c color.Color, width float32, step bool) {
	if len(xs) == 0 {
		return
	}
	type pt struct{ x, y float32 }
	var pts []pt
	for i := range xs {
		q := pt{f.px(xs[i]), f.py(ys[i])}
		if n := len(pts); n > 0 && q.x-pts[n-1].x < 1 {
			pts[n-1].y = q.y
			continue
		}
		pts = append(pts, q)
	}
	if len(pts) == 1 {
		p.dot(pts[0].x, pts[0].y, width+1.5, c)
		return
	}
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		if step {
			p.line(a.x, a.y, b.x, a.y, c, width)
			p.line(b.x, a.y, b.x, b.y, c, width)
		} else {
			p.line(a.x, a.y, b.x, b.y, c, width)
		}
	}
}

// hoverLine marks the hovered x with a thin vertical line.
func (p *painter) hoverLine(f *frame, x float32) {
	p.line(x, f.y, x, f.y+f.h, p.color(theme.ColorNameDisabled), 1)
}

// colorOf is a colour as the painter takes it.
type colorOf = color.Color

// markLabel names a vertical marker line at x, on its right, or on its left where the right
// edge would cut it off.
func (p *painter) markLabel(s string, x float32, f *frame) { p.markLabelAt(s, x, f.y, f) }

// markLabelAt is markLabel with the label's top at y.
func (p *painter) markLabelAt(s string, x, y float32, f *frame) {
	c := faded(p.color(theme.ColorNameForeground), 0.7)
	w := p.measure(s, false).Width
	if x+3+w > f.x+f.w {
		p.text(s, fyne.NewPos(x-3-w, y), c, false)
		return
	}
	p.text(s, fyne.NewPos(x+3, y), c, false)
}

// dashed draws a dashed line from (x1, y1) to (x2, y2): 6 on, 4 off.
func (p *painter) dashed(x1, y1, x2, y2 float32, c color.Color, width float32) {
	dx, dy := x2-x1, y2-y1
	length := float32(math.Hypot(float64(dx), float64(dy)))
	if length < 1 {
		return
	}
	for at := float32(0); at < length; at += 10 {
		end := min(at+6, length)
		p.line(x1+dx*at/length, y1+dy*at/length, x1+dx*end/length, y1+dy*end/length, c, width)
	}
}
