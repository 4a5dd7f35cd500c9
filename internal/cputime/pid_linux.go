//go:build linux

package cputime

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// PID returns the CPU time (user and system) the process pid has used,
// read from /proc in clock ticks of 10 ms (Linux's USER_HZ), so that a
// benchmark can count the work of a server on the same machine, such as a
// PostgreSQL backend.
func PID(pid int) (d time.Duration, ok bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')') // the command may hold spaces
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, true
}
