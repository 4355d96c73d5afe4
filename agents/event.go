package agents

// EventType is what happened.
type EventType uint8

// Event types. The first six are militant violence; the rest are state,
// militia, criminal and population events.
const (
	AttackForces    EventType = iota // attack on security forces
	AttackCivilians                  // attack on civilians
	TargetedKilling                  // killing of a local leader or imam
	Explosive                        // explosive device
	Kidnapping                       // kidnapping for ransom
	Clash                            // clash between groups (JNIM against ISGS)
	Operation                        // security-force operation against militants
	Reprisal                         // reprisal against a community (forces or militias)
	Defection                        // a fighter leaves his group
	Displacement                     // people flee a cell
	Banditry                         // a criminal attack: robbery, cattle theft, kidnapping by fighters turned criminal
	NumEventTypes
)

var eventTypeNames = [NumEventTypes]string{"attack_forces", "attack_civilians", "targeted_killing",
	"explosive_device", "kidnapping", "clash", "operation", "reprisal", "defection", "displacement", "banditry"}

// String returns the snake_case name used in output files.
func (t EventType) String() string {
	if t < NumEventTypes {
		return eventTypeNames[t]
	}
	return "invalid"
}

// Violent reports whether t is a violent event carried out by a group.
func (t EventType) Violent() bool { return t <= Clash }

// Actor and label codes beyond the group indices 0…NumGroups-1.
const (
	ActorForces    = NumGroups     // security forces
	ActorMilitia   = NumGroups + 1 // self-defence militias
	ActorNone      = NumGroups + 2 // no actor (displacement)
	LabelJNIM      = NumGroups + 3 // observed label: the generic coalition name
	LabelUnknown   = NumGroups + 4 // observed label: unidentified armed group
	ActorCriminal  = NumGroups + 5 // fighters turned criminal (banditry)
	LabelAmbiguous = NumGroups + 6 // observed label: JNIM and/or ISGS, as ACLED codes events coders cannot tell apart
	NumActors      = NumGroups + 7
)

// Output names of the labels that name no group (the observer's
// vocabulary, read by the evidence tools: keep them exactly).
const (
	NameJNIM      = "JNIM"
	NameAmbiguous = "ambiguous"
	NameUnknown   = "unknown"
)

// ActorID returns the output name of an actor or label code: a group id,
// "forces", "militia", "criminal", "none", or the labels "JNIM",
// "ambiguous" and "unknown".
func ActorID(a int8) string {
	switch {
	case a >= 0 && int(a) < NumGroups:
		return GroupIDs[a]
	case a == ActorForces:
		return "forces"
	case a == ActorMilitia:
		return "militia"
	case a == ActorCriminal:
		return "criminal"
	case a == LabelJNIM:
		return NameJNIM
	case a == LabelAmbiguous:
		return NameAmbiguous
	case a == LabelUnknown:
		return NameUnknown
	}
	return "none"
}

// Target is who or what an event hit.
type Target uint8

// Targets.
const (
	TargetForces Target = iota
	TargetCivilians
	TargetLeader
	TargetMilitants
	TargetNone
	NumTargets
)

var targetNames = [NumTargets]string{"security_forces", "civilians", "local_leader", "militants", "none"}

// String returns the snake_case name used in output files.
func (t Target) String() string {
	if t < NumTargets {
		return targetNames[t]
	}
	return "invalid"
}

// An Event is one thing that happened in a cell during a step. Perpetrator
// is the truth; Label is what observers recorded (a group, "JNIM",
// "ambiguous" or unknown), which depends on claims, local reporting and
// intelligence (observer.go).
type Event struct {
	Step        int32
	Cell        int32
	Type        EventType
	Target      Target
	Perpetrator int8 // a group index or ActorForces, ActorMilitia, ActorCriminal, ActorNone
	Label       int8 // a group index, LabelJNIM, LabelAmbiguous, LabelUnknown, or ActorForces/ActorMilitia/ActorNone
	Against     int8 // group hit by a clash or operation, else -1
	Claimed     bool
	Fatalities  int32
	Displaced   int32 // people displaced (Displacement events)
}

// Militant returns the militant group an event is linked to, as in ACLED's
// "events linked to militant Islamist groups": the perpetrator of militant
// violence, or the group engaged by a security operation. ok is false for
// events not linked to a group.
func (e *Event) Militant() (group int, ok bool) {
	switch {
	case e.Type.Violent():
		return int(e.Perpetrator), true
	case e.Type == Operation && e.Against >= 0:
		return int(e.Against), true
	}
	return -1, false
}
