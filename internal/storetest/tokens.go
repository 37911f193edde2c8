package storetest

import (
	"reflect"
	"strconv"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

func testTokens(t *testing.T, open Factory) {
	e := newEnv(t, open, "county")
	tok := &estate.Token{Name: "Ann Officer", Role: estate.RoleEditor, Partner: "county"}
	secret, err := e.Tokens.CreateToken(admin, tok)
	must(t, err)

	t.Run("authenticate", func(t *testing.T) {
		got, err := e.Tokens.Authenticate(public, secret)
		if err != nil || got.ID != tok.ID || got.Role != estate.RoleEditor || got.Partner != "county" || got.Name != "Ann Officer" {
			t.Fatalf("authenticate: %+v %v", got, err)
		}
		_, err = e.Tokens.Authenticate(public, secret+"x")
		wantCode(t, "unknown secret", err, estate.EUNAUTHORIZED)
	})
	e.refuse([]refusal{
		{"name taken", func() error {
			_, err := e.Tokens.CreateToken(admin, &estate.Token{Name: "Ann Officer", Role: estate.RoleViewer, Partner: "county"})
			return err
		}, estate.ECONFLICT},
		{"unknown partner", func() error {
			_, err := e.Tokens.CreateToken(admin, &estate.Token{Name: "Bob", Role: estate.RoleViewer, Partner: "nobody"})
			return err
		}, estate.EINVALID},
		{"made by an editor", func() error {
			_, err := e.Tokens.CreateToken(As(estate.RoleEditor, "county"), &estate.Token{Name: "Bob", Role: estate.RoleAdmin})
			return err
		}, estate.EFORBIDDEN},
		{"listed by an editor", func() error { _, err := e.Tokens.FindTokens(As(estate.RoleEditor, "county")); return err }, estate.EFORBIDDEN},
		{"revoked by an editor", func() error { return e.Tokens.RevokeToken(As(estate.RoleEditor, "county"), tok.ID) }, estate.EFORBIDDEN},
		{"unknown revoked", func() error { return e.Tokens.RevokeToken(admin, tok.ID+100) }, estate.ENOTFOUND},
	})
	t.Run("revoke", func(t *testing.T) {
		must(t, e.Tokens.RevokeToken(admin, tok.ID))
		_, err := e.Tokens.Authenticate(public, secret)
		wantCode(t, "revoked token", err, estate.EUNAUTHORIZED)
		all, err := e.Tokens.FindTokens(admin)
		must(t, err)
		if len(all) != 1 || all[0].ID != tok.ID || all[0].RevokedAt == nil {
			t.Errorf("tokens after revoking: %+v", all)
		}
	})
	t.Run("admin audit", func(t *testing.T) {
		evs, err := e.Audit.FindAdminEvents(admin, estate.AdminEventFilter{})
		must(t, err)
		type what struct {
			Entity, ID string
			Action     estate.AuditAction
		}
		var got []what
		for _, ev := range evs {
			got = append(got, what{ev.Entity, ev.EntityID, ev.Action})
		}
		id := strconv.FormatInt(tok.ID, 10)
		want := []what{{estate.EntityToken, id, estate.ActionRevoke}, {estate.EntityToken, id, estate.ActionCreate},
			{estate.EntityPartner, "county", estate.ActionCreate}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("admin events %+v, want %+v", got, want)
		}
		only, err := e.Audit.FindAdminEvents(admin, estate.AdminEventFilter{Entity: estate.EntityPartner})
		if err != nil || len(only) != 1 || only[0].Actor != "admin" {
			t.Errorf("partner events %+v (%v)", only, err)
		}
		for _, ev := range evs {
			for _, c := range ev.Changes {
				if c.After == secret || c.Before == secret {
					t.Errorf("the audit holds the token's secret: %+v", ev)
				}
			}
		}
		_, err = e.Audit.FindAdminEvents(As(estate.RoleEditor, "county"), estate.AdminEventFilter{})
		wantCode(t, "admin audit read by an editor", err, estate.EFORBIDDEN)
	})
}
