package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
)

// openTest opens a new store in a temp dir with a fixed clock and zone.
func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "data", "microgoals.db"), Options{Location: time.UTC, Now: fixedClock()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// fixedClock starts at a known instant and advances one second per call, so that
// timestamps are distinct and predictable.
func fixedClock() func() time.Time {
	t := time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)
	return func() time.Time { t = t.Add(time.Second); return t }
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// assertUntouched checks that a refused file is byte-for-byte what it was and that nothing
// was created beside it.
func assertUntouched(t *testing.T, path string, sum [32]byte) {
	t.Helper()
	if fileSum(t, path) != sum {
		t.Errorf("%s changed", path)
	}
	for _, ext := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + ext); err == nil {
			t.Errorf("%s%s was created", path, ext)
		}
	}
}

func TestOpenCreatesPrivateFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "dir")
	path := filepath.Join(dir, "m.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := s.CreateObjective(ctx, model.NewObjective("Ship it", time.Now())); err != nil {
		t.Fatal(err)
	}
	if s.Path() != path {
		t.Errorf("Path = %q, want %q", s.Path(), path)
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v, want 0700", fi.Mode().Perm())
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", p, fi.Mode().Perm())
		}
	}
	var appID, version int
	var journal string
	s.db.QueryRow("PRAGMA application_id").Scan(&appID)
	s.db.QueryRow("PRAGMA user_version").Scan(&version)
	s.db.QueryRow("PRAGMA journal_mode").Scan(&journal)
	if appID != ApplicationID || version != len(migrations) || journal != "wal" {
		t.Errorf("application_id %x, user_version %d, journal %s", appID, version, journal)
	}
	var fk int
	s.db.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	if fk != 1 {
		t.Error("foreign keys off")
	}
	s.Close()

	// Reopening applies nothing and keeps the data.
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out, err := s.LoadOutline(ctx)
	if err != nil || len(out.Objectives) != 1 {
		t.Fatalf("after reopen: %v, %+v", err, out)
	}
}

func TestOpenEmptyFileIsNew(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

// makeDB writes a database through the store and closes it (checkpointing the WAL away).
func makeDB(t *testing.T, path string, goals int) {
	t.Helper()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.GenerateDemo(context.Background(), time.Now(), goals, goals*3, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// rawExec changes a database with plain SQLite, as another program or version would.
func rawExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=DELETE")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	for _, tc := range []struct {
		name    string
		version int
		wal     bool
	}{
		{"one ahead", len(migrations) + 1, false},
		{"far ahead", 9, false},
		{"one ahead in WAL mode", len(migrations) + 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "m.db")
			makeDB(t, path, 20)
			mode := "DELETE"
			if tc.wal {
				mode = "WAL"
			}
			rawExec(t, path, "PRAGMA journal_mode = "+mode, "PRAGMA user_version = "+strconv.Itoa(tc.version))
			sum := fileSum(t, path)
			_, err := Open(path, Options{})
			var ne *NewerSchemaError
			if !errors.Is(err, ErrNewerSchema) || !errors.As(err, &ne) {
				t.Fatalf("err = %v, want NewerSchemaError", err)
			}
			if ne.FileVersion != tc.version || ne.KnownVersion != len(migrations) {
				t.Errorf("versions %d/%d", ne.FileVersion, ne.KnownVersion)
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "update Microgoals") {
				t.Errorf("message %q should name the file and the remedy", err)
			}
			assertUntouched(t, path, sum)
		})
	}
}

