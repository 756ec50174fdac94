// Package storage keeps Microgoals' data in one SQLite file: it opens the file with the
// pragmas every connection needs, refuses files it must not touch, applies the numbered schema
// migrations, and offers one method per user action, each one transaction that returns the
// stored domain values as read back.
package storage

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// ApplicationID marks an SQLite file as a Microgoals database ("MGOL"), so that a file of
// another program is recognised and left alone.
const ApplicationID = 0x4D474F4C

// sqliteHeader is how every SQLite 3 database file begins.
const sqliteHeader = "SQLite format 3\x00"

// Options tune a Store.
type Options struct {
	// Location is the user's time zone: local due days are computed in it and times are
	// returned in it. Nil means time.Local.
	Location *time.Location
	// Now is the clock for created/updated/trashed times. Nil means time.Now.
	Now func() time.Time
	// BackgroundCheck moves the full structural check of an existing, up-to-date file
	// (PRAGMA quick_check, which reads every page) off the start-up path: Open checks the
	// header, owner and schema version at once, and the pages in the background. Until the
	// check has passed every write waits for it, and when it fails every write is refused with
	// ErrCorrupt, so a damaged file is still never written to. A file that needs a migration is
	// always checked in full first.
	BackgroundCheck bool
}

// Store is an open Microgoals database. Its methods are safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
	loc  *time.Location
	now  func() time.Time

	checked  chan struct{} // closed once the file's pages have been checked
	checkErr error         // the check's verdict, set before checked is closed
}

// Open opens the database at path, creating it (and its directory) with owner-only
// permissions when it does not exist. An existing file is first checked read-only and refused,
// untouched, when it is not an SQLite database (ErrNotDatabase), is damaged (ErrCorrupt),
// belongs to another program (ErrForeign) or has a newer schema than this build knows
// (*NewerSchemaError). Otherwise the pending migrations are applied in one transaction.
func Open(path string, opts Options) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, wrapf(err, "open database “{{.Path}}”", "Path", path)
	}
	path = abs
	deferred, err := prepareFile(path, opts.BackgroundCheck)
	if err != nil {
		return nil, err
	}
	s := &Store{path: path, loc: opts.Location, now: opts.Now, checked: make(chan struct{})}
	if s.loc == nil {
		s.loc = time.Local
	}
	if s.now == nil {
		s.now = time.Now
	}
	// The statement cache keeps the few statements of each action prepared on every pooled
	// connection, which matters for small durable edits.
	dsn := "file:" + escapeURIPath(path) +
		"?_foreign_keys=on&_journal_mode=WAL&_busy_timeout=5000&_txlock=immediate&_synchronous=FULL&_stmt_cache_size=64&_cache_size=-512"
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, wrapf(err, "open database “{{.Path}}”", "Path", path)
	}
	// One idle connection is all a single-user app needs between actions; every connection
	// kept open also keeps its page cache (capped at 512 KiB above: the plan is read in
	// sequential scans and small writes, which a large cache does not speed up).
	db.SetMaxIdleConns(1)
	s.db = db
	if deferred {
		go s.checkPages()
	} else {
		close(s.checked)
	}
	// A deferred check means the schema is up to date, so this writes nothing then.
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// checkPages is the deferred quick_check of Options.BackgroundCheck. It runs on the pool's
// read connection: quick_check only reads.
func (s *Store) checkPages() {
	defer close(s.checked)
	var verdict string
	err := s.db.QueryRow("PRAGMA quick_check(1)").Scan(&verdict)
	switch {
	case err != nil && isCorruption(err):
		verdict = err.Error()
	case err != nil:
		log.Printf("check database “%s”: %v", s.path, err)
		return
	case verdict == "ok":
		return
	}
	s.checkErr = userErr(ErrCorrupt, "“{{.Path}}” is damaged ({{.Detail}}); it was left untouched — restore it from a backup", "Path", s.path, "Detail", verdict)
}

// Checked waits for the structural check of the file and returns its verdict: nil, or an
// error matching ErrCorrupt. Without Options.BackgroundCheck it returns at once.
func (s *Store) Checked(ctx context.Context) error {
	select {
	case <-s.checked:
		return s.checkErr
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close closes the database. Committed actions are already durable; Close only releases the
// file.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close database “%s”: %w", s.path, err)
	}
	return nil
}

// Path is the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// prepareFile creates a missing database file (and its directory) with owner-only
// permissions, so that SQLite, which gives its -wal and -shm files the main file's mode, never
// creates anything readable by others. An existing non-empty file is checked read-only.
// It reports whether the check of the pages was left for later (see Options.BackgroundCheck).
func prepareFile(path string, background bool) (deferred bool, err error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return false, wrapf(err, "create the folder for “{{.Path}}”", "Path", path)
		}
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil && !errors.Is(err, os.ErrExist) {
			return false, wrapf(err, "create database “{{.Path}}”", "Path", path)
		}
		if err == nil {
			return false, f.Close()
		}
		// Another instance created it a moment ago: check it like any existing file.
		return checkExisting(path, background)
	case err != nil:
		return false, wrapf(err, "open database “{{.Path}}”", "Path", path)
	case fi.IsDir():
		return false, userErr(ErrNotDatabase, "“{{.Path}}” is a folder, not a database file", "Path", path)
	case fi.Size() == 0:
		// An empty file is what creation leaves behind; SQLite treats it as a new database.
		return false, nil
	}
	return checkExisting(path, background)
}

// checkExisting inspects an existing database without writing to it: the header, the
// structure (quick_check), the owner (application_id) and the schema version. With background
// set, an up-to-date file's quick_check is left for later and deferred reports so.
func checkExisting(path string, background bool) (deferred bool, err error) {
	err = checkFile(path, background, &deferred)
	return deferred, err
}

