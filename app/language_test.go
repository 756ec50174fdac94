package app

import (
	"context"
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// desktopLocale sets the locale variables as a desktop session would and applies pref, as
// Run does; the window's locale and Fyne's language come back afterwards.
func desktopLocale(t *testing.T, langEnv, pref string) {
	t.Helper()
	before := currentLocale()
	t.Cleanup(func() {
		uiLocale.Store(before)
		// Fyne picks its language again from the restored environment.
		_ = lang.AddTranslationsForLocale([]byte(`{}`), fyne.Locale("en"))
	})
	for _, k := range []string{"LC_ALL", "LC_TIME", "LC_MESSAGES", "LANGUAGE"} {
		t.Setenv(k, "")
	}
	t.Setenv("LANG", langEnv)
	applyLanguage(pref)
}

// TestWindowWritesDatesInTheDesktopLocale starts the window under German, French, Spanish and
// American English locales: quick add reads the language's date words through the real entry,
// and Today's heading, the outline's due times and the calendar's weekdays are written the
// locale's way.
func TestWindowWritesDatesInTheDesktopLocale(t *testing.T) {
	cases := []struct {
		env, line, title string
		due              time.Time
		today, dueText   string
		weekdays         []string
		month            string
	}{
		{"de_DE.UTF-8", "Bericht schreiben morgen 9 Uhr", "Bericht schreiben", time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC),
			"Mittwoch, 25. November", "09:00", []string{"Mo.", "Di.", "Mi."}, "November 2026"},
		{"fr_FR.UTF-8", "Appeler Marie demain 14h", "Appeler Marie", time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC),
			"mercredi 25 novembre", "14:00", []string{"lun.", "mar.", "mer."}, "novembre 2026"},
		{"es_ES.UTF-8", "Llamar a Ana el viernes a las 10", "Llamar a Ana", time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC),
			"miércoles, 25 de noviembre", "10:00", []string{"lun", "mar", "mié"}, "noviembre de 2026"},
		{"en_US.UTF-8", "Call Ann tomorrow 2pm", "Call Ann", time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC),
			"Wednesday, November 25", "2:00 PM", []string{"Sun", "Mon", "Tue"}, "November 2026"},
	}
	for _, c := range cases {
		t.Run(c.env, func(t *testing.T) {
			desktopLocale(t, c.env, "system")
			h := newHarness(t)
			seed(h, "Plan", c.line)
			g := h.storedGoal(c.title)
			if !g.Due.Equal(c.due) || !g.DueHasTime {
				t.Fatalf("quick add read %q as due %v (time %v), want %v", c.line, g.Due, g.DueHasTime, c.due)
			}
			h.mustSee(c.dueText)
			h.u.selectView("Today")
			h.mustSee(c.today)
			cv := h.calendar()
			for i, w := range c.weekdays {
				if got := cv.heads[i].Text; got != w {
					t.Errorf("calendar column %d is %q, want %q", i, got, w)
				}
			}
			h.mustSee(c.month)
		})
	}
}

// TestChosenLanguageReachesFyne chooses French under the C locale, where gettext and Fyne
// ignore LANGUAGE: translations added afterwards are French, and dates are written in French.
func TestChosenLanguageReachesFyne(t *testing.T) {
	desktopLocale(t, "C", "fr")
	if os.Getenv("LANGUAGE") != "fr" || os.Getenv("LANG") != "fr" {
		t.Fatalf("LANGUAGE=%q LANG=%q", os.Getenv("LANGUAGE"), os.Getenv("LANG"))
	}
	if err := lang.AddTranslationsForLocale([]byte(`{"Language test phrase": "Phrase d’essai"}`), fyne.Locale("fr")); err != nil {
		t.Fatal(err)
	}
	if got := lang.L("Language test phrase"); got != "Phrase d’essai" {
		t.Errorf("Fyne speaks %q", got)
	}
	if got := currentLocale().ShortDate(clock); got != "mer. 25 nov." {
		t.Errorf("dates are written %q", got)
	}
}

