package service

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"iter"
	"slices"
	"sync"
)

// tee digests what a loader reads from a dump, as it reads it.
type tee struct {
	mu    sync.Mutex
	next  int64
	kinds [kindCount]KindDigest
	whole [kindCount]bool
}

// digesting returns a dump reading src that digests each sequence as it
// is ranged: a range that ends early leaves its kind unread.
func digesting(src *RegisterDump) (*RegisterDump, *tee) {
	t := &tee{next: src.NextAssetID}
	return &RegisterDump{
		NextAssetID: src.NextAssetID,
		Partners:    teeSeq(t, kindPartners, src.Partners, canonPartner),
		Tokens:      teeSeq(t, kindTokens, src.Tokens, canonToken),
		Mappings:    teeSeq(t, kindMappings, src.Mappings, canonMapping),
		Scenarios:   teeSeq(t, kindScenarios, src.Scenarios, canonScenario),
		Assets:      teeSeq(t, kindAssets, src.Assets, canonAsset),
		AssetEvents: teeSeq(t, kindAssetEvents, src.AssetEvents, canonAssetEvent),
		AdminEvents: teeSeq(t, kindAdminEvents, src.AdminEvents, canonAdminEvent),
	}, t
}

func teeSeq[T any](t *tee, kind int, seq iter.Seq2[T, error], enc func([]byte, T) []byte) iter.Seq2[T, error] {
	seq = orNone(seq)
	return func(yield func(T, error) bool) {
		t.mu.Lock()
		t.whole[kind] = false
		t.mu.Unlock()
		h := sha256.New()
		var n int64
		var buf []byte
		for v, err := range seq {
			if err == nil {
				buf = enc(buf[:0], v)
				h.Write(buf)
				n++
			}
			if !yield(v, err) || err != nil {
				return
			}
		}
		t.mu.Lock()
		t.kinds[kind] = KindDigest{Kind: kindNames[kind], Count: n, SHA256: hex.EncodeToString(h.Sum(nil))}
		t.whole[kind] = true
		t.mu.Unlock()
	}
}

// result is the source's digest, once the loader has read every kind
// whole.
func (t *tee) result() (RegisterDigest, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for k, ok := range t.whole {
		if !ok {
			return RegisterDigest{}, fmt.Errorf("copy: the target did not read the source's %s whole", kindNames[k])
		}
	}
	return RegisterDigest{Kinds: slices.Clone(t.kinds[:]), NextAssetID: t.next}, nil
}
