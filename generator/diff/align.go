package diff

// Align makes the comparisons of the same two versions in several languages
// list the same sections. A section changed in one language only (a
// corrected translation, a reworded sentence) is Changed in every language;
// where its text is the same in both versions it is marked Translation, and
// a redline says it changed in another language version only.
//
// The comparisons must be of the same two versions: their sections then
// have the same ids in the same order, since ids, numbers and structure do
// not depend on the language.
func Align(cs ...*Comparison) {
	if len(cs) < 2 {
		return
	}
	for i := range cs[0].Documents {
		docs := make([][]Section, len(cs))
		for j, c := range cs {
			docs[j] = c.Documents[i].Sections
		}
		alignSections(docs)
	}
}

// alignSections aligns the same list of sections in several languages.
func alignSections(langs [][]Section) {
	for i := range langs[0] {
		same := make([]*Section, len(langs))
		for j := range langs {
			same[j] = &langs[j][i]
		}
		kids := make([][]Section, len(same))
		for j, s := range same {
			kids[j] = s.Children
		}
		alignSections(kids)
		changed := false
		for _, s := range same {
			changed = changed || s.Status != Unchanged
		}
		for _, s := range same {
			if changed && s.Status == Unchanged {
				s.Status, s.Translation = Changed, true
			}
		}
	}
}

// TranslationOnly reports whether s is listed only because it changed in
// another language, and no child of it says so already.
func (s Section) TranslationOnly() bool {
	if !s.Translation {
		return false
	}
	for _, c := range s.Children {
		if c.Translation {
			return false
		}
	}
	return true
}
