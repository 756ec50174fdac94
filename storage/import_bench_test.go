package storage

import (
	"bytes"
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkImportJSON10kGoalsIntoEmpty is File → Import of a plan of 10,000 micro-goals
// (no metric entries) into a new, empty file. Target: under 1 s.
func BenchmarkImportJSON10kGoalsIntoEmpty(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := s.GenerateDemo(ctx, time.Now(), 10000, 0, 1); err != nil {
		b.Fatal(err)
	}
	var doc bytes.Buffer
	if err := s.ExportJSON(ctx, &doc); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		t, err := Open(filepath.Join(b.TempDir(), "empty.db"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := t.ImportJSON(ctx, bytes.NewReader(doc.Bytes()))
		if err != nil || res.Added < 10000 {
			b.Fatal(res, err)
		}
		b.StopTimer()
		t.Close()
		b.StartTimer()
	}
}

// BenchmarkOutlineLoadAgainstPlainScan10k measures, in one run and alternating, the outline
// load of 10,000 micro-goals (LoadOutline) and a plain database/sql scan of the same rows and
// columns into ordinary Go values. It reports both as ms/load and ms/scan and their ratio
// (target: ratio ≤ 1.5).
func BenchmarkOutlineLoadAgainstPlainScan10k(b *testing.B) {
	s := benchStore(b)
	var load, scan time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		out, err := s.LoadOutline(ctx)
		if err != nil || len(out.Goals) != 10000 {
			b.Fatal(err, len(out.Goals))
		}
		load += time.Since(start)

		start = time.Now()
		n, err := plainScan(s.db)
		if err != nil || n != 10000 {
			b.Fatal(err, n)
		}
		scan += time.Since(start)
	}
	b.ReportMetric(float64(load.Microseconds())/1000/float64(b.N), "ms/load")
	b.ReportMetric(float64(scan.Microseconds())/1000/float64(b.N), "ms/scan")
	b.ReportMetric(float64(load)/float64(scan), "load/scan")
}

// plainScan reads every micro-goal outside the trash and every objective with database/sql
// into plain values, as straightforward code would, and counts the goals.
func plainScan(db *sql.DB) (int, error) {
	rows, err := db.Query(`SELECT ` + objectiveCols + ` FROM objectives WHERE trash_id IS NULL ORDER BY position, id`)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var r objectiveRow
		if err := rows.Scan(r.dest()...); err != nil {
			rows.Close()
			return 0, err
		}
	}
	rows.Close()
	rows, err = db.Query(`SELECT ` + goalCols + ` FROM micro_goals WHERE trash_id IS NULL`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	var (
		id, obj, pos, est, created, updated            int64
		parent, due, done, dropped                     sql.NullInt64
		title, outcome, doneWhen, owner, partner, drop string
		dueDay                                         sql.NullString
		horizon, stage, status, kind, unit, anchor, rr string
		hasTime, canDecrease, fromCompletion           bool
		target                                         float64
	)
	for rows.Next() {
		if err := rows.Scan(&id, &obj, &parent, &pos, &title, &outcome, &doneWhen, &due, &hasTime, &dueDay,
			&horizon, &stage, &status, &est, &kind, &unit, &target, &owner, &partner, &created, &updated,
			&done, &dropped, &drop, &anchor, &rr, &canDecrease, &fromCompletion); err != nil {
			return 0, err
		}
		n++
	}
	return n, rows.Err()
}
