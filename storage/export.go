package storage

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ExportFormat names a Microgoals export in its "format" field; ExportVersion is the
// document version this build writes. Version 1 files (before routines, occurrences and
// sprints were exported) are still read: their missing fields take the columns' defaults.
const (
	ExportFormat  = "microgoals-export"
	ExportVersion = 2
)

// ErrBadImport is matched by every refusal of an import file: it is not JSON, not a
// Microgoals export, from a newer version, or inconsistent. Nothing was changed.
var ErrBadImport = newError("the file cannot be imported")

// Document is a JSON export read back: the head, and every exported table's rows keyed by
// table name (see exportTables). A row maps the columns' file names to JSON values (strings,
// json.Number, booleans, nil). Rows are linked by identities (uuid) rather than by the
// database's integer ids, so that a document can be merged into any database. Times are
// RFC 3339 instants in UTC with milliseconds; days are YYYY-MM-DD. Items in the trash and
// this machine's own state (localTables, localSettings) are not exported.
type Document struct {
	Format     string
	Version    int
	ExportedAt string
	Tables     map[string][]Row
}

// Row is one row of a Document table.
type Row map[string]any

// MarshalJSON writes the document in the layout ExportJSON uses.
func (d Document) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteString(`{"format":`)
	b.WriteString(jsonString(d.Format))
	fmt.Fprintf(&b, `,"version":%d,"exported_at":%s`, d.Version, jsonString(d.ExportedAt))
	for name, rows := range d.Tables {
		b.WriteString(",")
		b.WriteString(jsonString(name))
		out, err := json.Marshal(rows)
		if err != nil {
			return nil, err
		}
		b.WriteString(":")
		b.Write(out)
	}
	b.WriteString("}")
	return []byte(b.String()), nil
}

const isoMilli = "2006-01-02T15:04:05.000Z"

func msText(ms int64) string { return time.UnixMilli(ms).UTC().Format(isoMilli) }

// uuidTables are the tables whose rows get their identity lazily (see reviewsSchema).
var uuidTables = []string{"objectives", "micro_goals", "metric_entries"}

// assignUUIDs gives every row that has no identity yet one.
func assignUUIDs(ctx context.Context, tx *sql.Tx) error {
	for _, table := range uuidTables {
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET uuid = lower(hex(randomblob(16))) WHERE uuid IS NULL`); err != nil {
			return err
		}
	}
	return nil
}

// ensureUUIDs gives rows without an identity one, writing only when some lack it.
func (s *Store) ensureUUIDs(ctx context.Context) error {
	var missing bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM objectives WHERE uuid IS NULL)
		OR EXISTS (SELECT 1 FROM micro_goals WHERE uuid IS NULL)
		OR EXISTS (SELECT 1 FROM metric_entries WHERE uuid IS NULL)`).Scan(&missing); err != nil || !missing {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error { return assignUUIDs(ctx, tx) })
}

// Progress is told how many rows of total are done; it is called from the goroutine doing
// the work, every few hundred rows, and once at the end.
type Progress func(done, total int)

// ExportJSON writes everything outside the trash as one JSON Document to w. Rows that have no
// identity yet get one first (the only write an export makes).
func (s *Store) ExportJSON(ctx context.Context, w io.Writer) error {
	return s.ExportJSONProgress(ctx, w, nil)
}

// ExportJSONProgress is ExportJSON telling progress (which may be nil) how far it is.
// Cancelling ctx stops it with ctx's error.
func (s *Store) ExportJSONProgress(ctx context.Context, w io.Writer, progress Progress) error {
	err := s.ensureUUIDs(ctx)
	if err == nil {
		// The rows are read from one snapshot without holding the write lock: a large plan
		// takes a second to read, and the app stays free to save meanwhile.
		err = s.read(ctx, func(c *sql.Conn) error { return s.writeDocument(ctx, c, w, progress) })
	}
	if err != nil {
		return wrapf(err, "export the plan")
	}
	return nil
}

