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

// queryID runs a statement that returns one id, or sql.ErrNoRows.
func (s *stmts) queryID(ctx context.Context, query string, args ...any) (int64, error) {
	st, err := s.get(ctx, query)
	if err != nil {
		return 0, err
	}
	var id int64
	err = st.QueryRowContext(ctx, args...).Scan(&id)
	return id, err
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