// TestLanguageSettingIsSaved chooses Deutsch in Settings the way a user does (open the
// select, tap the language, Save) and is told it applies on the next start.
func TestLanguageSettingIsSaved(t *testing.T) {
	desktopLocale(t, "C.UTF-8", "system")
	h := newHarness(t)
	seed(h, "Plan", "Write the notes")
	h.press(fyne.KeyComma, ctrl)
	h.mustSee("Language")
	var sel *widget.Select
	for _, o := range visible(h.w.Canvas().Overlays().Top()) {
		if s, ok := o.(*widget.Select); ok && len(s.Options) == len(languageChoices) && s.Options[2] == "Deutsch" {
			sel = s
		}
	}
	if sel == nil {
		t.Fatal("no language choice in the settings")
	}
	if sel.Selected != "Follow the system" {
		t.Errorf("the choice starts at %q", sel.Selected)
	}
	test.Tap(sel)
	var label *canvas.Text
	for _, o := range visible(h.w.Canvas().Overlays().Top()) {
		if x, ok := o.(*canvas.Text); ok && x.Text == "Deutsch" {
			label = x
		}
	}
	if label == nil {
		t.Fatal("the language list did not open")
	}
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(label)
	test.TapCanvas(h.w.Canvas(), at.AddXY(2, label.Size().Height/2))
	if sel.Selected != "Deutsch" {
		t.Fatalf("selected %q", sel.Selected)
	}
	for _, o := range visible(h.w.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Save" {
			test.Tap(b)
		}
	}
	if got := fyne.CurrentApp().Preferences().String(prefLanguage); got != model.LangGerman {
		t.Fatalf("language preference = %q", got)
	}
	h.mustSee("The new language applies the next time Microgoals starts; reminders use it from now on.")
	// The background agent reads no Fyne preferences: the choice is copied into the plan's file.
	deadline := time.Now().Add(5 * time.Second)
	for {
		v, _, err := h.u.store.Setting(context.Background(), storage.SettingLanguage)
		if err == nil && v == model.LangGerman {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the plan's file holds the language %q (%v), want %q", v, err, model.LangGerman)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestRightToLeftTitlesAlignRight types an Arabic and a Hebrew step into quick add: their rows
// line the text up at the right of the title's space, where the English row keeps it left,
// and the text drawn is the title whole, its emoji sequences included.
func TestRightToLeftTitlesAlignRight(t *testing.T) {
	h := newHarness(t)
	family := "👨\u200d👩\u200d👧"
	seed(h, "Plan", "كتابة التقرير الشهري", "לכתוב את הדוח", "Write the report for "+family)
	textX := func(r *rowView) float32 {
		for _, o := range test.WidgetRenderer(r.title).Objects() {
			if rt, ok := o.(*widget.RichText); ok {
				for _, k := range test.WidgetRenderer(rt).Objects() {
					if txt, ok := k.(*canvas.Text); ok && txt.Text != "" {
						return txt.Position().X
					}
				}
			}
		}
		t.Fatalf("row %q draws no text", r.title.Text)
		return 0
	}
	for _, title := range []string{"كتابة التقرير الشهري", "לכתוב את הדוח"} {
		r := h.row(title)
		if r.title.Alignment != fyne.TextAlignTrailing {
			t.Errorf("%q is aligned %v", title, r.title.Alignment)
		}
		if x := textX(r); x < r.title.Size().Width/3 {
			t.Errorf("%q is drawn at x=%v of a %v-wide title", title, x, r.title.Size().Width)
		}
	}
	en := h.row("Write the report for " + family)
	if en.title.Alignment != fyne.TextAlignLeading || textX(en) > en.title.Size().Width/3 {
		t.Errorf("the English title is aligned %v at x=%v", en.title.Alignment, textX(en))
	}
}

// TestDetailDueFieldReadsTheLanguage types German and Spanish date words into the detail
// panel's due field and saves with Ctrl+S.
func TestDetailDueFieldReadsTheLanguage(t *testing.T) {
	for _, c := range []struct {
		env, typed string
		want       time.Time
	}{
		{"de_DE.UTF-8", "nächsten Freitag um 17 Uhr", time.Date(2026, 11, 27, 17, 0, 0, 0, time.UTC)},
		{"es_ES.UTF-8", "pasado mañana a las 8:30", time.Date(2026, 11, 27, 8, 30, 0, 0, time.UTC)},
	} {
		t.Run(c.env, func(t *testing.T) {
			desktopLocale(t, c.env, "system")
			h := newHarness(t)
			seed(h, "Plan", "Write the release notes")
			h.selectRow("Write the release notes")
			d := h.u.detail
			h.w.Canvas().Focus(d.goalFields["due"].input)
			d.goalFields["due"].entry.SetText("")
			h.w.Canvas().Focus(d.goalFields["dueTime"].input)
			d.goalFields["dueTime"].entry.SetText("")
			h.w.Canvas().Focus(d.goalFields["due"].input)
			h.typeKeys(c.typed)
			h.press(fyne.KeyS, ctrl)
			g := h.storedGoal("Write the release notes")
			if !g.Due.Equal(c.want) || !g.DueHasTime {
				t.Fatalf("%q saved as %v (time %v), want %v", c.typed, g.Due, g.DueHasTime, c.want)
			}
		})
	}
}

// TestEmbedTitleKeepsTheLineInOrder: a right-to-left title in a Today or agenda line ends with
// a left-to-right mark; other titles are unchanged.
func TestEmbedTitleKeepsTheLineInOrder(t *testing.T) {
	if got := embedTitle("كتابة التقرير"); got != "كتابة التقرير\u200e" {
		t.Errorf("Arabic: %q", got)
	}
	if got := embedTitle("Write 👨\u200d👩\u200d👧"); got != "Write 👨\u200d👩\u200d👧" {
		t.Errorf("English: %q", got)
	}
}