// exportSelect is the query of an export of t: its exported columns, references turned into
// the identities of the rows they point at.
func exportSelect(t *table) string {
	var cols []string
	for _, c := range t.exported() {
		if c.kind == colRef {
			cols = append(cols, `(SELECT uuid FROM `+c.ref+` WHERE id = t.`+c.name+`)`)
		} else {
			cols = append(cols, `t.`+c.name)
		}
	}
	return `SELECT ` + strings.Join(cols, ", ") + ` FROM ` + t.name + ` t WHERE ` + t.live + ` ORDER BY ` + t.order
}

// writeDocument streams every exported table to w, one row a line, in a stable order: by
// creation time and identity, never by the local integer ids, so two databases with the same
// content export the same bytes. Rows are written as they are read, so a plan of 100,000
// entries is never held in memory twice.
func (s *Store) writeDocument(ctx context.Context, q querier, w io.Writer, progress Progress) error {
	total := 0
	if progress != nil {
		for _, t := range exportTables {
			var n int
			if err := q.QueryRowContext(ctx, `SELECT count(*) FROM `+t.name+` t WHERE `+t.live).Scan(&n); err != nil {
				return err
			}
			total += n
		}
	}
	done := 0
	bw := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(bw, `{"format": %s, "version": %d, "exported_at": %s`, jsonString(ExportFormat), ExportVersion,
		jsonString(s.now().UTC().Format(isoMilli)))
	var line []byte
	for _, t := range exportTables {
		cols := t.exported()
		fmt.Fprintf(bw, ",\n%s: [", jsonString(t.name))
		rows, err := q.QueryContext(ctx, exportSelect(t))
		if err != nil {
			return fmt.Errorf("read %s: %w", t.name, err)
		}
		vals := make([]any, len(cols))
		dest := make([]any, len(cols))
		for i := range vals {
			dest[i] = &vals[i]
		}
		n := 0
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				rows.Close()
				return err
			}
			if t == settingsTable && isLocalSetting(asString(vals[0])) {
				continue
			}
			line = line[:0]
			if n > 0 {
				line = append(line, ',')
			}
			line = append(line, "\n  {"...)
			for i, c := range cols {
				if i > 0 {
					line = append(line, ", "...)
				}
				line = appendJSONString(line, c.fileName())
				line = append(line, ": "...)
				line = appendJSONValue(line, c, vals[i])
			}
			line = append(line, '}')
			if _, err := bw.Write(line); err != nil {
				rows.Close()
				return err
			}
			n++
			if done++; progress != nil && done%512 == 0 {
				progress(done, total)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if n > 0 {
			bw.WriteString("\n")
		}
		bw.WriteString("]")
	}
	bw.WriteString("\n}\n")
	if progress != nil {
		progress(total, total)
	}
	return bw.Flush()
}

func asString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []byte:
		return string(v)
	}
	return ""
}

// appendJSONValue writes the stored value v of column c as its file form.
func appendJSONValue(b []byte, c column, v any) []byte {
	if v == nil {
		return append(b, "null"...)
	}
	switch c.kind {
	case colText, colDay, colRef:
		return appendJSONString(b, asString(v))
	case colBool:
		n, _ := v.(int64)
		return strconv.AppendBool(b, n != 0)
	case colTime:
		n, _ := v.(int64)
		return appendJSONString(b, msText(n))
	case colInt:
		switch n := v.(type) {
		case int64:
			return strconv.AppendInt(b, n, 10)
		case float64:
			return strconv.AppendInt(b, int64(n), 10)
		}
	case colReal:
		switch n := v.(type) {
		case int64:
			return strconv.AppendInt(b, n, 10)
		case float64:
			if math.IsNaN(n) || math.IsInf(n, 0) {
				return append(b, "null"...)
			}
			return strconv.AppendFloat(b, n, 'g', -1, 64)
		}
	}
	return appendJSONString(b, fmt.Sprint(v))
}

func jsonString(s string) string { return string(appendJSONString(nil, s)) }

// appendJSONString writes s as a JSON string, escaping only what JSON requires (and the two
// line separators JavaScript chokes on), so that titles stay readable in the file.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20 || c == 0x7f:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, `\u202`...)
			b = append(b, hex[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// UnmarshalJSON reads a document as an import does, refusing what an import refuses.
func (d *Document) UnmarshalJSON(data []byte) error {
	doc, err := parseDocument(data)
	if err != nil {
		return err
	}
	*d = doc
	return nil
}
