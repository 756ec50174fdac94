package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// KeepBackups is how many automatic backups are kept; older ones are removed.
const KeepBackups = 7

const (
	backupPrefix = "microgoals-"
	backupSuffix = ".db"
	backupStamp  = "20060102-150405"
)

// Backup is one backup file.
type Backup struct {
	Path  string
	Taken time.Time // from the file name, in the store's zone
	Size  int64
	// BeforeRestore marks the copy of the plan that a restore replaced.
	BeforeRestore bool
}

// BackupDir is the folder the backups of the database at dbPath go to: "backups" beside it.
func BackupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "backups") }

// Backups lists the backups in dir, newest first. A missing folder has none.
func Backups(dir string, loc *time.Location) ([]Backup, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, wrapf(err, "list the backups in “{{.Path}}”", "Path", dir)
	}
	var out []Backup
	for _, e := range ents {
		name := e.Name()
		if e.IsDir() || !strings.HasPrefix(name, backupPrefix) || !strings.HasSuffix(name, backupSuffix) {
			continue
		}
		stem := strings.TrimSuffix(strings.TrimPrefix(name, backupPrefix), backupSuffix)
		b := Backup{Path: filepath.Join(dir, name)}
		stem, b.BeforeRestore = strings.CutSuffix(stem, "-before-restore")
		if i := strings.LastIndex(stem, "."); i > 0 { // a second backup in the same second
			stem = stem[:i]
		}
		t, err := time.ParseInLocation(backupStamp, stem, loc)
		if err != nil {
			continue
		}
		b.Taken = t
		if fi, err := e.Info(); err == nil {
			b.Size = fi.Size()
		}
		out = append(out, b)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Taken.Equal(out[j].Taken) {
			return out[i].Taken.After(out[j].Taken)
		}
		return out[i].Path > out[j].Path
	})
	return out, nil
}

// freeName is a backup path in dir for time t that no file has yet.
func freeName(dir string, t time.Time, suffix string) string {
	base := backupPrefix + t.Format(backupStamp)
	p := filepath.Join(dir, base+suffix+backupSuffix)
	for i := 2; ; i++ {
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
			return p
		}
		p = filepath.Join(dir, fmt.Sprintf("%s.%d%s%s", base, i, suffix, backupSuffix))
	}
}

// Backup writes a consistent copy of the database into dir (created owner-only if missing)
// with VACUUM INTO, which reads one snapshot while the app keeps working, then removes all
// but the newest KeepBackups. The copy is written under a temporary name, synced and renamed,
// so a crash never leaves a half-written file that looks like a backup.
func (s *Store) Backup(ctx context.Context, dir string) (Backup, error) {
	return s.backupAs(ctx, dir, "")
}

func (s *Store) backupAs(ctx context.Context, dir, suffix string) (Backup, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Backup{}, wrapf(err, "back up: create “{{.Path}}”", "Path", dir)
	}
	now := s.now().In(s.loc)
	final := freeName(dir, now, suffix)
	tmp := final + ".tmp"
	os.Remove(tmp)
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		os.Remove(tmp)
		return Backup{}, wrapf(diskFull(err), "back up “{{.Path}}”", "Path", s.path)
	}
	if err := syncAndRename(tmp, final); err != nil {
		os.Remove(tmp)
		return Backup{}, wrapf(err, "back up “{{.Path}}”", "Path", s.path)
	}
	if err := pruneBackups(dir, s.loc, final); err != nil {
		return Backup{}, err
	}
	fi, err := os.Stat(final)
	if err != nil {
		return Backup{}, wrapf(err, "back up “{{.Path}}”", "Path", s.path)
	}
	return Backup{Path: final, Taken: now.Truncate(time.Second), Size: fi.Size(), BeforeRestore: suffix != ""}, nil
}

// BackupIfDue makes a backup when none has been made today (in the store's zone); made says
// whether it did. It is the automatic daily backup.
func (s *Store) BackupIfDue(ctx context.Context, dir string) (b Backup, made bool, err error) {
	list, err := Backups(dir, s.loc)
	if err != nil {
		return Backup{}, false, err
	}
	now := s.now().In(s.loc)
	for _, x := range list {
		if !x.BeforeRestore {
			if y, m, d := x.Taken.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
				return x, false, nil
			}
			break
		}
	}
	b, err = s.Backup(ctx, dir)
	return b, err == nil, err
}

