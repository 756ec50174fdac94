package model

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"
)

// MetricCSVHeader is the first line of a metric export.
var MetricCSVHeader = []string{"entry_id", "goal_id", "goal", "unit", "at", "value", "note", "corrects_id", "logged_at"}

// MetricRow is one line of a metric export: an entry and the micro-goal it belongs to, so the
// file reads on its own in a spreadsheet.
type MetricRow struct {
	Entry MetricEntry
	Goal  string
	Unit  string
}

// WriteMetricCSV writes rows as CSV (RFC 4180, through encoding/csv) with a header line.
// Times are RFC 3339 with the offset of loc, so spreadsheets read them and nothing is lost.
func WriteMetricCSV(w io.Writer, rows []MetricRow, loc *time.Location) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(MetricCSVHeader); err != nil {
		return err
	}
	for _, r := range rows {
		e := r.Entry
		corrects := ""
		if e.CorrectsID != 0 {
			corrects = strconv.FormatInt(e.CorrectsID, 10)
		}
		rec := []string{
			strconv.FormatInt(e.ID, 10), strconv.FormatInt(e.GoalID, 10), r.Goal, r.Unit,
			e.At.In(loc).Format(time.RFC3339Nano), strconv.FormatFloat(e.Value, 'g', -1, 64),
			e.Note, corrects, e.CreatedAt.In(loc).Format(time.RFC3339Nano),
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ReadMetricCSV parses what WriteMetricCSV wrote. A bad line is reported with its number.
func ReadMetricCSV(r io.Reader) ([]MetricRow, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(MetricCSVHeader)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read the metric CSV header: %w", err)
	}
	for i, h := range MetricCSVHeader {
		if head[i] != h {
			return nil, fmt.Errorf("not a metric export: column %d is %q, want %q", i+1, head[i], h)
		}
	}
	var out []MetricRow
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("metric CSV: %w", err)
		}
		row, err := parseMetricRecord(rec)
		if err != nil {
			return nil, fmt.Errorf("metric CSV line %d: %w", line, err)
		}
		out = append(out, row)
	}
}

func parseMetricRecord(rec []string) (MetricRow, error) {
	var (
		row MetricRow
		err error
		e   = &row.Entry
	)
	if e.ID, err = strconv.ParseInt(rec[0], 10, 64); err != nil {
		return row, fmt.Errorf("entry_id: %w", err)
	}
	if e.GoalID, err = strconv.ParseInt(rec[1], 10, 64); err != nil {
		return row, fmt.Errorf("goal_id: %w", err)
	}
	row.Goal, row.Unit = rec[2], rec[3]
	if e.At, err = time.Parse(time.RFC3339Nano, rec[4]); err != nil {
		return row, fmt.Errorf("at: %w", err)
	}
	if e.Value, err = strconv.ParseFloat(rec[5], 64); err != nil {
		return row, fmt.Errorf("value: %w", err)
	}
	e.Note = rec[6]
	if rec[7] != "" {
		if e.CorrectsID, err = strconv.ParseInt(rec[7], 10, 64); err != nil {
			return row, fmt.Errorf("corrects_id: %w", err)
		}
	}
	if e.CreatedAt, err = time.Parse(time.RFC3339Nano, rec[8]); err != nil {
		return row, fmt.Errorf("logged_at: %w", err)
	}
	return row, nil
}
