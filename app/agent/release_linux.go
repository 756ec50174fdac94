//go:build linux && cgo

package agent

/*
#include <malloc.h>
*/
import "C"

import (
	"bufio"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
)

const (
	madvRandom   = 1 // MADV_RANDOM: no fault-around, so a page faulted back brings no neighbours
	madvDontneed = 4 // MADV_DONTNEED
)

// releaseMemory hands back what the agent does not need while it waits: the Go heap's free
// pages, glibc's free arenas (SQLite's reads), and the pages of its own executable that were
// mapped at start-up. The agent is the app's binary, Fyne and all; package initialisation and
// the kernel's fault-around map megabytes of code and read-only data the agent never runs
// again. Those mappings are read-only views of the file (never written), so dropping them is
// safe: a page needed later is mapped again from the page cache.
func releaseMemory() {
	debug.FreeOSMemory()
	C.malloc_trim(0)
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		return
	}
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return
	}
	defer f.Close()
	// Only mappings with no page of their own: a read-only mapping can still hold pages the
	// dynamic linker wrote before protecting them (RELRO: the resolved C function pointers),
	// and dropping those would lose them.
	type span struct {
		start, end uintptr
		clean      bool
	}
	var spans []span
	var cur *span
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		if len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":") {
			cur = nil
			if len(fields) < 6 || fields[5] != exe || (fields[1] != "r-xp" && fields[1] != "r--p") {
				continue
			}
			lo, hi, _ := strings.Cut(fields[0], "-")
			a, err1 := strconv.ParseUint(lo, 16, 64)
			b, err2 := strconv.ParseUint(hi, 16, 64)
			if err1 == nil && err2 == nil && b > a {
				spans = append(spans, span{start: uintptr(a), end: uintptr(b), clean: true})
				cur = &spans[len(spans)-1]
			}
			continue
		}
		if cur != nil && len(fields) >= 2 && (fields[0] == "Anonymous:" || fields[0] == "Private_Dirty:") && fields[1] != "0" {
			cur.clean = false
		}
	}
	for _, s := range spans {
		if s.clean {
			syscall.Syscall(syscall.SYS_MADVISE, s.start, s.end-s.start, madvRandom)
			syscall.Syscall(syscall.SYS_MADVISE, s.start, s.end-s.start, madvDontneed)
		}
	}
}
