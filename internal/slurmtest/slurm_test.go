package slurmtest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"
)

// TestSlurm runs test.sh: a sweep on a real Slurm cluster, checked
// against a local sweep, a calibration chained stage by stage, checked
// against a local calibration, and a failing shard that must cancel the
// merge.
func TestSlurm(t *testing.T) {
	if os.Getenv("SAHELSIM_SLURM") != "1" {
		t.Skip("set SAHELSIM_SLURM=1 to run the Slurm test (as root: it installs and starts Slurm)")
	}
	if os.Geteuid() != 0 {
		t.Fatal("the Slurm test needs root")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "test.sh", "all")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.WaitDelay = 30 * time.Second
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("test.sh: %v (after %s)", err, time.Since(start).Round(time.Second))
	}
	t.Logf("test.sh passed in %s", time.Since(start).Round(time.Second))
}
