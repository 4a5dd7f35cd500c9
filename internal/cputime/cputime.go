// Package cputime reads the CPU time a process or the calling OS thread
// has used (user and system), so that benchmarks on a machine shared with
// other work can report a cost per item that does not count waiting for a
// core. Where the operating system cannot say, ok is false.
package cputime
