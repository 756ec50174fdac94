package storage

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/resources"
)

// fileLocalizer translates the model's messages, and so storage's, from the app's translation
// files with go-i18n, the way the background agent does (storage cannot use the window's).
type fileLocalizer struct{ l *i18n.Localizer }

func (f fileLocalizer) Text(msg string, data map[string]any) string {
	s, err := f.l.Localize(&i18n.LocalizeConfig{DefaultMessage: &i18n.Message{ID: msg, Other: msg}, TemplateData: data})
	if err != nil && s == "" {
		return model.English(msg, data)
	}
	return s
}

func (f fileLocalizer) Plural(n int, one, other string, data map[string]any) string {
	s, err := f.l.Localize(&i18n.LocalizeConfig{DefaultMessage: &i18n.Message{ID: other, Other: other}, TemplateData: data, PluralCount: n})
	if err != nil && s == "" {
		return model.English(other, data)
	}
	return s
}

// speak makes the model's messages speak lang for one test.
func speak(t *testing.T, lang string) {
	t.Helper()
	bundle := i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	files, err := fs.ReadDir(resources.Translations, "translations")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := fs.ReadFile(resources.Translations, "translations/"+f.Name())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := bundle.ParseMessageFileBytes(data, f.Name()); err != nil {
			t.Fatal(err)
		}
	}
	model.SetLocalizer(fileLocalizer{i18n.NewLocalizer(bundle, lang, "en")})
	t.Cleanup(func() { model.SetLocalizer(nil) })
}

// TestErrorsSpeakFrench: under French, the errors storage writes for the user read as French
// sentences (with French punctuation) — a file that is not a database, one from a newer
// Microgoals, an import refused at a line, a value that cannot be saved, a file another
// program keeps locked — and Explain leaves out the English context wrapped around them.
func TestErrorsSpeakFrench(t *testing.T) {
	speak(t, "fr")
	const nb, nnb = "\u00a0", "\u202f"
	ctx := context.Background()

	notDB := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(notDB, []byte("shopping list\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(notDB, Options{})
	want := "«" + nb + notDB + nb + "» n'est pas une base de données Microgoals (ce n'est pas un fichier SQLite)" + nnb + "; il n'a pas été modifié — choisissez un autre fichier"
	if !errors.Is(err, ErrNotDatabase) || Explain(err) != want {
		t.Errorf("not a database:\n got %q\nwant %q", Explain(err), want)
	}

	newer := filepath.Join(t.TempDir(), "m.db")
	makeDB(t, newer, 2)
	rawExec(t, newer, "PRAGMA user_version = "+strconv.Itoa(len(migrations)+1))
	_, err = Open(newer, Options{})
	if !errors.Is(err, ErrNewerSchema) || !strings.Contains(Explain(err), "a été écrit par une version plus récente de Microgoals") ||
		!strings.HasSuffix(Explain(err), "mettez Microgoals à jour pour l'ouvrir") {
		t.Errorf("newer schema: %q", Explain(err))
	}

	s := openTest(t)
	csv := strings.Join(csvHeader, ",") + "\n" + "1,1,Run,Health,2025-03-10T09:00:00Z,abc,km,,,2025-03-10T09:00:00Z,1\n"
	_, err = s.ImportCSV(ctx, bytes.NewReader([]byte(csv)))
	want = "le fichier ne peut pas être importé" + nb + ": ligne 2" + nb + ": la valeur «" + nb + "abc" + nb + "» n'est pas un nombre" + nnb + "; rien n'a été modifié"
	if !errors.Is(err, ErrBadImport) || Explain(err) != want {
		t.Errorf("import:\n got %q\nwant %q", Explain(err), want)
	}

	_, err = s.CreateObjective(ctx, model.Objective{Title: "", Status: model.ObjectiveActive})
	if !strings.HasPrefix(Explain(err), "l'objectif ne peut pas être enregistré"+nb+": ") {
		t.Errorf("validation: %q", Explain(err))
	}

	// Another program holds the write lock for longer than a write waits.
	db, err := sql.Open("sqlite3", s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = s.CreateObjective(ctx, model.Objective{Title: "Run a 10k", Status: model.ObjectiveActive})
	conn.ExecContext(ctx, "ROLLBACK")
	want = "le fichier du plan est verrouillé par un autre programme" + nnb + "; rien n'a été modifié — réessayez dans un instant"
	if !errors.Is(err, ErrLocked) || Explain(err) != want {
		t.Errorf("locked after %v:\n got %q (%v)\nwant %q", time.Since(start), Explain(err), err, want)
	}
	if got := Explain(fmt.Errorf("update micro-goal 12: %w", ErrDiskFull)); got != "le disque est plein" {
		t.Errorf("a full disk, wrapped: %q", got)
	}
}
