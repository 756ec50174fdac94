package app

import "context"

// maxUndo is how many changes the undo stack remembers.
const maxUndo = 100

// undoStack remembers how to put back the last changes, newest last.
type undoStack struct {
	entries []undoEntry
}

type undoEntry struct {
	label string
	undo  func(context.Context) error
}

func (s *undoStack) push(label string, undo func(context.Context) error) {
	s.entries = append(s.entries, undoEntry{label, undo})
	if len(s.entries) > maxUndo {
		s.entries = s.entries[len(s.entries)-maxUndo:]
	}
}

func (s *undoStack) peek() (string, bool) {
	if len(s.entries) == 0 {
		return "", false
	}
	return s.entries[len(s.entries)-1].label, true
}

// pop undoes the newest change. A change that fails to undo stays on the stack, so the user
// can try again.
func (s *undoStack) pop(ctx context.Context) error {
	e := s.entries[len(s.entries)-1]
	if err := e.undo(ctx); err != nil {
		return err
	}
	s.entries = s.entries[:len(s.entries)-1]
	return nil
}
