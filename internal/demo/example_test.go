package demo_test

import (
	"fmt"
	"io/fs"

	"github.com/parallax-news/parallax/internal/demo"
)

func ExampleManifest() {
	m, err := demo.Manifest()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range m.Events {
		fmt.Printf("%s (%s): %d articles, %d independent sources\n",
			e.Key, e.Kind, len(m.ArticlesOf(e.Key)), m.IndependentSources(e.Key))
	}
	// Output:
	// port-ellis-strike (port strike): 4 articles, 3 independent sources
	// carrowmouth-grain-strike (port strike): 4 articles, 4 independent sources
	// vessa-footbridge-collapse (bridge collapse): 4 articles, 3 independent sources
	// lakeside-tram-rescue (transport rescue plan): 4 articles, 2 independent sources
	// polar-tern-ice (ship trapped in ice): 5 articles, 4 independent sources
}

func ExampleCorpus() {
	files, err := fs.Glob(demo.Corpus(), "feeds/*")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(files)
	// Output:
	// [feeds/civic-standard.atom feeds/meridian-wire.rss]
}
