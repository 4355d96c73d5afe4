package acled

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/evidence"
)

// DefaultActors matches the actors of militant Islamist events: JNIM, its
// components, their former names, Ansaroul Islam, AQIM, al Mourabitoun
// and ISGS, under the names ACLED uses and their common variants (case
// ignored). It is the filter of the shipped training data (package
// evidence).
const DefaultActors = `(?i)\b(JNIM|Group for Support of Islam and Muslims|Jama'?at Nus?rat al.Islam|` +
	`Katiba Macina|Macina Liberation Front|FLM|Ansar Dine|Katiba Serma|Ansaroul Islam|Ansarul Islam|` +
	`AQIM|Al Qaeda in the Islamic Maghreb|Al.Mourabitoun\w*|Islamic State|ISGS|IS Sahel)\b`

// NameAmbiguous is ACLED's name of the actor of events its coders could
// not attribute to JNIM or to ISGS: the ambiguous label.
const NameAmbiguous = NameJNIM + " and/or " + NameISGS

// labelPatterns classify an actor's name into a label: the component
// groups first (by index in agents.GroupIDs), then the coalition.
func labelPatterns() (groups [agents.NumGroups]*regexp.Regexp, jnim *regexp.Regexp) {
	groups = [agents.NumGroups]*regexp.Regexp{
		agents.FLM:           regexp.MustCompile(`(?i)Katiba Macina|Macina Liberation|\bFLM\b`),
		agents.AnsarDine:     regexp.MustCompile(`(?i)Ansar Dine`),
		agents.KatibaSerma:   regexp.MustCompile(`(?i)Katiba Serma`),
		agents.AnsaroulIslam: regexp.MustCompile(`(?i)Ansaroul Islam|Ansarul Islam`),
		agents.AQIMSahara:    regexp.MustCompile(`(?i)\bAQIM\b|Al Qaeda in the Islamic Maghreb`),
		agents.AlMourabitoun: regexp.MustCompile(`(?i)Mourabitoun`),
		agents.ISGS:          regexp.MustCompile(`(?i)Islamic State|\bISGS\b|\bIS Sahel\b`),
	}
	return groups, regexp.MustCompile(`(?i)\bJNIM\b|Group for Support of Islam and Muslims|Jama'?at Nus?rat al.Islam`)
}

// Labels beyond the group indices: the label of an event is the index of
// the group it names in agents.GroupIDs, or one of these.
const (
	LabelJNIM      = agents.NumGroups     // the coalition, no component named
	LabelAmbiguous = agents.NumGroups + 1 // an "X and/or Y" actor: JNIM or ISGS, the coders could not tell
	LabelUnknown   = agents.NumGroups + 2 // matched the filter but names no known group
	NumLabels      = agents.NumGroups + 3
)

// LabelID returns the name of label l: a group id, "JNIM", "ambiguous" or
// "unknown".
func LabelID(l int) string {
	switch l {
	case LabelJNIM:
		return "JNIM"
	case LabelAmbiguous:
		return "ambiguous"
	case LabelUnknown:
		return "unknown"
	}
	return agents.GroupIDs[l]
}

// evidenceLabel returns the label of the training data for label l, or
// -1 for an unknown one. The groups of agents and of the data have the
// same ids.
func evidenceLabel(l int) int {
	switch l {
	case LabelJNIM:
		return evidence.LabelJNIM
	case LabelAmbiguous:
		return evidence.LabelAmbiguous
	case LabelUnknown:
		return -1
	}
	return evidence.LabelIndex(agents.GroupIDs[l])
}

// A Classifier keeps the militant Islamist events of a file and tells
// which group each names.
type Classifier struct {
	actors *regexp.Regexp
	groups [agents.NumGroups]*regexp.Regexp
	jnim   *regexp.Regexp
}

// NewClassifier returns a Classifier that keeps political violence
// (Battles, Explosions/Remote violence, Violence against civilians) in
// which actor1, assoc_actor_1, actor2 or assoc_actor_2 matches actors; ""
// means DefaultActors.
func NewClassifier(actors string) (*Classifier, error) {
	if actors == "" {
		actors = DefaultActors
	}
	re, err := regexp.Compile(actors)
	if err != nil {
		return nil, fmt.Errorf("actors pattern: %w", err)
	}
	c := &Classifier{actors: re}
	c.groups, c.jnim = labelPatterns()
	return c, nil
}

