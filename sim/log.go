package sim

// A Log collects the events of the current step. The model appends to it;
// at the end of each step the runner hands Events() to the observers and
// then calls Reset, which keeps the backing array so that a warm log does
// not allocate.
type Log[E any] struct {
	events []E
}

// Emit appends e to the current step's events.
func (l *Log[E]) Emit(e E) { l.events = append(l.events, e) }

// Events returns the events emitted since the last Reset. The slice is
// only valid until the next Reset; observers copy what they keep.
func (l *Log[E]) Events() []E { return l.events }

// Len returns the number of events emitted since the last Reset.
func (l *Log[E]) Len() int { return len(l.events) }

// Reset empties the log, keeping its capacity.
func (l *Log[E]) Reset() { l.events = l.events[:0] }
