package app

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2/lang"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/resources"
)

// shippedLanguages are the translations that must be complete, with the plural categories
// each language's CLDR rule (the one go-i18n applies) asks for.
var shippedLanguages = map[string][]string{
	"de": {"one", "other"},
	"fr": {"one", "many", "other"},
	"es": {"one", "many", "other"},
}

// textCalls are the functions whose string arguments are shown to the user as they are:
// Fyne's widget constructors and setters, dialogs, menus, the tray, and the app's own helpers
// that put a text on screen (the banner, undo labels, error titles). A literal passed to one
// of them must go through lang; the value is which arguments count (nil: all of them).
var textCalls = map[string][]int{
	"NewLabel": nil, "NewButton": nil, "NewButtonWithIcon": nil, "SetText": nil, "SetPlaceHolder": nil,
	"NewMenuItem": nil, "NewMenu": nil, "NewCheck": nil, "NewFormItem": nil, "NewTabItem": nil,
	"NewTabItemWithIcon": nil, "NewLabelWithStyle": nil, "SetTitle": nil, "ShowInformation": nil,
	"NewInformation": nil, "NewConfirm": nil, "ShowConfirm": nil, "NewCustom": nil, "NewCustomConfirm": nil,
	"ShowCustom": nil, "ShowCustomConfirm": nil, "NewForm": nil, "ShowForm": nil, "NewCard": nil,
	"NewHyperlink": nil, "NewRichTextFromMarkdown": nil, "NewAccordionItem": nil, "SetConfirmText": nil,
	"SetDismissText": nil, "AddMenuItem": nil, "AddMenuItemCheckbox": {0, 1}, "SetTooltip": nil, "NewWindow": nil, "NewError": nil,
	"showMessage": nil, "say": nil, "showError": nil, "celebrate": nil, "do": nil, "record": nil,
	"askText": nil, "runWorker": nil, "newEntryForm": nil, "setOccurrence": nil, "askRequired": nil,
	"statusError": nil, "problemError": nil, "showFormDialog": nil, "busy": nil, "idle": nil,
	"entryField": {2, 3}, "selectField": {2}, "dateField": {2}, "saveFile": {1}, "saveTo": {1}, "barChart": {0},
}

// notText are literals with letters that may go to a widget untranslated: the product's
// name and an example address.
// sprintfNotText are Sprintf formats with letters that name things for the program, not the
// user: a socket, a file name, lookup keys.
var sprintfNotText = map[string]bool{"microgoals-%d": true, "g:%d": true, "o:%d": true, "microgoals-metrics-goal-%d.csv": true}

var notText = map[string]bool{"Microgoals": true, "https://dav.example.org/": true, "PNG": true, "CalDAV": true, "HH:MM": true, "#writing @home": true}

var formatVerb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// isWords reports whether a literal holds a word a translator would translate: a letter that
// is not part of a printf verb or a template field.
func isWords(lit string) bool {
	s := formatVerb.ReplaceAllString(lit, "")
	s = templateField.ReplaceAllString(s, "")
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

var templateField = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// placeholders lists a message's template fields and printf verbs (without argument
// indexes, which a translation may add to reorder), sorted: a translation must keep them all.
func placeholders(s string) []string {
	var out []string
	for _, m := range templateField.FindAllStringSubmatch(s, -1) {
		out = append(out, "{{."+m[1]+"}}")
	}
	for _, m := range formatVerb.FindAllString(s, -1) {
		out = append(out, regexp.MustCompile(`\[\d+\]`).ReplaceAllString(m, ""))
	}
	sort.Strings(out)
	return out
}

func readTranslations(t *testing.T, l string) map[string]any {
	t.Helper()
	data, err := resources.Translations.ReadFile("translations/ui." + l + ".json")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]any{}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("ui.%s.json: %v", l, err)
	}
	return m
}

