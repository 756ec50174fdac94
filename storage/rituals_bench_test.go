package storage

import (
	"bytes"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
)

func BenchmarkExportJSON10k(b *testing.B) {
	s := benchStore(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.ExportJSON(ctx, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkImportJSON10kIntoEmpty(b *testing.B) {
	s := benchStore(b)
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
		if _, err := t.ImportJSON(ctx, bytes.NewReader(doc.Bytes())); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		t.Close()
		b.StartTimer()
	}
}

func BenchmarkICalendar10k(b *testing.B) {
	s := benchStore(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.ExportICalendar(ctx, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBackup10k(b *testing.B) {
	s := benchStore(b)
	dir := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Backup(ctx, dir); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSummarizeWeek10k(b *testing.B) {
	s := benchStore(b)
	out, err := s.LoadOutline(ctx)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	p := model.ReviewPeriod(now, time.Local, model.PeriodWeek)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		model.SummarizeWeek(out.Goals, p, now, time.Local)
	}
}
