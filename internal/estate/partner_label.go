package estate

import (
	"strings"
)

// NamedBy reports whether label, the organisation a file says it comes
// from (a Transparency Code OrganisationLabel), looks like a name of p:
// its telling words (not "council", "borough", "the"...) are all among
// those of p's name or id, or theirs among its own, or one side is the
// other's initials ("TMBC", "wcc"). A label of nothing but such words,
// "County Council", cannot tell and so fits any partner. It is a guess
// for a warning, never a reason to refuse a file.
func (p *Partner) NamedBy(label string) bool {
	words := Words(label)
	got := telling(words)
	if len(got) == 0 {
		return true
	}
	for _, name := range []string{p.Name, p.ID} {
		if name == "" {
			continue
		}
		pw := Words(name)
		want := telling(pw)
		if len(want) == 0 || subset(got, want) || subset(want, got) {
			return true
		}
		if one(got) == initials(pw) || one(want) == initials(words) {
			return true
		}
	}
	return false
}

// generalWords say what sort of body an organisation is, not which one,
// so two different councils share them.
var generalWords = map[string]bool{
	"the": true, "of": true, "and": true, "for": true,
	"council": true, "borough": true, "county": true, "district": true, "city": true, "metropolitan": true,
	"unitary": true, "parish": true, "town": true, "royal": true, "london": true,
	"cc": true, "dc": true, "bc": true, "mbc": true, "lbc": true, "rbc": true, "ua": true,
	"police": true, "constabulary": true, "fire": true, "rescue": true, "service": true, "services": true,
	"authority": true, "nhs": true, "trust": true, "foundation": true, "integrated": true, "care": true,
	"board": true, "icb": true, "department": true, "agency": true, "office": true, "government": true,
	"hm": true, "ministry": true, "partnership": true, "combined": true,
}

// linkWords are left out of initials: the "for" of Department for Work
// and Pensions is not in DWP.
var linkWords = map[string]bool{"the": true, "of": true, "and": true, "for": true}

func telling(words []string) map[string]bool {
	out := map[string]bool{}
	for _, w := range words {
		if !generalWords[w] {
			out[w] = true
		}
	}
	return out
}

func subset(a, b map[string]bool) bool {
	for w := range a {
		if !b[w] {
			return false
		}
	}
	return true
}

// one is the only telling word, or "" when there are more.
func one(words map[string]bool) string {
	if len(words) != 1 {
		return ""
	}
	for w := range words {
		return w
	}
	return ""
}

// initials are the first letters of words of two or more words, or ""
// (a single word's initial would match any word of one letter).
func initials(words []string) string {
	var b strings.Builder
	for _, w := range words {
		if !linkWords[w] {
			b.WriteString(w[:1])
		}
	}
	if b.Len() < 2 {
		return ""
	}
	return b.String()
}
