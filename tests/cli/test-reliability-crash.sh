#!/bin/sh
# Crashes (issue 6), the quick version: 20 writers (import, distribute,
# approve, pay) and 10 database creations killed with SIGKILL at random
# moments; see tests/reliability/crash.sh. `make stress` kills 150 and 50.
QP_KILLS=${QP_KILLS:-20} QP_INIT_KILLS=${QP_INIT_KILLS:-10} QP_ROWS=${QP_ROWS:-20000} \
	exec sh tests/reliability/crash.sh
