-- 0008: the articles still to process, listed. "Which articles have no
-- story yet" was an anti-join of articles against story_articles: with
-- nothing pending it read every article (about 200 ms at 300,000), and
-- idle workers ask it, under the process lock, at every poll. An article
-- is listed when it is stored and unlisted when its assignment is saved;
-- articles and assignments are never deleted, so the list stays small.

CREATE TABLE pending_articles (
    article_id BIGINT PRIMARY KEY REFERENCES articles (id)
);

INSERT INTO pending_articles (article_id)
SELECT a.id FROM articles a
WHERE NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_id = a.id);
