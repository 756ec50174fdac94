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
	madvRandom     = 1  // MADV_RANDOM: no read-ahead and no fault-around on a fault
	madvDontneed   = 4  // MADV_DONTNEED
	madvNoHugepage = 15 // MADV_NOHUGEPAGE: no 2 MB mapping of a huge folio on a fault
	madvPageout    = 21 // MADV_PAGEOUT (Linux 5.4): reclaim the pages only this process maps
	fadvDontneed   = 4  // POSIX_FADV_DONTNEED
)

// releaseMemory hands back what the agent does not need while it waits: the Go heap's free
// pages, glibc's free arenas (SQLite's reads), and the pages of its own executable that were
// mapped at start-up. The agent is the app's binary, Fyne and all; package initialisation and
// the kernel's fault-around map megabytes of code and read-only data the agent never runs
// again. Those mappings are read-only views of the file (never written), so dropping them is
// safe: a page needed later is read again from the file.
//
// Dropping the mappings alone (MADV_DONTNEED) is not enough on kernels that keep a file in
// large folios (ext4 and others since Linux 6.x, 2 MB for a freshly written binary): a
// fault maps the whole folio the page is in, so the first touches after the drop map most of
// it back. MADV_PAGEOUT takes the pages that only this process maps out of the page cache,
// and with MADV_RANDOM they come back one 4 KB page per fault. Pages another process maps
// (a window open on the same binary) are left alone. Large folios of the file that this
// process has not mapped yet would be mapped whole on their first touch too, so, when
// alone is true (no window runs on the binary's pages), the page cache of the executable is
// dropped as well (POSIX_FADV_DONTNEED, which leaves the pages someone maps). That is done
// after start-up and when the last window closes (code is true): later, what a reload of
// the plan maps is what the next one needs again.
func releaseMemory(code, alone bool) {
	debug.FreeOSMemory()
	C.malloc_trim(0)
	if !code {
		return
	}
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		return
	}
	// Pages not yet written back (a binary just built or installed) can be neither paged
	// out nor dropped: write them first (nothing to do for a file long on disk).
	ef, err := os.Open(exe)
	if err != nil {
		return
	}
	defer ef.Close()
	syscall.Fdatasync(int(ef.Fd()))
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return
	}
	defer f.Close()
	// Only mappings with no page of their own: a read-only mapping can still hold pages the
	// dynamic linker wrote before protecting them (RELRO: the resolved C function pointers),
	// private copies that dropping would lose. (Private_Dirty is no test: it also counts the
	// file's own pages while they wait to be written back.)
	type span struct {
		start, end uintptr
		clean      bool
	}
	var spans []span
	cur := -1
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		if len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":") {
			cur = -1
			if len(fields) < 6 || fields[5] != exe || (fields[1] != "r-xp" && fields[1] != "r--p") {
				continue
			}
			lo, hi, _ := strings.Cut(fields[0], "-")
			a, err1 := strconv.ParseUint(lo, 16, 64)
			b, err2 := strconv.ParseUint(hi, 16, 64)
			if err1 == nil && err2 == nil && b > a {
				spans = append(spans, span{start: uintptr(a), end: uintptr(b), clean: true})
				cur = len(spans) - 1
			}
			continue
		}
		if cur >= 0 && len(fields) >= 2 && fields[0] == "Anonymous:" && fields[1] != "0" {
			spans[cur].clean = false
		}
	}
	for _, s := range spans {
		if !s.clean {
			continue
		}
		madvise(s.start, s.end, madvRandom)
		madvise(s.start, s.end, madvNoHugepage)
		if madvise(s.start, s.end, madvPageout) == syscall.EINVAL {
			madvise(s.start, s.end, madvDontneed) // a kernel older than 5.4
		}
	}
	if alone {
		syscall.Syscall6(syscall.SYS_FADVISE64, ef.Fd(), 0, 0, fadvDontneed, 0, 0)
	}
}

func madvise(start, end uintptr, advice int) syscall.Errno {
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, start, end-start, uintptr(advice))
	return errno
}
