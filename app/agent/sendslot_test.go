package agent

import (
	"sync"
	"testing"
	"time"
)

// TestTwoNotificationsReachASlowService: a notification service that is still starting
// answers late; a second notification sent meanwhile waits for the first within its time box
// and reaches the desktop too, instead of being turned away as if the service were stuck.
func TestTwoNotificationsReachASlowService(t *testing.T) {
	s := NewScheduler(nil, Config{})
	var mu sync.Mutex
	var got []string
	s.SetDesktop(func(title, body string) error {
		time.Sleep(300 * time.Millisecond)
		mu.Lock()
		got = append(got, title)
		mu.Unlock()
		return nil
	}, 5*time.Second)
	errs := make(chan error, 2)
	for _, title := range []string{"first", "second"} {
		go func() { errs <- s.desktop(title, "") }()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Errorf("a send failed: %v", err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 2 {
		t.Fatalf("the desktop got %q, want both", got)
	}
}
