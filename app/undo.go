package app

import "context"

// maxUndo is how many changes the undo stack remembers.
const maxUndo = 100

// undoStack remembers how to put back the last changes, newest last, and how to make again
// the changes that were undone since the last new one (redo).
type undoStack struct {
	entries []undoEntry
	redos   []undoEntry
}

// undoEntry is one user action: how to put it back, and how to do it again. Redo runs the
// action itself once more, so an action recorded with UI.record must be safe to run again
// after its undo (an update writes the same values; a creation brings back what its undo
// took away, see UI.createGoal).
type undoEntry struct {
	label string
	undo  func(context.Context) error
	redo  func(context.Context) (func(context.Context) error, error)
}

func (s *undoStack) push(label string, undo func(context.Context) error) {
	s.pushEntry(undoEntry{label: label, undo: undo})
	s.redos = nil
}

func (s *undoStack) pushEntry(e undoEntry) {
	s.entries = append(s.entries, e)
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

func (s *undoStack) peekRedo() (string, bool) {
	if len(s.redos) == 0 {
		return "", false
	}
	return s.redos[len(s.redos)-1].label, true
}

// pop undoes the newest change. A change that fails to undo stays on the stack, so the user
// can try again.
func (s *undoStack) pop(ctx context.Context) error {
	e := s.entries[len(s.entries)-1]
	if err := e.undo(ctx); err != nil {
		return err
	}
	s.entries = s.entries[:len(s.entries)-1]
	if e.redo != nil {
		s.redos = append(s.redos, e)
	}
	return nil
}

// redo makes the newest undone change again and puts it back on the undo stack.
func (s *undoStack) redo(ctx context.Context) error {
	e := s.redos[len(s.redos)-1]
	undo, err := e.redo(ctx)
	if err != nil {
		return err
	}
	s.redos = s.redos[:len(s.redos)-1]
	if undo != nil {
		e.undo = undo
		s.pushEntry(e)
	}
	return nil
}
