package extract

import (
	"regexp"

	"github.com/parallax-news/parallax"
)

// leadCreditRE matches a photo credit in brackets closing a block:
// "… back to the Moon [Agency via Source]".
var leadCreditRE = regexp.MustCompile(`\[[^\[\]]{2,60}\]\s*$`)

// cleanBlocks removes the chrome that an HTML extractor left around the
// article, with the plain-text classifier's line rules applied to blocks:
// chrome and captions before the first prose block, short chrome inside,
// and the footer after the last strong prose. Block kinds are kept.
func cleanBlocks(a *parallax.Article) {
	if len(a.Body) == 0 {
		return
	}
	lines := make([]line, len(a.Body))
	counts := make(map[string]int, len(a.Body))
	for i, b := range a.Body {
		lines[i].text = b.Text
		lines[i].f = lineFeatures(b.Text)
		lines[i].folded = foldText(b.Text)
		counts[lines[i].folded]++
	}
	for i := range lines {
		lines[i].count = counts[lines[i].folded]
	}
	c := &classifier{lines: lines, a: a}
	for i := range lines {
		c.preclassify(&lines[i])
		lines[i].text = a.Body[i].Text // keep the extractor's text, bullets and all
	}
	c.confirmWeakProse()
	first := c.firstProse()
	footer := c.footerStart(first, proseMinWords)
	kept := a.Body[:0:0]
	links := "" // reason of a short related/promo label whose link list follows
	for i, b := range a.Body {
		reason := c.blockReason(i, first, footer)
		if reason == "" && links != "" && linkLike(lines[i], b) {
			reason = links
		}
		links = listLabel(lines[i], reason, links)
		switch {
		case reason == reasonHashtags:
			a.Tags = appendTags(a.Tags, b.Text)
		case reason != "":
		default:
			kept = append(kept, b)
			continue
		}
		a.Removed = append(a.Removed, parallax.Removed{Text: b.Text, Reason: reason})
	}
	a.Body = kept
}

// listLabel returns the reason carried to the blocks after l: set by a
// short label ("More:", "Related Stories", "DON'T MISS"), kept through
// the link-like blocks under it, dropped at anything else.
func listLabel(l line, reason, carried string) string {
	switch {
	case reason == reasonRelated && l.f.words <= 4:
		return reason
	case reason != "" && carried != "":
		return carried
	}
	return ""
}

// linkLike: a block that reads as a headline in a list of links, not as
// text: a few words, no sentence end, not a heading of the article.
func linkLike(l line, b parallax.Block) bool {
	return b.Kind != parallax.BlockHeading && l.f.words <= 14 && !l.f.endPunct && !isProse(l.f)
}

// blockReason says why block i is chrome, or "" to keep it.
func (c *classifier) blockReason(i, first, footer int) string {
	l := c.lines[i]
	switch {
	case l.label == lHashtags:
		return reasonHashtags
	case i >= footer:
		if l.chrome != "" {
			return l.chrome
		}
		return c.inheritedBlockReason(i, footer)
	case l.label == lCaption:
		return reasonCaption
	case i < first && l.chrome != "":
		return l.chrome
	case i < first && l.f.startsCTA && l.f.words <= 8 && !l.f.hasVerb:
		return reasonPromo
	case i < first && l.count > 1 && l.f.words <= 8:
		return reasonRepeated
	case i == 0 && len(c.lines) > 1 && leadCreditRE.MatchString(l.text):
		return reasonCaption
	case i < first && l.label == lByline:
		if name, ok := parseByline(l.text, l.f); ok && c.a.Byline == "" {
			c.a.Byline = name
		}
		return reasonByline
	case bodyChrome(l):
		return chromeOf(l)
	}
	return ""
}

func (c *classifier) inheritedBlockReason(i, footer int) string {
	for j := i - 1; j >= footer; j-- {
		if r := c.lines[j].chrome; r != "" {
			return r
		}
	}
	return reasonChrome
}
