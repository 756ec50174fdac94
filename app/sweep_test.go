package app

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// TestDetailEstimateReadsItsOwnFormat: the detail panel writes an estimate in the language's
// words ("15 Min." in German) and must read them back: a step saved with an estimate, then
// edited and saved again, keeps its estimate and takes the edit, in every language.
func TestDetailEstimateReadsItsOwnFormat(t *testing.T) {
	for _, l := range model.SupportedLanguages {
		t.Run(l, func(t *testing.T) {
			useLanguage(t, l)
			h := newHarness(t)
			seed(h, "Plan", "Write the release notes")
			h.selectRow("Write the release notes")
			d := h.u.detail
			est := d.goalFields["estimate"]
			h.w.Canvas().Focus(est.input)
			est.entry.SetText("")
			h.typeKeys("15")
			h.press(fyne.KeyS, ctrl)
			if g := h.storedGoal("Write the release notes"); g.EstimateMinutes != 15 {
				t.Fatalf("the estimate was saved as %d minutes", g.EstimateMinutes)
			}
			if est.text() != model.FormatMinutes(15) {
				t.Fatalf("the estimate field shows %q, want %q", est.text(), model.FormatMinutes(15))
			}
			title := d.goalFields["title"]
			h.w.Canvas().Focus(title.input)
			title.input.CursorColumn = len([]rune(title.text()))
			h.typeKeys(" for 1.0")
			h.press(fyne.KeyS, ctrl)
			g := h.storedGoal("Write the release notes for 1.0")
			if g.EstimateMinutes != 15 {
				t.Fatalf("the edit kept an estimate of %d minutes", g.EstimateMinutes)
			}
		})
	}
}

// englishTables are the model's English name tables: text drawn from them is English in every
// language (the window's locale has the names: currentLocale().WeekdayShort).
var englishTables = map[string]bool{"WeekdayNames": true}

// storedWords are the fields holding a stored English word (a horizon, a stage): put into
// text as they are, they show "fortnight" in a German window; horizonLabel and stageLabel
// name them.
var storedWords = map[string]bool{"Horizon": true, "Stage": true}

