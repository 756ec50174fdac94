package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// iconButton is a flat, icon-only button for the outline's rows and the toolbar. It draws an
// image and a hover highlight and nothing else: a widget.Button carries a text renderer (and
// loads the bold font set) even without a label, which thousands of rows and a lean start-up
// do not need.
type iconButton struct {
	widget.BaseWidget
	icon     fyne.Resource
	onTapped func()
	disabled bool
	hovered  bool
}

func newIconButton(icon fyne.Resource, onTapped func()) *iconButton {
	b := &iconButton{icon: icon, onTapped: onTapped}
	b.ExtendBaseWidget(b)
	return b
}

// SetIcon shows another icon.
func (b *iconButton) SetIcon(icon fyne.Resource) {
	if b.icon == icon {
		return
	}
	b.icon = icon
	b.Refresh()
}

// Enable lets the button be tapped.
func (b *iconButton) Enable() {
	if b.disabled {
		b.disabled = false
		b.Refresh()
	}
}

// Disable ignores taps.
func (b *iconButton) Disable() {
	if !b.disabled {
		b.disabled, b.hovered = true, false
		b.Refresh()
	}
}

// Tapped runs the action unless the button is disabled.
func (b *iconButton) Tapped(*fyne.PointEvent) {
	if !b.disabled && b.onTapped != nil {
		b.onTapped()
	}
}

// Cursor is the pointing hand over an enabled button.
func (b *iconButton) Cursor() desktop.Cursor {
	if b.disabled {
		return desktop.DefaultCursor
	}
	return desktop.PointerCursor
}

// MouseIn highlights the button.
func (b *iconButton) MouseIn(*desktop.MouseEvent) {
	if !b.disabled {
		b.hovered = true
		b.Refresh()
	}
}

// MouseMoved does nothing; it completes desktop.Hoverable.
func (b *iconButton) MouseMoved(*desktop.MouseEvent) {}

// MouseOut removes the highlight.
func (b *iconButton) MouseOut() {
	if b.hovered {
		b.hovered = false
		b.Refresh()
	}
}

func (b *iconButton) CreateRenderer() fyne.WidgetRenderer {
	r := &iconButtonRenderer{b: b, bg: canvas.NewRectangle(nil), img: canvas.NewImageFromResource(b.icon)}
	r.img.FillMode = canvas.ImageFillContain
	r.Refresh()
	return r
}

type iconButtonRenderer struct {
	b   *iconButton
	bg  *canvas.Rectangle
	img *canvas.Image
}

func (r *iconButtonRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	th := r.b.Theme()
	is := th.Size(theme.SizeNameInlineIcon)
	r.img.Resize(fyne.NewSquareSize(is))
	r.img.Move(fyne.NewPos((size.Width-is)/2, (size.Height-is)/2))
}

func (r *iconButtonRenderer) MinSize() fyne.Size {
	th := r.b.Theme()
	return fyne.NewSquareSize(th.Size(theme.SizeNameInlineIcon) + 2*th.Size(theme.SizeNameInnerPadding))
}

func (r *iconButtonRenderer) Refresh() {
	th := r.b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	if r.b.hovered {
		r.bg.FillColor = th.Color(theme.ColorNameHover, v)
	} else {
		r.bg.FillColor = nil
	}
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	icon := r.b.icon
	if r.b.disabled && icon != nil {
		icon = theme.NewDisabledResource(icon)
	}
	r.img.Resource = icon
	r.bg.Refresh()
	r.img.Refresh()
}

func (r *iconButtonRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.img} }

func (r *iconButtonRenderer) Destroy() {}