// TestTranslationsComplete checks every English message against each shipped language: it
// is there, not empty, keeps the message's template fields and printf verbs, and a plural
// message has every plural category the language needs.
func TestTranslationsComplete(t *testing.T) {
	en := readTranslations(t, "en")
	if len(en) < 100 {
		t.Fatalf("ui.en.json holds %d messages; the app has far more", len(en))
	}
	for l, cats := range shippedLanguages {
		tr := readTranslations(t, l)
		for key, ev := range en {
			v, ok := tr[key]
			if !ok {
				t.Errorf("%s: %q is not translated", l, key)
				continue
			}
			switch e := ev.(type) {
			case string:
				s, ok := v.(string)
				if !ok || strings.TrimSpace(s) == "" {
					t.Errorf("%s: %q has an empty or non-text translation", l, key)
					continue
				}
				if got, want := placeholders(s), placeholders(e); fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s: %q → %q has fields %v, want %v", l, key, s, got, want)
				}
			case map[string]any:
				forms, ok := v.(map[string]any)
				if !ok {
					t.Errorf("%s: %q is a plural message but its translation is not", l, key)
					continue
				}
				want := placeholders(e["other"].(string))
				for _, c := range cats {
					s, _ := forms[c].(string)
					if strings.TrimSpace(s) == "" {
						t.Errorf("%s: %q lacks the plural form %q", l, key, c)
						continue
					}
					// A "one" form may write the number as a word; every other field stays.
					got := placeholders(s)
					if c == "one" {
						got, want := without(got, "{{.Count}}"), without(want, "{{.Count}}")
						if fmt.Sprint(got) != fmt.Sprint(want) {
							t.Errorf("%s: %q [%s] → %q has fields %v, want %v", l, key, c, s, got, want)
						}
						continue
					}
					if fmt.Sprint(got) != fmt.Sprint(want) {
						t.Errorf("%s: %q [%s] → %q has fields %v, want %v", l, key, c, s, got, want)
					}
				}
			}
		}
		for key := range tr {
			if _, ok := en[key]; !ok {
				t.Errorf("%s: %q is translated but no longer in ui.en.json", l, key)
			}
		}
	}
}