func TestOpenRefusesNonDatabase(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	random := make([]byte, 8192)
	rng.Read(random)
	for name, content := range map[string][]byte{
		"random bytes": random,
		"text file":    []byte("Shopping list\n- milk\n- eggs\n"),
		"short":        []byte("SQLite"),
		"header only":  []byte("SQLite format 3\x00garbage"),
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "notes.db")
			if err := os.WriteFile(path, content, 0o644); err != nil {
				t.Fatal(err)
			}
			sum := fileSum(t, path)
			_, err := Open(path, Options{})
			if !errors.Is(err, ErrNotDatabase) && !errors.Is(err, ErrCorrupt) {
				t.Fatalf("err = %v, want ErrNotDatabase", err)
			}
			if name != "header only" && !errors.Is(err, ErrNotDatabase) {
				t.Fatalf("err = %v, want ErrNotDatabase", err)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("message %q does not name the file", err)
			}
			assertUntouched(t, path, sum)
		})
	}
}

// corruptDB writes a real database and scrambles pages from the first third on; with
// spareSchema it leaves the first half alone (the schema and the quick checks Open makes at
// once), so only the full page check finds the damage.
func corruptDB(t *testing.T, path string, spareSchema bool) {
	t.Helper()
	makeDB(t, path, 400)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pageSize := int(b[16])<<8 | int(b[17])
	pages := len(b) / pageSize
	if pages < 6 {
		t.Fatalf("only %d pages", pages)
	}
	// A third of the pages, from the first third on: whatever the schema, that hits the
	// b-tree pages of the tables (a few pages could all be free ones).
	rng := rand.New(rand.NewSource(2))
	from, to := pages/3, 2*pages/3
	if spareSchema {
		from, to = pages/2, pages-1
	}
	for p := from; p < to; p++ {
		rng.Read(b[p*pageSize+8 : p*pageSize+pageSize/2])
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestBackgroundCheckRefusesWritesToCorruptFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	corruptDB(t, path, true)
	sum := fileSum(t, path)
	s, err := Open(path, Options{BackgroundCheck: true})
	if err != nil {
		t.Fatalf("the quick checks should pass and leave the page check for later: %v", err)
	}
	if err := s.Checked(context.Background()); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "backup") {
		t.Fatalf("Checked = %v, want ErrCorrupt", err)
	}
	_, err = s.CreateObjective(context.Background(), model.NewObjective("Write a book", time.Now()))
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("write to a damaged file: err = %v, want ErrCorrupt", err)
	}
	s.Close()
	if fileSum(t, path) != sum {
		t.Fatal("the damaged file was changed")
	}
}

func TestBackgroundCheckPassesOnHealthyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	makeDB(t, path, 50)
	s, err := Open(path, Options{BackgroundCheck: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Checked(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateObjective(context.Background(), model.NewObjective("Write a book", time.Now())); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRefusesCorrupt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	corruptDB(t, path, false)
	sum := fileSum(t, path)
	_, err := Open(path, Options{})
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("err = %v, want ErrCorrupt", err)
	}
	if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "backup") {
		t.Errorf("message %q", err)
	}
	assertUntouched(t, path, sum)
}

func TestOpenRefusesForeign(t *testing.T) {
	for name, stmts := range map[string][]string{
		"other tables": {"CREATE TABLE bookmarks (url TEXT, title TEXT)", "INSERT INTO bookmarks VALUES ('https://go.dev', 'Go')"},
		"other app id": {"PRAGMA application_id = 1234"},
		"other app id and our version": {"PRAGMA application_id = 1234", "PRAGMA user_version = 1",
			"CREATE TABLE objectives (id INTEGER PRIMARY KEY)"},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "places.sqlite")
			rawExec(t, path, stmts...)
			sum := fileSum(t, path)
			_, err := Open(path, Options{})
			if !errors.Is(err, ErrForeign) {
				t.Fatalf("err = %v, want ErrForeign", err)
			}
			assertUntouched(t, path, sum)
		})
	}
}

func TestOpenAdoptsBlankSQLiteFile(t *testing.T) {
	// A database with no tables and no application id is blank: Microgoals may take it over.
	path := filepath.Join(t.TempDir(), "blank.db")
	rawExec(t, path, "PRAGMA user_version = 0", "VACUUM")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}
