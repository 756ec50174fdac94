package app

import (
	"fmt"

	"fyne.io/fyne/v2"
)

// showAndRun runs the window until the user quits. When the toolkit cannot open a window at
// all (no display, or a display that refused the connection), GLFW's initialisation fails
// inside Fyne, which logs it and then panics on the first window call; that panic is turned into
// an error here, so the user reads one plain sentence instead of a stack trace. Any other panic
// is a bug and goes on as it was.
func showAndRun(w fyne.Window) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if !isWindowSystemFailure(r) {
				panic(r)
			}
			err = fmt.Errorf("%w (%v)", ErrNoWindow, r)
		}
	}()
	w.ShowAndRun()
	return nil
}

// ErrNoWindow says that the window system could not be used.
var ErrNoWindow = fmt.Errorf("cannot open the window: no usable display")

// isWindowSystemFailure reports whether a recovered panic value is GLFW's error type (from
// github.com/go-gl/glfw, which Fyne's desktop driver uses); it is matched by name so the app
// does not import the driver's graphics library itself.
func isWindowSystemFailure(r any) bool {
	return fmt.Sprintf("%T", r) == "*glfw.Error"
}
