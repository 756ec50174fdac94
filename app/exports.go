package app

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// exportFunc writes an export of st to path on a worker, telling progress how far it is;
// it returns what to tell the user and, optionally, what to do next on the UI goroutine.
type exportFunc func(ctx context.Context, st *storage.Store, path string, progress storage.Progress) (msg string, then func(), err error)

// saveFile asks where to save what, then runs write on a worker (with the store as it is
// now) and says what it wrote; then, if write returns one, runs on the UI goroutine after.
func (u *UI) saveFile(name, what string, write exportFunc) {
	u.chooseSaveFile(name, func(path string) { u.saveTo(path, what, write) })
}

// saveTo is saveFile once the path is chosen.
func (u *UI) saveTo(path, what string, write exportFunc) {
	st := u.store
	var then func()
	u.runWorker(lang.L("Exporting {{.What}}", args("What", what)), func(ctx context.Context, progress storage.Progress) (string, error) {
		msg, after, err := write(ctx, st, path, progress)
		then = after
		return msg, err
	}, func(msg string, err error) {
		if errors.Is(err, context.Canceled) {
			return
		}
		if err != nil {
			u.showError(lang.L("Could not export {{.What}}", args("What", what)), err)
			return
		}
		if then != nil {
			then()
		}
		u.showMessage("%s", msg)
	})
}

// writeAtomically writes the output of fn to path through a temporary file.
func writeAtomically(path string, fn func(w io.Writer) error) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := fn(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

func (u *UI) exportJSON() {
	u.saveFile("microgoals-"+u.now().In(u.loc).Format("2006-01-02")+".json", lang.L("the plan"), func(ctx context.Context, st *storage.Store, path string, progress storage.Progress) (string, func(), error) {
		err := writeAtomically(path, func(w io.Writer) error { return st.ExportJSONProgress(ctx, w, progress) })
		return lang.L("Exported everything to {{.File}}.", args("File", path)), nil, err
	})
}

// exportMetricsCSV saves the metric entries of goalID (of every micro-goal when zero) as CSV,
// in the one format that File › Import metric entries reads back.
func (u *UI) exportMetricsCSV(goalID int64) {
	name := "microgoals-metrics.csv"
	if goalID != 0 {
		name = fmt.Sprintf("microgoals-metrics-goal-%d.csv", goalID)
	}
	u.saveFile(name, lang.L("the metric entries"), func(ctx context.Context, st *storage.Store, path string, _ storage.Progress) (string, func(), error) {
		n := 0
		err := writeAtomically(path, func(w io.Writer) (err error) {
			n, err = st.ExportCSVIn(ctx, w, goalID, currentLocale().Language())
			return err
		})
		return counted(n, "Exported {{.Count}} metric entry to {{.Path}}.", "Exported {{.Count}} metric entries to {{.Path}}.", args("Path", path)), nil, err
	})
}

func (u *UI) exportICalendar() {
	u.saveFile("microgoals-milestones.ics", lang.L("the milestones"), func(ctx context.Context, st *storage.Store, path string, _ storage.Progress) (string, func(), error) {
		n := 0
		err := writeAtomically(path, func(w io.Writer) error {
			var err error
			n, err = st.ExportICalendar(ctx, w)
			return err
		})
		return counted(n, "Exported {{.Count}} milestone to {{.Path}}: open it with your calendar program.", "Exported {{.Count}} milestones to {{.Path}}: open it with your calendar program.", args("Path", path)), nil, err
	})
}

// openFile asks for a file to import with one of exts and hands its content to read.
func (u *UI) openFile(exts []string, read func(data []byte)) {
	u.chooseOpenFile(exts, func(path string) {
		f, err := os.Open(path)
		if err != nil {
			u.showError(lang.L("Could not open the file"), err)
			return
		}
		data, err := io.ReadAll(io.LimitReader(f, 512<<20+1))
		f.Close()
		if err != nil {
			u.showError(lang.L("Could not read the file"), err)
			return
		}
		read(data)
	})
}

func (u *UI) importJSON() {
	u.openFile([]string{".json"}, func(data []byte) { u.importData(data, importJSON, nil) })
}
func (u *UI) importCSV() {
	u.openFile([]string{".csv"}, func(data []byte) { u.importData(data, importCSV, nil) })
}
func (u *UI) importICalendar() {
	u.openFile([]string{".ics", ".ical", ".ifb", ".icalendar"}, func(data []byte) { u.importData(data, importICalendar, nil) })
}

// exportReport asks for the period and the file of a progress report.
func (u *UI) exportReport() {
	p := model.ReviewPeriod(u.now(), u.loc, model.PeriodWeek)
	from, to := newDialogEntry(), newDialogEntry()
	from.SetText(currentLocale().FieldDate(p.Start))
	to.SetText(currentLocale().FieldDate(p.Last()))
	dayValidator := func(s string) error {
		_, err := u.readDay(s)
		return err
	}
	from.Validator, to.Validator = dayValidator, dayValidator
	chosen := false
	d := dialog.NewForm(lang.L("Progress report"), lang.L("Choose file…"), lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("From"), from), widget.NewFormItem(lang.L("To"), to),
	}, func(ok bool) { chosen = ok }, u.win)
	d.Resize(fyne.NewSize(420, 220))
	// Enter in either day goes on to the file, Escape cancels; the keyboard starts in From.
	// The file chooser opens once this dialog has closed and given the focus back, so that
	// closing the chooser gives it back to where the report was asked from.
	u.escapable(d, func() {
		if !chosen {
			return
		}
		a, _ := u.readDay(from.Text)
		b, _ := u.readDay(to.Text)
		if b.Before(a) {
			a, b = b, a
		}
		period := model.PeriodOf(a, b, u.loc)
		u.saveFile("progress-"+a.Format("2006-01-02")+".md", lang.L("the report"), func(ctx context.Context, st *storage.Store, path string, _ storage.Progress) (string, func(), error) {
			md, err := u.writeReport(ctx, st, path, period)
			if err != nil {
				return "", nil, err
			}
			return lang.L("Wrote the report to {{.File}}, with its charts beside it.", args("File", path)), func() { u.rememberReportDir(path); u.showReport(path, md) }, nil
		})
	})
	dialogKeys(container.NewVBox(from, to), d.Submit, d.Hide)
	d.Show()
	u.win.Canvas().Focus(from)
}

