package transparency

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/placetrust/placetrust/internal/estate"
)

// Councils write free text in TenureDetail ("Leased to X Ltd until
// 2030", "Vacant - awaiting disposal") and their own categories of use in
// HoldingType ("Car Parks", "Libraries"). Both are fine as published: they
// are kept, as a note line or as the use, without a warning, and our own
// value is taken from them only where the words leave no doubt.

// tenureDetail reads a TenureDetail cell. One of our words gives the
// detail alone; any other text is kept as a note line, and gives the
// detail when its words name exactly one (detailInText). Text that names
// none leaves the field out, so an update keeps what officers set.
func (rr *rowReader) tenureDetail(s string) {
	if d, ok := lookupNorm(detailWords, s); ok {
		rr.a.TenureDetail = d
		return
	}
	s = oneLine(s)
	rr.notes = append(rr.notes, "TenureDetail: "+s)
	if rr.a.TenureDetail = detailInText(s); rr.a.TenureDetail == "" {
		rr.drop("tenure_detail")
	}
}

// detailPhrases are words that say the tenure detail inside free text,
// matched as whole words, the longest first, so "not in use" is read
// before "in use" and "to let" (on the market, so vacant) before "let".
// "Leased" or "lease" alone could be either way and is not here, nor is
// "leased in", which "Leased in 2010 to..." would misread.
var detailPhrases = func() []detailPhrase {
	ps := []detailPhrase{}
	for d, phrases := range map[estate.TenureDetail][]string{
		estate.DetailVacant: {"vacant", "empty", "unoccupied", "not occupied", "not in use", "no longer in use",
			"disused", "surplus", "void", "to let", "available to let"},
		estate.DetailLeasedOut: {"leased out", "leasehold out", "let out", "leased to", "let to", "lease to",
			"let", "sublet", "sub let", "tenanted", "tenant"},
		estate.DetailLeasedIn:    {"leasehold in", "leased from", "lease from", "rented from", "held on lease"},
		estate.DetailGroundLease: {"ground lease", "ground leased"},
		estate.DetailLicence:     {"licence", "license", "licensed", "licenced", "licensee"},
		estate.DetailOccupied:    {"occupied", "owner occupied", "in use", "operational"},
	} {
		for _, p := range phrases {
			ps = append(ps, detailPhrase{strings.Fields(p), d})
		}
	}
	slices.SortFunc(ps, func(a, b detailPhrase) int {
		return cmp.Or(cmp.Compare(len(b.words), len(a.words)), strings.Compare(strings.Join(a.words, " "), strings.Join(b.words, " ")))
	})
	return ps
}()

type detailPhrase struct {
	words  []string
	detail estate.TenureDetail
}

// detailInText is the tenure detail free text names, or "" when it
// names none, or more than one ("Part let, part vacant").
func detailInText(s string) estate.TenureDetail {
	words := estate.Words(s)
	var found estate.TenureDetail
	for i := 0; i < len(words); {
		n := 1
		for _, p := range detailPhrases {
			if len(p.words) <= len(words)-i && slices.Equal(words[i:i+len(p.words)], p.words) {
				if found != "" && found != p.detail {
					return ""
				}
				found, n = p.detail, len(p.words)
				break
			}
		}
		i += n
	}
	return found
}

// holdingOfUse is the holding a category of use implies, where it is
// clear, keyed by normName. A car park may be a multi-storey building or
// a surface, a farm has land and buildings, housing may be either: such
// categories imply none and are not here.
var holdingOfUse = map[string]estate.Holding{
	"parksandopenspaces": estate.HoldingLand, "parksandopenspace": estate.HoldingLand, "parksopenspaces": estate.HoldingLand,
	"park": estate.HoldingLand, "parks": estate.HoldingLand, "openspace": estate.HoldingLand, "openspaces": estate.HoldingLand,
	"allotment": estate.HoldingLand, "allotments": estate.HoldingLand,
	"cemetery": estate.HoldingLand, "cemeteries": estate.HoldingLand, "burialground": estate.HoldingLand,
	"farmland": estate.HoldingLand, "agriculturalland": estate.HoldingLand,
	"carparksurface": estate.HoldingLand, "surfacecarpark": estate.HoldingLand, "surfacecarparks": estate.HoldingLand,
	"playingfield": estate.HoldingLand, "playingfields": estate.HoldingLand, "woodland": estate.HoldingLand,
	"multistoreycarpark": estate.HoldingBuilding, "multistoreycarparks": estate.HoldingBuilding,
	"office": estate.HoldingBuilding, "offices": estate.HoldingBuilding,
	"library": estate.HoldingBuilding, "libraries": estate.HoldingBuilding,
	"school": estate.HoldingBuilding, "schools": estate.HoldingBuilding,
	"depot": estate.HoldingBuilding, "depots": estate.HoldingBuilding,
	"shop": estate.HoldingBuilding, "shops": estate.HoldingBuilding,
	"communitycentre": estate.HoldingBuilding, "communitycentres": estate.HoldingBuilding,
	"industrialunit": estate.HoldingBuilding, "industrialunits": estate.HoldingBuilding,
	"publicconvenience": estate.HoldingBuilding, "publicconveniences": estate.HoldingBuilding, "publictoilets": estate.HoldingBuilding,
}

// notAUse are HoldingType values that say nothing, kept only as a note.
var notAUse = map[string]bool{"other": true, "unknown": true, "notknown": true, "na": true, "nk": true, "none": true, "tbc": true, "various": true}

// holdingType reads a HoldingType cell. One of our words gives the
// holding. Any other value is the council's category of use: it becomes
// the use, unless the row has one (it is then a note line, if it says
// something else), and gives the holding where it implies one; otherwise
// the holding is left out, so an update keeps what officers set.
func (rr *rowReader) holdingType(s string) {
	if h, ok := lookupNorm(holdingWords, s); ok {
		rr.a.Holding = h
		return
	}
	s = oneLine(s)
	key := normName(s)
	if key == "" { // "-", "?": nothing to keep
		rr.drop("holding")
		return
	}
	if h, ok := holdingOfUse[key]; ok {
		rr.a.Holding = h
	} else {
		rr.drop("holding")
	}
	switch {
	case rr.a.Use == "" && !notAUse[key] && utf8.RuneCountInString(s) <= estate.MaxUseLen:
		rr.a.Use = s
		rr.fields |= estate.FieldSetOf("use")
	case normName(rr.a.Use) != key:
		rr.notes = append(rr.notes, "HoldingType: "+s)
	}
}
