package storage

import (
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/microgoals/microgoals/model"
)

// A metric entries CSV file's columns are csvHeader's. The entry and goal columns are the
// identities of the JSON export, so an exported file can be imported again (into this plan
// or another with the same goals) without duplicating anything.
// The last column, counts, is the value that counts once corrections are applied
// (model.EffectiveEntries): a corrected entry's is 0, so a spreadsheet's sum of it is the
// total the app shows. Files without it (older exports) import too.

// ExportCSV writes the metric entries of goalID — of every micro-goal outside the trash when
// goalID is zero — as CSV, in time order, with a header row in English, and returns how many
// it wrote. Times are RFC 3339 instants in UTC; values use a dot as decimal separator (the
// cells are data, the same in every language). ImportCSV reads the file back.
func (s *Store) ExportCSV(ctx context.Context, w io.Writer, goalID int64) (int, error) {
	return s.ExportCSVIn(ctx, w, goalID, "en")
}

// ExportCSVIn is ExportCSV with the header row in language lang (CSVHeader): a spreadsheet
// shows the user's words, and ImportCSV reads a file exported in any language.
func (s *Store) ExportCSVIn(ctx context.Context, w io.Writer, goalID int64, lang string) (int, error) {
	cw := csv.NewWriter(w)
	if err := s.ensureUUIDs(ctx); err != nil {
		return 0, wrapf(err, "export the metric entries")
	}
	n := 0
	err := s.read(ctx, func(tx *sql.Conn) error {
		if err := cw.Write(CSVHeader(lang)); err != nil {
			return err
		}
		counts, err := s.effectiveIDs(ctx, tx, goalID)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT e.uuid, g.uuid, g.title, o.title, e.at, e.value, g.metric_unit, e.note,
			coalesce(c.uuid, ''), e.created_at, e.id
			FROM metric_entries e JOIN micro_goals g ON g.id = e.goal_id JOIN objectives o ON o.id = g.objective_id
			LEFT JOIN metric_entries c ON c.id = e.corrects_id
			WHERE g.trash_id IS NULL AND o.trash_id IS NULL AND (?1 = 0 OR g.id = ?1) ORDER BY e.at, e.uuid`, goalID)
		if err != nil {
			return err
		}
		defer rows.Close()
		rec := make([]string, len(csvHeader))
		for rows.Next() {
			var at, created, id int64
			var v float64
			if err := rows.Scan(&rec[0], &rec[1], &rec[2], &rec[3], &at, &v, &rec[6], &rec[7], &rec[8], &created, &id); err != nil {
				return err
			}
			rec[4], rec[5], rec[9] = msText(at), strconv.FormatFloat(v, 'f', -1, 64), msText(created)
			rec[10] = "0"
			if counts[id] {
				rec[10] = rec[5]
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
			n++
		}
		return rows.Err()
	})
	if err == nil {
		cw.Flush()
		err = cw.Error()
	}
	if err != nil {
		return 0, wrapf(err, "export the metric entries")
	}
	return n, nil
}

// effectiveIDs are the ids of the entries that count once corrections are applied, in the
// log of goalID (of every goal when zero).
func (s *Store) effectiveIDs(ctx context.Context, q querier, goalID int64) (map[int64]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT goal_id, id, at, coalesce(corrects_id, 0), created_at FROM metric_entries
		WHERE ?1 = 0 OR goal_id = ?1 ORDER BY goal_id`, goalID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]bool{}
	var log []model.MetricEntry
	flush := func() {
		for _, e := range model.EffectiveEntries(log) {
			out[e.ID] = true
		}
		log = log[:0]
	}
	for rows.Next() {
		var e model.MetricEntry
		var at, made int64
		if err := rows.Scan(&e.GoalID, &e.ID, &at, &e.CorrectsID, &made); err != nil {
			return nil, err
		}
		e.At, e.CreatedAt = time.UnixMilli(at), time.UnixMilli(made)
		if len(log) > 0 && log[0].GoalID != e.GoalID {
			flush()
		}
		log = append(log, e)
	}
	flush()
	return out, rows.Err()
}

// ImportCSV adds the metric entries of a CSV file in the ExportCSV format, in one
// transaction. Each row must name a micro-goal of this plan by its identity (the goal
// column); an entry already present (same entry identity) is skipped; an empty entry column
// gets a new identity. A file that is not such a CSV, or a row with a bad value, is refused
// with an error matching ErrBadImport that names the line, and nothing changes.
func (s *Store) ImportCSV(ctx context.Context, r io.Reader) (ImportResult, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxImportSize+1))
	if err != nil {
		return ImportResult{}, fmt.Errorf("import: read the file: %w", err)
	}
	if len(data) > maxImportSize {
		return ImportResult{}, badImport("the file is larger than any metric export (over {{.MB}} MB)", "MB", maxImportSize>>20)
	}
	if !utf8.Valid(data) {
		return ImportResult{}, badImport("it is not a text file (not UTF-8), so not a metric entries CSV")
	}
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff")))
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	col, ok := csvColumns(head)
	if err != nil || !ok {
		return ImportResult{}, badImport("it is not a Microgoals metric entries CSV (the first line must be {{.Header}})", "Header", strings.Join(csvHeader, ","))
	}
	cr.FieldsPerRecord = len(head)
	type row struct {
		line              int
		entry, goal, note string
		corrects          string
		at, created       int64
		value             float64
	}
	var recs []row
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return ImportResult{}, badImport("line {{.Line}} is not valid CSV ({{.Err}})", "Line", pe.Line, "Err", pe.Err)
			}
			return ImportResult{}, badImport("the CSV cannot be read ({{.Err}})", "Err", err)
		}
		line, _ := cr.FieldPos(0)
		cell := func(name string) string {
			if i, ok := col[name]; ok {
				return rec[i]
			}
			return ""
		}
		rw := row{line: line, entry: strings.TrimSpace(cell(csvEntry)), goal: strings.TrimSpace(cell(csvGoal)), note: cell(csvNote), corrects: strings.TrimSpace(cell(csvCorrects))}
		if rw.goal == "" {
			return ImportResult{}, badImport("line {{.Line}} names no micro-goal (goal column)", "Line", line)
		}
		if rw.at, err = parseMs("line "+strconv.Itoa(line)+": at", strings.TrimSpace(cell(csvAt))); err != nil {
			return ImportResult{}, err
		}
		rw.value, err = strconv.ParseFloat(strings.TrimSpace(cell(csvValue)), 64)
		if err != nil || math.IsNaN(rw.value) || math.IsInf(rw.value, 0) {
			return ImportResult{}, badImport("line {{.Line}}: value “{{.Value}}” is not a number", "Line", line, "Value", cell(csvValue))
		}
		rw.created = s.now().UnixMilli()
		if c := strings.TrimSpace(cell(csvLoggedAt)); c != "" {
			if rw.created, err = parseMs("line "+strconv.Itoa(line)+": logged_at", c); err != nil {
				return ImportResult{}, err
			}
		}
		if rw.entry == "" {
			rw.entry = newUUID()
		}
		recs = append(recs, rw)
	}
	var res ImportResult
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := assignUUIDs(ctx, tx); err != nil {
			return err
		}
		goals, err := localIDs(ctx, tx, "micro_goals")
		if err != nil {
			return err
		}
		entries, err := localIDs(ctx, tx, "metric_entries")
		if err != nil {
			return err
		}
		for _, rw := range recs {
			if _, ok := entries[rw.entry]; ok {
				res.Unchanged++
				continue
			}
			goal, ok := goals[rw.goal]
			if !ok {
				return badImport("line {{.Line}} names a micro-goal ({{.Goal}}) that is not in this plan", "Line", rw.line, "Goal", rw.goal)
			}
			if rw.value < 0 {
				var can bool
				if err := tx.QueryRowContext(ctx, `SELECT metric_can_decrease FROM micro_goals WHERE id = ?`, goal).Scan(&can); err != nil {
					return err
				}
				if ps := model.ValidateEntryValue(model.Metric{CanDecrease: can}, rw.value); len(ps) > 0 {
					return badImport("line {{.Line}}: {{.Problem}}", "Line", rw.line, "Problem", ps[0].Message)
				}
			}
			var corrects any
			if rw.corrects != "" {
				id, ok := entries[rw.corrects]
				var owner int64
				if ok {
					if err := tx.QueryRowContext(ctx, `SELECT goal_id FROM metric_entries WHERE id = ?`, id).Scan(&owner); err != nil {
						return err
					}
				}
				if !ok || owner != goal {
					return badImport("line {{.Line}} corrects an entry that is not in this micro-goal's log", "Line", rw.line)
				}
				corrects = id
			}
			r, err := tx.ExecContext(ctx, `INSERT INTO metric_entries (uuid, goal_id, at, value, note, corrects_id, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, rw.entry, goal, rw.at, rw.value, rw.note, corrects, rw.created)
			if err != nil {
				return badImport("line {{.Line}} cannot be stored ({{.Err}})", "Line", rw.line, "Err", err)
			}
			if entries[rw.entry], err = r.LastInsertId(); err != nil {
				return err
			}
			res.Added++
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, ErrBadImport) {
			return ImportResult{}, err
		}
		return ImportResult{}, wrapf(err, "import the metric entries")
	}
	return res, nil
}

// csvColumns reads a header row: where each column is, by its name in any language (a file
// exported in German imports in French). Every cell must name a column, once, and the
// columns an import needs must be there.
func csvColumns(head []string) (map[string]int, bool) {
	col := map[string]int{}
	for i, cell := range head {
		name := csvColumnOf(cell)
		if name == "" {
			return nil, false
		}
		if _, twice := col[name]; twice {
			return nil, false
		}
		col[name] = i
	}
	for _, name := range csvRequired {
		if _, ok := col[name]; !ok {
			return nil, false
		}
	}
	return col, true
}
