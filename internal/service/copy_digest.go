package service

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// A copy is verified by digesting both sides the same way: each record
// in a canonical binary encoding of every field (floats as their bits,
// times as instants, audit changes' values as the JSON values they are,
// whatever form an engine stores them in), hashed in the dump's order.
// TestCopyDigestCoversEveryField fails when a record type gains a field this
// file does not encode.

// KindDigest is one kind of record's count and the SHA-256 of its
// records' canonical encodings, in hex.
type KindDigest struct {
	Kind   string
	Count  int64
	SHA256 string
}

// The kinds of record, in the order a dump holds and a report lists them.
const (
	kindPartners = iota
	kindTokens
	kindMappings
	kindScenarios
	kindAssets
	kindAssetEvents
	kindAdminEvents
	kindCount
)

var kindNames = [kindCount]string{"partners", "tokens", "import_mappings", "scenarios", "assets", "asset_events", "admin_events"}

// digestDump reads every sequence of d once and digests it.
func digestDump(ctx context.Context, d *RegisterDump) (RegisterDigest, error) {
	out := RegisterDigest{NextAssetID: d.NextAssetID, Kinds: make([]KindDigest, kindCount)}
	var err error
	for k, f := range []func() (KindDigest, error){
		func() (KindDigest, error) { return digestSeq(ctx, kindPartners, d.Partners, canonPartner) },
		func() (KindDigest, error) { return digestSeq(ctx, kindTokens, d.Tokens, canonToken) },
		func() (KindDigest, error) { return digestSeq(ctx, kindMappings, d.Mappings, canonMapping) },
		func() (KindDigest, error) { return digestSeq(ctx, kindScenarios, d.Scenarios, canonScenario) },
		func() (KindDigest, error) { return digestSeq(ctx, kindAssets, d.Assets, canonAsset) },
		func() (KindDigest, error) { return digestSeq(ctx, kindAssetEvents, d.AssetEvents, canonAssetEvent) },
		func() (KindDigest, error) { return digestSeq(ctx, kindAdminEvents, d.AdminEvents, canonAdminEvent) },
	} {
		if out.Kinds[k], err = f(); err != nil {
			return out, err
		}
	}
	return out, nil
}

