#!/bin/sh
# vg-quotepart.sh: ./quotepart under valgrind, for QP_BIN (make valgrind):
# same arguments, same output; valgrind's report goes to a log of its own
# in $QP_VG_LOGS, which tests/reliability/valgrind.sh reads.
exec valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
	--suppressions="$QP_VG_ROOT/tests/reliability/valgrind.supp" \
	--log-file="$QP_VG_LOGS/quotepart.%p.log" "$QP_VG_ROOT/quotepart" "$@"
