// Package radicaletest runs a real Radicale CalDAV server for tests: Debian's radicale
// package, started once on a loopback port with a throwaway storage folder and a plain
// htpasswd users file.
package radicaletest

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// The account the server knows.
const (
	User     = "alice"
	Password = "correct horse"
)

var radicale struct {
	once sync.Once
	url  string
	err  error
	cmd  *exec.Cmd
	dir  string
}

// Stop ends the shared server and removes its folder; call it from TestMain after m.Run.
func Stop() {
	if radicale.cmd != nil && radicale.cmd.Process != nil {
		radicale.cmd.Process.Kill()
		radicale.cmd.Wait()
	}
	if radicale.dir != "" {
		os.RemoveAll(radicale.dir)
	}
}

// URL starts the shared server on first use and returns its base URL. Without the radicale
// program the test is skipped, except in CI (CI=true), where it fails.
func URL(t testing.TB) string {
	t.Helper()
	bin, err := exec.LookPath("radicale")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("radicale is not installed; CI must run the CalDAV sync tests (apt-get install radicale, see the Makefile's TEST_DEBS)")
		}
		t.Skip("radicale is not installed (apt-get install radicale): the CalDAV sync tests need a real server")
	}
	radicale.once.Do(func() { radicale.url, radicale.err = startRadicale(bin) })
	if radicale.err != nil {
		t.Fatalf("start radicale: %v", radicale.err)
	}
	return radicale.url
}

func startRadicale(bin string) (string, error) {
	dir, err := os.MkdirTemp("", "microgoals-radicale-")
	if err != nil {
		return "", err
	}
	radicale.dir = dir
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := l.Addr().String()
	l.Close()
	users := filepath.Join(dir, "users")
	if err := os.WriteFile(users, []byte(User+":"+Password+"\n"), 0o600); err != nil {
		return "", err
	}
	conf := filepath.Join(dir, "config")
	if err := os.WriteFile(conf, []byte(fmt.Sprintf(`[server]
hosts = %s
[auth]
type = htpasswd
htpasswd_filename = %s
htpasswd_encryption = plain
delay = 0
[rights]
type = owner_only
[storage]
filesystem_folder = %s
[logging]
level = warning
`, addr, users, filepath.Join(dir, "collections"))), 0o600); err != nil {
		return "", err
	}
	cmd := exec.Command(bin, "--config", conf)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		return "", err
	}
	radicale.cmd = cmd
	url := "http://" + addr + "/"
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			return url, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return "", fmt.Errorf("radicale did not answer on %s within 20 s", addr)
}