// checkEnglishValues is the part of TestNoUntranslatedText that looks past literals: English
// words that reach the screen from the model's name tables, from a name cut out of a
// String() ("Mon"), or from a stored value formatted into a message as it is.
func checkEnglishValues(t *testing.T, dirs []string) {
	t.Helper()
	fset := token.NewFileSet()
	for _, dir := range dirs {
		err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(fset, p, nil, 0)
			if err != nil {
				return err
			}
			// Words held in a variable and put into a translated message: state := "left",
			// then fmt.Sprintf(lang.L("… %s"), …, state).
			for _, decl := range f.Decls {
				fn, ok := decl.(*ast.FuncDecl)
				if !ok || fn.Body == nil {
					continue
				}
				held := map[string]string{}
				ast.Inspect(fn.Body, func(n ast.Node) bool {
					if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == len(as.Rhs) {
						for i, r := range as.Rhs {
							id, ok := as.Lhs[i].(*ast.Ident)
							if s, lit := literal(r); ok && lit && isWords(s) && !notText[s] {
								held[id.Name] = s
							}
						}
					}
					return true
				})
				ast.Inspect(fn.Body, func(n ast.Node) bool {
					c, ok := n.(*ast.CallExpr)
					if !ok || len(c.Args) == 0 {
						return true
					}
					if _, name := calleeName(c.Fun); name != "Sprintf" {
						return true
					}
					if format, ok := c.Args[0].(*ast.CallExpr); ok {
						if pkg, _ := calleeName(format.Fun); pkg == "lang" {
							for _, a := range c.Args[1:] {
								if id, ok := a.(*ast.Ident); ok && held[id.Name] != "" {
									t.Errorf("%s: %q goes into a translated message untranslated (held in %s)", fset.Position(a.Pos()), held[id.Name], id.Name)
								}
							}
						}
					}
					return true
				})
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch e := n.(type) {
				case *ast.SelectorExpr:
					if x, ok := e.X.(*ast.Ident); ok && x.Name == "model" && englishTables[e.Sel.Name] {
						t.Errorf("%s: model.%s are English names: use the window's locale", fset.Position(e.Pos()), e.Sel.Name)
					}
				case *ast.BinaryExpr:
					// "“" + title + "”": English quotation marks in every language.
					if s, ok := literal(e.X); ok && e.Op == token.ADD && (s == "“" || s == "”") {
						t.Errorf("%s: English quotation marks around a text: use quoted", fset.Position(e.Pos()))
					}
				case *ast.SliceExpr:
					// wd.String()[:3]: an English weekday or month name cut short ("Mon").
					if c, ok := e.X.(*ast.CallExpr); ok && len(c.Args) == 0 {
						if _, name := calleeName(c.Fun); name == "String" {
							t.Errorf("%s: an English name cut from String(): use the window's locale", fset.Position(e.Pos()))
						}
					}
				case *ast.CallExpr:
					// Plural(n, "step"): the model's English plural ("17 steps") in a text.
					if _, name := calleeName(e.Fun); name == "Plural" && len(e.Args) == 2 {
						if _, ok := literal(e.Args[1]); ok {
							t.Errorf("%s: Plural makes English plurals: use trN / counted", fset.Position(e.Pos()))
						}
					}
					if _, name := calleeName(e.Fun); name == "Sprintf" {
						for _, a := range e.Args[1:] {
							if s, ok := a.(*ast.SelectorExpr); ok && storedWords[s.Sel.Name] {
								t.Errorf("%s: the stored %s goes into text as it is: name it with its label function", fset.Position(a.Pos()), s.Sel.Name)
							}
						}
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestDefaultAnchorsSpeakTheLanguage: in a German window the default routine anchors read in
// German — in the settings, the detail panel's choice and Today's headings — and are stored
// under their English names, so that steps keep their anchor whatever the language; the
// repeat's weekday boxes are named in German too.
func TestDefaultAnchorsSpeakTheLanguage(t *testing.T) {
	desktopLocale(t, "de_DE.UTF-8", "system")
	useLanguage(t, "de")
	// Every default anchor (model.DefaultAnchors) has a German name, read back as stored.
	for _, a := range model.DefaultAnchors() {
		if l := anchorLabel(a.Name); l == a.Name || anchorValue(l) != a.Name {
			t.Fatalf("the default anchor %q is labelled %q, read back as %q", a.Name, l, anchorValue(l))
		}
	}
	h := newHarness(t)
	seed(h, "Plan", "Bericht schreiben 2026-11-25")
	h.u.selectView(lang.L("Calendar"))
	h.tapButton("Einstellungen")
	var anchors, limit *dialogEntry
	for _, o := range visible(h.w.Canvas().Overlays().Top()) {
		if x, ok := o.(*dialogEntry); ok && x.MultiLine {
			anchors = x
		} else if ok && x.Validator != nil && x.Validator("5") == nil && x.Validator("0") != nil {
			limit = x
		}
	}
	if anchors == nil || limit == nil {
		t.Fatal("the settings show no anchors or focus limit")
	}
	if want := "08:30 Morgenplanung\n09:00 Arbeitsbeginn\n13:30 Nach dem Mittagessen\n18:00 Nach der Arbeit"; anchors.Text != want {
		t.Fatalf("the settings show the anchors %q, want %q", anchors.Text, want)
	}
	h.w.Canvas().Focus(limit)
	h.press(fyne.KeyA, ctrl)
	h.typeKeys("4")
	test.Tap(h.u.settingsDialog.(*settingsWindow).save)
	if v, _, _ := h.st.Setting(context.Background(), settingAnchors); v != model.FormatAnchors(model.DefaultAnchors()) {
		t.Fatalf("the anchors were stored as %q", v)
	}

	h.u.selectView(lang.L("Outline"))
	h.selectRow("Bericht schreiben")
	d := h.u.detail
	anchor := d.goalFields["anchor"].widget.(*widget.Select)
	if !containsString(anchor.Options, "Nach der Arbeit") {
		t.Fatalf("the detail panel offers the anchors %q", anchor.Options)
	}
	anchor.SetSelected("Nach der Arbeit")
	if d.repeatDays.Options[0] != "Mo." || d.repeatDays.Options[6] != "So." {
		t.Errorf("the repeat's weekdays are %q", d.repeatDays.Options)
	}
	h.press(fyne.KeyS, ctrl)
	if g := h.storedGoal("Bericht schreiben"); g.Anchor != "After work" {
		t.Fatalf("the step's anchor was stored as %q", g.Anchor)
	}
	// A weekly rule's days are ticked in the boxes named in German.
	h.update("Bericht schreiben", func(g *model.MicroGoal) { g.Repeat = "FREQ=WEEKLY;BYDAY=MO,WE" })
	h.selectRow("Bericht schreiben")
	if got := strings.Join(d.repeatDays.Selected, " "); got != "Mo. Mi." {
		t.Errorf("a rule on Mondays and Wednesdays ticks %q", got)
	}
	h.u.selectView(lang.L("Today"))
	h.mustSee("18:00  Nach der Arbeit")
	h.mustNotSee("18:00  After work")
}

// TestReportSpeaksTheLanguage writes the progress report in German: the counts of steps and
// days and the objectives' status are German words, not "17 steps", "19 days", "(active)".
func TestReportSpeaksTheLanguage(t *testing.T) {
	useLanguage(t, "de")
	h := newHarness(t)
	seed(h, "Plan", "Bericht schreiben 2026-11-24", "Folien vorbereiten 2026-11-24")
	for _, title := range []string{"Bericht schreiben", "Folien vorbereiten"} {
		h.update(title, func(g *model.MicroGoal) { g.Status, g.DoneAt = model.StatusDone, clock.Add(-24*time.Hour) })
	}
	st := h.stored()
	report := model.ProgressReport(model.ReportInput{Period: model.ReviewPeriod(clock, time.UTC, model.PeriodWeek), Now: clock, Location: time.UTC,
		Locale: model.ParseLocale("de_DE"), Objectives: st.Objectives, Goals: st.Goals})
	for _, want := range []string{"**2 Schritte erledigt**", "Aktuelle Serie: 1 Tag", "**Plan** (aktiv)"} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
	for _, english := range []string{" steps", " days", "(active)"} {
		if strings.Contains(report, english) {
			t.Errorf("the report still says %q", english)
		}
	}
}

// TestSprintBannerSpeaksTheLanguage: the running sprint's banner says how long is left in
// German ("noch 25:00"), also when paused — it said "25:00 left" in every language.
func TestSprintBannerSpeaksTheLanguage(t *testing.T) {
	useLanguage(t, "de")
	h, c := newClockHarness(t)
	minutesGoal(h)
	h.menuItem(fyne.KeyR).Action()
	h.typeFocusedAndEnter("25")
	h.mustSee("Fokus-Sprint an „Practise Spanish for an hour“: noch 25:00")
	c.advance(10 * time.Minute)
	h.u.sprint.tick()
	h.tapButton("Pause")
	h.mustSee("Fokus-Sprint an „Practise Spanish for an hour“: noch 15:00 · pausiert")
	h.mustNotSee("left")
}

// TestDetailPanelStaysNarrowInEveryLanguage: the detail panel is as wide as its widest page
// and row, and the outline beside it gets what is left. A long translation in one line (the
// French metric buttons side by side, the German empty-panel hint) made the panel 560 px
// wide at least and squeezed the outline's titles to "…"; in every language it stays within
// what the English panel needs and a fifth more.
func TestDetailPanelStaysNarrowInEveryLanguage(t *testing.T) {
	width := map[string]float32{}
	for _, l := range model.SupportedLanguages {
		t.Run(l, func(t *testing.T) {
			useLanguage(t, l)
			h := newHarness(t)
			seed(h, "Plan", "Write the release notes")
			h.selectRow("Write the release notes")
			width[l] = h.u.detail.view.MinSize().Width
		})
	}
	limit := width[model.LangEnglish] * 1.2
	for l, w := range width {
		if w > limit {
			t.Errorf("%s: the detail panel needs %v px, more than %v", l, w, limit)
		}
	}
	t.Logf("least widths: %v", width)
}

// TestDayPickerSpeaksFrench: Fyne ships no French weekday names, so its calendar (the move
// and pick-a-day dialogs) headed its columns MON TUE …; ours supply them.
func TestDayPickerSpeaksFrench(t *testing.T) {
	useLanguage(t, "fr")
	test.NewTempApp(t)
	cal := widget.NewCalendar(clock, func(time.Time) {})
	w := test.NewTempWindow(t, cal)
	w.Resize(fyne.NewSize(500, 400))
	var heads []string
	for _, o := range visible(w.Content()) {
		if l, ok := o.(*widget.Label); ok && len([]rune(l.Text)) == 3 {
			heads = append(heads, l.Text)
		}
	}
	if got := strings.Join(heads, " "); !strings.Contains(got, "LUN MAR MER JEU VEN SAM DIM") {
		t.Errorf("the French day picker's columns are %q", got)
	}
}

// TestDayPickerMonthInTheLanguage: Fyne's calendar writes its month header in English
// ("November 2026"); the app's day picker writes it the locale's way, also after the arrows
// changed the month, and a day tapped in the new month is the day picked.
func TestDayPickerMonthInTheLanguage(t *testing.T) {
	for _, c := range []struct{ lang, now, next string }{
		{"fr", "novembre 2026", "décembre 2026"},
		{"de", "November 2026", "Dezember 2026"},
		{"es", "noviembre de 2026", "diciembre de 2026"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			useLanguage(t, c.lang)
			before := currentLocale()
			uiLocale.Store(model.ParseLocale(c.lang))
			t.Cleanup(func() { uiLocale.Store(before) })
			test.NewTempApp(t)
			var picked time.Time
			w := test.NewTempWindow(t, newDayPicker(clock, func(d time.Time) { picked = d }))
			w.Resize(fyne.NewSize(500, 400))
			header := func() string {
				for _, o := range visible(w.Content()) {
					if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "2026") {
						return l.Text
					}
				}
				return ""
			}
			if got := header(); got != c.now {
				t.Fatalf("header %q, want %q", got, c.now)
			}
			var arrows []*widget.Button
			for _, o := range visible(w.Content()) {
				if b, ok := o.(*widget.Button); ok && b.Text == "" {
					arrows = append(arrows, b)
				}
			}
			if len(arrows) < 2 {
				t.Fatalf("%d arrow buttons", len(arrows))
			}
			test.Tap(arrows[1])
			if got := header(); got != c.next {
				t.Errorf("after next: header %q, want %q", got, c.next)
			}
			for _, o := range visible(w.Content()) {
				if b, ok := o.(*widget.Button); ok && b.Text == "15" {
					test.Tap(b)
					break
				}
			}
			if picked.Month() != time.December || picked.Day() != 15 {
				t.Errorf("picked %v, want 15 December", picked)
			}
			test.Tap(arrows[0])
			test.Tap(arrows[0])
			if got := header(); !strings.Contains(got, map[string]string{"fr": "octobre", "de": "Oktober", "es": "octubre"}[c.lang]) {
				t.Errorf("two months back: header %q", got)
			}
		})
	}
}