// writeReport writes the Markdown report for p to path and its two chart images beside it
// (NAME-completions.png, NAME-metrics.png), and returns the Markdown.
// It reads the plan from st, not from the window, so it can run on a worker.
func (u *UI) writeReport(ctx context.Context, st *storage.Store, path string, p model.Period) (string, error) {
	data, err := st.LoadOutline(ctx)
	if err != nil {
		return "", err
	}
	ex, err := st.Exceptions(ctx, model.DateOf(p.Start, u.loc), model.DateOf(p.End, u.loc))
	if err != nil {
		return "", err
	}
	work := model.WithCompletedOccurrences(data.Goals, model.NewExceptions(ex), model.DateOf(p.Start, u.loc), model.DateOf(p.End, u.loc), u.loc)
	totals, err := st.MetricTotals(ctx, p)
	if err != nil {
		return "", err
	}
	reviews, err := st.ReviewsOverlapping(ctx, p)
	if err != nil {
		return "", err
	}
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	charts := map[string]string{"completions": stem + "-completions.png", "metrics": stem + "-metrics.png"}
	dir := filepath.Dir(path)
	if err := writeAtomically(filepath.Join(dir, charts["completions"]), func(w io.Writer) error {
		var days []string
		for d := p.Start; d.Before(p.End); d = d.AddDate(0, 0, 1) {
			days = append(days, d.Format("2"))
		}
		return png.Encode(w, barChart(lang.L("Steps completed per day, {{.From}} to {{.To}}", args("From", currentLocale().ShortDate(p.Start), "To", currentLocale().ShortDateYear(p.Last()))), model.CompletionsPerDay(work, p, u.loc), 0, days, false))
	}); err != nil {
		return "", err
	}
	rows := model.PeriodTotals(data.Goals, totals)
	if len(rows) > 0 {
		// The first 20 rows of the report's metric table, numbered as its rows are.
		shares := make([]float64, 0, len(rows))
		var nums []string
		for i, r := range rows {
			if len(shares) == 20 {
				break
			}
			shares = append(shares, r.Fraction())
			nums = append(nums, strconv.Itoa(i+1))
		}
		if err := writeAtomically(filepath.Join(dir, charts["metrics"]), func(w io.Writer) error {
			return png.Encode(w, barChart(lang.L("Share of target logged (rows 1–20 of the table)"), shares, 1, nums, true))
		}); err != nil {
			return "", err
		}
	} else {
		delete(charts, "metrics")
	}
	sprints, err := st.Sprints(ctx)
	if err != nil {
		return "", err
	}
	decisions, err := st.DecisionsSince(ctx, p.Start)
	if err != nil {
		return "", err
	}
	charts["burnup"] = stem + "-burnup.png"
	if ok, err := u.writeBurnUpPNG(filepath.Join(dir, charts["burnup"]), data.Objectives, work); err != nil {
		return "", err
	} else if !ok {
		delete(charts, "burnup")
	}
	charts["places"] = stem + "-places.png"
	if ok, err := u.writePlacesPNG(filepath.Join(dir, charts["places"]), model.ContextPatternsIn(work, sprints, p, u.loc)); err != nil {
		return "", err
	} else if !ok {
		delete(charts, "places")
	}
	md := model.ProgressReport(model.ReportInput{Period: p, Now: u.now(), Location: u.loc, Locale: currentLocale(), Objectives: data.Objectives,
		Goals: work, Totals: totals, Reviews: reviews, Charts: charts, Sprints: sprints, Decisions: decisions})
	return md, writeAtomically(path, func(w io.Writer) error { _, err := io.WriteString(w, md); return err })
}