func checkFile(path string, background bool, deferred *bool) error {
	f, err := os.Open(path)
	if err != nil {
		return wrapf(err, "open database “{{.Path}}”", "Path", path)
	}
	head := make([]byte, 100)
	n, err := io.ReadFull(f, head)
	f.Close()
	if n == 0 && err == io.EOF {
		return nil
	}
	if n < len(sqliteHeader) || !bytes.Equal(head[:len(sqliteHeader)], []byte(sqliteHeader)) {
		return userErr(ErrNotDatabase, "“{{.Path}}” is not a Microgoals database (it is not an SQLite file); it was left untouched — choose another file", "Path", path)
	}
	if n < 100 {
		return userErr(ErrCorrupt, "“{{.Path}}” is damaged (it ends inside its header); it was left untouched — restore it from a backup", "Path", path)
	}

	// A read-only connection to a WAL database creates -wal and -shm files next to it. When no
	// -wal file exists nothing is pending in a log and nobody has the file open, so the file
	// can be read as immutable and nothing at all is created beside a file we may refuse.
	params := "mode=ro"
	if head[18] == 2 || head[19] == 2 {
		if _, err := os.Stat(path + "-wal"); errors.Is(err, os.ErrNotExist) {
			params = "immutable=1"
		}
	}
	db, err := sql.Open("sqlite3", "file:"+escapeURIPath(path)+"?"+params)
	if err != nil {
		return wrapf(err, "open database “{{.Path}}” to check it", "Path", path)
	}
	defer db.Close()
	ctx := context.Background()

	corrupt := func(detail string) error {
		return userErr(ErrCorrupt, "“{{.Path}}” is damaged ({{.Detail}}); it was left untouched — restore it from a backup", "Path", path, "Detail", detail)
	}
	var appID, version, tables int
	err = db.QueryRowContext(ctx, `SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%')`).Scan(&appID, &version, &tables)
	if err != nil {
		if isCorruption(err) {
			return corrupt(err.Error())
		}
		return wrapf(err, "check database “{{.Path}}”", "Path", path)
	}
	if appID != ApplicationID && !(appID == 0 && tables == 0) {
		return userErr(ErrForeign, "“{{.Path}}” is a database of another program, not of Microgoals; it was left untouched — choose another file", "Path", path)
	}
	if version > len(migrations) {
		return &NewerSchemaError{Path: path, FileVersion: version, KnownVersion: len(migrations)}
	}
	if background && version == len(migrations) {
		*deferred = true
		return nil
	}
	var check string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check(1)").Scan(&check); err != nil {
		if isCorruption(err) {
			return corrupt(err.Error())
		}
		return wrapf(err, "check database “{{.Path}}”", "Path", path)
	}
	if check != "ok" {
		return corrupt(check)
	}
	return nil
}

func isCorruption(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB
	}
	return false
}

// escapeURIPath makes a file path safe inside an SQLite URI: the characters that would end
// the path or start an escape are percent-encoded.
func escapeURIPath(p string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return r.Replace(filepath.ToSlash(p))
}

// migrate brings the schema up to date. The version is read again inside the write
// transaction, so two instances starting at once migrate only once.
func (s *Store) migrate(ctx context.Context) error {
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return wrapf(err, "open database “{{.Path}}”", "Path", s.path)
	}
	if version == len(migrations) {
		return nil
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
			return err
		}
		if version > len(migrations) {
			return &NewerSchemaError{Path: s.path, FileVersion: version, KnownVersion: len(migrations)}
		}
		for i := version; i < len(migrations); i++ {
			if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
				return fmt.Errorf("migration %d: %w", i+1, err)
			}
		}
		// PRAGMA takes no parameters; both values are integers of our own.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(migrations))); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID))
		return err
	})
	if err != nil {
		var ne *NewerSchemaError
		if errors.As(err, &ne) {
			return ne
		}
		return wrapf(err, "update the schema of “{{.Path}}”", "Path", s.path)
	}
	return nil
}

// querier is what both a write transaction and a read snapshot offer.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// write runs fn in one write transaction (BEGIN IMMEDIATE, from the DSN), committing when fn
// succeeds. Taking the write lock up front means a busy database waits at BEGIN instead of
// failing half-way through an action.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if err := s.Checked(ctx); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return diskFull(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return diskFull(err)
	}
	return diskFull(tx.Commit())
}

// diskFull marks SQLite's "database or disk is full" so the window can say it in plain words,
// and a file another program kept locked past the busy timeout (ErrLocked). SQLite rolls the
// transaction back, so nothing half-written stays behind.
func diskFull(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrFull {
		return fmt.Errorf("%w: %v", ErrDiskFull, err)
	}
	if errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked) {
		return fmt.Errorf("%w: %v", ErrLocked, err)
	}
	return err
}

// read runs fn in one read transaction, so that several queries see the same snapshot. It
// issues a deferred BEGIN itself because the DSN makes every driver transaction IMMEDIATE,
// which would take the write lock for a mere read.
func (s *Store) read(ctx context.Context, fn func(conn *sql.Conn) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return err
	}
	ferr := fn(conn)
	// Roll back even when ctx is done: a connection must not go back to the pool inside a
	// transaction; if that fails, the connection is discarded instead.
	if _, err := conn.ExecContext(context.Background(), "ROLLBACK"); err != nil {
		conn.Raw(func(any) error { return driver.ErrBadConn })
		if ferr == nil {
			ferr = err
		}
	}
	return ferr
}
