package app

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/microgoals/microgoals/model"
)

// maxChips is how many tags a row shows before "+n": a row is one line.
const maxChips = 3

// tagChips shows a step's tags as small rounded chips: "#writing" tinted with the primary
// colour, "@home" (a place) with the success colour. Rows are recycled, so set swaps the text
// of chips made once.
type tagChips struct {
	box   *fyne.Container
	chips []*chip
	tags  string // what is shown, to skip unchanged sets
}

type chip struct {
	bg   *canvas.Rectangle
	text *canvas.Text
	box  *fyne.Container
}

func newTagChips() *tagChips {
	c := &tagChips{box: container.NewHBox()}
	for i := 0; i <= maxChips; i++ {
		ch := &chip{bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", color.Black)}
		ch.bg.CornerRadius = 8
		ch.text.TextSize = theme.CaptionTextSize()
		ch.box = container.NewStack(ch.bg, container.New(&chipPadding{}, ch.text))
		ch.box.Hide()
		c.chips = append(c.chips, ch)
		c.box.Add(container.NewCenter(ch.box))
	}
	c.box.Hide()
	return c
}

// set shows tags, tinted for theme th.
func (c *tagChips) set(tags []string, th fyne.Theme) {
	key := model.JoinTags(tags)
	v := fyne.CurrentApp().Settings().ThemeVariant()
	if len(tags) == 0 {
		c.box.Hide()
		c.tags = key
		return
	}
	c.box.Show()
	for i, ch := range c.chips {
		switch {
		case i < len(tags) && (i < maxChips || len(tags) == maxChips+1):
			ch.text.Text = model.TagWord(tags[i])
			name := theme.ColorNamePrimary
			if model.IsPlace(tags[i]) {
				name = theme.ColorNameSuccess
			}
			ch.setColor(th.Color(name, v))
			ch.box.Show()
		case i == maxChips && len(tags) > maxChips+1:
			ch.text.Text = fmt.Sprintf("+%d", len(tags)-maxChips)
			ch.setColor(th.Color(theme.ColorNameDisabled, v))
			ch.box.Show()
		default:
			ch.box.Hide()
		}
		ch.text.Refresh()
	}
	c.tags = key
	c.box.Refresh()
}

// setColor gives the chip its colour: the text in it, the background a light tint of it.
func (ch *chip) setColor(col color.Color) {
	r, g, b, _ := col.RGBA()
	ch.text.Color = col
	ch.bg.FillColor = color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x30}
	ch.bg.Refresh()
}

// chipPadding lays out a chip's text with a little room around it.
type chipPadding struct{}

func (chipPadding) pad() (float32, float32) { return 6, 1 }

func (p *chipPadding) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h, v := p.pad()
	s := objs[0].MinSize()
	return fyne.NewSize(s.Width+2*h, s.Height+2*v)
}

func (p *chipPadding) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	h, v := p.pad()
	objs[0].Move(fyne.NewPos(h, v))
	objs[0].Resize(fyne.NewSize(size.Width-2*h, size.Height-2*v))
}