// PoliticalViolence reports whether ACLED's event type typ is political
// violence: Battles, Explosions/Remote violence or Violence against
// civilians (after CurrentType).
func PoliticalViolence(typ string) bool {
	switch typ {
	case "Battles", "Explosions/Remote violence", "Violence against civilians":
		return true
	}
	return false
}

// Label returns the label of e (whose event type may be one of ACLED's
// before 2019: CurrentType), the group it names (an index in
// agents.GroupIDs, LabelJNIM, LabelAmbiguous or LabelUnknown), and
// whether e is a militant Islamist event at all. The label is read from
// actor1 and assoc_actor_1 first, then from actor2 and assoc_actor_2 (an
// operation of the state's forces names the group second), the
// associated actors split at semicolons. On a side, a group named on its
// own wins (the components first, by index, then ISGS), then the
// coalition named alone, then an "X and/or Y" actor, which ACLED writes
// when its coders could not tell two groups apart: the ambiguous label,
// whatever groups it names.
func (c *Classifier) Label(e *Event) (int, bool) {
	if typ, _ := CurrentType(e.EventType, e.SubEventType); !PoliticalViolence(typ) {
		return 0, false
	}
	if !c.actors.MatchString(e.Actor1) && !c.actors.MatchString(e.AssocActor1) &&
		!c.actors.MatchString(e.Actor2) && !c.actors.MatchString(e.AssocActor2) {
		return 0, false
	}
	for _, side := range [][2]string{{e.Actor1, e.AssocActor1}, {e.Actor2, e.AssocActor2}} {
		if l, ok := c.sideLabel(side); ok {
			return l, true
		}
	}
	return LabelUnknown, true
}

// sideLabel returns the label the names of one side give, if any.
func (c *Classifier) sideLabel(side [2]string) (int, bool) {
	named, jnim, ambiguous := -1, false, false
	for _, field := range side {
		for name := range strings.SplitSeq(field, ";") {
			if name = strings.TrimSpace(name); name == "" {
				continue
			}
			if strings.Contains(strings.ToLower(name), " and/or ") {
				if c.actors.MatchString(name) {
					ambiguous = true
				}
				continue
			}
			for g, re := range c.groups {
				if re.MatchString(name) && (named < 0 || g < named) {
					named = g
				}
			}
			if c.jnim.MatchString(name) {
				jnim = true
			}
		}
	}
	switch {
	case named >= 0:
		return named, true
	case jnim:
		return LabelJNIM, true
	case ambiguous:
		return LabelAmbiguous, true
	}
	return 0, false
}

// Class returns the class of a political violence event in the training
// data (an index of evidence.Classes): Battles are battle, Explosions/
// Remote violence remote; Violence against civilians is vac_abduction for
// an abduction or forced disappearance, vac_other for sexual violence,
// and vac_attack otherwise (an attack, or an event of an export before
// 2019, which had no sub-event type). ok is false for other event types.
func Class(eventType, subEventType string) (int, bool) {
	switch eventType {
	case "Battles":
		return evidence.ClassBattle, true
	case "Explosions/Remote violence":
		return evidence.ClassRemote, true
	case "Violence against civilians":
		switch subEventType {
		case "Abduction/forced disappearance":
			return evidence.ClassAbduction, true
		case "Sexual violence":
			return evidence.ClassOther, true
		}
		return evidence.ClassAttack, true
	}
	return 0, false
}

// civilianTargeting reports whether e targeted civilians as the
// simulator counts it (attacks on civilians and killings of local
// leaders, not kidnappings): civilian_targeting set and not an abduction,
// or, in files without that column, violence against civilians other
// than abduction.
func civilianTargeting(e *Event) bool {
	if e.SubEventType == "Abduction/forced disappearance" {
		return false
	}
	if e.HasCivilianTargeting {
		return e.CivilianTargeting
	}
	return e.EventType == "Violence against civilians"
}
