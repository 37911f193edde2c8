package estate

// Exported for the external tests.

// ValidText reports whether v is single-line text the register accepts
// in a name, code or address: no control or bidirectional formatting
// characters, and UTF-8.
func ValidText(v string) bool { return textFault(v, false) == "" }
