package entity

import (
	"math"
	"math/rand/v2"
)

// TrainOptions control Train.
type TrainOptions struct {
	// Epochs is the number of passes over the data (default 10).
	Epochs int
	// Seed fixes the order documents are visited in.
	Seed uint64
	// MinWeight drops features whose averaged weights are all smaller in
	// magnitude (default 0.05), to keep the shipped file small.
	MinWeight float64
	// Runs is the number of perceptrons trained with different visiting
	// orders whose weights are averaged (default 1).
	Runs int
	// Gazetteer lists the names of the training documents in the model
	// and makes them features. While training, each document sees only the
	// names of the other folds, as new text would.
	Gazetteer bool
	// Lists are external lists of names (or words), each entry a phrase of
	// words separated by spaces, at most maxLists of them; entries of one
	// character are skipped. The model keeps them, hashed, and a
	// capitalised phrase in list k has the features of list k (not of a
	// type: the weights learn what each list says).
	Lists [][]string
	// Capitals are the names of capitals and cities of a million people,
	// kept by the model for the story's entities (bigCity), not as
	// features.
	Capitals []string
	// Clusters are the cluster paths of words (clusters.go), kept by the
	// model, hashed, for the tagger's cluster features.
	Clusters map[string]uint16
}

// gazFolds is the number of parts the training documents are split into for
// the gazetteer each one sees while training.
const gazFolds = 5

// gazOthers is how many of the other folds lend their names to a fold's
// gazetteer. Fewer than all keeps the share of training names found in the
// gazetteer (55% with 2) below that of eng.testa (70%), closer to text from
// other days and years, so that the model does not learn that names are
// mostly listed.
const gazOthers = 2

// foldOf puts document d of n in one of gazFolds runs of consecutive
// documents: news of the same days shares names, and text tagged later
// (eng.testb is from later days) meets fewer of them.
func foldOf(d, n int) int { return d * gazFolds / n }

// trainer holds the weights of an averaged perceptron while it learns.
type trainer struct {
	rows   map[uint32]int32
	keys   []uint32
	w      []float64 // current weights
	u      []float64 // sum of step * update, for averaging
	step   float64
	scores [nLabels]float32
}

func (tr *trainer) rowFor(k uint32) int {
	if r, ok := tr.rows[k]; ok {
		return int(r)
	}
	r := len(tr.keys)
	tr.rows[k] = int32(r)
	tr.keys = append(tr.keys, k)
	tr.w = append(tr.w, make([]float64, nLabels)...)
	tr.u = append(tr.u, make([]float64, nLabels)...)
	return r
}

func (tr *trainer) score(feats []uint32) {
	tr.scores = [nLabels]float32{}
	for _, f := range feats {
		r, ok := tr.rows[f]
		if !ok {
			continue
		}
		for l := range nLabels {
			tr.scores[l] += float32(tr.w[int(r)*nLabels+l])
		}
	}
}

func (tr *trainer) update(feats []uint32, gold, guess int) {
	for _, f := range feats {
		r := tr.rowFor(f)
		tr.w[r*nLabels+gold]++
		tr.w[r*nLabels+guess]--
		tr.u[r*nLabels+gold] += tr.step
		tr.u[r*nLabels+guess] -= tr.step
	}
}

// Train learns a model from tagged documents with a greedy averaged
// perceptron: each word is tagged with the tags already chosen for the
// words before it as features, and the weights move towards the gold tag
// whenever the guess is wrong.
func Train(docs []Document, opt TrainOptions) *Model {
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	if opt.MinWeight <= 0 {
		opt.MinWeight = 0.05
	}
	runs := max(opt.Runs, 1)
	var folds []gazetteer
	var full gazetteer
	if opt.Gazetteer {
		full = gazetteer{}
		folds = make([]gazetteer, gazFolds)
		for k := range folds {
			folds[k] = gazetteer{}
		}
		for d := range docs {
			full.addDocument(&docs[d])
			for k := range folds {
				if dist := (foldOf(d, len(docs)) - k + gazFolds) % gazFolds; dist > 0 && dist <= gazOthers {
					folds[k].addDocument(&docs[d])
				}
			}
		}
	}
	if len(opt.Lists) > 0 {
		if full == nil {
			full = gazetteer{}
		}
		for k, list := range opt.Lists[:min(len(opt.Lists), maxLists)] {
			full.addList(k, list)
			for _, f := range folds {
				f.addList(k, list)
			}
		}
	}
	if len(opt.Capitals) > 0 {
		if full == nil {
			full = gazetteer{}
		}
		full.addEntries(opt.Capitals, capitalBit) // no features: the folds need not hold them
	}
	cl := newWordClusters(opt.Clusters)
	sum := map[uint32]*[nLabels]float64{}
	var order []uint32
	for run := range runs {
		tr := trainOnce(docs, opt.Epochs, opt.Seed+uint64(run), full, folds, cl)
		for r, k := range tr.keys {
			row, ok := sum[k]
			if !ok {
				row = new([nLabels]float64)
				sum[k] = row
				order = append(order, k)
			}
			for l := range nLabels {
				row[l] += (tr.w[r*nLabels+l] - tr.u[r*nLabels+l]/tr.step) / float64(runs)
			}
		}
	}
	var keys []uint32
	var weights []float32
	for _, k := range order {
		row := sum[k]
		keep := false
		for _, v := range row {
			keep = keep || math.Abs(v) >= opt.MinWeight
		}
		if !keep {
			continue
		}
		keys = append(keys, k)
		for _, v := range row {
			weights = append(weights, float32(v))
		}
	}
	m := newModel(keys, weights)
	m.gaz = full
	m.clusters = cl
	return m
}

func trainOnce(docs []Document, epochs int, seed uint64, full gazetteer, folds []gazetteer, cl wordClusters) *trainer {
	tr := &trainer{rows: map[uint32]int32{}}
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	var buf sentence
	var feats []uint32
	hist := history{}
	doc := docCase{}
	ctx := newDocContext()
	for range epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, d := range order {
			clear(hist)
			clear(doc)
			ctx.reset()
			gaz := full
			if folds != nil {
				gaz = folds[foldOf(d, len(docs))]
			}
			for _, sent := range docs[d].Sentences {
				doc.add(sent.Words)
				ctx.add(sent.Words)
			}
			for _, sent := range docs[d].Sentences {
				gold := goldLabels(sent.Tags)
				s := prepare(sent.Words, &buf, doc, ctx, gaz, cl)
				prev, prev2 := -1, -1
				for i := range s.words {
					feats = allKeys(feats[:0], s, i)
					feats = dynamic(feats, s, i, prev, prev2, hist)
					tr.step++
					tr.score(feats)
					guess := bestLabel(&tr.scores, prev)
					if guess != gold[i] {
						tr.update(feats, gold[i], guess)
					}
					hist.record(&s.words[i], guess)
					prev2, prev = prev, guess
				}
			}
		}
	}
	return tr
}

// goldLabels turns IOB1 or IOB2 tags into label indices in IOB2.
func goldLabels(tags []string) []int {
	out := make([]int, len(tags))
	for _, c := range Chunks(tags) {
		for i := c.Start; i < c.End; i++ {
			t := labelIndex("I-" + c.Type)
			if i == c.Start {
				t = labelIndex("B-" + c.Type)
			}
			out[i] = t
		}
	}
	return out
}
