package estate_test

import (
	"reflect"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// TestRedactPeopleAndNotes: the person and the notes are the asset's
// partner's and admins'; everyone else sees the partner, and money stays
// the public's only loss apart from them.
func TestRedactPeopleAndNotes(t *testing.T) {
	for _, tt := range []struct {
		name              string
		actor             estate.Actor
		seesPeople, money bool
	}{
		{"public", estate.Anonymous, false, false},
		{"other partner's viewer", estate.Actor{Name: "v", Role: estate.RoleViewer, Partner: "police"}, false, true},
		{"other partner's editor", estate.Actor{Name: "e", Role: estate.RoleEditor, Partner: "police"}, false, true},
		{"own viewer", estate.Actor{Name: "v", Role: estate.RoleViewer, Partner: "county"}, true, true},
		{"admin", estate.Actor{Name: "a", Role: estate.RoleAdmin}, true, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.actor.SeesPeopleAndNotes("county"); got != tt.seesPeople {
				t.Errorf("SeesPeopleAndNotes %v", got)
			}
			a := valid()
			a.RAGSetBy, a.Notes = "Jane Smith (county)", "Keys with Bob"
			a.RedactFor(tt.actor)
			wantBy, wantNotes := "county", ""
			if tt.seesPeople {
				wantBy, wantNotes = "Jane Smith (county)", "Keys with Bob"
			}
			if a.RAGSetBy != wantBy || a.Notes != wantNotes || (a.MarketValueGBP != nil) != tt.money {
				t.Errorf("asset: rag_set_by %q, notes %q, money %v", a.RAGSetBy, a.Notes, a.MarketValueGBP != nil)
			}
			unrated := valid()
			unrated.RedactFor(tt.actor)
			if unrated.RAGSetBy != "" {
				t.Errorf("an asset nobody rated shows rag_set_by %q", unrated.RAGSetBy)
			}

			for _, ev := range []struct {
				actor, actorPartner, want string
			}{
				{"Jane Smith", "county", "county"},
				{"Bob Jones", "", estate.NoPartnerActor}, // an admin token
			} {
				e := &estate.AuditEvent{Partner: "county", Actor: ev.actor, ActorPartner: ev.actorPartner,
					Changes: []estate.Change{{Field: "name"}, {Field: "notes"}, {Field: "market_value_gbp"}, {Field: "rag_set_by"}}}
				e.RedactFor(tt.actor, "county")
				want, fields := ev.want, []string{"name"}
				if tt.seesPeople {
					want = ev.actor
				}
				if tt.money {
					fields = append(fields, "market_value_gbp")
				}
				if tt.seesPeople {
					fields = []string{"name", "notes", "market_value_gbp", "rag_set_by"}
				}
				var got []string
				for _, c := range e.Changes {
					got = append(got, c.Field)
				}
				if e.Actor != want || e.ActorPartner != ev.actorPartner || !reflect.DeepEqual(got, fields) {
					t.Errorf("event by %q: actor %q (%q), changes %v", ev.actor, e.Actor, e.ActorPartner, got)
				}
			}
		})
	}
}