func without(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// sourceMessage is one message the Go source asks lang for.
type sourceMessage struct {
	key, one string // one: the English singular of a plural message
	plural   bool
	pos      string
}

// walkSource parses the Go files (not tests) under dirs and calls visit on each call.
func walkSource(t *testing.T, dirs []string, visit func(fset *token.FileSet, c *ast.CallExpr), lits ...func(fset *token.FileSet, cl *ast.CompositeLit)) {
	t.Helper()
	fset := token.NewFileSet()
	for _, dir := range dirs {
		err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			if info.IsDir() && strings.HasSuffix(p, "testdata") {
				return filepath.SkipDir
			}
			if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, p, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if c, ok := n.(*ast.CallExpr); ok {
					visit(fset, c)
				}
				if cl, ok := n.(*ast.CompositeLit); ok {
					for _, v := range lits {
						v(fset, cl)
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

func calleeName(e ast.Expr) (pkg, name string) {
	switch f := e.(type) {
	case *ast.SelectorExpr:
		if x, ok := f.X.(*ast.Ident); ok {
			return x.Name, f.Sel.Name
		}
		return "", f.Sel.Name
	case *ast.Ident:
		return "", f.Name
	}
	return "", ""
}

func literal(e ast.Expr) (string, bool) {
	if b, ok := e.(*ast.BinaryExpr); ok && b.Op == token.ADD {
		x, ok1 := literal(b.X)
		y, ok2 := literal(b.Y)
		return x + y, ok1 && ok2
	}
	bl, ok := e.(*ast.BasicLit)
	if !ok || bl.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(bl.Value)
	return s, err == nil
}

// sourceDirs are the packages whose text reaches the user: the app and its sub-packages (the
// background agent among them), the model's messages, which it writes through its Localizer,
// and storage's errors written for the user (its refusals, which it translates through the
// model's Localizer when they are read) and what it writes into exports through model.Text.
var sourceDirs = []string{".", "../model", "../storage"}

// storageTextArg are storage's helpers that make an error for the user from a message, and
// which of their arguments is the message.
var storageTextArg = map[string]int{"newError": 0, "badImport": 0, "userErr": 1, "wrapf": 1}

// messagesInSource lists the messages the source asks for: lang.L/N/X, the app's counted and
// the model's tr/trN (model.Text/TextN outside it) and problem formats. A message passed on in a variable (the model's
// Localizer, the counted helpers) is checked where its literal is written.
func messagesInSource(t *testing.T) []sourceMessage {
	var out []sourceMessage
	walkSource(t, sourceDirs, func(fset *token.FileSet, c *ast.CallExpr) {
		pkg, name := calleeName(c.Fun)
		arg := func(i int) (string, bool) {
			if i >= len(c.Args) {
				return "", false
			}
			return literal(c.Args[i])
		}
		pos := fset.Position(c.Pos()).String()
		switch {
		case pkg == "lang" && name == "L":
			if s, ok := arg(0); ok {
				out = append(out, sourceMessage{key: s, pos: pos})
			} else if _, passed := c.Args[0].(*ast.Ident); !passed {
				t.Errorf("%s: lang.L needs a literal message so it can be checked and translated", pos)
			}
		case pkg == "lang" && name == "X":
			k, ok1 := arg(0)
			s, ok2 := arg(1)
			if !ok1 || !ok2 {
				t.Errorf("%s: lang.X needs a literal key and text", pos)
			}
			_ = s
			out = append(out, sourceMessage{key: k, one: s, pos: pos})
		case pkg == "lang" && name == "N":
			if _, ok := arg(0); !ok {
				return // the counted helpers, which pass on a checked message
			}
			t.Errorf("%s: use counted (or the model's trN), which carries the English singular", pos)
		case pkg == "" && (name == "counted" || name == "trN"), pkg == "model" && name == "TextN":
			one, ok1 := arg(1)
			other, ok2 := arg(2)
			if len(c.Args) < 3 {
				t.Errorf("%s: %s needs literal singular and plural texts", pos, name)
				return
			}
			if _, passed := c.Args[2].(*ast.Ident); !ok2 && passed {
				return // a counted helper passing on the literals its callers wrote
			}
			if !ok1 || !ok2 {
				t.Errorf("%s: %s needs literal singular and plural texts", pos, name)
				return
			}
			out = append(out, sourceMessage{key: other, one: one, plural: true, pos: pos})
		case pkg == "" && (name == "blocking" || name == "flag") && strings.Contains(pos, "model"):
			if s, ok := arg(1); ok && isWords(s) {
				out = append(out, sourceMessage{key: s, pos: pos})
			}
		case pkg == "" && strings.HasPrefix(pos, "../storage/") && hasKey(storageTextArg, name):
			i := storageTextArg[name]
			if s, ok := arg(i); ok {
				out = append(out, sourceMessage{key: s, pos: pos})
			} else if i >= len(c.Args) {
				t.Errorf("%s: %s needs a literal message", pos, name)
			} else if _, passed := c.Args[i].(*ast.Ident); !passed {
				t.Errorf("%s: %s needs a literal message so it can be checked and translated", pos, name)
			}
		case pkg == "" && name == "trIn": // the agent's message in a given language
			if s, ok := arg(1); ok {
				out = append(out, sourceMessage{key: s, pos: pos})
			} else {
				t.Errorf("%s: trIn needs a literal message", pos)
			}
		case pkg == "" && name == "tr", pkg == "model" && name == "Text":
			if s, ok := arg(0); ok {
				out = append(out, sourceMessage{key: s, pos: pos})
			} else if _, passed := c.Args[0].(*ast.Ident); !passed {
				t.Errorf("%s: tr needs a literal message", pos)
			}
		}
	})
	return out
}

// TestSourceMessagesInEnglishFile requires every message the source asks lang for to be in
// ui.en.json (and so, by TestTranslationsComplete, in every language). Run it with
// I18N_WRITE_EN=1 to add the missing ones to ui.en.json after adding strings to the code.
func TestSourceMessagesInEnglishFile(t *testing.T) {
	en := readTranslations(t, "en")
	msgs := messagesInSource(t)
	if os.Getenv("I18N_WRITE_EN") != "" {
		writeEnglish(t, en, msgs)
		return
	}
	for _, m := range msgs {
		v, ok := en[m.key]
		switch {
		case !ok:
			t.Errorf("%s: %q is not in ui.en.json", m.pos, m.key)
		case m.plural:
			forms, ok := v.(map[string]any)
			if !ok || forms["one"] != m.one || forms["other"] != m.key {
				t.Errorf("%s: ui.en.json has %q as %v, want one %q other %q", m.pos, m.key, v, m.one, m.key)
			}
		case m.one != "":
			if v != m.one {
				t.Errorf("%s: ui.en.json has %q as %v, want %q", m.pos, m.key, v, m.one)
			}
		default:
			if v != m.key {
				t.Errorf("%s: ui.en.json has %q as %v, want the same text", m.pos, m.key, v)
			}
		}
	}
}

func writeEnglish(t *testing.T, en map[string]any, msgs []sourceMessage) {
	for _, m := range msgs {
		switch {
		case m.plural:
			en[m.key] = map[string]string{"one": m.one, "other": m.key}
		case m.one != "":
			en[m.key] = m.one
		default:
			en[m.key] = m.key
		}
	}
	var buf strings.Builder
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(en); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("../resources/translations/ui.en.json", []byte(buf.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// internalErrors are the new errors with English words that the background agent and storage
// may make: none reaches the user's eyes as it is (a programming error, a state that cannot
// arise from the app's own files, a value matched with errors.Is and answered in other words,
// the demo generator's refusals to its developer). Every other one is written for the user and
// translated (storage's newError, userErr, wrapf, badImport; model.Text).
var internalErrors = map[string]bool{
	"already running on this plan":                                    true,
	"set occurrence: unknown status %q":                               true,
	"set occurrence of micro-goal %d: no day":                         true,
	"generate demo data: negative counts (%d goals, %d entries)":      true,
	"generate demo data: metric entries need at least one micro-goal": true,
	"the SQLite driver cannot run queries directly":                   true,
	"micro_goals query has %d columns, want 32":                       true,
	"column %s.%s has no kind":                                        true,
	"no room between siblings after renumbering":                      true,
	"the server's item %s is a %s here but a %s there":                true,
	"the item vanished while it was stored":                           true,
}

// TestNoUntranslatedText fails when a literal with words goes to a widget, a dialog, a menu,
// the tray or the banner without lang: widget.NewLabel("New text") is caught here. In the
// background agent and in storage, whose errors the window shows and the agent logs for the
// user, a new error made from English words is caught too (a wrap with %w only adds context
// for the log, which storage.Explain leaves out).
func TestNoUntranslatedText(t *testing.T) {
	walkSource(t, []string{".", "../storage"}, func(fset *token.FileSet, c *ast.CallExpr) {
		pkg, name := calleeName(c.Fun)
		// The sync engine's problems reach the status bar: append(res.Problems, "words").
		if name == "append" && len(c.Args) > 1 {
			if sel, ok := c.Args[0].(*ast.SelectorExpr); ok && sel.Sel.Name == "Problems" {
				for _, a := range c.Args[1:] {
					if s, ok := bareWords(a); ok {
						t.Errorf("%s: %q goes to the sync result untranslated: use model.Text", fset.Position(a.Pos()), s)
					}
				}
			}
		}
		file := filepath.ToSlash(fset.Position(c.Pos()).Filename)
		if (strings.HasPrefix(file, "agent/") || strings.HasPrefix(file, "../storage/")) &&
			(pkg == "errors" && name == "New" || pkg == "fmt" && name == "Errorf") && len(c.Args) > 0 {
			if s, ok := literal(c.Args[0]); ok && isWords(s) && !internalErrors[s] && !(name == "Errorf" && strings.Contains(s, "%w")) {
				t.Errorf("%s: the error %q is English: write it for the user (model.Text; in storage newError, userErr, wrapf or badImport) or, if no user ever reads it, add it to internalErrors", fset.Position(c.Pos()), s)
			}
			return
		}
		if strings.HasPrefix(file, "../storage/") {
			return // storage puts no text on screen itself
		}
		// A sentence made with fmt.Sprintf from an English format reaches the window through a
		// variable (a list row's SetText, a chart's readout), past the calls below: the format
		// itself must be a translated message (fmt.Sprintf(lang.L("…"), …)).
		if pkg == "fmt" && name == "Sprintf" && len(c.Args) > 0 && !strings.HasPrefix(file, "../storage/") &&
			!strings.Contains(file, "radicaletest") {
			if s, ok := bareWords(c.Args[0]); ok && !sprintfNotText[s] {
				t.Errorf("%s: fmt.Sprintf(%q, …) writes English: make the format a message (lang.L with template fields)", fset.Position(c.Pos()), s)
			}
		}
		if strings.Contains(fset.Position(c.Pos()).Filename, "calsync") && (name == "SetText" || name == "do") {
			return // iCalendar properties and HTTP methods, not text on screen
		}
		if (name == "do" || name == "record") && pkg != "u" {
			return
		}
		which, ok := textCalls[name]
		if !ok {
			return
		}
		for i, a := range c.Args {
			if which != nil && !contains(which, i) {
				continue
			}
			if s, ok := bareWords(a); ok {
				t.Errorf("%s: %q goes to %s untranslated: wrap it in lang.L", fset.Position(a.Pos()), s, name)
			}
		}
	}, func(fset *token.FileSet, cl *ast.CompositeLit) {
		checkWidgetLiteral(t, fset, cl)
		checkMessageLiteral(t, fset, cl)
	})
	checkEnglishValues(t, sourceDirs)
}

// checkMessageLiteral catches &Error{Msg: "words"} in the sync engine and a sync conflict
// with words in it: both reach the window.
func checkMessageLiteral(t *testing.T, fset *token.FileSet, cl *ast.CompositeLit) {
	_, typ := calleeName(cl.Type)
	fields := map[string][]string{"Error": {"Msg"}, "SyncConflict": {"Field", "Kept", "Lost"}}[typ]
	for _, el := range cl.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if k, ok := kv.Key.(*ast.Ident); ok && contains2(fields, k.Name) {
			if s, ok := bareWords(kv.Value); ok {
				t.Errorf("%s: %q goes to %s.%s untranslated: use model.Text (or a key the window translates)", fset.Position(kv.Pos()), s, typ, k.Name)
			}
		}
	}
}

func contains2(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func hasKey(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}

func contains(list []int, i int) bool {
	for _, x := range list {
		if x == i {
			return true
		}
	}
	return false
}

// bareWords finds a literal with words in an argument that lang did not see: the literal
// itself, one side of a concatenation, or the format of a fmt.Sprintf.
func bareWords(e ast.Expr) (string, bool) {
	switch a := e.(type) {
	case *ast.BasicLit:
		if s, ok := literal(a); ok && isWords(s) && !notText[s] {
			return s, true
		}
	case *ast.BinaryExpr:
		if s, ok := bareWords(a.X); ok {
			return s, true
		}
		return bareWords(a.Y)
	case *ast.ParenExpr:
		return bareWords(a.X)
	case *ast.CallExpr:
		if _, name := calleeName(a.Fun); name == "Sprintf" && len(a.Args) > 0 {
			return bareWords(a.Args[0])
		}
	}
	return "", false
}

// checkWidgetLiteral catches &widget.Button{Text: "Save"}: a widget's text fields set in a
// composite literal.
func checkWidgetLiteral(t *testing.T, fset *token.FileSet, cl *ast.CompositeLit) {
	sel, ok := cl.Type.(*ast.SelectorExpr)
	if !ok {
		return
	}
	if x, ok := sel.X.(*ast.Ident); !ok || x.Name != "widget" {
		return
	}
	for _, el := range cl.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if k, ok := kv.Key.(*ast.Ident); ok && (k.Name == "Text" || k.Name == "PlaceHolder" || k.Name == "Title") {
			if s, ok := bareWords(kv.Value); ok {
				t.Errorf("%s: %q goes to widget.%s untranslated: wrap it in lang.L", fset.Position(kv.Pos()), s, sel.Sel.Name)
			}
		}
	}
}

// useLanguage switches Fyne's translations to a language for one test, through the
// environment as the desktop sets it, and back to the environment's own afterwards.
func useLanguage(t *testing.T, l string) {
	t.Helper()
	old, had := os.LookupEnv("LANGUAGE")
	os.Setenv("LANGUAGE", l)
	if err := lang.AddTranslationsFS(resources.Translations, "translations"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if had {
			os.Setenv("LANGUAGE", old)
		} else {
			os.Unsetenv("LANGUAGE")
		}
		if err := lang.AddTranslationsFS(resources.Translations, "translations"); err != nil {
			t.Error(err)
		}
	})
}

// TestWindowInGerman opens the window with LANGUAGE=de: the first-run page, the menus and a counted
// phrase come out in German, with the right plural form.
func TestWindowInGerman(t *testing.T) {
	useLanguage(t, "de")
	h := newHarness(t)
	h.mustSee("Was möchten Sie erreichen?")
	h.mustNotSee("What do you want to achieve?")
	if menuItemLabeled(h.w, "Bericht zur letzten Woche") == nil {
		t.Error("no “Bericht zur letzten Woche” in the menu")
	}
	if menuItemLabeled(h.w, "Report for last week") != nil {
		t.Error("the menu is still English")
	}
	for n, want := range map[int]string{1: "1 Schritt", 2: "2 Schritte", 0: "0 Schritte"} {
		if got := counted(n, "{{.Count}} step", "{{.Count}} steps"); got != want {
			t.Errorf("counted(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestPluralsByLanguage checks the plural rules each language has: French counts 0 as one,
// English does not, Spanish has a "many" form for millions; the count is written as the
// locale writes numbers.
func TestPluralsByLanguage(t *testing.T) {
	cases := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 step"}, {"en", 0, "0 steps"}, {"en", 2, "2 steps"}, {"en", 12500, "12,500 steps"},
		{"fr", 0, "0 étape"}, {"fr", 1, "1 étape"}, {"fr", 2, "2 étapes"},
		{"es", 1, "1 paso"}, {"es", 1000000, "1.000.000 pasos"}, {"es", 1234, "1234 pasos"}, {"de", 12500, "12.500 Schritte"},
		{"de", 1, "1 Schritt"}, {"de", 5, "5 Schritte"},
	}
	for _, c := range cases {
		t.Run(c.lang, func(t *testing.T) {
			useLanguage(t, c.lang)
			before := currentLocale()
			uiLocale.Store(model.ParseLocale(c.lang))
			t.Cleanup(func() { uiLocale.Store(before) })
			if got := counted(c.n, "{{.Count}} step", "{{.Count}} steps"); got != c.want {
				t.Errorf("%s: counted(%d) = %q, want %q", c.lang, c.n, got, c.want)
			}
		})
	}
}

// TestDetailChoicesShowWordsAndKeepValues: in German the detail panel's stage select shows
// the glossary's word while the field still reads and sets the stored value.
func TestDetailChoicesShowWordsAndKeepValues(t *testing.T) {
	useLanguage(t, "de")
	d := &detail{loading: true}
	f, s := d.choiceField(map[string]*field{}, "stage", lang.L("Stage"), stringsOf(model.Stages), stageLabel)
	if s.Options[2] != "Umsetzen" {
		t.Fatalf("the stage choices are %q", s.Options)
	}
	f.set(string(model.StageExecution))
	if s.Selected != "Umsetzen" || f.text() != string(model.StageExecution) {
		t.Errorf("set execution: the select shows %q and the field reads %q", s.Selected, f.text())
	}
	s.SetSelected("Feiern")
	if f.text() != string(model.StageCelebration) {
		t.Errorf("choosing Feiern reads %q", f.text())
	}
	if got := horizonLabel(string(model.HorizonFortnight)); got != "zwei Wochen" {
		t.Errorf("the fortnight horizon is %q", got)
	}
}

// fyneOwnKeys are keys of Fyne's own widgets that the translations carry for it: its day
// picker (widget.Calendar) names the weekdays with lang.X("monday") and "monday.short".
var fyneOwnKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, d := range []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} {
		m[d], m[d+".short"] = true, true
	}
	return m
}()

// TestNoStaleTranslations fails when ui.en.json holds a message no source asks for any more
// (a text that was changed or removed): its translations would be kept and reviewed for
// nothing, and a translator could not tell the live message from the dead one.
func TestNoStaleTranslations(t *testing.T) {
	asked := map[string]bool{}
	for _, m := range messagesInSource(t) {
		asked[m.key] = true
	}
	for k := range readTranslations(t, "en") {
		if !asked[k] && !fyneOwnKeys[k] {
			t.Errorf("ui.en.json holds %q, which no source asks for: remove it from every ui.*.json", k)
		}
	}
}
