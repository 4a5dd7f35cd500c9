package sqlite

import (
	"context"
	"database/sql"
	"errors"
)

// stmts prepares each statement of a transaction once, however many rows
// it writes, and closes them all at the end.
type stmts struct {
	tx   *sql.Tx
	byQL map[string]*sql.Stmt
}

func newStmts(tx *sql.Tx) *stmts {
	return &stmts{tx: tx, byQL: map[string]*sql.Stmt{}}
}

func (s *stmts) get(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := s.byQL[query]; ok {
		return st, nil
	}
	st, err := s.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	s.byQL[query] = st
	return st, nil
}

func (s *stmts) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := s.get(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// insert runs an INSERT of one row and returns its rowid, or sql.ErrNoRows
// when the row was not inserted (ON CONFLICT DO NOTHING). It is cheaper
// than RETURNING, which goes through a result set.
func (s *stmts) insert(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := s.exec(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, sql.ErrNoRows
	}
	return res.LastInsertId()
}

func (s *stmts) close() error {
	var errs []error
	for _, st := range s.byQL {
		errs = append(errs, st.Close())
	}
	return errors.Join(errs...)
}

// withStmts runs fn in a write transaction with a statement cache.
func (db *DB) withStmts(ctx context.Context, fn func(s *stmts) error) error {
	return inTx(ctx, db.write, func(tx *sql.Tx) error {
		s := newStmts(tx)
		return errors.Join(fn(s), s.close())
	})
}