func digestSeq[T any](ctx context.Context, kind int, seq iter.Seq2[T, error], enc func([]byte, T) []byte) (KindDigest, error) {
	seq = orNone(seq)
	h := sha256.New()
	var n int64
	var buf []byte
	for v, err := range seq {
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			return KindDigest{}, err
		}
		buf = enc(buf[:0], v)
		h.Write(buf)
		n++
	}
	return KindDigest{Kind: kindNames[kind], Count: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// orNone is seq, or no records for a nil one (a store without the
// capability the kind needs, scenarios say).
func orNone[T any](seq iter.Seq2[T, error]) iter.Seq2[T, error] {
	if seq == nil {
		return func(func(T, error) bool) {}
	}
	return seq
}

func canonPartner(b []byte, p *estate.Partner) []byte {
	b = canonStr(b, p.ID)
	b = canonStr(b, p.Name)
	b = canonStr(b, string(p.Kind))
	b = canonStr(b, p.URI)
	b = canonTime(b, p.CreatedAt)
	return canonTime(b, p.UpdatedAt)
}

func canonToken(b []byte, s *StoredToken) []byte {
	t := s.Token
	b = binary.AppendVarint(b, t.ID)
	b = canonStr(b, t.Name)
	b = canonStr(b, string(t.Role))
	b = canonStr(b, t.Partner)
	b = canonTime(b, t.CreatedAt)
	b = canonOptTime(b, t.RevokedAt)
	return canonStr(b, string(s.Hash))
}

func canonMapping(b []byte, m *estate.ImportMapping) []byte {
	b = canonStr(b, m.Partner)
	b = binary.AppendUvarint(b, uint64(len(m.Map)))
	for _, s := range m.Map {
		b = canonStr(b, s)
	}
	b = canonStr(b, m.Delimiter)
	b = canonTime(b, m.UpdatedAt)
	return canonStr(b, m.UpdatedBy)
}

// canonScenario encodes a scenario; its shares, rules and parameters as
// the JSON values they are, so two engines' JSON agree whatever their
// key order.
func canonScenario(b []byte, s *estate.Scenario) []byte {
	b = binary.AppendVarint(b, s.ID)
	b = canonStr(b, s.Partner)
	b = canonStr(b, s.Name)
	b = canonStr(b, s.Description)
	b = canonValue(b, s.SharedWith)
	b = canonValue(b, s.Rules)
	b = canonValue(b, s.Params)
	b = binary.AppendVarint(b, s.Version)
	b = canonTime(b, s.CreatedAt)
	b = canonStr(b, s.CreatedBy)
	b = canonTime(b, s.UpdatedAt)
	return canonStr(b, s.UpdatedBy)
}

func canonAssetEvent(b []byte, ev *estate.AuditEvent) []byte {
	b = binary.AppendVarint(b, ev.ID)
	b = binary.AppendVarint(b, ev.AssetID)
	b = canonStr(b, ev.Partner)
	b = canonStr(b, string(ev.Action))
	b = canonStr(b, ev.Actor)
	b = canonStr(b, ev.ActorPartner)
	b = canonTime(b, ev.At)
	b = binary.AppendVarint(b, ev.Version)
	return canonChanges(b, ev.Changes)
}

func canonAdminEvent(b []byte, ev *estate.AdminEvent) []byte {
	b = binary.AppendVarint(b, ev.ID)
	b = canonStr(b, ev.Entity)
	b = canonStr(b, ev.EntityID)
	b = canonStr(b, string(ev.Action))
	b = canonStr(b, ev.Actor)
	b = canonStr(b, ev.ActorPartner)
	b = canonTime(b, ev.At)
	return canonChanges(b, ev.Changes)
}

func canonChanges(b []byte, cs []estate.Change) []byte {
	b = binary.AppendUvarint(b, uint64(len(cs)))
	for _, c := range cs {
		b = canonStr(b, c.Field)
		b = canonValue(b, c.Before)
		b = canonValue(b, c.After)
	}
	return b
}

// canonValue encodes a change's value as the JSON value it stands for:
// 5, 5.0 and int64(5) alike, objects by sorted key, so two engines'
// decodings of the same JSON agree.
func canonValue(b []byte, v any) []byte {
	switch t := v.(type) {
	case nil:
		return append(b, 'z')
	case bool:
		if t {
			return append(b, 't')
		}
		return append(b, 'f')
	case string:
		return canonStr(append(b, 's'), t)
	case float64:
		return binary.BigEndian.AppendUint64(append(b, 'n'), math.Float64bits(t))
	case int64:
		return canonValue(b, float64(t))
	case int:
		return canonValue(b, float64(t))
	case json.Number:
		if f, err := strconv.ParseFloat(string(t), 64); err == nil {
			return canonValue(b, f)
		}
	case []any:
		b = binary.AppendUvarint(append(b, 'a'), uint64(len(t)))
		for _, e := range t {
			b = canonValue(b, e)
		}
		return b
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = binary.AppendUvarint(append(b, 'o'), uint64(len(t)))
		for _, k := range keys {
			b = canonValue(canonStr(b, k), t[k])
		}
		return b
	}
	// Anything else (typed slices, structs) as the JSON it encodes to.
	j, err := json.Marshal(v)
	var back any
	if err == nil {
		err = json.Unmarshal(j, &back)
	}
	if err != nil {
		return canonStr(append(b, 'x'), err.Error())
	}
	return canonValue(b, back)
}

// canonAsset encodes every field estate.Fields describes, by kind, so a
// field added there is carried here too.
func canonAsset(b []byte, a *estate.Asset) []byte {
	b = binary.AppendVarint(b, a.ID)
	for i := range estate.Fields {
		f := &estate.Fields[i]
		switch f.Kind {
		case estate.FieldText:
			b = canonStr(b, f.Text(a))
		case estate.FieldWhole:
			if p := *f.Whole(a); p == nil {
				b = append(b, 0)
			} else {
				b = binary.AppendVarint(append(b, 1), *p)
			}
		case estate.FieldReal:
			if p := *f.Real(a); p == nil {
				b = append(b, 0)
			} else {
				b = canonFloat(append(b, 1), *p)
			}
		case estate.FieldFlag:
			b = strconv.AppendBool(b, *f.Flag(a))
		case estate.FieldInstant:
			b = canonOptTime(b, *f.Instant(a))
		case estate.FieldVersion:
			b = binary.AppendVarint(b, *f.Count(a))
		case estate.FieldStamp:
			b = canonTime(b, *f.Stamp(a))
		case estate.FieldPoint:
			b = canonFloat(canonFloat(b, a.Location.Lon), a.Location.Lat)
		case estate.FieldShape:
			b = binary.AppendUvarint(b, uint64(len(a.Footprint)))
			for _, p := range a.Footprint {
				b = binary.AppendUvarint(b, uint64(len(p)))
				for _, r := range p {
					b = binary.AppendUvarint(b, uint64(len(r)))
					for _, pt := range r {
						b = canonFloat(canonFloat(b, pt.Lon), pt.Lat)
					}
				}
			}
		case estate.FieldOccupiers:
			b = binary.AppendUvarint(b, uint64(len(a.Occupiers)))
			for _, o := range a.Occupiers {
				b = canonStr(b, o.Partner)
				if o.AreaM2 == nil {
					b = append(b, 0)
				} else {
					b = canonFloat(append(b, 1), *o.AreaM2)
				}
			}
		case estate.FieldTags:
			b = binary.AppendUvarint(b, uint64(len(a.Tags)))
			for _, t := range a.Tags {
				b = canonStr(b, t)
			}
		default:
			// A new kind of field must be given an encoding here.
			panic(fmt.Sprintf("service: copy: field %s has a kind (%d) with no canonical encoding", f.Name, f.Kind))
		}
	}
	return b
}

func canonStr(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func canonFloat(b []byte, f float64) []byte {
	return binary.BigEndian.AppendUint64(b, math.Float64bits(f))
}

// canonTime encodes an instant, whatever its location.
func canonTime(b []byte, t time.Time) []byte {
	return binary.AppendUvarint(binary.AppendVarint(b, t.Unix()), uint64(t.Nanosecond()))
}

func canonOptTime(b []byte, t *time.Time) []byte {
	if t == nil {
		return append(b, 0)
	}
	return canonTime(append(b, 1), *t)
}
