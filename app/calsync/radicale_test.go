package calsync

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/microgoals/microgoals/app/calsync/radicaletest"
)

// The tests sync through a real Radicale (see radicaletest), stopped when they end.

const (
	testUser     = radicaletest.User
	testPassword = radicaletest.Password
)

func TestMain(m *testing.M) {
	code := m.Run()
	radicaletest.Stop()
	os.Exit(code)
}

// radicaleURL is the shared server's base URL (the parent's, in a child process).
func radicaleURL(t testing.TB) string {
	if os.Getenv(childEnv) != "" {
		return os.Getenv(childURLEnv)
	}
	return radicaletest.URL(t)
}

// newTaskList creates a fresh task list on the shared server for one test.
func newTaskList(t testing.TB) Account {
	t.Helper()
	base := radicaleURL(t)
	a := Account{URL: base, User: testUser, Password: testPassword}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tl, err := CreateTaskList(ctx, a, "Test tasks")
	if err != nil {
		t.Fatalf("create a task list: %v", err)
	}
	a.URL = tl.URL
	return a
}
