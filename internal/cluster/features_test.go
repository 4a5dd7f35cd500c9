package cluster_test

import (
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/cluster"
)

const (
	duiText = "San Diego Chargers receiver Vincent Jackson was arrested on suspicion of drunken driving early Tuesday, " +
		"the California Highway Patrol said. Vincent Jackson will still play in Sunday's playoff game at Pittsburgh."
	duiLater = "Jackson, 25, was pulled over on state Route 52 and failed sobriety tests, the patrol said. " +
		"Jackson was on probation for an earlier arrest."
	// mixedText leads with the quake; its longer tail is about the rehab story.
	mixedText = "A strong earthquake struck off Vanuatu and damaged buildings in Port Vila. " +
		"A tsunami warning was issued for Fiji. " +
		"In other news, actress Tara Reid checked into rehab at Promises in Malibu, her publicist Jack Ketsoyan said. " +
		"Reid starred in American Pie."
)

// last adds docs in order and returns the last assignment.
func last(cfg cluster.Config, docs ...cluster.Doc) cluster.Result {
	cfg.Now = func() time.Time { return now }
	c := cluster.New(cfg)
	var r cluster.Result
	for _, d := range docs {
		r = c.Add(d)
	}
	return r
}

func TestNamePartsMatchSurnames(t *testing.T) {
	docs := []cluster.Doc{{ID: 1, Text: duiText}, {ID: 2, Text: duiLater}}
	with := last(cluster.Config{}, docs...).Assignment
	without := last(cluster.Config{NamePartWeight: -1}, docs...).Assignment
	if !strings.Contains(with.Reason, "shared names: Jackson") {
		t.Errorf("with name parts: Reason=%q, want it to share the name Jackson", with.Reason)
	}
	if strings.Contains(without.Reason, "shared names: Jackson") {
		t.Errorf("without name parts: Reason=%q, want no shared name Jackson", without.Reason)
	}
	if with.Similarity <= without.Similarity {
		t.Errorf("similarity with name parts %.3f, without %.3f: want higher with", with.Similarity, without.Similarity)
	}
}

func TestLeadDecides(t *testing.T) {
	tests := []struct {
		name string
		cfg  cluster.Config
		want int64
	}{
		{"lead weighted", cluster.Config{}, 1},
		{"lead not weighted", cluster.Config{LeadWeight: -1}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := last(tt.cfg, cluster.Doc{ID: 1, Title: quakeTitle, Text: quakeText}, cluster.Doc{ID: 2, Title: rehabTitle, Text: rehabText},
				cluster.Doc{ID: 3, Text: mixedText})
			if r.Assignment.StoryID != tt.want {
				t.Errorf("StoryID=%d, want %d (%s)", r.Assignment.StoryID, tt.want, r.Assignment.Reason)
			}
		})
	}
}
