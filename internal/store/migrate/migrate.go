package migrate

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// ErrTooNew means the database was migrated by a newer program than this one.
var ErrTooNew = errors.New("database schema is newer than this program")

// Migration is one versioned SQL file.
type Migration struct {
	Version int
	// Name is the file name without its version and extension ("init").
	Name string
	SQL  string
}

// Load reads the migrations in dir of fsys, ordered by version. File names
// are NNNN_name.sql; versions start at 1 and have no gaps or duplicates.
// Other files are ignored.
func Load(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("load migrations %s: %w", dir, err)
	}
	var ms []Migration
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		version, name, err := parseName(e.Name())
		if err != nil {
			return nil, fmt.Errorf("load migrations %s: %w", dir, err)
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("load migrations %s: %w", dir, err)
		}
		ms = append(ms, Migration{Version: version, Name: name, SQL: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	for i, m := range ms {
		if m.Version != i+1 {
			return nil, fmt.Errorf("load migrations %s: version %d where %d was expected", dir, m.Version, i+1)
		}
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("load migrations %s: no migrations", dir)
	}
	return ms, nil
}

// parseName splits "0001_init.sql" into 1 and "init".
func parseName(file string) (int, string, error) {
	base := strings.TrimSuffix(file, ".sql")
	num, name, ok := strings.Cut(base, "_")
	if !ok || name == "" {
		return 0, "", fmt.Errorf("migration %s: want NNNN_name.sql", file)
	}
	v, err := strconv.Atoi(num)
	if err != nil || v < 1 {
		return 0, "", fmt.Errorf("migration %s: want a positive version before the underscore", file)
	}
	return v, name, nil
}

// Versions returns the versions of ms in order.
func Versions(ms []Migration) []int {
	vs := make([]int, len(ms))
	for i, m := range ms {
		vs[i] = m.Version
	}
	return vs
}

// Pending returns the migrations of ms newer than applied, the highest
// version a database records. It fails with ErrTooNew when the database is
// ahead of ms.
func Pending(ms []Migration, applied int) ([]Migration, error) {
	latest := 0
	if len(ms) > 0 {
		latest = ms[len(ms)-1].Version
	}
	if applied > latest {
		return nil, fmt.Errorf("schema version %d, this program knows up to %d: %w", applied, latest, ErrTooNew)
	}
	var out []Migration
	for _, m := range ms {
		if m.Version > applied {
			out = append(out, m)
		}
	}
	return out, nil
}
