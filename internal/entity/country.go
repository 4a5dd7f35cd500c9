package entity

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// countryNames returns the English names of the world's countries and
// regions ("United States", "Ukraine"), from the CLDR tables in
// golang.org/x/text, folded by NameKey.
func countryNames() map[string]bool {
	names := map[string]bool{}
	namer := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !r.IsCountry() {
				continue
			}
			if name := namer.Name(r); name != "" && !strings.ContainsAny(name, "()&") {
				names[NameKey(name)] = true
			}
		}
	}
	return names
}
