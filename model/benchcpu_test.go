package model

import (
	"syscall"
	"testing"
	"time"
)

// cpuPerOp reports, besides the wall time, the CPU time the process spent per operation
// (user and system, every thread, from its call to the returned function's). On a machine
// shared with other work the wall time counts the waits for a core too; the CPU time is what
// the operation itself costs.
func cpuPerOp(b *testing.B) func() {
	b.Helper()
	start := processCPU()
	return func() {
		b.ReportMetric(float64((processCPU()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
