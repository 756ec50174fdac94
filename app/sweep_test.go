package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

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
// words that reach the screen from the model's name tables or a stored value formatted into
// a message as it is.
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
			ast.Inspect(f, func(n ast.Node) bool {
				switch e := n.(type) {
				case *ast.SelectorExpr:
					if x, ok := e.X.(*ast.Ident); ok && x.Name == "model" && englishTables[e.Sel.Name] {
						t.Errorf("%s: model.%s are English names: use the window's locale", fset.Position(e.Pos()), e.Sel.Name)
					}
				case *ast.CallExpr:
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
