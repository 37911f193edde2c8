package estate

import (
	"slices"
	"strings"
)

// NoteLines are the lines of an asset's notes that an imported file owns
// when it owns only some: a stored line starting with one of Prefixes is
// the file's, and Lines are what the file says now.
type NoteLines struct {
	Prefixes []string
	Lines    []string
}

// Merge sets merged's notes to stored's with the file's lines put in
// place of those it owned. When stored already holds exactly those lines,
// its notes are kept as they are, wherever officers put the lines.
func (n *NoteLines) Merge(stored, merged *Asset) {
	kept, owned := n.split(stored.Notes)
	if slices.Equal(owned, n.Lines) {
		merged.Notes = stored.Notes
		return
	}
	merged.Notes = JoinNoteLines(kept, n.Lines)
}

// split separates the lines the file owns from the rest.
func (n *NoteLines) split(notes string) (kept string, owned []string) {
	if notes == "" {
		return "", nil
	}
	var keep []string
	for _, l := range strings.Split(notes, "\n") {
		mine := false
		for _, p := range n.Prefixes {
			mine = mine || strings.HasPrefix(l, p)
		}
		if mine {
			owned = append(owned, l)
		} else {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n"), owned
}

// JoinNoteLines adds lines to notes, leaving out lines it holds already,
// so notes written by an export read back unchanged.
func JoinNoteLines(notes string, lines []string) string {
	for _, l := range lines {
		if !strings.Contains("\n"+notes+"\n", "\n"+l+"\n") {
			if notes != "" {
				notes += "\n"
			}
			notes += l
		}
	}
	return notes
}
