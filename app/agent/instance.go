//go:build unix

package agent

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Role is which of the two processes on a plan an instance is.
type Role string

// The two processes that may run on one plan, at most one of each.
const (
	RoleWindow Role = "window"
	RoleAgent  Role = "agent"
)

// Messages of the local protocol: one line in, one line back ("ok" or "error: …").
const (
	MsgPing     = "ping"
	MsgRaise    = "raise"    // to the window: come to the front
	MsgQuickAdd = "quickadd" // to the window: come to the front with quick add focused
	MsgQuit     = "quit"     // to either: end the process
	MsgChanged  = "changed"  // to the agent: the plan changed, read it again
	MsgHold     = "hold"     // to the agent: close the file, a restore replaces it
	MsgResume   = "resume"   // to the agent: open the file again
	MsgPaused   = "paused"   // to the window: the tray paused or resumed reminders
	MsgBanner   = "banner "  // to the window, with a line: show it in the banner
)

// ErrRunning means another process already holds the role on this plan.
var ErrRunning = errors.New("already running on this plan")

// RuntimeDir is where the lock files and sockets live: $XDG_RUNTIME_DIR/microgoals (private to
// the user and cleared at logout), else a per-user folder in the temporary directory.
func RuntimeDir() string {
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" {
		return filepath.Join(d, "microgoals")
	}
	return filepath.Join(os.TempDir(), fmt.Sprintf("microgoals-%d", os.Getuid()))
}

// key names a plan's lock and sockets: a hash of its absolute path, short enough for the
// 108-byte limit on socket paths.
func key(dbPath string) string {
	if abs, err := filepath.Abs(dbPath); err == nil {
		dbPath = abs
	}
	sum := sha256.Sum256([]byte(dbPath))
	return hex.EncodeToString(sum[:8])
}

func names(role Role, dbPath string) (lock, sock string) {
	base := filepath.Join(RuntimeDir(), key(dbPath)+"."+string(role))
	return base + ".lock", base + ".sock"
}

// Instance is this process holding a role on a plan: an exclusive lock on a file (released by
// the kernel however the process ends) and a socket the other processes talk to.
type Instance struct {
	lock *os.File
	ln   net.Listener
	sock string
	once sync.Once
}

// Claim takes the role on the plan, or returns ErrRunning when another process has it.
func Claim(role Role, dbPath string) (*Instance, error) {
	lockPath, sock := names(role, dbPath)
	if err := os.MkdirAll(filepath.Dir(lockPath), 0o700); err != nil {
		return nil, fmt.Errorf("single instance: %w", err)
	}
	f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("single instance: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrRunning
		}
		return nil, fmt.Errorf("single instance: %w", err)
	}
	// Holding the lock, any socket left here is a dead process's.
	os.Remove(sock)
	ln, err := net.Listen("unix", sock)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("single instance: %w", err)
	}
	return &Instance{lock: f, ln: ln, sock: sock}, nil
}

// Serve answers messages with handle until Close; each connection carries one message.
func (in *Instance) Serve(handle func(msg string) string) {
	go func() {
		for {
			c, err := in.ln.Accept()
			if err != nil {
				return // closed
			}
			go func() {
				defer c.Close()
				c.SetDeadline(time.Now().Add(10 * time.Second))
				line, err := bufio.NewReader(c).ReadString('\n')
				if err != nil {
					return
				}
				reply := handle(strings.TrimSpace(line))
				fmt.Fprintln(c, oneLine(reply))
			}()
		}
	}()
}

// Close stops serving and gives the role up.
func (in *Instance) Close() {
	in.once.Do(func() {
		in.ln.Close()
		os.Remove(in.sock)
		in.lock.Close()
	})
}

// Send gives the process holding role on the plan one message and returns its answer. It fails
// at once when no such process runs.
func Send(role Role, dbPath, msg string, timeout time.Duration) (string, error) {
	_, sock := names(role, dbPath)
	c, err := net.DialTimeout("unix", sock, timeout)
	if err != nil {
		return "", err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(timeout))
	if _, err := fmt.Fprintln(c, oneLine(msg)); err != nil {
		return "", err
	}
	reply, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return "", err
	}
	reply = strings.TrimSpace(reply)
	if e, ok := strings.CutPrefix(reply, "error: "); ok {
		return reply, errors.New(e)
	}
	return reply, nil
}

// Running reports whether a process holds role on the plan (its lock is taken).
func Running(role Role, dbPath string) bool {
	lockPath, _ := names(role, dbPath)
	f, err := os.OpenFile(lockPath, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return errors.Is(err, syscall.EWOULDBLOCK)
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}

// Spawn starts this program again with args, in its own session so that it outlives this
// process and no terminal hang-up reaches it; the child is reaped when it ends.
func Spawn(args ...string) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	null, err := os.Open(os.DevNull)
	if err != nil {
		return err
	}
	defer null.Close()
	p, err := os.StartProcess(exe, append([]string{exe}, args...), &os.ProcAttr{
		Files: []*os.File{null, os.Stdout, os.Stderr},
		Sys:   &syscall.SysProcAttr{Setsid: true},
	})
	if err != nil {
		return err
	}
	go p.Wait()
	return nil
}

// roleSync names the lock held while a process syncs the plan with its CalDAV task list.
const roleSync Role = "sync"

// SyncLock is held by the process that is syncing the plan, so that the window and the agent
// never sync it at the same time (both would send and receive the same changes). Like the
// instance lock it is an flock the kernel releases however the process ends.
type SyncLock struct{ f *os.File }

// TryLockSync takes the plan's sync lock; it reports false, at once, while another process
// (or another caller in this one) holds it.
func TryLockSync(dbPath string) (*SyncLock, bool, error) {
	lockPath, _ := names(roleSync, dbPath)
	if err := os.MkdirAll(filepath.Dir(lockPath), 0o700); err != nil {
		return nil, false, fmt.Errorf("sync lock: %w", err)
	}
	f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, false, fmt.Errorf("sync lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("sync lock: %w", err)
	}
	return &SyncLock{f: f}, true, nil
}

// LockSync waits for the plan's sync lock until ctx is done, looking every poll.
func LockSync(ctx context.Context, dbPath string, poll time.Duration) (*SyncLock, error) {
	for {
		l, ok, err := TryLockSync(dbPath)
		if err != nil || ok {
			return l, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(poll):
		}
	}
}

// Unlock lets the other process sync.
func (l *SyncLock) Unlock() { l.f.Close() }