// barChart draws values as labelled bars on a light background, scaled to max (or to the
// largest value when max is 0), with a line at the top of the scale: a title, each bar's
// value above it (as a percentage when asPercent) and its label below it. The text is
// drawn with the window's font, so titles and dates in any of the app's languages show their
// accents (chartFace).
func barChart(title string, values []float64, max float64, labels []string, asPercent bool) image.Image {
	const w, h, pad, top, bottom = 640, 260, 16, 40, 24
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bg := color.RGBA{0xfa, 0xfa, 0xfa, 0xff}
	bar := color.RGBA{0x29, 0x79, 0xff, 0xff}
	axis := color.RGBA{0x9e, 0x9e, 0x9e, 0xff}
	ink := color.RGBA{0x21, 0x21, 0x21, 0xff}
	fill := func(x0, y0, x1, y1 int, c color.Color) {
		draw.Draw(img, image.Rect(x0, y0, x1, y1), image.NewUniform(c), image.Point{}, draw.Src)
	}
	face := chartFace()
	text := func(s string, x, y int, centre bool) {
		d := font.Drawer{Dst: img, Src: image.NewUniform(ink), Face: face}
		if centre {
			x -= d.MeasureString(s).Round() / 2
		}
		d.Dot = fixed.P(x, y)
		d.DrawString(s)
	}
	fill(0, 0, w, h, bg)
	text(title, pad, 20, false)
	if max == 0 {
		for _, v := range values {
			max = maxf(max, v)
		}
	}
	fill(pad, top, w-pad, top+1, axis)           // top of the scale
	fill(pad, h-bottom, w-pad, h-bottom+1, axis) // baseline
	if len(values) == 0 || max <= 0 {
		return img
	}
	slot := float64(w-2*pad) / float64(len(values))
	for i, v := range values {
		frac := v / max
		if frac > 1 {
			frac = 1
		}
		x0 := pad + int(float64(i)*slot+slot*0.15)
		x1 := pad + int(float64(i+1)*slot-slot*0.15)
		y := h - bottom - int(frac*float64(h-bottom-top))
		fill(x0, y, x1, h-bottom, bar)
		mid := (x0 + x1) / 2
		// Labels only where they fit: a bar at least as wide as its text.
		value := formatValue(v, asPercent)
		if x1-x0+int(slot*0.3) >= 7*len(value) {
			text(value, mid, y-4, true)
		}
		if i < len(labels) && x1-x0+int(slot*0.3) >= 7*len(labels[i]) {
			text(labels[i], mid, h-8, true)
		}
	}
	return img
}

func formatValue(v float64, asPercent bool) string {
	if asPercent {
		return fmt.Sprintf("%.0f%%", v*100)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func maxf(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

// showReport opens a written report in a window: the Markdown rendered, its charts shown
// from the files beside it.
func (u *UI) showReport(path, md string) fyne.Window {
	dir := filepath.Dir(path)
	// The report links its charts by bare file name (so the folder can be moved); the viewer
	// needs them as file URIs.
	for _, name := range []string{"-completions.png", "-metrics.png"} {
		stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + name
		md = strings.ReplaceAll(md, "]("+stem+")", "]("+fynestorage.NewFileURI(filepath.Join(dir, stem)).String()+")")
	}
	rt := widget.NewRichTextFromMarkdown(md)
	rt.Wrapping = fyne.TextWrapWord
	for _, seg := range rt.Segments {
		if img, ok := seg.(*widget.ImageSegment); ok {
			img.Alignment = fyne.TextAlignLeading
		}
	}
	w := u.app.NewWindow(lang.L("Report — {{.File}}", args("File", filepath.Base(path))))
	w.SetContent(container.NewVScroll(container.NewPadded(rt)))
	w.Resize(fyne.NewSize(820, 700))
	w.Show()
	return w
}

var (
	chartFontOnce sync.Once
	chartFont     *opentype.Font
)

// chartFace is a face for one chart: the theme's text font at 12 px, or the ASCII bitmap face
// if the font cannot be read. A face caches glyphs and is not safe from two goroutines, so
// each chart gets its own; the font is parsed once.
func chartFace() font.Face {
	chartFontOnce.Do(func() {
		chartFont, _ = opentype.Parse(theme.DefaultTextFont().Content())
	})
	if chartFont != nil {
		if face, err := opentype.NewFace(chartFont, &opentype.FaceOptions{Size: 12, DPI: 72, Hinting: font.HintingFull}); err == nil {
			return face
		}
	}
	return basicfont.Face7x13
}
