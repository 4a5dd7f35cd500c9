package claim_test

import (
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/entity"
)

// standInMentions gives the tests the entity stage's mentions.
func standInMentions(s string) []parallax.Mention { return entity.Recognize(s) }