func pruneBackups(dir string, loc *time.Location, newest string) error {
	list, err := Backups(dir, loc)
	if err != nil {
		return err
	}
	// The backup just written is kept whatever its place in the list: several taken within
	// one second carry the same time, and their order among themselves is not their age.
	kept := 1
	for _, b := range list {
		if b.Path == newest {
			continue
		}
		if kept < KeepBackups {
			kept++
			continue
		}
		if err := os.Remove(b.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return wrapf(err, "remove the old backup “{{.Path}}”", "Path", b.Path)
		}
	}
	return nil
}

// syncAndRename makes tmp durable and moves it to final, then syncs the folder so the rename
// itself survives a power cut.
func syncAndRename(tmp, final string) error {
	f, err := os.OpenFile(tmp, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, final); err != nil {
		return err
	}
	return syncDir(filepath.Dir(final))
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	// Some file systems (and Windows) cannot sync a folder; the rename is still done.
	d.Sync()
	return nil
}

// RestoreBackup puts the backup at from in place of the database at dbPath, which must not be
// open (close the Store first; open it again afterwards). The backup is checked first and
// refused, with nothing changed, when it is not a healthy Microgoals database this version can
// open. The plan being replaced is first kept as one more backup in BackupDir(dbPath) (its
// path is returned), then the backup is copied beside the database, synced, and renamed over
// it, so a crash leaves either the old plan or the restored one, never a mix.
func RestoreBackup(dbPath, from string, opts Options) (kept string, err error) {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return "", err
	}
	dbPath = abs
	if _, err := checkExisting(from, false); err != nil {
		return "", wrapf(err, "restore “{{.Path}}”", "Path", filepath.Base(from))
	}
	// Copy the backup first: keeping the current plan below may prune the oldest backups,
	// which can be the one being restored.
	tmp := dbPath + ".restore.tmp"
	if err := copyFile(from, tmp); err != nil {
		os.Remove(tmp)
		return "", wrapf(err, "restore “{{.Path}}”", "Path", filepath.Base(from))
	}
	// Keep what is there now: open it once more to copy it consistently (this also folds in
	// a WAL left behind by a crash).
	if fi, err := os.Stat(dbPath); err == nil && fi.Size() > 0 {
		cur, err := Open(dbPath, opts)
		if err != nil {
			// A damaged or unreadable plan is what a restore is for: keep its bytes as they are.
			if err := os.MkdirAll(BackupDir(dbPath), 0o700); err != nil {
				os.Remove(tmp)
				return "", wrapf(err, "restore: keep a copy of the current plan first")
			}
			kept = freeName(BackupDir(dbPath), time.Now(), "-before-restore")
			if err := copyFile(dbPath, kept); err != nil {
				os.Remove(tmp)
				return "", wrapf(err, "restore: keep a copy of the current plan first")
			}
			return kept, replaceWith(dbPath, tmp, from)
		}
		b, err := cur.backupAs(context.Background(), BackupDir(dbPath), "-before-restore")
		cerr := cur.Close()
		if err != nil {
			os.Remove(tmp)
			return "", wrapf(err, "restore: keep a copy of the current plan first")
		}
		if cerr != nil {
			os.Remove(tmp)
			return "", cerr
		}
		kept = b.Path
	}
	return kept, replaceWith(dbPath, tmp, from)
}

// replaceWith renames the copied backup tmp over dbPath, dropping the old plan's WAL files.
func replaceWith(dbPath, tmp, from string) error {
	// The old plan's WAL and shared-memory files belong to the file being replaced; left
	// beside the restored one, SQLite would replay them into it.
	for _, ext := range []string{"-wal", "-shm"} {
		if err := os.Remove(dbPath + ext); err != nil && !errors.Is(err, os.ErrNotExist) {
			os.Remove(tmp)
			return wrapf(err, "restore: remove “{{.Path}}”", "Path", dbPath+ext)
		}
	}
	if err := syncAndRename(tmp, dbPath); err != nil {
		os.Remove(tmp)
		return wrapf(err, "restore “{{.Path}}”", "Path", filepath.Base(from))
	}
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
