package app

import (
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/microgoals/microgoals/model"
)

// saveAs asks where to save a file named name and hands the chosen file to write.
func (u *UI) saveAs(name, what string, write func(w io.Writer) error) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError("Could not save "+what, err)
			return
		}
		if w == nil {
			return // cancelled
		}
		err = write(w)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			u.showError("Could not save "+what, err)
			return
		}
		u.showMessage("Saved %s to %s.", what, w.URI().Path())
	}, u.win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{name[strings.LastIndex(name, "."):]}))
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}

// exportCSV saves the metric entries of goalID (of every micro-goal when zero) as CSV.
func (u *UI) exportCSV(goalID int64) {
	rows, err := u.store.MetricRows(u.ctx(), goalID)
	if err != nil {
		u.showError("Could not read the metric entries", err)
		return
	}
	name := "microgoals-metrics.csv"
	if goalID != 0 {
		name = fmt.Sprintf("microgoals-metrics-goal-%d.csv", goalID)
	}
	u.saveAs(name, fmt.Sprintf("%d metric entries", len(rows)), func(w io.Writer) error {
		return model.WriteMetricCSV(w, rows, u.loc)
	})
}

// chartImage captures obj as it is drawn in the window, at the screen's pixel density:
// the window's canvas is captured and cropped to the object's place in it.
func (u *UI) chartImage(obj fyne.CanvasObject) (image.Image, error) {
	c := u.win.Canvas()
	full := c.Capture()
	if full == nil || c.Size().Width <= 0 {
		return nil, fmt.Errorf("the window cannot be captured")
	}
	scale := float32(full.Bounds().Dx()) / c.Size().Width
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(obj)
	size := obj.Size()
	r := image.Rect(int(pos.X*scale), int(pos.Y*scale), int((pos.X+size.Width)*scale+0.5), int((pos.Y+size.Height)*scale+0.5))
	r = r.Add(full.Bounds().Min).Intersect(full.Bounds())
	if r.Empty() || !obj.Visible() {
		return nil, fmt.Errorf("the chart is not on screen")
	}
	out := image.NewNRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(out, out.Bounds(), full, r.Min, draw.Src)
	return out, nil
}

// exportPNG saves obj (a chart card) as a PNG image.
func (u *UI) exportPNG(obj fyne.CanvasObject, name string) {
	img, err := u.chartImage(obj)
	if err != nil {
		u.showError("Could not export the chart", err)
		return
	}
	u.saveAs(name, "the chart", func(w io.Writer) error { return png.Encode(w, img) })
}
