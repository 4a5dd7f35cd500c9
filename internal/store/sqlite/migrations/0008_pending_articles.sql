-- 0008: the articles still to process, listed (as in PostgreSQL's 0008):
-- "which articles have no story yet" no longer reads every article. An
-- article is listed when it is stored and unlisted when its assignment is
-- saved.

CREATE TABLE pending_articles (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id)
);

INSERT INTO pending_articles (article_id)
SELECT a.id FROM articles a
WHERE NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_id = a.id);
