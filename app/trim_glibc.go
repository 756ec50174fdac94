//go:build linux && cgo

package app

/*
#include <malloc.h>
*/
import "C"

// releaseCMemory hands memory that C code (SQLite reading the plan, the GL driver setting up)
// freed at start-up back to the system; glibc keeps freed memory in its arenas otherwise.
func releaseCMemory() { C.malloc_trim(0) }
