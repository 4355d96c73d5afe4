//go:build unix

package input

import (
	"os"
	"syscall"
)

// nonBlock opens without blocking: a FIFO with no writer would block.
const nonBlock = syscall.O_NONBLOCK

// clearNonBlock makes reads of f blocking again (regular files ignore the
// flag, but a file is read as it always is).
func clearNonBlock(f *os.File) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	if err := rc.Control(func(fd uintptr) { serr = syscall.SetNonblock(int(fd), false) }); err != nil {
		return err
	}
	return serr
}
