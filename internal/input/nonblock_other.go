//go:build !unix

package input

import "os"

const nonBlock = 0

func clearNonBlock(*os.File) error { return nil }
