package storage

import (
	"bufio"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
)

// crashWriterEnv names the database the child process writes to; the test is a no-op
// without it.
const crashWriterEnv = "MICROGOALS_CRASH_WRITER_DB"

// TestCrashWriter is the child of TestCrashKeepsAcknowledged: it saves micro-goals in a loop
// and prints each ID only after its commit has returned.
func TestCrashWriter(t *testing.T) {
	path := os.Getenv(crashWriterEnv)
	if path == "" {
		t.Skip("only runs as the child of TestCrashKeepsAcknowledged")
	}
	s, err := Open(path, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(2)
	}
	out, err := s.LoadOutline(ctx)
	if err != nil {
		os.Exit(2)
	}
	var objective int64
	if len(out.Objectives) > 0 {
		objective = out.Objectives[0].ID
	} else {
		o, err := s.CreateObjective(ctx, model.NewObjective("Survive crashes", time.Now()))
		if err != nil {
			os.Exit(2)
		}
		objective = o.ID
	}
	w := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		g := model.NewMicroGoal(objective, 0, "Write entry "+strconv.Itoa(i), time.Now())
		g.Outcome = "A line that has to survive"
		saved, err := s.CreateGoal(ctx, g, 0)
		if err != nil {
			fmt.Fprintln(os.Stderr, "save:", err)
			os.Exit(2)
		}
		if i%3 == 0 {
			if _, err := s.SetGoalStatus(ctx, saved.ID, model.StatusDone, ""); err != nil {
				os.Exit(2)
			}
		}
		fmt.Fprintln(w, saved.ID)
		w.Flush()
	}
}

// TestCrashKeepsAcknowledged kills a writer process at random moments and checks, after each
// kill, that the file is intact and holds every micro-goal whose save was acknowledged.
func TestCrashKeepsAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	acked := map[int64]bool{}
	deadline := time.Now().Add(25 * time.Second)
	kills := 0
	for kills < 25 && time.Now().Before(deadline) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashWriter$")
		cmd.Env = append(os.Environ(), crashWriterEnv+"="+path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		ids := make(chan int64, 1024)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				if id, err := strconv.ParseInt(sc.Text(), 10, 64); err == nil {
					ids <- id
				}
			}
			close(ids)
		}()
		// Wait for the first acknowledgement so the kill lands among writes, not start-up,
		// then kill after a random delay.
		first, ok := <-ids
		if !ok {
			cmd.Wait()
			t.Fatal("writer exited without writing")
		}
		acked[first] = true
		time.Sleep(time.Duration(5+rng.Intn(146)) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		for id := range ids {
			acked[id] = true
		}
		cmd.Wait()
		kills++

		s, err := Open(path, Options{})
		if err != nil {
			t.Fatalf("after kill %d: %v", kills, err)
		}
		var check string
		if err := s.db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
			t.Fatalf("after kill %d: integrity_check %q %v", kills, check, err)
		}
		out, err := s.LoadOutline(ctx)
		if err != nil {
			t.Fatal(err)
		}
		present := make(map[int64]bool, len(out.Goals))
		for _, g := range out.Goals {
			present[g.ID] = true
		}
		for id := range acked {
			if !present[id] {
				t.Fatalf("after kill %d: acknowledged micro-goal %d is lost", kills, id)
			}
		}
		s.Close()
	}
	if kills < 20 {
		t.Errorf("only %d kills in the time allowed", kills)
	}
	t.Logf("%d kills, %d acknowledged saves, all present", kills, len(acked))
}
