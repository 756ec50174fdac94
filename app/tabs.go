package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tabBar switches the window between the outline and the other views. Fyne's AppTabs draws
// its labels bold, which alone loads a second full set of fonts at start-up (about 9 MB); these
// tabs use the regular style and mark the selected one with colour and an underline.
type tabBar struct {
	buttons    []*tabButton
	contents   []fyne.CanvasObject
	bar        *fyne.Container
	stack      *fyne.Container
	view       fyne.CanvasObject
	selected   int
	onSelected func(i int)
}

func newTabBar() *tabBar {
	t := &tabBar{bar: container.NewHBox(), stack: container.NewStack()}
	t.view = container.NewBorder(container.NewVBox(t.bar, widget.NewSeparator()), nil, nil, nil, t.stack)
	return t
}

// append adds a tab and returns its index.
func (t *tabBar) append(title string, icon fyne.Resource, content fyne.CanvasObject) int {
	i := len(t.buttons)
	b := newTabButton(title, icon, func() { t.selectTab(i) })
	t.buttons = append(t.buttons, b)
	t.contents = append(t.contents, content)
	t.bar.Add(b)
	t.stack.Add(content)
	t.show(t.selected)
	return i
}

// setContent replaces the content of tab i.
func (t *tabBar) setContent(i int, content fyne.CanvasObject) {
	t.contents[i] = content
	t.stack.Objects[i] = content
	t.show(t.selected)
}

// selectTab shows tab i and tells onSelected.
func (t *tabBar) selectTab(i int) {
	if i < 0 || i >= len(t.buttons) {
		return
	}
	t.show(i)
	if t.onSelected != nil {
		t.onSelected(i)
	}
}

func (t *tabBar) show(i int) {
	t.selected = i
	for j, b := range t.buttons {
		b.setSelected(i == j)
	}
	showPage(t.stack.Objects, i)
	t.stack.Refresh()
}

// tabButton is one tab: an icon and a title, coloured and underlined when selected.
type tabButton struct {
	widget.BaseWidget
	title    string
	icon     fyne.Resource
	onTapped func()
	selected bool
	hovered  bool
}

func newTabButton(title string, icon fyne.Resource, onTapped func()) *tabButton {
	b := &tabButton{title: title, icon: icon, onTapped: onTapped}
	b.ExtendBaseWidget(b)
	return b
}

func (b *tabButton) setSelected(s bool) {
	if b.selected != s {
		b.selected = s
		b.Refresh()
	}
}

// Tapped selects the tab.
func (b *tabButton) Tapped(*fyne.PointEvent) { b.onTapped() }

// Cursor is the pointing hand.
func (b *tabButton) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MouseIn highlights the tab.
func (b *tabButton) MouseIn(*desktop.MouseEvent) { b.hovered = true; b.Refresh() }

// MouseMoved completes desktop.Hoverable.
func (b *tabButton) MouseMoved(*desktop.MouseEvent) {}

// MouseOut removes the highlight.
func (b *tabButton) MouseOut() { b.hovered = false; b.Refresh() }

func (b *tabButton) CreateRenderer() fyne.WidgetRenderer {
	r := &tabButtonRenderer{b: b, bg: canvas.NewRectangle(color.Transparent),
		img: canvas.NewImageFromResource(b.icon), text: canvas.NewText(b.title, color.Black),
		line: canvas.NewRectangle(color.Transparent)}
	r.img.FillMode = canvas.ImageFillContain
	r.Refresh()
	return r
}

type tabButtonRenderer struct {
	b    *tabButton
	bg   *canvas.Rectangle
	img  *canvas.Image
	text *canvas.Text
	line *canvas.Rectangle
}

func (r *tabButtonRenderer) sizes() (pad, icon float32) {
	th := r.b.Theme()
	return th.Size(theme.SizeNameInnerPadding), th.Size(theme.SizeNameInlineIcon)
}

func (r *tabButtonRenderer) Layout(size fyne.Size) {
	pad, icon := r.sizes()
	r.bg.Resize(size)
	ts := r.text.MinSize()
	r.img.Resize(fyne.NewSquareSize(icon))
	r.img.Move(fyne.NewPos(pad, (size.Height-icon)/2))
	r.text.Move(fyne.NewPos(pad+icon+pad/2, (size.Height-ts.Height)/2))
	r.text.Resize(ts)
	r.line.Move(fyne.NewPos(0, size.Height-3))
	r.line.Resize(fyne.NewSize(size.Width, 3))
}

func (r *tabButtonRenderer) MinSize() fyne.Size {
	pad, icon := r.sizes()
	ts := r.text.MinSize()
	return fyne.NewSize(pad+icon+pad/2+ts.Width+pad, max(icon, ts.Height)+2*pad)
}

func (r *tabButtonRenderer) Refresh() {
	th := r.b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.text.Text = r.b.title
	r.text.TextSize = th.Size(theme.SizeNameText)
	r.text.Color = th.Color(theme.ColorNameForeground, v)
	r.img.Resource = r.b.icon
	r.line.FillColor = color.Transparent
	if r.b.selected {
		r.text.Color = th.Color(theme.ColorNamePrimary, v)
		r.img.Resource = theme.NewPrimaryThemedResource(r.b.icon)
		r.line.FillColor = th.Color(theme.ColorNamePrimary, v)
	}
	r.bg.FillColor = color.Transparent
	if r.b.hovered {
		r.bg.FillColor = th.Color(theme.ColorNameHover, v)
	}
	r.bg.Refresh()
	r.img.Refresh()
	r.text.Refresh()
	r.line.Refresh()
}

func (r *tabButtonRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.img, r.text, r.line}
}

func (r *tabButtonRenderer) Destroy() {}
