package estate

// MatchLike reports whether s matches a LIKE pattern: % any run of
// characters, _ any one, a backslash making the next character literal;
// case counts. A trailing lone backslash matches itself.
func MatchLike(pattern, s string) bool {
	toks := LikeTokens(pattern)
	rs := []rune(s)
	// Backtracking to the last %: linear for patterns without one, and
	// bounded for patterns capped in length (MaxCondText).
	ti, si, starT, starS := 0, 0, -1, 0
	for si < len(rs) || ti < len(toks) {
		if ti < len(toks) {
			t := toks[ti]
			if t.Kind == LikeAny {
				starT, starS = ti+1, si
				ti++
				continue
			}
			if si < len(rs) && (t.Kind == LikeOne || t.Rune == rs[si]) {
				ti++
				si++
				continue
			}
		}
		if starT < 0 || starS >= len(rs) {
			return false
		}
		starS++
		ti, si = starT, starS
	}
	return true
}

// LikeKind is what one token of a LIKE pattern matches.
type LikeKind int8

// The tokens of a LIKE pattern.
const (
	LikeLiteral LikeKind = iota // its rune
	LikeOne                     // _: any one character
	LikeAny                     // %: any run of characters
)

// LikeToken is one token of a LIKE pattern.
type LikeToken struct {
	Kind LikeKind
	Rune rune // for LikeLiteral
}

// LikeTokens reads a LIKE pattern, so that each store can write it in
// its own syntax with the meaning MatchLike gives it.
func LikeTokens(pattern string) []LikeToken {
	var out []LikeToken
	rs := []rune(pattern)
	for i := 0; i < len(rs); i++ {
		switch r := rs[i]; {
		case r == '%':
			out = append(out, LikeToken{Kind: LikeAny})
		case r == '_':
			out = append(out, LikeToken{Kind: LikeOne})
		case r == '\\' && i+1 < len(rs):
			i++
			out = append(out, LikeToken{Rune: rs[i]})
		default:
			out = append(out, LikeToken{Rune: r})
		}
	}
	return out
}
