package storage

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
)

func openNotifyAt(t *testing.T, path string, now *time.Time) *Store {
	t.Helper()
	st, err := Open(path, Options{Location: time.UTC, Now: func() time.Time { return *now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestNotifyStateSinceIsFixedOnceAndSettingsRoundTrip(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "plan.db")
	st := openNotifyAt(t, path, &now)
	first, err := st.LoadNotifyState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !first.Settings.Since.Equal(now) || first.Settings.Lead != 15*time.Minute || len(first.Sent) != 0 {
		t.Fatalf("first state: %+v", first)
	}
	s := first.Settings
	s.Lead, s.Off[model.KindStreak] = 30*time.Minute, true
	if err := st.SetSettings(ctx, s.Values()); err != nil {
		t.Fatal(err)
	}
	if err := st.SetSetting(ctx, SettingNotifyUnavailable, "no D-Bus session"); err != nil {
		t.Fatal(err)
	}
	// A file from an older version still holds window.close_to_tray (no longer used): it loads.
	if err := st.SetSetting(ctx, "window.close_to_tray", "1"); err != nil {
		t.Fatal(err)
	}
	now = now.Add(48 * time.Hour)
	st.Close()
	st = openNotifyAt(t, path, &now)
	again, err := st.LoadNotifyState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Settings.Since.Equal(first.Settings.Since) {
		t.Fatalf("since moved from %v to %v", first.Settings.Since, again.Settings.Since)
	}
	if again.Settings.Lead != 30*time.Minute || !again.Settings.Off[model.KindStreak] || again.Unavailable != "no D-Bus session" {
		t.Fatalf("settings after reopen: %+v", again)
	}
}

// Two instances on the same file race for every notification: each is won exactly once.
func TestClaimIsExactlyOnceAcrossInstances(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "plan.db")
	a, b := openNotifyAt(t, path, &now), openNotifyAt(t, path, &now)
	var mu sync.Mutex
	wins := map[string]int{}
	var wg sync.WaitGroup
	for _, st := range []*Store{a, b} {
		wg.Add(1)
		go func(st *Store) {
			defer wg.Done()
			for i := 0; i < 30; i++ {
				n := model.Notification{Kind: model.KindDueSoon, Key: "due-soon:" + string(rune('a'+i)), At: now}
				ok, err := st.ClaimNotification(ctx, n, "sent")
				if err != nil {
					t.Error(err)
					return
				}
				if ok {
					mu.Lock()
					wins[n.Key]++
					mu.Unlock()
				}
			}
		}(st)
	}
	wg.Wait()
	if len(wins) != 30 {
		t.Fatalf("%d keys won, want 30", len(wins))
	}
	for k, n := range wins {
		if n != 1 {
			t.Fatalf("%s won %d times", k, n)
		}
	}
	// A summary is won only if it still covers something unclaimed.
	sum := model.Notification{Kind: model.KindMissed, Key: "missed:1", At: now, Covers: []string{"due-soon:a", "due-soon:b"}}
	if ok, err := b.ClaimNotification(ctx, sum, "sent"); err != nil || ok {
		t.Fatalf("summary of claimed keys: won %v, %v", ok, err)
	}
	sum.Key, sum.Covers = "missed:2", []string{"due-soon:a", "overdue:9:1"}
	if ok, err := b.ClaimNotification(ctx, sum, "sent"); err != nil || !ok {
		t.Fatalf("summary with a new key: won %v, %v", ok, err)
	}
	st, err := a.LoadNotifyState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// 30 single keys, both summaries' own keys and the newly covered one.
	if !st.Sent["overdue:9:1"] || !st.Sent["missed:2"] || len(st.Sent) != 33 {
		t.Fatalf("log has %d keys", len(st.Sent))
	}
	// Keys far older than the plan looks back are forgotten.
	now = now.Add(3 * model.Lookback)
	if st, err = a.LoadNotifyState(ctx); err != nil || len(st.Sent) != 0 {
		t.Fatalf("after pruning: %d keys, %v", len(st.Sent), err)
	}
}
