#!/bin/sh
# I/O faults (issue 6), the quick version: disk full and I/O errors at 10
# points of each writer, backup and export (tests/reliability/faults.sh),
# then a real full disk on a private tmpfs when root (diskfull.sh).
# `make stress` tries every point, with short writes too.
QP_FAULT_POINTS=${QP_FAULT_POINTS:-10} sh tests/reliability/faults.sh || exit 1
exec sh tests/reliability/diskfull.sh
