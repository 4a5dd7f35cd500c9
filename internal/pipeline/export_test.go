package pipeline

import "github.com/parallax-news/parallax"

// IndexedDerivations returns, for tests, the derivation the provenance
// index of the processor's engine holds for each article the engine holds
// (nil: none). It is nil before the first run.
func (p *Processor) IndexedDerivations() map[int64]*parallax.Derivation {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.eng == nil {
		return nil
	}
	out := make(map[int64]*parallax.Derivation, len(p.eng.articles))
	for id := range p.eng.articles {
		out[id] = nil
		if d, ok := p.eng.dedup.DerivedFrom(id); ok {
			out[id] = &d
		}
	}
	return out
}
