//go:build !(linux && cgo)

package app

// releaseCMemory does nothing where the C allocator returns memory by itself or is not glibc.
func releaseCMemory() {}
