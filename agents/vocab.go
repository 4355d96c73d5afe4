package agents

// The names below are those of the output files (events.csv and the
// series by group and label); their parsers are the inverse of String and
// ActorID, so that readers of output files use the model's own types.

// ParseEventType returns the event type named s (as EventType.String
// names it); ok is false if s names none.
func ParseEventType(s string) (t EventType, ok bool) {
	for i, name := range eventTypeNames {
		if name == s {
			return EventType(i), true
		}
	}
	return 0, false
}

// ParseTarget returns the target named s (as Target.String names it); ok
// is false if s names none.
func ParseTarget(s string) (t Target, ok bool) {
	for i, name := range targetNames {
		if name == s {
			return Target(i), true
		}
	}
	return 0, false
}

// ParseActor returns the actor or label code named s (as ActorID names
// it: a group id, "forces", "militia", "none", "JNIM", "unknown" or
// "ambiguous"); ok is false if s names none.
func ParseActor(s string) (a int8, ok bool) {
	for a := range int8(NumActors) {
		if ActorID(a) == s {
			return a, true
		}
	}
	return ActorNone, false
}

// IsGroup reports whether actor or label code a is a group index.
func IsGroup(a int8) bool { return a >= 0 && int(a) < NumGroups }

// Civilian reports whether t targets civilians: an attack on civilians or
// the killing of a local leader or imam.
func (t EventType) Civilian() bool { return t == AttackCivilians || t == TargetedKilling }
