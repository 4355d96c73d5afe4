package acled

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// Events are the events of an ACLED file, one per event whatever its
// layout, and how many rows were merged into them.
type Events struct {
	List []*Event
	Rows int // rows read
	// Merged is the number of rows that repeated an event already read
	// (the second row of each event in a monadic export) and were merged
	// into it.
	Merged int
}

// ReadEvents reads every event of an ACLED export. Rows that share an
// event_id_cnty are one event, written once per actor: ACLED's monadic
// layout (one row per actor: actor1, assoc_actor_1 and inter1 name that
// row's actor, actor2 is empty or absent), as its API returns with
// monadic=true. ReadEvents merges them back into the dyadic event, so
// that no event is counted twice: the first row's actor is the first
// side, the next row's the second (its actor1, assoc_actor_1 and inter1
// become actor2, assoc_actor_2 and inter2), and any further actor joins
// the second side's associated actors. A row that repeats an event of a
// dyadic file whole is dropped. The rows of one event must agree on the
// date, the event type, the place and the fatalities, or ReadEvents fails
// with a *ParseError naming both lines. Rows without an event_id_cnty are
// events of their own. Events come in the order of their first rows.
func ReadEvents(r io.Reader) (*Events, error) {
	ar := NewReader(r)
	out := &Events{}
	first := map[string]int{} // event_id_cnty → index in List
	lines := map[string]int{} // event_id_cnty → line of its first row
	for {
		e, err := ar.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out.Rows++
		i, seen := first[e.ID]
		if e.ID == "" || !seen {
			if e.ID != "" {
				first[e.ID] = len(out.List)
				lines[e.ID] = ar.Line()
			}
			out.List = append(out.List, e)
			continue
		}
		base := out.List[i]
		if what := disagree(base, e); what != "" {
			return nil, &ParseError{Line: ar.Line(), Column: "event_id_cnty",
				Err: fmt.Errorf("%s repeats the event of line %d with another %s: two events cannot share an id", e.ID, lines[e.ID], what)}
		}
		out.Merged++
		merge(base, e)
	}
}

// disagree returns the first field in which two rows of one event
// differ, or "".
func disagree(a, b *Event) string {
	switch {
	case a.Date != b.Date:
		return "event_date"
	case a.EventType != b.EventType || a.SubEventType != b.SubEventType:
		return "event type"
	case a.Latitude != b.Latitude || a.Longitude != b.Longitude:
		return "place"
	case a.Fatalities != b.Fatalities:
		return "number of fatalities"
	}
	return ""
}

// merge adds the actors of the row e to the event base.
func merge(base, e *Event) {
	actors := func(x *Event) []string {
		var out []string
		for _, s := range []string{x.Actor1, x.AssocActor1, x.Actor2, x.AssocActor2} {
			for a := range strings.SplitSeq(s, ";") {
				if a = strings.TrimSpace(a); a != "" {
					out = append(out, a)
				}
			}
		}
		return out
	}
	have := actors(base)
	var fresh []string
	for _, a := range actors(e) {
		if !slices.Contains(have, a) && !slices.Contains(fresh, a) {
			fresh = append(fresh, a)
		}
	}
	if len(fresh) == 0 {
		return // a repeated row, or the same actors again
	}
	if base.Actor2 == "" && e.Actor2 == "" && slices.Contains(fresh, e.Actor1) {
		// The monadic row of the other side.
		base.Actor2, base.AssocActor2, base.Inter2 = e.Actor1, e.AssocActor1, e.Inter1
		fresh = slices.DeleteFunc(fresh, func(a string) bool { return a == e.Actor1 || strings.Contains(e.AssocActor1, a) })
	}
	for _, a := range fresh {
		switch {
		case base.Actor2 == "":
			base.Actor2 = a
		case base.AssocActor2 == "":
			base.AssocActor2 = a
		default:
			base.AssocActor2 += "; " + a
		}
	}
}
